package scot.cairn.profiles.web;

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

/** Profiles over real HTTP (port 0): JSON, CSV and HTML for an area and a locality; 404s in words. */
@SpringBootTest(
        classes = ProfilesTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cairn.profiles.dir=src/test/resources/example/profiles")
class ProfilesHttpIT {

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theProfilesOnOfferAreListed() throws Exception {
        HttpResponse<String> r = get("/profiles");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.get(0).get("name").asText()).isEqualTo("example-health");
        assertThat(j.get(0).get("areas").asText()).isEqualTo("/profiles/example-health/areas/{code}.html");
    }

    @Test
    void anAreaProfileComesAsJsonCsvAndHtml() throws Exception {
        HttpResponse<String> json = get("/profiles/example-health/areas/S12000033.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode j = new ObjectMapper().readTree(json.body());
        assertThat(j.at("/area/name").asText()).isEqualTo("Aberdeen City");
        assertThat(j.at("/rows/0/trend/direction").asText()).isEqualTo("IMPROVING");

        HttpResponse<String> csv = get("/profiles/example-health/areas/S12000033.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body())
                .startsWith("area_code,area_name,area_level,indicator,")
                .contains("S12000033,Aberdeen City,Council Area,emergency-stays-rate,");

        HttpResponse<String> html = get("/profiles/example-health/areas/S12000033.html");
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body()).contains("<h1>Aberdeen City (S12000033)</h1>").contains("improving since 2016");
        assertThat(get("/profiles/example-health/areas/S12000033").body()).isEqualTo(html.body());
    }

    @Test
    void aLocalityProfileAggregatesItsDataZones() throws Exception {
        HttpResponse<String> r = get("/profiles/example-health/localities/currie-and-culter.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.at("/area/level").asText()).isEqualTo("Locality");
        assertThat(j.at("/area/dataZones").asInt()).isEqualTo(4);
        // 2019 stays: S01006506 22, S01006507 23, S01008429 suppressed, S01008430 40.
        assertThat(j.at("/rows/1/value/value").asDouble()).isEqualTo(22 + 23 + 40);
        assertThat(j.at("/rows/1/value/suppressedDataZones").asInt()).isEqualTo(1);
        assertThat(j.at("/rows/0/subAreas/level").asText()).isEqualTo("Data Zone 2011");
        // a count is not ranked: no worst and best data zone
        assertThat(j.at("/rows/1/subAreas").isNull()).isTrue();
    }

    @Test
    void unknownThingsAnswer404InWords() throws Exception {
        HttpResponse<String> r = get("/profiles/nope/areas/S12000033.json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no profile named nope\n");
        assertThat(get("/profiles/example-health/areas/S12999999.json").body())
                .isEqualTo("no area with code S12999999 is loaded\n");
        assertThat(get("/profiles/example-health/localities/nowhere.html").body())
                .isEqualTo("no locality with id nowhere\n");
        assertThat(get("/profiles/example-health/areas/S12000033.xlsx").body())
                .isEqualTo("unknown format .xlsx (use .json, .csv or .html)\n");
    }
}
