package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static scot.cairn.testsupport.HostileRequests.PATHS;
import static scot.cairn.testsupport.HostileRequests.to;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.testsupport.HostileRequests;
import scot.cairn.testsupport.HostileRequests.Probe;

/**
 * The hostile-request corpus ({@link HostileRequests}, shared with the fault suite) over every
 * public endpoint. None may get a 5xx other than 503 (busy or out of time), none
 * may close the connection unanswered, no answer may show a stack trace or the data folder, and
 * none may log an ERROR.
 * The server answers {@code /health} afterwards. ({@link TabulationHostileRequestsIT} covers the
 * bodies of {@code /tabulate} and {@code /localities}; {@code /error} asked for directly is the
 * error pages' own, tested with them.)
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/public-hostile-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.sparql.timeout=10s"
        })
@ExtendWith(OutputCaptureExtension.class)
class PublicHostileRequestsIT {

    @LocalServerPort
    int port;

    @Autowired
    CairnProperties properties;

    private String base() {
        return "http://localhost:" + port;
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void noHostileRequestGetsAServerErrorOrShowsTheServersInsides(CapturedOutput output) throws Exception {
        List<Probe> corpus = HostileRequests.corpus(base());
        assertThat(corpus).hasSizeGreaterThan(1_500);
        String dataDir = properties.dataDir().toAbsolutePath().toString();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Probe probe : corpus) {
            HttpResponse<String> r;
            try {
                r = http.send(probe.request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                failures.add(probe.label() + ": no answer (" + e + ")");
                continue;
            }
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String body = r.body();
            if (r.statusCode() >= 500 && r.statusCode() != 503) {
                failures.add(
                        probe.label() + ": " + r.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
            } else if (HostileRequests.showsInsides(body, dataDir)) {
                failures.add(probe.label() + ": " + r.statusCode() + " shows the server's insides");
            }
        }
        System.out.printf(
                "Public hostile corpus: %d requests, statuses %s, %d failures%n",
                corpus.size(), statuses, failures.size());
        assertThat(failures).isEmpty();
        // a client's mistake is no error of the server's: no ERROR line (and no stack trace) in the log
        assertThat(output.getAll().lines().filter(l -> l.contains(" ERROR ")).limit(5))
                .isEmpty();
        assertThat(http.send(to(base(), "/health").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    /**
     * A form body over the container's 2 MB limit gets the documented plain-text 413 from the SPARQL
     * endpoints (not Spring's JSON error, whatever the client accepts), and a plain 4xx elsewhere.
     */
    @Test
    void formBodiesOverTwoMegabytesGetAPlain413(CapturedOutput output) throws Exception {
        String body = "query=" + "%20".repeat(1_000_000);
        List<String> failures = new ArrayList<>();
        for (String path : PATHS) {
            if (path.startsWith("/tabulate") || path.startsWith("/localities")) {
                continue; // answer in JSON by design: TabulationHostileRequestsIT
            }
            for (String accept : List.of("application/json", "*/*", "text/html", "application/sparql-results+json")) {
                HttpResponse<String> r = http.send(
                        to(base(), path)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", accept)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                String type = r.headers().firstValue("Content-Type").orElse("");
                boolean sparql = path.equals("/sparql") || path.equals("/versions/sparql");
                String label = "POST " + path + " (Accept " + accept + "): " + r.statusCode() + " " + type + " "
                        + r.body().substring(0, Math.min(120, r.body().length()));
                if (sparql
                        && (r.statusCode() != 413
                                || !type.startsWith("text/plain")
                                || !r.body().startsWith("Request too large: a form body holds at most 2 MB"))) {
                    failures.add(label);
                } else if (r.statusCode() >= 500 && r.statusCode() != 503
                        || r.body().contains("\"timestamp\"")) {
                    failures.add(label);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(output.getAll().lines().filter(l -> l.contains(" ERROR ")).limit(5))
                .isEmpty();
    }
}
