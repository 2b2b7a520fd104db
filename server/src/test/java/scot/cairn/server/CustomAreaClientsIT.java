package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tables of areas users define, over real HTTP, with custom areas limited to API keys and a
 * quota of two new areas a day per key: standard areas for everyone; a custom area 401 without a
 * key, 200 with one; a third new area 429, an area already released still 200; a population count
 * of a custom area (no variables) is no area of its own.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/custom-area-clients-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.tabulation.custom-areas-require-api-key=true",
            "cairn.tabulation.custom-areas-per-client-per-day=2",
            // SHA-256 of COUNCIL_KEY (printf %s KEY | sha256sum)
            "cairn.tabulation.api-keys.council=db3e8d46cc27f3c8e08bd5c389abc3082bd02c197591b782e322dbccaa969a2c"
        })
class CustomAreaClientsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COUNCIL_KEY = "council-key-7f3a";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> table(String geography, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tabulate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"dataset\": \"persons\", \"variables\": [\"sex\"], \"geography\": " + geography + "}"));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String zones(int from, int to) {
        StringBuilder sb = new StringBuilder("{\"dataZones\": [");
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : ", ").append("\"S0100").append(6506 + i).append("\"");
        }
        return sb.append("]}").toString();
    }

    @Test
    void customAreasNeedAKeyAndAQuotaStandardAreasDoNot() throws Exception {
        String key = "Authorization";
        String bearer = "Bearer " + COUNCIL_KEY;
        assertThat(table("{\"level\": \"council\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = table(zones(0, 7));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("error").asText()).contains("API key");
        assertThat(table(zones(0, 7), key, bearer).statusCode()).isEqualTo(200);
        // Culter and Cults, Bieldside and Milltimber West: two whole intermediate zones.
        assertThat(table(zones(0, 12), key, bearer).statusCode()).isEqualTo(200);
        HttpResponse<String> third = table(zones(7, 12), key, bearer);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(table(zones(0, 7), key, bearer).statusCode()).isEqualTo(200);
        // Population only (the locality builder's live count): not an area of its own, for everyone.
        HttpResponse<String> count = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tabulate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"dataset\": \"persons\", \"variables\": [], \"geography\": " + zones(0, 3) + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
    }
}
