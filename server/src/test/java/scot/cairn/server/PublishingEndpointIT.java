package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.RemoteGraphStore;
import scot.cairn.store.TripleStore;

/**
 * Publishing to a running server goes through the credential-protected loopback endpoints: the
 * whole password counts (a comma too), it is never written to disk, and uploads stay in their
 * folder whatever their names.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/publish-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.examples=false",
            "cairn.publish.password=Pw-Alpha,Beta-9"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishingEndpointIT {
    static final String PASSWORD = "Pw-Alpha,Beta-9";

    @Autowired
    LoopbackFuseki fuseki;

    @Autowired
    TripleStore store;

    @Autowired
    CairnProperties properties;

    static final String G = "http://statistics.gov.scot/graph/published-remotely";

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private GraphReplacement oneQuad(String object) {
        return new GraphReplacement(
                List.of(G),
                sink -> sink.add(Quad.create(
                        NodeFactory.createURI(G),
                        NodeFactory.createURI("urn:s"),
                        NodeFactory.createURI("urn:p"),
                        NodeFactory.createLiteralString(object))));
    }

    private RemoteGraphStore endpoint(String user, String password) {
        return new RemoteGraphStore(
                "http://127.0.0.1:" + fuseki.port() + LoopbackFuseki.PUBLISH_PATH,
                null,
                null,
                user,
                password,
                Path.of("target"));
    }

    private static String basic(String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString(("publisher:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder publish(String authorization) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fuseki.port() + "/cairn/publish"));
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    @Test
    void thePublisherReplacesGraphsInTheRunningStoreAndTheVersionChanges() {
        long before = store.version();
        try (RemoteGraphStore target = endpoint("publisher", PASSWORD)) {
            target.replaceGraphs(oneQuad("first"));
            target.replaceGraphs(oneQuad("second"));
        }
        assertThat(store.size(G)).isEqualTo(1);
        String object = store.read(d -> d.find(NodeFactory.createURI(G), null, null, null)
                .next()
                .getObject()
                .getLiteralLexicalForm());
        assertThat(object).isEqualTo("second");
        assertThat(store.version()).isGreaterThan(before);
        assertThat(store.graphNames()).noneMatch(g -> g.startsWith("urn:x-cairn:staging"));
    }

    /** Last: the failures lock the loopback address out, and every client of the test shares it. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aWrongPasswordIsRefusedAndNothingChangesAndGuessingIsLockedOut() throws Exception {
        long size = store.size();
        try (RemoteGraphStore target = endpoint("publisher", "wrong")) {
            assertThatThrownBy(() -> target.replaceGraphs(oneQuad("x"))).isInstanceOf(PublicationException.class);
        }
        assertThat(store.size()).isEqualTo(size);
        HttpResponse<String> answer = null;
        for (int i = 0; i < 12 && (answer == null || answer.statusCode() != 429); i++) {
            answer = send(publish(basic("guess-" + i)));
            assertThat(answer.statusCode()).isIn(401, 429);
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(store.size()).isEqualTo(size);
    }

    @Test
    void theWholePasswordCountsAndItIsWrittenNowhere() throws Exception {
        assertThat(send(publish(basic(PASSWORD))).statusCode()).isEqualTo(200);
        // Jetty's password file read what follows a comma as roles: "Pw-Alpha" alone used to be accepted
        long version = store.version();
        HttpResponse<String> prefix = send(publish(basic("Pw-Alpha")));
        assertThat(prefix.statusCode()).isEqualTo(401);
        HttpResponse<String> update = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fuseki.port() + "/publish/update"))
                .header("Authorization", basic("Pw-Alpha"))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")));
        assertThat(update.statusCode()).isEqualTo(401);
        assertThat(store.version()).isEqualTo(version);
        assertThat(send(publish(basic(PASSWORD))).statusCode()).isEqualTo(200);
        try (Stream<Path> files = Files.walk(properties.dataDir())) {
            List<Path> holding = files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return Files.size(f) < 50_000_000
                                    && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                                            .contains(PASSWORD);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .toList();
            assertThat(holding).as("files holding the password").isEmpty();
        }
        assertThat(properties.dataDir().resolve(LoopbackFuseki.OLD_PASSWORD_FILE))
                .doesNotExist();
    }

    /** A multipart body with the given raw part headers and contents. */
    private HttpResponse<String> multipart(String... headersAndContents) throws Exception {
        String boundary = "b0undary";
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < headersAndContents.length; i += 2) {
            body.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append(headersAndContents[i])
                    .append("\r\n\r\n")
                    .append(headersAndContents[i + 1])
                    .append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return send(publish(basic(PASSWORD))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    @Test
    void uploadsStayInTheirFolderWhateverTheirNamesAndErrorsShowNoInternals() throws Exception {
        // where the field name used to lead, from an upload folder
        Path outside = properties
                .dataDir()
                .resolve("uploads/publish-1/../../../../../tmp/x/cairn-traversal-probe")
                .normalize();
        Files.deleteIfExists(outside);
        List<HttpResponse<String>> answers = List.of(
                multipart(
                        "Content-Disposition: form-data; name=\"../../../../../tmp/x\"; filename=\"cairn-traversal-probe\"",
                        "written?"),
                multipart(
                        "Content-Disposition: form-data; name=\"definition\"; filename=\"..\"",
                        "x",
                        "Content-Disposition: form-data; name=\"data\"; filename=\"..\"",
                        "y"),
                multipart(
                        "Content-Disposition: form-data; name=\"definition\"; filename=\"../../../../etc/passwd\"",
                        "x: [",
                        "Content-Disposition: form-data; name=\"data\"; filename=\"/\"",
                        "a,b"),
                multipart(
                        "Content-Disposition: form-data; name=\"definition\"; filename=\"d.yaml\"",
                        "x",
                        "Content-Disposition: form-data; name=\"definition\"; filename=\"d.yaml\"",
                        "x"),
                multipart(
                        "Content-Disposition: form-data; name=\"keep-versions\"",
                        "-1; rm -rf /",
                        "Content-Disposition: form-data; name=\"definition\"; filename=\"d.yaml\"",
                        "x",
                        "Content-Disposition: form-data; name=\"data\"; filename=\"d.csv\"",
                        "y"));
        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(r.body())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain(properties.dataDir().toAbsolutePath().toString())
                    .doesNotContain("publish-");
        }
        assertThat(outside).doesNotExist();
        try (Stream<Path> left = Files.list(properties.dataDir().resolve("uploads"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aHugeAuthorizationHeaderIsRefusedWithoutAServerError() throws Exception {
        String huge = "Basic " + "A".repeat(100_000);
        for (String path : List.of("/ds/query?query=ASK%7B%7D", "/publish/data", "/cairn/publish")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fuseki.port() + path))
                    .header("Authorization", huge));
            // /ds ignores credentials (Fuseki's Jetty takes large headers); the publishing paths refuse them unread
            assertThat(r.statusCode()).as(path).isBetween(path.startsWith("/ds") ? 200 : 400, 499);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(send(publish(basic(PASSWORD))).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedAndTruncatedBodiesGet400() throws Exception {
        HttpResponse<String> noBoundary = send(publish(basic(PASSWORD))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "--x\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\nabc\r\n--x--\r\n")));
        assertThat(noBoundary.statusCode()).isEqualTo(400);
        assertThat(noBoundary.body()).startsWith("Malformed multipart body");
        HttpResponse<String> truncated = send(publish(basic(PASSWORD))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "--x\r\nContent-Disposition: form-data; name=\"data\"; filename=\"d.csv\"\r\n\r\nabc")));
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).startsWith("Malformed multipart body");
        HttpResponse<String> notMultipart = send(publish(basic(PASSWORD))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(notMultipart.statusCode()).isEqualTo(400);
    }
}
