package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A tiny per-request budget ({@code cairn.requests.max-quads=20}) on the real server: linked-data
 * pages, maps, profiles and web pages that would read more get 503 with {@code Retry-After} and a
 * plain message through Spring's whole stack, never a 500 or an ERROR; the endpoints with limits of
 * their own and {@code /health} are not affected.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/request-limits-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../cube-definitions/profiles",
            "cairn.requests.max-quads=20"
        })
@ExtendWith(OutputCaptureExtension.class)
class RequestLimitsIT {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsPastTheirQuadsGet503WithAPlainMessage(CapturedOutput output) throws Exception {
        for (String path : List.of(
                "/data/council-tax-collection",
                "/datasets/council-tax-collection",
                "/areas/S12000033",
                "/profiles/example-local/areas/S12000033.json",
                "/maps/boundaries/S12.geojson",
                "/downloads/cube-table?uri=http%3A%2F%2Fstatistics.gov.scot%2Fdata%2Fcouncil-tax-collection")) {
            for (String accept : List.of("text/html", "application/json", "*/*")) {
                HttpResponse<String> r = get(path, accept);
                String label = path + " (" + accept + "): " + r.statusCode() + " " + r.body();
                assertThat(r.statusCode()).as(label).isIn(200, 404, 406, 503);
                if (path.startsWith("/downloads/")) {
                    assertThat(r.statusCode())
                            .as("downloads have no quad budget: " + label)
                            .isEqualTo(200);
                } else if (!path.startsWith("/maps/") && !path.startsWith("/profiles/")) {
                    // maps and profiles may answer from what they cached before the request (200)
                    assertThat(r.statusCode()).as(label).isEqualTo(503);
                }
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Retry-After")).as(label).isPresent();
                    assertThat(r.headers().firstValue("Content-Type").orElse(""))
                            .as(label)
                            .startsWith("text/plain");
                    assertThat(r.body()).as(label).contains("would read more than 20 quads");
                }
            }
        }
        assertThat(get("/health", "*/*").statusCode()).isEqualTo(200);
        assertThat(get("/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "application/sparql-results+json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(output.getAll().lines().filter(l -> l.contains(" ERROR ")).limit(5))
                .isEmpty();
    }
}
