package scot.cairn.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hostile-request corpus over every public endpoint of a Cairn server (SPARQL, linked data,
 * downloads, slices, maps, profiles, web pages, tabulation's read-only resources, versions):
 * hostile values in every common parameter, hostile path segments, abusive headers, unexpected
 * methods and malformed bodies, generated from tables. Shared by {@code PublicHostileRequestsIT}
 * (in {@code mvn verify}) and the fault suite ({@code FaultSuite} in benchmarks), so both try the
 * same requests.
 */
public final class HostileRequests {
    private HostileRequests() {}

    /** What an answer must never show: a Java stack frame or an exception's name. */
    public static final Pattern STACK_TRACE =
            Pattern.compile("(?m)^\\s*at [\\w.$]+\\([\\w.]*(:\\d+)?\\)|java\\.lang\\.\\w+(Exception|Error)");

    /** Whether {@code body} shows the server's insides: a stack trace, an exception's name or the data folder. */
    public static boolean showsInsides(String body, String dataDir) {
        return STACK_TRACE.matcher(body).find() || body.contains(dataDir);
    }

    /** Every public resource, with valid path variables from the bundled examples. */
    public static final List<String> PATHS = List.of(
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
    public static final List<String> PARAMS = List.of(
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
    public static final List<String[]> VALUES = List.of(
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

    public static final List<String[]> SEGMENTS = List.of(
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
    public static final List<String[]> HEADERS = List.of(
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
    public static final List<String[]> BODIES = List.of(
            new String[] {"empty", ""},
            new String[] {"form without query", "x=1"},
            new String[] {"form of NUL", "query=%00"},
            new String[] {"update", "update=DROP%20ALL"},
            new String[] {"raw update", "DROP ALL"},
            new String[] {"truncated multipart", "--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\nASK"},
            new String[] {"3 MB form", "query=" + "%20".repeat(1_000_000)},
            new String[] {"invalid UTF-8", "query=\u00ff\u00fe"});

    public static final List<String> CONTENT_TYPES = List.of(
            "application/x-www-form-urlencoded",
            "application/sparql-query",
            "application/sparql-update",
            "multipart/form-data",
            "multipart/form-data; boundary=x",
            "text/plain",
            "garbage");

    /** A request to {@code pathAndQuery} on the server at {@code base}, with a 60 s time-out. */
    public static HttpRequest.Builder to(String base, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    /** One request of the corpus and what it tries. */
    public record Probe(String label, HttpRequest request) {}

    /** The whole corpus against the server at {@code base} (e.g. {@code http://localhost:8080}). */
    public static List<Probe> corpus(String base) {
        List<Probe> probes = new ArrayList<>();
        for (int p = 0; p < PATHS.size(); p++) {
            String path = PATHS.get(p);
            probes.add(new Probe("GET " + path, to(base, path).build()));
            // every value in a third of the parameters, a different third for each path, so every pair turns up
            for (int i = 0; i < PARAMS.size(); i++) {
                for (int v = 0; v < VALUES.size(); v++) {
                    if ((i + v + p) % 3 == 0) {
                        String[] value = VALUES.get(v);
                        probes.add(new Probe(
                                "GET " + path + " " + PARAMS.get(i) + " = " + value[0],
                                to(base, path + "?" + PARAMS.get(i) + "=" + value[1])
                                        .build()));
                    }
                }
            }
            for (String[] h : HEADERS) {
                probes.add(new Probe(
                        "GET " + path + " header " + h[0] + " " + Math.min(40, h[1].length()) + ":"
                                + h[1].substring(0, Math.min(40, h[1].length())),
                        to(base, path).header(h[0], h[1]).build()));
            }
            for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
                probes.add(new Probe(
                        method + " " + path,
                        to(base, path)
                                .method(method, HttpRequest.BodyPublishers.ofString("x"))
                                .build()));
            }
            probes.add(new Probe(
                    "HEAD " + path,
                    to(base, path)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build()));
            probes.add(new Probe(
                    "POST " + path + " garbage",
                    to(base, path)
                            .header("Content-Type", "application/x-www-form-urlencoded")
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
                probes.add(new Probe(
                        "GET " + template + " with " + s[0], to(base, path).build()));
            }
        }
        for (String path : List.of("/sparql", "/versions/sparql")) {
            for (String[] body : BODIES) {
                for (String type : CONTENT_TYPES) {
                    probes.add(new Probe(
                            "POST " + path + " " + body[0] + " as " + type,
                            to(base, path)
                                    .header("Content-Type", type)
                                    .POST(HttpRequest.BodyPublishers.ofString(body[1], StandardCharsets.ISO_8859_1))
                                    .build()));
                }
            }
        }
        return probes;
    }
}
