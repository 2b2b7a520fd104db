package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.testsupport.MockMvcHttp;

/**
 * {@link VersionsController} in a {@code @WebMvcTest} slice over {@link TinyVersions}' three
 * versions: what its mappings answer, how it reads its parameters and the {@code Accept} header,
 * and every bad request answered in plain words (400, 404, 405, 406), never 500. What it answers
 * at its limits is {@link VersionsControllerTest}'s.
 */
@WebMvcTest
@ContextConfiguration(classes = {TinyVersionsFixture.class, VersionsController.class})
class VersionsControllerSliceTest {

    static final String DATASET = TinyVersions.URIS.dataset("tiny");

    @Autowired
    MockMvc mvc;

    final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> get(String path, String... headers) {
        return MockMvcHttp.text(new MockMvcHttp(mvc).get(path, headers));
    }

    static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElseThrow();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void assertPlain(HttpResponse<String> r, int status, String body) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(type(r)).startsWith("text/plain");
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void theHistoryListsEveryVersionAsJson() throws Exception {
        HttpResponse<String> r = get("/data/tiny/versions.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(type(r)).startsWith("application/json");
        JsonNode h = json.readTree(r.body());
        assertThat(h).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(h.get(i).get("version").asInt()).isEqualTo(i + 1);
            assertThat(h.get(i).get("note").asText()).isEqualTo("v" + (i + 1));
            assertThat(h.get(i).get("uri").asText()).isEqualTo(DATASET + "/version/" + (i + 1));
            assertThat(h.get(i).get("observations").asLong()).isEqualTo(3);
        }
        assertPlain(get("/data/nope/versions.json"), 404, "No versions of " + TinyVersions.URIS.dataset("nope") + "\n");
    }

    @Test
    void aVersionIsAPageOrItsRecordInTheFormatAskedForByAcceptOrExtension() {
        HttpResponse<String> page = get("/data/tiny/version/2", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(type(page)).startsWith("text/html");
        assertThat(page.headers().firstValue("Vary")).contains("Accept");
        assertThat(page.body())
                .contains("Tiny, version 2")
                .contains("This is an earlier version, kept read-only. The current version is 3.")
                .contains("/data/tiny/version/2/data.csv")
                .contains("/data/tiny/changes?from=1&amp;to=2");
        assertThat(get("/data/tiny/version/3", "Accept", "text/html").body()).contains("This is the current version.");

        HttpResponse<String> turtle = get("/data/tiny/version/2.ttl");
        assertThat(turtle.statusCode()).isEqualTo(200);
        assertThat(type(turtle)).startsWith("text/turtle");
        assertThat(turtle.body()).contains(DATASET + "/version/2");
        HttpResponse<String> nt = get("/data/tiny/version/2", "Accept", "application/n-triples");
        assertThat(nt.statusCode()).isEqualTo(200);
        assertThat(type(nt)).startsWith("application/n-triples");
        assertThat(nt.body()).startsWith("<" + DATASET + "/version/2>");

        HttpResponse<String> png = get("/data/tiny/version/2", "Accept", "image/png");
        assertThat(png.statusCode()).isEqualTo(406);
        assertThat(type(png)).startsWith("text/plain");
        assertThat(png.body()).startsWith("Not acceptable: image/png. Offered: ");
    }

    @Test
    void unknownVersionsAndDatasetsAnswer404InWords() {
        for (String number : new String[] {"9", "0", "abc", "-1", "99999999999", "1.5", "%20"}) {
            String shown = number.equals("%20") ? " " : number;
            assertPlain(
                    get("/data/tiny/version/" + number), 404, "Unknown version: " + shown + " of " + DATASET + "\n");
        }
        assertPlain(
                get("/data/nope/version/1.ttl"),
                404,
                "Unknown version: 1 of " + TinyVersions.URIS.dataset("nope") + "\n");
        assertPlain(get("/data/tiny/version/7/data.nt"), 404, "Unknown version: 7 of " + DATASET + "\n");
    }

    @Test
    void aVersionsDataComesAsSortedNTriplesAndCsvAttachments() {
        HttpResponse<String> nt = get("/data/tiny/version/1/data.nt");
        assertThat(nt.statusCode()).as(nt.body()).isEqualTo(200);
        assertThat(type(nt)).startsWith("application/n-triples");
        assertThat(nt.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"tiny-version-1.nt\"");
        assertThat(nt.body().lines()).hasSize(TinyVersions.TRIPLES).isSorted();
        assertThat(nt.body()).contains("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assertThat(get("/data/tiny/version/3/data.nt").body())
                .contains("\"9\"^^<http://www.w3.org/2001/XMLSchema#integer>")
                .doesNotContain("\"1\"^^");

        HttpResponse<String> csv = get("/data/tiny/version/2/data.csv?formulas=junk");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(type(csv)).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"tiny-version-2.csv\"");
    }

    @Test
    void changesBetweenTwoVersionsComeAsHtmlJsonAndCsv() throws Exception {
        HttpResponse<String> j = get("/data/tiny/changes.json?from=1&to=3");
        assertThat(j.statusCode()).as(j.body()).isEqualTo(200);
        assertThat(type(j)).startsWith("application/json");
        JsonNode c = json.readTree(j.body());
        assertThat(c.get("dataset").asText()).isEqualTo(DATASET);
        assertThat(c.get("from").asInt()).isEqualTo(1);
        assertThat(c.get("to").asInt()).isEqualTo(3);
        assertThat(c.get("csv").asText()).isEqualTo("/data/tiny/changes.csv?from=1&to=3");

        HttpResponse<String> html = get("/data/tiny/changes?from=1&to=3");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(type(html)).startsWith("text/html");
        assertThat(html.body()).contains("Changes from version 1 to version 3").contains("Observations changed");

        HttpResponse<String> csv = get("/data/tiny/changes.csv?from=1&to=3");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(type(csv)).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"tiny-changes-1-3.csv\"");
    }

    @Test
    void changesNeedTwoVersionNumbers() {
        String give = "Give two versions: ?from=N&to=M\n";
        assertPlain(get("/data/tiny/changes?from=1"), 400, give);
        assertPlain(get("/data/tiny/changes.json?from=one&to=two"), 400, give);
        assertPlain(get("/data/tiny/changes.csv?to=2&from=" + "9".repeat(50)), 400, give);
        HttpResponse<String> unknown = get("/data/tiny/changes.json?from=1&to=9");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(type(unknown)).startsWith("text/plain");
        assertThat(unknown.body()).startsWith("Unknown");
    }

    @Test
    void queriesOverVersionsByGetAndPostInTheFormatAccepted() {
        String select = "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s <http://example.org/value> ?o } } "
                + "GROUP BY ?g ORDER BY ?g";
        HttpResponse<String> csv =
                get("/versions/sparql?dataset=tiny&version=1&version=3&query=" + q(select), "Accept", "text/csv");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(type(csv)).startsWith("text/csv");
        assertThat(csv.body().lines())
                .containsExactly(
                        "g,n",
                        TinyVersions.URIS.graph("tiny") + "/version/1,3",
                        TinyVersions.URIS.graph("tiny") + "/version/3,3");

        HttpResponse<String> byDefault = get("/versions/sparql?dataset=tiny&query=" + q(select));
        assertThat(byDefault.statusCode()).isEqualTo(200);
        assertThat(type(byDefault)).startsWith("application/sparql-results+json");
        assertThat(byDefault.body()).contains("/version/2");
        // SPARQL JSON that Jena's own reader reads back: one row per version, each with its count
        var json = org.apache.jena.riot.ResultSetMgr.read(
                new java.io.ByteArrayInputStream(byDefault.body().getBytes(StandardCharsets.UTF_8)),
                org.apache.jena.riot.resultset.ResultSetLang.RS_JSON);
        assertThat(json.getResultVars()).containsExactly("g", "n");
        java.util.List<String> versions = new java.util.ArrayList<>();
        json.forEachRemaining(row -> versions.add(
                row.getResource("g").getURI() + " " + row.getLiteral("n").getLexicalForm()));
        assertThat(versions)
                .containsExactlyInAnyOrder(
                        TinyVersions.URIS.graph("tiny") + "/version/1 3",
                        TinyVersions.URIS.graph("tiny") + "/version/2 3",
                        TinyVersions.URIS.graph("tiny") + "/version/3 3");

        HttpResponse<String> posted = MockMvcHttp.text(new MockMvcHttp(mvc)
                .send(
                        "POST",
                        "/versions/sparql",
                        ("dataset=tiny&version=2&query=" + q(select)).getBytes(StandardCharsets.UTF_8),
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Accept",
                        "text/tab-separated-values"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(type(posted)).startsWith("text/tab-separated-values");
        assertThat(posted.body().lines()).hasSize(2);
        assertThat(posted.body()).contains("/version/2>");
    }

    @Test
    void badQueryRequestsAnswer400Or404InWords() {
        String ask = q("ASK { ?s ?p ?o }");
        String malformed = "Missing or malformed parameter: dataset (a dataset slug, e.g. recycling)\n";
        assertPlain(get("/versions/sparql?query=" + ask), 400, malformed);
        assertPlain(get("/versions/sparql?dataset=" + q("../etc") + "&query=" + ask), 400, malformed);
        // a very long slug is still a slug: no dataset has it
        String huge = "x".repeat(10_000);
        assertPlain(
                get("/versions/sparql?dataset=" + huge + "&query=" + ask),
                404,
                "No versions of " + TinyVersions.URIS.dataset(huge) + "\n");
        assertPlain(get("/versions/sparql?dataset=tiny"), 400, "Missing parameter: query\n");
        assertPlain(get("/versions/sparql?dataset=tiny&query=%20"), 400, "Missing parameter: query\n");
        HttpResponse<String> junk = get("/versions/sparql?dataset=tiny&query=" + q("SELECT WHERE {"));
        assertThat(junk.statusCode()).isEqualTo(400);
        assertThat(type(junk)).startsWith("text/plain");
        assertThat(junk.body()).startsWith("Malformed query: ");
        assertPlain(
                get("/versions/sparql?dataset=nope&query=" + ask),
                404,
                "No versions of " + TinyVersions.URIS.dataset("nope") + "\n");
        assertPlain(
                get("/versions/sparql?dataset=tiny&version=7&query=" + ask),
                404,
                "Unknown version: 7 of " + DATASET + "\n");
        assertPlain(
                get("/versions/sparql?dataset=tiny&version=two&query=" + ask),
                404,
                "Unknown version: two of " + DATASET + "\n");
    }

    @Test
    void everythingElseIsReadOnly() {
        for (String path : new String[] {"/data/tiny/versions.json", "/data/tiny/version/1", "/versions/sparql"}) {
            HttpResponse<byte[]> r = new MockMvcHttp(mvc).send("DELETE", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow").orElseThrow()).as(path).contains("GET");
        }
    }
}
