package scot.cairn.tabulation.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.tabulation.SmallMicrodataFixture;
import scot.cairn.testsupport.MockMvcHttp;

/**
 * {@link TabulationController} in a {@code @WebMvcTest} slice over a small synthetic microdata
 * store ({@link SmallMicrodataFixture}): a table by GET and POST as JSON or CSV, what can be
 * asked, and every bad request (missing or malformed parameters, an unknown format, dataset or
 * variable, a body that is not JSON, too large or of another type) a 4xx with a plain
 * {@code {"error": ...}}, never 500. The bundled microdata over real HTTP is tested in
 * {@code server} ({@code TabulationHttpIT}, {@code TabulationHostileRequestsIT}).
 */
@WebMvcTest(properties = "cairn.tabulation.max-request-bytes=2048")
@ContextConfiguration(
        classes = {SmallMicrodataFixture.class, TabulationControllerSliceTest.Clients.class, TabulationController.class
        })
class TabulationControllerSliceTest {

    /** The client settings bound from {@code cairn.tabulation.*} as the application binds them. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TabulationClientProperties.class)
    static class Clients {}

    static final String TABLE = "/tabulate?dataset=persons&variables=sex&level=council-areas";

    @Autowired
    MockMvc mvc;

    final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> get(String path, String... headers) {
        return MockMvcHttp.text(new MockMvcHttp(mvc).get(path, headers));
    }

    HttpResponse<String> post(String path, String body, String contentType) {
        return MockMvcHttp.text(new MockMvcHttp(mvc)
                .send("POST", path, body.getBytes(StandardCharsets.UTF_8), "Content-Type", contentType));
    }

    static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElseThrow();
    }

    /** A 4xx with {@code {"error": ...}} starting with {@code error}. */
    private void assertError(HttpResponse<String> r, int status, String error) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(type(r)).startsWith("application/json");
        assertThat(json.readTree(r.body()).get("error").asText()).startsWith(error);
    }

    @Test
    void aTableComesAsJsonOrCsvByFormatOrAccept() throws Exception {
        HttpResponse<String> j = get(TABLE);
        assertThat(j.statusCode()).as(j.body()).isEqualTo(200);
        assertThat(type(j)).startsWith("application/json");
        assertThat(j.body()).contains(SmallMicrodataFixture.COUNCIL);

        HttpResponse<String> csv = get(TABLE + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(type(csv)).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElseThrow()).startsWith("area,area_name,sex,sex_label,count");
        assertThat(csv.body().lines().skip(1)).allMatch(l -> l.startsWith(SmallMicrodataFixture.COUNCIL + ","));
        assertThat(get(TABLE, "Accept", "text/csv").body()).isEqualTo(csv.body());

        HttpResponse<String> stat = get(TABLE + "&format=json-stat");
        assertThat(stat.statusCode()).isEqualTo(200);
        assertThat(json.readTree(stat.body()).get("class").asText()).isEqualTo("dataset");

        HttpResponse<String> posted = post(
                "/tabulate?format=csv",
                "{\"dataset\": \"persons\", \"variables\": [\"sex\"], \"geography\": {\"level\": \"council-areas\"}}",
                "application/json");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(posted.body()).isEqualTo(csv.body());
    }

    @Test
    void whatCanBeAskedIsListedWithoutRecordCounts() throws Exception {
        HttpResponse<String> datasets = get("/tabulate/datasets");
        assertThat(datasets.statusCode()).isEqualTo(200);
        JsonNode d = json.readTree(datasets.body());
        assertThat(d).hasSize(1);
        assertThat(d.at("/0/name").asText()).isEqualTo("persons");
        assertThat(d.at("/0/measures/0").asText()).isEqualTo("count");
        HttpResponse<String> variables = get("/tabulate/variables?dataset=persons");
        assertThat(variables.statusCode()).isEqualTo(200);
        assertThat(json.readTree(variables.body()).at("/variables/0/name").asText())
                .isEqualTo("sex");
        assertThat(variables.body()).doesNotContain("300");
    }

    @Test
    void badParametersAre400InWords() throws Exception {
        assertError(get("/tabulate?variables=sex"), 400, "the query parameter 'dataset' is required");
        assertError(get(TABLE + "&format=xml"), 400, "format must be json, csv or json-stat, got 'xml'");
        assertError(
                get(TABLE + "&format=" + "x".repeat(5000)),
                400,
                "format must be json, csv or json-stat, got '" + "x".repeat(100) + "...'");
        assertError(get(TABLE + "&filter=sex"), 400, "a filter is variable:code|code..., got 'sex'");
        assertError(get(TABLE + "&group=sex"), 400, "a group is variable:label=code|code..., got 'sex'");
        assertError(get("/tabulate?dataset=nope&variables=sex&level=council-areas"), 400, "no dataset named 'nope'");
        assertError(get("/tabulate/variables"), 400, "the query parameter 'dataset' is required");
        assertError(get("/tabulate/variables?dataset=nope"), 400, "no dataset named 'nope'");
        assertError(get("/localities?page=abc"), 400, "the parameter 'page' must be a whole number, got 'abc'");
        assertError(get("/localities?size=1e99"), 400, "the parameter 'size' must be a whole number");
        assertError(
                get("/tabulate?dataset=persons&variables=shoe-size&level=council-areas"),
                400,
                "dataset persons has no variable 'shoe-size'; variables: ");
        assertError(get(TABLE + "&filter=shoe:1"), 400, "filter on unknown variable 'shoe'");
    }

    @Test
    void badBodiesAre4xxInWords() throws Exception {
        assertError(post("/tabulate", "{not json", "application/json"), 400, "the body is not valid JSON: ");
        assertError(post("/tabulate", "null", "application/json"), 400, "the body is null; send a table request");
        assertError(post("/tabulate", "[1, 2]", "application/json"), 400, "the body must be a table request");
        assertError(post("/tabulate", "", "application/json"), 400, "the request has no body; send a table request");
        assertError(post("/tabulate", "dataset=persons", "text/plain"), 415, "");
        assertError(
                post("/tabulate", "{\"dataset\": \"" + "x".repeat(5000) + "\"}", "application/json"),
                413,
                "the body is larger than 2048");
        assertError(
                post("/tabulate", "{\"dataset\": \"persons\", \"shoe\": 1}", "application/json"),
                400,
                "unknown field 'shoe'");
        assertError(post("/localities", "{\"name\": [7]}", "application/json"), 400, "");
    }

    @Test
    void unknownLocalitiesAre404() throws Exception {
        assertError(get("/localities/nowhere"), 404, "no locality 'nowhere'");
        HttpResponse<String> page = get("/localities");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(json.readTree(page.body()).get("total").asInt()).isZero();
    }
}
