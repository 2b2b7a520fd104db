package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A corpus of hostile requests to {@code /tabulate}, {@code /tabulate/*} and {@code /localities*},
 * generated from tables of shapes (JSON values put in every field, whole bodies, content types,
 * query parameters, path segments, credentials, methods): none may get a 5xx; every 4xx from the
 * API is a JSON {@code {"error": ...}} of bounded size; no create succeeds, and the number of
 * localities is the same afterwards. The same application properties as TabulationHttpIT, so that
 * Spring's test context cache starts the server once for both.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cairn.data-dir=target/tabulation-it-data/${random.uuid}", "cairn.fuseki.port=0"})
class TabulationHostileRequestsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ZONES = "[\"S01006506\", \"S01006507\", \"S01006508\", \"S01006509\"]";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What a request may get: a 4xx with the API's JSON error, also a 2xx, or any 4xx (answered by the framework). */
    enum Expect {
        API_ERROR,
        API_ANSWER,
        FRAMEWORK_ERROR
    }

    record Probe(String label, HttpRequest request, Expect expect) {}

    /** JSON values put in place of one field of a request that is otherwise valid. */
    static final List<String[]> VALUES = List.of(
            new String[] {"null", "null"},
            new String[] {"true", "true"},
            new String[] {"false", "false"},
            new String[] {"zero", "0"},
            new String[] {"negative", "-1"},
            new String[] {"fraction", "1.5"},
            new String[] {"overflowing number", "1e999"},
            new String[] {"long integer", "123456789012345678901234567890"},
            new String[] {"empty string", "\"\""},
            new String[] {"blank string", "\"   \""},
            new String[] {"NUL", "\"\\u0000\""},
            new String[] {"newline", "\"a\\nb\""},
            new String[] {"lone surrogate", "\"\\ud800x\""},
            new String[] {"right-to-left override", "\"\\u202eCulter\""},
            new String[] {"101 characters", "\"" + "n".repeat(101) + "\""},
            new String[] {"100,000 characters", "\"" + "x".repeat(100_000) + "\""},
            new String[] {"empty list", "[]"},
            new String[] {"list of null", "[null]"},
            new String[] {"list of number", "[1]"},
            new String[] {"list of list", "[[]]"},
            new String[] {"list of object", "[{}]"},
            new String[] {"list of long string", "[\"" + "y".repeat(300) + "\"]"},
            new String[] {"20,000 nulls", "[" + "null,".repeat(19_999) + "null]"},
            new String[] {"empty object", "{}"},
            new String[] {"object of null", "{\"a\": null}"},
            new String[] {"2,000 nested lists", "[".repeat(2_000) + "]".repeat(2_000)});

    /** Whole bodies, none a valid request. */
    static final List<String[]> BODIES = List.of(
            new String[] {"empty", ""},
            new String[] {"blank", "  \n "},
            new String[] {"null", "null"},
            new String[] {"list", "[]"},
            new String[] {"empty object", "{}"},
            new String[] {"string", "\"text\""},
            new String[] {"number", "42"},
            new String[] {"boolean", "true"},
            new String[] {"open brace", "{"},
            new String[] {"cut", "{\"name\":"},
            new String[] {"close brace", "}"},
            new String[] {"two objects", "{}{}"},
            new String[] {"trailing text", "{} x"},
            new String[] {"5,000 open lists", "[".repeat(5_000)},
            new String[] {"3,000 nested objects", "{\"a\":".repeat(3_000)},
            new String[] {"comment", "/* x */ {}"},
            new String[] {"single quotes", "{'dataset': 'persons'}"},
            new String[] {"trailing comma", "{\"dataset\": \"persons\",}"},
            new String[] {"NaN", "{\"dataset\": NaN}"},
            new String[] {"over the size limit", "{\"dataset\": \"persons\", \"x\": \"" + "z".repeat(300_000) + "\"}"},
            new String[] {"a megabyte", " ".repeat(1_000_000) + "{}"});

    static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/xml",
            "text/json",
            "multipart/form-data; boundary=x",
            "garbage",
            "*/*",
            "application/*",
            "application/json;;;=",
            "");

    private HttpRequest.Builder to(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(120));
    }

    private HttpRequest post(String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder b = to(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return (headers.length == 0 ? b : b.headers(headers)).build();
    }

    private HttpRequest postJson(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    List<Probe> corpus() {
        List<Probe> probes = new ArrayList<>();
        // Every value in every field of a table request.
        List<String[]> tableFields = List.of(
                new String[] {"dataset", "{\"dataset\": %s, \"variables\": [\"sex\"]}"},
                new String[] {"variables", "{\"dataset\": \"persons\", \"variables\": %s}"},
                new String[] {"geography", "{\"dataset\": \"persons\", \"geography\": %s}"},
                new String[] {"geography.level", "{\"dataset\": \"persons\", \"geography\": {\"level\": %s}}"},
                new String[] {"geography.areas", "{\"dataset\": \"persons\", \"geography\": {\"areas\": %s}}"},
                new String[] {"geography.dataZones", "{\"dataset\": \"persons\", \"geography\": {\"dataZones\": %s}}"},
                new String[] {
                    "geography.name",
                    "{\"dataset\": \"persons\", \"geography\": {\"dataZones\": " + ZONES + ", \"name\": %s}}"
                },
                new String[] {"geography.locality", "{\"dataset\": \"persons\", \"geography\": {\"locality\": %s}}"},
                new String[] {"filters", "{\"dataset\": \"persons\", \"variables\": [\"sex\"], \"filters\": %s}"},
                new String[] {
                    "filters.age", "{\"dataset\": \"persons\", \"variables\": [\"sex\"], \"filters\": {\"age\": %s}}"
                },
                new String[] {"measure", "{\"dataset\": \"persons\", \"measure\": %s}"},
                new String[] {"magnitude", "{\"dataset\": \"businesses\", \"measure\": \"sum\", \"magnitude\": %s}"},
                new String[] {"unknown field", "{\"dataset\": \"persons\", \"colour\": %s}"});
        for (String[] field : tableFields) {
            for (String[] value : VALUES) {
                probes.add(new Probe(
                        "POST /tabulate " + field[0] + " = " + value[0],
                        postJson("/tabulate", field[1].replace("%s", value[1])),
                        Expect.API_ANSWER));
            }
        }
        // Every value in every field of a new locality: all must be refused.
        List<String[]> localityFields = List.of(
                new String[] {"name", "{\"name\": %s, \"dataZones\": " + ZONES + "}"},
                new String[] {"dataZones", "{\"name\": \"Hostile zones\", \"dataZones\": %s}"},
                new String[] {
                    "unknown field", "{\"name\": \"Hostile extra\", \"dataZones\": " + ZONES + ", \"owner\": %s}"
                });
        for (String[] field : localityFields) {
            for (String[] value : VALUES) {
                probes.add(new Probe(
                        "POST /localities " + field[0] + " = " + value[0],
                        postJson("/localities", field[1].replace("%s", value[1])),
                        Expect.API_ERROR));
            }
        }
        for (String path : List.of("/tabulate", "/localities")) {
            for (String[] body : BODIES) {
                probes.add(new Probe("POST " + path + " body " + body[0], postJson(path, body[1]), Expect.API_ERROR));
            }
            probes.add(new Probe(
                    "POST " + path + " invalid UTF-8",
                    post(
                            path,
                            new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                            "application/json"),
                    Expect.API_ERROR));
            probes.add(new Probe(
                    "POST " + path + " duplicate field",
                    postJson(
                            path,
                            "{\"name\": \"Hostile twice\", \"name\": \"Hostile again\", \"dataset\": \"persons\", \"dataset\": \"x\"}"),
                    Expect.API_ERROR));
            // A valid body with the wrong content type, or none.
            String valid = path.equals("/tabulate")
                    ? "{\"dataset\": \"persons\", \"variables\": [\"sex\"]}"
                    : "{\"name\": \"Hostile content type\", \"dataZones\": " + ZONES + "}";
            for (String type : CONTENT_TYPES) {
                probes.add(new Probe(
                        "POST " + path + " Content-Type '" + type + "'",
                        post(path, valid.getBytes(StandardCharsets.UTF_8), type.isEmpty() ? null : type),
                        Expect.API_ERROR));
            }
        }
        // Credentials that are not an issued API key: refused before the body is read.
        String newLocality = "{\"name\": \"Hostile credentials\", \"dataZones\": " + ZONES + "}";
        for (String authorization : List.of(
                "Bearer nope", "Basic Y3Vs", "Bearer", "Token abc", "Bearer " + "k".repeat(6_000), "bearer\tx")) {
            probes.add(new Probe(
                    "POST /localities Authorization '"
                            + authorization.substring(0, Math.min(20, authorization.length())) + "'",
                    post(
                            "/localities",
                            newLocality.getBytes(StandardCharsets.UTF_8),
                            "application/json",
                            "Authorization",
                            authorization),
                    Expect.API_ERROR));
        }
        // Query parameters.
        for (String query : List.of(
                "",
                "dataset=",
                "dataset=" + "d".repeat(5_000),
                "dataset=nope",
                "dataset=persons&variables=,,,",
                "dataset=persons&variables=sex,sex",
                "dataset=persons&variables=" + "v,".repeat(1_000),
                "dataset=persons&level=nowhere",
                "dataset=persons&level=",
                "dataset=persons&areas=",
                "dataset=persons&areas=X",
                "dataset=persons&areas=" + "S12000033,".repeat(700),
                "dataset=persons&dataZones=S01999999",
                "dataset=persons&locality=",
                "dataset=persons&locality=nope",
                "dataset=persons&locality=" + "a".repeat(5_000),
                "dataset=persons&filter=age",
                "dataset=persons&filter=age:",
                "dataset=persons&filter=:1",
                "dataset=persons&filter=age:%7C",
                "dataset=persons&filter=nope:1",
                "dataset=persons&filter=age:999",
                "dataset=persons&measure=bogus",
                "dataset=persons&measure=sum",
                "dataset=businesses&measure=sum&magnitude=nope",
                "dataset=persons&format=xml",
                "dataset=persons&format=",
                "dataset=persons&level=council&locality=x",
                "dataset=persons&format=csv%00",
                "%ff=1",
                "dataset=%ff%fe",
                "dataset=persons&variables=%00")) {
            probes.add(new Probe(
                    "GET /tabulate?" + cut(query),
                    to("/tabulate?" + query).GET().build(),
                    Expect.API_ANSWER));
        }
        for (String query : List.of("", "dataset=", "dataset=nope", "dataset=" + "d".repeat(5_000), "dataset=%00")) {
            probes.add(new Probe(
                    "GET /tabulate/variables?" + cut(query),
                    to("/tabulate/variables?" + query).GET().build(),
                    Expect.API_ERROR));
        }
        for (String query : List.of(
                "page=0",
                "page=-1",
                "page=abc",
                "page=1.5",
                "page=99999999999",
                "page=%00",
                "page=1e3",
                "size=0",
                "size=101",
                "size=-5",
                "size=abc",
                "size=99999999999")) {
            probes.add(new Probe(
                    "GET /localities?" + query, to("/localities?" + query).GET().build(), Expect.API_ERROR));
        }
        // The first of repeated parameters counts; an empty one is the default.
        for (String query : List.of("page=1&page=2", "size=", "page=&size=", "unknown=1")) {
            probes.add(new Probe(
                    "GET /localities?" + query, to("/localities?" + query).GET().build(), Expect.API_ANSWER));
        }
        // Path segments and deletion credentials (Tomcat refuses an encoded NUL or a byte that is not UTF-8 itself).
        for (String slug : List.of(
                "nope", "%2e%2e", "x".repeat(5_000), "%E2%80%AE", "UPPER", "-", "a%20b", "%22%3E%3Cscript%3E")) {
            probes.add(new Probe(
                    "GET /localities/" + cut(slug),
                    to("/localities/" + slug).GET().build(),
                    Expect.API_ERROR));
            probes.add(new Probe(
                    "DELETE /localities/" + cut(slug),
                    to("/localities/" + slug).DELETE().build(),
                    Expect.API_ERROR));
        }
        for (String slug : List.of("%00", "%ff")) {
            probes.add(new Probe(
                    "GET /localities/" + slug, to("/localities/" + slug).GET().build(), Expect.FRAMEWORK_ERROR));
            probes.add(new Probe(
                    "DELETE /localities/" + slug,
                    to("/localities/" + slug).DELETE().build(),
                    Expect.FRAMEWORK_ERROR));
        }
        for (String[] header : List.of(
                new String[] {"X-Owner-Token", "t".repeat(6_000)},
                new String[] {"X-Owner-Token", ""},
                new String[] {"Authorization", "Bearer nope"},
                new String[] {"Authorization", "Basic Y3Vs"},
                new String[] {"Authorization", "Bearer " + "k".repeat(6_000)})) {
            probes.add(new Probe(
                    "DELETE /localities/nope " + header[0] + " " + header[1].length() + " chars",
                    to("/localities/nope").header(header[0], header[1]).DELETE().build(),
                    Expect.API_ERROR));
        }
        // Methods the API does not have.
        for (String[] m : List.of(
                new String[] {"PUT", "/tabulate"},
                new String[] {"DELETE", "/tabulate"},
                new String[] {"PATCH", "/localities"},
                new String[] {"PUT", "/localities/x"},
                new String[] {"DELETE", "/localities"},
                new String[] {"POST", "/localities/x"},
                new String[] {"POST", "/tabulate/datasets"},
                new String[] {"PUT", "/tabulate/variables"})) {
            probes.add(new Probe(
                    m[0] + " " + m[1],
                    to(m[1]).method(m[0], HttpRequest.BodyPublishers.ofString("{}"))
                            .header("Content-Type", "application/json")
                            .build(),
                    Expect.FRAMEWORK_ERROR));
        }
        return probes;
    }

    static String cut(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...(" + s.length() + ")";
    }

    long localities() throws Exception {
        HttpResponse<String> r = http.send(to("/localities").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("total").asLong();
    }

    @Test
    void noHostileRequestGetsA5xxAndNoneCreatesALocality() throws Exception {
        long before = localities();
        List<Probe> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        List<String> wrong = new ArrayList<>();
        int[] byClass = new int[6];
        for (Probe p : corpus) {
            HttpResponse<String> r = http.send(p.request(), HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            byClass[status / 100]++;
            String problem = problem(p, r);
            if (problem != null) {
                wrong.add(p.label() + ": " + status + " " + problem + " " + cut(r.body()));
            }
        }
        assertThat(wrong)
                .as("%d requests: 2xx %d, 4xx %d, 5xx %d", corpus.size(), byClass[2], byClass[4], byClass[5])
                .isEmpty();
        assertThat(byClass[5]).isZero();
        assertThat(localities()).as("localities after the corpus").isEqualTo(before);
    }

    /** Why a response is wrong for its probe, or null. */
    static String problem(Probe p, HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500) {
            return "server error";
        }
        boolean create = p.request().method().equals("POST")
                && p.request().uri().getPath().equals("/localities");
        if (create && status < 400) {
            return "a locality was created";
        }
        if (status < 400) {
            return p.expect() == Expect.API_ANSWER ? null : "expected a 4xx";
        }
        if (status >= 500 || p.expect() == Expect.FRAMEWORK_ERROR) {
            return null;
        }
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON";
        }
        if (r.body().length() > 4_000) {
            return "an error of " + r.body().length() + " characters";
        }
        try {
            JsonNode error = JSON.readTree(r.body()).get("error");
            if (error == null || !error.isTextual() || error.asText().isBlank()) {
                return "no error message";
            }
            String text = error.asText();
            if (text.contains("java.")
                    || text.contains("Exception")
                    || text.contains("com.fasterxml")
                    || text.contains("`")) {
                return "a Java message";
            }
        } catch (Exception e) {
            return "not JSON";
        }
        return null;
    }
}
