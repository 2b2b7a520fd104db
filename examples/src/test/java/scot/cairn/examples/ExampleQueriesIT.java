package scot.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.server.PublisherApplication;

/**
 * Every example query in {@code examples/queries} returns exactly the CSV stored beside it, on a
 * fresh server that loaded the bundled examples on first start — what a new user sees.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cairn.data-dir=target/examples-it-data/${random.uuid}", "cairn.fuseki.port=0"})
class ExampleQueriesIT {

    static final Path QUERIES = Path.of("queries");

    @LocalServerPort
    int port;

    static List<Path> queries() throws IOException {
        try (Stream<Path> s = Files.list(QUERIES)) {
            return s.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void exampleQueryReturnsItsExpectedCsv(Path query) throws Exception {
        String sparql = Files.readString(query);
        Path expectedFile = Path.of(query.toString().replaceAll("\\.rq$", ".csv"));
        String expected = Files.readString(expectedFile);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "query=" + URLEncoder.encode(sparql, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(expected);
    }
}
