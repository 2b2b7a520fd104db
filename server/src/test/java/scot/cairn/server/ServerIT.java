package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The runnable server as a user gets it: embedded TDB2 in a fresh folder, bundled examples
 * loaded on first start, the public port answering SPARQL and Fuseki on loopback. The same
 * application properties as PublicOutputsIT (whose publications it does not look at), so that
 * Spring's test context cache starts the server once for both.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/outputs-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../cube-definitions/profiles",
            "cairn.publish.password=outputs-it"
        })
class ServerIT {

    @LocalServerPort
    int port;

    @Autowired
    LoopbackFuseki fuseki;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String q(String sparql) {
        return URLEncoder.encode(sparql, StandardCharsets.UTF_8);
    }

    @Test
    void theFirstQueryOfTheReadmeReturnsTheExampleDataZones() throws Exception {
        String query = "PREFIX foi: <http://publishmydata.com/def/ontology/foi/>\n"
                + "SELECT (COUNT(?dz) AS ?dataZones) WHERE { ?dz foi:memberOf <http://statistics.gov.scot/def/foi/collection/data-zones-2011> }";
        HttpResponse<String> r = get("http://localhost:" + port + "/sparql?query=" + q(query), "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().strip().split("\r?\n");
        assertThat(lines[0]).isEqualTo("dataZones");
        assertThat(Integer.parseInt(lines[1].strip())).isGreaterThan(0);
    }

    @Test
    void theThemeOfAnExampleDatasetDereferences() throws Exception {
        HttpResponse<String> r =
                get("http://localhost:" + port + "/def/concept/folders/themes/education.nt", "application/n-triples");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<http://www.w3.org/2004/02/skos/core#prefLabel> \"Education\"",
                        "<http://www.w3.org/2004/02/skos/core#inScheme> <http://statistics.gov.scot/def/concept-scheme/themes>");
    }

    @Test
    void anUnknownAreaIsA404SayingSoNotTheFrameworksErrorPage() throws Exception {
        for (String code : new String[] {"S12999999", "not-a-code"}) {
            String said = "No area " + code + " in the loaded geography (neither a current nor an archived code)";
            HttpResponse<String> page = get("http://localhost:" + port + "/areas/" + code, "text/html");
            assertThat(page.statusCode()).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("Page not found", said).doesNotContain("Whitelabel");
            HttpResponse<String> text = get("http://localhost:" + port + "/areas/" + code, "text/plain");
            assertThat(text.statusCode()).isEqualTo(404);
            assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(text.body()).isEqualTo("404 Not Found: " + said + "\n");
        }
        assertThat(get("http://localhost:" + port + "/areas/S12000033", "text/html")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void fusekiAnswersOnLoopbackWithTheSameStore() throws Exception {
        String query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
        HttpResponse<String> r = get("http://127.0.0.1:" + fuseki.port() + "/ds/query?query=" + q(query), "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(r.body().strip().split("\r?\n")[1].strip())).isGreaterThan(0);
    }

    @Test
    void fusekiOnLoopbackRefusesUpdates() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fuseki.port() + "/ds/update"))
                        .header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { <urn:a> <urn:b> <urn:c> }"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isBetween(400, 499);
    }

    @Test
    void aLocalityCreatedForTablesIsTheSameLocalityInItsProfile() throws Exception {
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/localities"))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"name\": \"Upper Culter\", \"dataZones\": [\"S01006506\", \"S01006507\", \"S01006508\", \"S01006509\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String slug = location.substring(location.lastIndexOf('/') + 1);

        HttpResponse<String> profile = get(
                "http://localhost:" + port + "/profiles/example-local/localities/" + slug + ".json",
                "application/json");
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        assertThat(profile.body()).contains("Upper Culter").contains("free-school-meals");

        HttpResponse<String> unknown = get(
                "http://localhost:" + port + "/profiles/example-local/localities/no-such-locality.json",
                "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
