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

/**
 * Profiles as the application wires them ({@link ProfilesConfiguration} with its start-up beans),
 * over real HTTP (port 0): the list, an area's and a locality's profile, a 404 in words. The
 * controller's formats and errors in detail are {@link ProfileControllerTest}'s.
 */
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
    void anAreaProfileIsServed() throws Exception {
        HttpResponse<String> json = get("/profiles/example-health/areas/S12000033.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode j = new ObjectMapper().readTree(json.body());
        assertThat(j.at("/area/name").asText()).isEqualTo("Aberdeen City");
        assertThat(j.at("/rows/0/trend/direction").asText()).isEqualTo("IMPROVING");
        HttpResponse<String> html = get("/profiles/example-health/areas/S12000033");
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(html.body()).contains("<h1>Aberdeen City (S12000033)</h1>");
    }

    @Test
    void aLocalityProfileComesFromTheApplicationsLocalities() throws Exception {
        HttpResponse<String> r = get("/profiles/example-health/localities/currie-and-culter.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.at("/area/level").asText()).isEqualTo("Locality");
        assertThat(j.at("/area/dataZones").asInt()).isEqualTo(4);
    }

    @Test
    void unknownThingsAnswer404InWords() throws Exception {
        HttpResponse<String> r = get("/profiles/nope/areas/S12000033.json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no profile named nope\n");
    }
}
