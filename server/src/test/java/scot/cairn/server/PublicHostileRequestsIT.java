package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The hostile-request corpus over every public endpoint (SPARQL, linked data, downloads, slices,
 * maps, profiles, web pages, tabulation's read-only resources, versions): hostile values in every
 * common parameter, hostile path segments, abusive headers, unexpected methods and malformed
 * bodies, generated from tables. None may get a 5xx other than 503 (busy or out of time), none
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
    private static final Pattern STACK_TRACE =
            Pattern.compile("(?m)^\\s*at [\\w.$]+\\([\\w.]*(:\\d+)?\\)|java\\.lang\\.\\w+(Exception|Error)");

    @LocalServerPort
    int port;

    @Autowired
    CairnProperties properties;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Every public resource, with valid path variables from the bundled examples. */
    static final List<String> PATHS = List.of(
            "/",
            "/areas",
            "/areas/S12000033",
            "/datasets/council-tax-collection",
            "/data/council-tax-collection",
            "/data/council-tax-collection/versions.json",
            "/data/council-tax-collection/changes.csv",
            "/data/council-tax-collection/version/1/data.csv",
            "/data/council-tax-collection/version/1/data.nt",
            "/downloads/cube-table",
            "/downloads/dataset.nt",
            "/downloads/graph",
            "/health",
            "/localities",
            "/maps/areas-within",
            "/maps/boundaries/S12.geojson",
            "/maps/choropleth.json",
            "/maps/choropleth.png",
            "/maps/choropleth.svg",
            "/maps/locator/S12000033.geojson",
            "/profiles",
            "/profiles.json",
            "/profiles/example-local/areas/S12000033.json",
            "/query",
            "/slice/observations.csv",
            "/slice/observations.json",
            "/tables",
            "/tabulate/datasets",
            "/tabulate/variables",
            "/calendar.json",
            "/catalogue.json",
            "/data.json",
            "/void.ttl",
            "/def/x",
            "/id/x",
            "/graph/x",
            "/sparql",
            "/sparql.csv",
            "/versions/sparql");

    /** Parameters the endpoints read, put everywhere. */
    static final List<String> PARAMS = List.of(
            "query",
            "uri",
            "dataset",
            "level",
            "period",
            "measure",
            "within",
            "polygon",
            "width",
            "q",
            "format",
            "versions",
            "area",
            "limit",
            "page",
            "default-graph-uri");

    /** Hostile values, already URL-encoded where they must be. */
    static final List<String[]> VALUES = List.of(
            new String[] {"empty", ""},
            new String[] {"blank", "%20%20"},
            new String[] {"NUL", "%00"},
            new String[] {"invalid UTF-8", "%FF%FE"},
            new String[] {"negative", "-1"},
            new String[] {"huge number", "99999999999999999999999"},
            new String[] {"overflowing double", "1e999"},
            new String[] {"NaN", "NaN"},
            new String[] {"traversal", "..%2F..%2F..%2F..%2Fetc%2Fpasswd"},
            new String[] {"markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"},
            new String[] {"quote", "'%22%3E%3C"},
            new String[] {"right-to-left", "%E2%80%AEx"},
            new String[] {"metadata address", "http%3A%2F%2F169.254.169.254%2Flatest%2F"},
            new String[] {"file URI", "file%3A%2F%2F%2Fetc%2Fpasswd"},
            new String[] {"20 KB", "x".repeat(20_000)},
            new String[] {"5,000 areas", "S12000033%2C".repeat(5_000)},
            new String[] {"SPARQL injection", "%7D%20DROP%20ALL%20%23"},
            new String[] {"deep brackets", "(".repeat(3_000)},
            new String[] {"JSON", "%7B%22a%22%3A%5B%5D%7D"},
            new String[] {"percent", "%25"});

    static final List<String[]> SEGMENTS = List.of(
            new String[] {"dot-dot", ".."},
            new String[] {"encoded dot-dot", "%2e%2e"},
            new String[] {"encoded traversal", "..%2f..%2fetc%2fpasswd"},
            new String[] {"NUL", "%00"},
            new String[] {"invalid UTF-8", "%FF"},
            new String[] {"5,000 characters", "y".repeat(5_000)},
            new String[] {"double extension", "S12000033.json.json"},
            new String[] {"semicolon", "x;jsessionid=1"},
            new String[] {"space", "%20"},
            new String[] {"backslash", "%5C..%5C"});

    /** Headers no client should send. */
    static final List<String[]> HEADERS = List.of(
            new String[] {"Accept", "*/*;q=foo"}, new String[] {"Accept", "text/html;q=2, application/json;q=-1, ;;;"},
            new String[] {"Accept", "application/" + "x".repeat(6_000)}, new String[] {"Accept-Language", "!!,;q=x"},
            new String[] {"Range", "bytes=99999999999999999999-"}, new String[] {"Range", "bytes=-1,-2,-3,0-0,5-1"},
            new String[] {"If-None-Match", "\"" + "e".repeat(5_000) + "\""},
                    new String[] {"If-Modified-Since", "yesterday"},
            new String[] {"Authorization", "Basic " + "A".repeat(100_000)},
                    new String[] {"Authorization", "Bearer %00"},
            new String[] {"Cookie", "a=" + "b".repeat(100_000)}, new String[] {"Origin", "null"},
            new String[] {"Content-Type", "multipart/form-data"},
                    new String[] {"Accept-Encoding", "gzip;q=NaN, br, zstd, x"});

    /** Bodies to the endpoints that take one (SPARQL), each under several content types. */
    static final List<String[]> BODIES = List.of(
            new String[] {"empty", ""},
            new String[] {"form without query", "x=1"},
            new String[] {"form of NUL", "query=%00"},
            new String[] {"update", "update=DROP%20ALL"},
            new String[] {"raw update", "DROP ALL"},
            new String[] {"truncated multipart", "--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\nASK"},
            new String[] {"3 MB form", "query=" + "%20".repeat(1_000_000)},
            new String[] {"invalid UTF-8", "query=\u00ff\u00fe"});

    static final List<String> CONTENT_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/sparql-query",
            "application/sparql-update",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "text/plain",
            "garbage");

    private HttpRequest.Builder to(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
    }

    record Probe(String label, HttpRequest request) {}

    List<Probe> corpus() {
        List<Probe> probes = new ArrayList<>();
        for (int p = 0; p < PATHS.size(); p++) {
            String path = PATHS.get(p);
            probes.add(new Probe("GET " + path, to(path).build()));
            // every value in a third of the parameters, a different third for each path, so every pair turns up
            for (int i = 0; i < PARAMS.size(); i++) {
                for (int v = 0; v < VALUES.size(); v++) {
                    if ((i + v + p) % 3 == 0) {
                        String[] value = VALUES.get(v);
                        probes.add(new Probe(
                                "GET " + path + " " + PARAMS.get(i) + " = " + value[0],
                                to(path + "?" + PARAMS.get(i) + "=" + value[1]).build()));
                    }
                }
            }
            for (String[] h : HEADERS) {
                probes.add(new Probe(
                        "GET " + path + " header " + h[0] + " " + Math.min(40, h[1].length()) + ":"
                                + h[1].substring(0, Math.min(40, h[1].length())),
                        to(path).header(h[0], h[1]).build()));
            }
            for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
                probes.add(new Probe(
                        method + " " + path,
                        to(path).method(method, HttpRequest.BodyPublishers.ofString("x"))
                                .build()));
            }
            probes.add(new Probe(
                    "HEAD " + path,
                    to(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()));
            probes.add(new Probe(
                    "POST " + path + " garbage",
                    to(path).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("%%%&&&=="))
                            .build()));
        }
        for (String template : List.of(
                "/areas/%s",
                "/datasets/%s",
                "/data/%s",
                "/data/%s/versions.json",
                "/data/council-tax-collection/version/%s/data.csv",
                "/data/council-tax-collection/version/%s",
                "/maps/boundaries/%s.geojson",
                "/maps/locator/%s.geojson",
                "/profiles/%s/areas/S12000033.json",
                "/profiles/example-local/areas/%s",
                "/profiles/example-local/localities/%s",
                "/localities/%s",
                "/def/%s",
                "/id/%s")) {
            for (String[] s : SEGMENTS) {
                String path = template.replace("%s", s[1]);
                probes.add(new Probe("GET " + template + " with " + s[0], to(path).build()));
            }
        }
        for (String path : List.of("/sparql", "/versions/sparql")) {
            for (String[] body : BODIES) {
                for (String type : CONTENT_TYPES) {
                    probes.add(new Probe(
                            "POST " + path + " " + body[0] + " as " + type,
                            to(path).header("Content-Type", type)
                                    .POST(HttpRequest.BodyPublishers.ofString(body[1], StandardCharsets.ISO_8859_1))
                                    .build()));
                }
            }
        }
        return probes;
    }

    @Test
    void noHostileRequestGetsAServerErrorOrShowsTheServersInsides(CapturedOutput output) throws Exception {
        List<Probe> corpus = corpus();
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
            } else if (STACK_TRACE.matcher(body).find() || body.contains(dataDir)) {
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
        assertThat(http.send(to("/health").build(), HttpResponse.BodyHandlers.ofString())
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
                        to(path).header("Content-Type", "application/x-www-form-urlencoded")
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
