package scot.cairn.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The wiring: the map routes answer over real HTTP (port 0) in the context the application builds
 * from {@link MapsConfiguration}, the layers built at start. What each route answers is in
 * {@link MapsControllerTest}, a {@code @WebMvcTest} slice.
 */
@SpringBootTest(classes = MapsTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MapsHttpIT {
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theMapRoutesAnswerOverRealHttp() throws Exception {
        HttpResponse<String> boundaries = get("/maps/boundaries/data-zones-2011.geojson");
        assertThat(boundaries.statusCode()).isEqualTo(200);
        assertThat(boundaries.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/geo+json");
        assertThat(boundaries.body()).contains("\"FeatureCollection\"");
        HttpResponse<String> unknown = get("/maps/boundaries/parishes.geojson");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("Unknown level: parishes (");
    }
}
