package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.cli.DatasetPublisher;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Release;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * The headers of every answer on the public port, over real HTTP: security headers on pages,
 * data, errors and what Tomcat refuses itself; CORS (simple GET and preflight) on every public
 * API family, never on the publishing endpoints nor for what takes credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/outputs-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../cube-definitions/profiles",
            "cairn.publish.password=outputs-it"
        })
class PublicHeadersIT {
    static final String ORIGIN = "https://app.example.org";
    static final String DATASET = "http://statistics.gov.scot/data/free-school-meals";
    /** A dataset published as a version here (the bundled examples have none), for the versions API. */
    static final String VERSIONED = "headers-versioned";

    static final String VERSIONED_DEFINITION = """
            slug: headers-versioned
            title: Headers versioned
            description: One version, so that the versions API has something to answer with.
            publisher: {label: Cairn tests, uri: "http://statistics.gov.scot/id/organisation/cairn-tests"}
            themes: [education]
            issued: 2024-06-01
            nextUpdateDue: 2031-06-01
            contact: tests@cairn.invalid
            levels: [data-zone]
            dimensions:
              - column: Kind
                name: headersKind
                scheme: headers-kind
                codes:
                  - {code: all, label: All}
            measures:
              - measurement: Count
                units: [People]
                datatype: integer
            """;

    /** One GET per public API family. */
    static final List<String> PUBLIC_APIS = List.of(
            "/sparql?query=" + enc("ASK {}"),
            "/data/free-school-meals.json",
            "/def/dimension/gender",
            "/data.json",
            "/catalogue.ttl",
            "/void.ttl",
            "/calendar.json",
            "/downloads/cube-table?uri=" + enc(DATASET),
            "/downloads/dataset.nt?uri=" + enc(DATASET),
            "/slice/observations.json?dataset=" + enc(DATASET),
            "/slice/observations.csv?dataset=" + enc(DATASET),
            "/data/" + VERSIONED + "/versions.json",
            "/data/" + VERSIONED + "/version/1/data.csv",
            "/versions/sparql?dataset=" + VERSIONED + "&query=" + enc("ASK {}"),
            "/tabulate/datasets",
            "/tabulate/variables?dataset=persons",
            "/tabulate?dataset=persons&variables=sex&level=council",
            "/localities",
            "/profiles.json",
            "/profiles/example-local/areas/S12000033.json",
            "/maps/boundaries/council-areas.geojson",
            "/health");

    @LocalServerPort
    int port;

    @Autowired
    LoopbackFuseki fuseki;

    @Autowired
    TripleStore store;

    @Autowired
    UriScheme uris;

    @Autowired
    Versions versions;

    @BeforeAll
    void publishOneVersion() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/outputs-it-files/" + System.nanoTime()));
        var published = new DatasetPublisher(store, uris, versions)
                .publish(
                        Files.writeString(dir.resolve(VERSIONED + ".yaml"), VERSIONED_DEFINITION),
                        Files.writeString(
                                dir.resolve("v1.csv"),
                                "FeatureCode,DateCode,Measurement,Units,Value,Kind\nS01006506,2021,Count,People,12,all\n"),
                        new Release("First release", Release.Kind.UPDATE),
                        null,
                        100);
        assertThat(published.outcome().published()).isTrue();
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(String method, String url, String... headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", "http://localhost:" + port + path, headers);
    }

    static void assertSecurityHeaders(HttpResponse<String> r) {
        String what = r.request().uri() + " (" + r.statusCode() + ")";
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                .as(what)
                .contains("default-src 'self'", "script-src 'self';", "object-src 'none'", "frame-ancestors 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("SAMEORIGIN");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("strict-origin-when-cross-origin");
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String page : List.of(
                "/",
                "/areas",
                "/query",
                "/tables",
                "/datasets/free-school-meals",
                "/areas/S12000033",
                "/data/free-school-meals",
                "/data",
                "/calendar",
                "/profiles/example-local/areas/S12000033.html")) {
            HttpResponse<String> r = get(page, "Accept", "text/html");
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertSecurityHeaders(r);
        }
        for (String api : PUBLIC_APIS) {
            assertSecurityHeaders(get(api));
        }
        assertSecurityHeaders(get("/no/such/page", "Accept", "text/html"));
        assertSecurityHeaders(get("/no/such/page"));
        // handlers that reset their response to send an error keep them
        HttpResponse<String> malformed = get("/sparql?query=" + enc("SELECT {"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertSecurityHeaders(malformed);
        assertThat(get("/data/free-school-meals/version/9/data.csv").statusCode())
                .isEqualTo(404);
        assertSecurityHeaders(get("/data/free-school-meals/version/9/data.csv"));
    }

    @Test
    void thePolicyAllowsExactlyTheInlineStylesThePagesHaveAndNoInlineScript() throws Exception {
        String policy = get("/").headers().firstValue("Content-Security-Policy").orElseThrow();
        Pattern style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern styleAttribute = Pattern.compile("<[^>]+\\sstyle=", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("<[^>]+\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
        int styles = 0;
        for (String page : List.of(
                "/",
                "/areas",
                "/query",
                "/tables",
                "/datasets/free-school-meals",
                "/datasets/free-school-meals?show=1",
                "/areas/S12000033",
                "/data/free-school-meals",
                "/def/dimension/gender",
                "/data",
                "/calendar",
                "/void.html",
                "/data/free-school-meals/version/1",
                "/profiles/example-local/areas/S12000033.html",
                "/sparql",
                "/no/such/page")) {
            String body = get(page, "Accept", "text/html").body();
            Matcher m = style.matcher(body);
            while (m.find()) {
                styles++;
                String hash = "sha256-"
                        + Base64.getEncoder()
                                .encodeToString(MessageDigest.getInstance("SHA-256")
                                        .digest(m.group(1).getBytes(StandardCharsets.UTF_8)));
                assertThat(policy).as("the inline style of " + page).contains("'" + hash + "'");
            }
            assertThat(inlineScript.matcher(body).find())
                    .as("an inline script in " + page)
                    .isFalse();
            assertThat(styleAttribute.matcher(body).find())
                    .as("a style attribute in " + page)
                    .isFalse();
            assertThat(handler.matcher(body).find())
                    .as("an event handler attribute in " + page)
                    .isFalse();
        }
        assertThat(styles).as("inline style sheets seen").isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyPublicApiCanBeReadFromAPageElsewhere() throws Exception {
        for (String api : PUBLIC_APIS) {
            HttpResponse<String> r = get(api, "Origin", ORIGIN);
            assertThat(r.statusCode()).as(api + ": " + r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(api)
                    .hasValue("*");
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials"))
                    .as(api)
                    .isEmpty();
            // the same answer without an Origin, so that a cache in front can hand it to any page
            assertThat(get(api).headers().firstValue("Access-Control-Allow-Origin"))
                    .as(api)
                    .hasValue("*");
            HttpResponse<String> options = send(
                    "OPTIONS",
                    "http://localhost:" + port + api,
                    "Origin",
                    ORIGIN,
                    "Access-Control-Request-Method",
                    "GET",
                    "Access-Control-Request-Headers",
                    "accept, if-none-match");
            assertThat(options.statusCode()).as("preflight of " + api).isEqualTo(200);
            assertThat(options.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("preflight of " + api)
                    .hasValue("*");
            assertThat(options.headers()
                            .firstValue("Access-Control-Allow-Methods")
                            .orElse(""))
                    .as(api)
                    .contains("GET");
            assertThat(options.headers()
                            .firstValue("Access-Control-Allow-Headers")
                            .orElse("")
                            .toLowerCase())
                    .as(api)
                    .contains("accept", "if-none-match");
            assertThat(options.headers().firstValue("Access-Control-Allow-Credentials"))
                    .as(api)
                    .isEmpty();
        }
        // the query services also take a POST from another origin's page
        for (String service : List.of("/sparql", "/sparql.csv", "/versions/sparql", "/tabulate")) {
            HttpResponse<String> options = send(
                    "OPTIONS",
                    "http://localhost:" + port + service,
                    "Origin",
                    ORIGIN,
                    "Access-Control-Request-Method",
                    "POST",
                    "Access-Control-Request-Headers",
                    "content-type");
            assertThat(options.statusCode()).as(service).isEqualTo(200);
            assertThat(options.headers()
                            .firstValue("Access-Control-Allow-Methods")
                            .orElse(""))
                    .as(service)
                    .contains("POST");
        }
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tabulate"))
                        .header("Origin", ORIGIN)
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"dataset\": \"persons\", \"variables\": [\"sex\"], \"geography\": {\"level\": \"council\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        // an error keeps the header, so the page can read why
        HttpResponse<String> error = get("/sparql?query=" + enc("SELECT {"), "Origin", ORIGIN);
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void nothingThatWritesOrTakesCredentialsIsOpenToOtherOrigins() throws Exception {
        String base = "http://localhost:" + port;
        for (String[] refused : new String[][] {
            {"/localities", "POST", "content-type"},
            {"/localities/culter", "DELETE", "x-owner-token"},
            {"/localities/culter", "DELETE", "authorization"},
            {"/tabulate", "GET", "authorization"},
            {"/data.json", "PUT", "content-type"}
        }) {
            HttpResponse<String> options = send(
                    "OPTIONS",
                    base + refused[0],
                    "Origin",
                    ORIGIN,
                    "Access-Control-Request-Method",
                    refused[1],
                    "Access-Control-Request-Headers",
                    refused[2]);
            assertThat(options.statusCode()).as(String.join(" ", refused)).isEqualTo(403);
            assertThat(options.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(String.join(" ", refused))
                    .isEmpty();
        }
        HttpResponse<String> create = http.send(
                HttpRequest.newBuilder(URI.create(base + "/localities"))
                        .header("Origin", ORIGIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(create.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // the loopback Fuseki and its publishing endpoints send no CORS headers at all
        String loopback = "http://127.0.0.1:" + fuseki.port();
        for (String path :
                List.of("/ds/query?query=" + enc("ASK {}"), "/publish/data", "/publish/update", "/cairn/publish")) {
            HttpResponse<String> r = send("GET", loopback + path, "Origin", ORIGIN);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .isEmpty();
            HttpResponse<String> options = send(
                    "OPTIONS",
                    loopback + path,
                    "Origin",
                    ORIGIN,
                    "Access-Control-Request-Method",
                    "POST",
                    "Access-Control-Request-Headers",
                    "authorization, content-type");
            assertThat(options.headers().firstValue("Access-Control-Allow-Origin"))
                    .as("preflight of " + path)
                    .isEmpty();
            assertThat(options.headers().firstValue("Access-Control-Allow-Credentials"))
                    .as("preflight of " + path)
                    .isEmpty();
        }
    }
}
