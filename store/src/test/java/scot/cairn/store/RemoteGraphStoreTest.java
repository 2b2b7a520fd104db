package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link RemoteGraphStore} talks to a publishing endpoint, checked against a recording HTTP
 * server that challenges any request without credentials, as Cairn's publishing guard does.
 */
class RemoteGraphStoreTest {
    private static final String GRAPH = "http://example.org/graph/g";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String expected;

    @TempDir
    Path scratch;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ds", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String dataset() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ds";
    }

    /** Records each request; refuses one without the right credentials before reading its body. */
    private void answer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath() + " "
                + (auth == null ? "without credentials" : auth.equals(expected) ? "signed in" : "wrong credentials"));
        if (!expected.equals(auth)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(exchange.getRequestMethod().equals("PUT") ? 201 : 204, -1);
        exchange.close();
    }

    private static GraphReplacement oneTriple() {
        return new GraphReplacement(
                List.of(GRAPH),
                sink -> sink.add(Quad.create(
                        NodeFactory.createURI(GRAPH),
                        NodeFactory.createURI("http://example.org/s"),
                        NodeFactory.createURI("http://example.org/p"),
                        NodeFactory.createLiteralString("o"))));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyRequestCarriesTheCredentialsSoNoUploadIsEverChallenged() {
        expected = basic("publisher", "s3cret");
        RemoteGraphStore store = new RemoteGraphStore(dataset(), null, null, "publisher", "s3cret", scratch);

        assertThat(store.replaceGraphs(oneTriple())).isEqualTo(1);

        // the staging upload, then the one update that moves it onto the graph; no 401 round trip,
        // so the server never answers an upload before reading it
        assertThat(requests).containsExactly("PUT /ds/data signed in", "POST /ds/update signed in");
    }

    @Test
    void wrongCredentialsFailTheUploadOnceAndPublishNothing() {
        expected = basic("publisher", "s3cret");
        RemoteGraphStore store = new RemoteGraphStore(dataset(), null, null, "publisher", "guess", scratch);

        assertThatThrownBy(() -> store.replaceGraphs(oneTriple()))
                .isInstanceOf(PublicationException.class)
                .hasMessageContaining("publishing to " + dataset() + " failed");

        // one refused upload (not retried with the same wrong password) and the staging clean-up,
        // also refused; never the update that would publish
        assertThat(requests).containsExactly("PUT /ds/data wrong credentials", "POST /ds/update wrong credentials");
    }
}
