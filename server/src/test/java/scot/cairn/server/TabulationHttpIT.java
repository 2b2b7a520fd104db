package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tabulation API over real HTTP on a random port, against the bundled examples (geography
 * and synthetic microdata) that an empty data folder gets on first start.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cairn.data-dir=target/tabulation-it-data/${random.uuid}", "cairn.fuseki.port=0"})
class TabulationHttpIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static final String SEX_AGE_BY_COUNCIL = """
            {"dataset": "persons", "variables": ["sex", "age"], "geography": {"level": "council"}}""";

    @Test
    void datasetsAndVariablesAreListedWithoutRecordCounts() throws Exception {
        HttpResponse<String> r = get("/tabulate/datasets");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(r.body());
        assertThat(list.findValuesAsText("name")).contains("persons", "businesses");
        assertThat(r.body()).doesNotContain("\"records\"");
        assertThat(list.findValues("categories"))
                .allSatisfy(
                        c -> c.forEach(label -> assertThat(label.isTextual()).isTrue()));
        JsonNode vars = JSON.readTree(get("/tabulate/variables?dataset=persons").body());
        assertThat(vars.at("/variables/0/name").asText()).isEqualTo("sex");
        assertThat(vars.at("/variables/0/categories/1").asText()).isEqualTo("Male");
    }

    @Test
    void postTabulateReturnsPerturbedCellsRulesAndNotesTheSameEveryTime() throws Exception {
        HttpResponse<String> r = post("/tabulate", SEX_AGE_BY_COUNCIL);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode t = JSON.readTree(r.body());
        assertThat(t.get("areas")).hasSize(2);
        assertThat(t.get("cells")).hasSize(2 * 3 * 9);
        for (JsonNode cell : t.get("cells")) {
            assertThat(cell.get("count").asLong()).isNotIn(1L, 2L);
        }
        assertThat(t.get("notes").get(0).asText()).contains("may not add up");
        assertThat(t.findValuesAsText("rule")).contains("cell-key-perturbation", "sparsity");
        assertThat(post("/tabulate", SEX_AGE_BY_COUNCIL).body()).isEqualTo(r.body());
        // The GET form and a reordered request reach the same cells.
        JsonNode viaGet = JSON.readTree(
                get("/tabulate?dataset=persons&variables=age,sex&level=council").body());
        for (JsonNode cell : t.get("cells")) {
            String area = cell.get("area").asText();
            String sex = cell.get("categories").get(0).asText();
            String age = cell.get("categories").get(1).asText();
            boolean found = false;
            for (JsonNode other : viaGet.get("cells")) {
                if (other.get("area").asText().equals(area)
                        && other.get("categories").get(0).asText().equals(age)
                        && other.get("categories").get(1).asText().equals(sex)) {
                    assertThat(other.get("count").asLong())
                            .isEqualTo(cell.get("count").asLong());
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void theDataZonesOfACouncilWithAgeBandsAreAskedByGetAsByPostAndStreamedAsCsv() throws Exception {
        String post = """
                {"dataset": "persons", "variables": ["sex", "age"], "geography": {"level": "data-zone", "within": "S12000033"},
                 "groups": {"age": [{"label": "Under 16", "categories": ["1"]}, {"label": "16 to 64, working age", "categories": ["2", "3", "4", "5", "6"]}]}}""";
        JsonNode byPost = JSON.readTree(post("/tabulate", post).body());
        JsonNode byGet = JSON.readTree(
                get("/tabulate?dataset=persons&variables=sex,age&level=data-zone&within=S12000033" + "&group="
                                + enc("age:Under 16=1") + "&group=" + enc("age:16 to 64, working age=2|3|4|5|6"))
                        .body());
        assertThat(byGet).isEqualTo(byPost);
        assertThat(byPost.at("/variables/1/categories").findValuesAsText("label"))
                .containsExactly("Under 16", "16 to 64, working age", "Total");
        assertThat(byPost.get("areas").findValuesAsText("code"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).startsWith("S01"));
        HttpResponse<String> csv =
                get("/tabulate?dataset=persons&variables=sex,age&level=data-zone&within=S12000033&format=csv"
                        + "&group=" + enc("age:16 to 64, working age=2|3|4|5|6"));
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().skip(1).toList())
                .hasSize(byPost.get("areas").size() * 3 * 2)
                .anySatisfy(l -> assertThat(l).contains(",g1,\"16 to 64, working age\","));
        HttpResponse<String> badGroup = get("/tabulate?dataset=persons&variables=age&group=" + enc("age:Old=99"));
        assertThat(badGroup.statusCode()).isEqualTo(400);
        assertThat(badGroup.body()).contains("names no category of it: '99'");
        HttpResponse<String> badWithin = get("/tabulate?dataset=persons&level=council&within=S12000033");
        assertThat(badWithin.statusCode()).isEqualTo(400);
        HttpResponse<String> badFormat = get("/tabulate?dataset=persons&format=xlsx");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.body()).contains("format must be json, csv or json-stat");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void csvAndJsonStatFormats() throws Exception {
        HttpResponse<String> csv = post("/tabulate?format=csv", SEX_AGE_BY_COUNCIL);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("area,area_name,sex,sex_label,age,age_label,count,total,withheld\n");
        assertThat(csv.body().strip().split("\n")).hasSize(1 + 54);
        JsonNode stat = JSON.readTree(
                post("/tabulate?format=json-stat", SEX_AGE_BY_COUNCIL).body());
        assertThat(stat.get("version").asText()).isEqualTo("2.0");
        assertThat(stat.get("size").toString()).isEqualTo("[2,3,9,1]");
        assertThat(stat.get("value")).hasSize(54);
    }

    @Test
    void refusalsAre422WithRuleAndAdviceAndBadRequestsAre400() throws Exception {
        HttpResponse<String> refused = post("/tabulate", """
                {"dataset": "persons", "variables": ["sex", "age", "health", "ethnic", "religion"], "geography": {"level": "council"}}""");
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("rule").asText()).isEqualTo("max-variables");
        assertThat(body.get("advice").asText()).contains("fewer variables");
        HttpResponse<String> bad = post("/tabulate", """
                {"dataset": "persons", "variables": ["colour"]}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("no variable 'colour'");
        HttpResponse<String> malformed = post("/tabulate", "{\"dataset\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> twoGeographies = post("/tabulate", """
                {"dataset": "persons", "geography": {"level": "council", "locality": "x"}}""");
        assertThat(twoGeographies.statusCode()).isEqualTo(400);
        assertThat(twoGeographies.body()).contains("exactly one of level, areas, dataZones or locality");
    }

    @Test
    void localitiesAreCreatedListedAndTabulated() throws Exception {
        HttpResponse<String> created = post("/localities", """
                {"name": "Culter", "dataZones": ["S01006506", "S01006507", "S01006508", "S01006509"]}""");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/localities/culter");
        assertThat(get("/localities").body()).contains("\"slug\":\"culter\"");
        assertThat(get("/localities/culter").statusCode()).isEqualTo(200);
        assertThat(get("/localities/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> t = post("/tabulate", """
                {"dataset": "persons", "variables": ["sex"], "geography": {"locality": "culter"}}""");
        assertThat(t.statusCode()).isEqualTo(200);
        JsonNode cells = JSON.readTree(t.body()).get("cells");
        assertThat(cells).hasSize(3);
        assertThat(cells.get(0).get("area").asText()).isEqualTo("locality:culter");
        HttpResponse<String> unknown = post("/localities", """
                {"name": "Nowhere", "dataZones": ["S01999999"]}""");
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void businessSumsCarryMagnitudeRules() throws Exception {
        HttpResponse<String> r = post("/tabulate", """
                {"dataset": "businesses", "variables": ["size"], "geography": {"level": "council"}, "measure": "sum", "magnitude": "employees"}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode t = JSON.readTree(r.body());
        assertThat(t.findValuesAsText("rule"))
                .contains("magnitude-suppression", "magnitude-perturbation")
                .doesNotContain("dominance", "min-frequency");
        assertThat(r.body()).doesNotContain("\"k\"");
    }
}
