package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Errors by what the client accepts: a page in the site's style for a browser, JSON for a JSON
 * client, one line of text for the rest; for unknown paths, pages whose subject does not exist,
 * Spring's own refusals, {@code /error} itself and what Tomcat refuses before the application.
 */
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/outputs-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../cube-definitions/profiles",
            "cairn.publish.password=outputs-it"
        })
class ErrorPagesIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertSitePage(HttpResponse<String> r, int status, String title, String... text) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body())
                .contains(
                        "<link rel=\"stylesheet\" href=\"/web/site.css\">",
                        "Cairn statistics",
                        "<h1>" + title + "</h1>")
                .doesNotContain("Whitelabel", "Exception", "at org.");
        if (text.length > 0) {
            assertThat(r.body()).contains(text);
        }
    }

    @Test
    void anUnknownPathIsAPageForABrowserJsonForJsonAndTextForTheRest() throws Exception {
        assertSitePage(
                send("GET", "/no/such/page", BROWSER), 404, "Page not found", "There is nothing at /no/such/page.");
        HttpResponse<String> json = send("GET", "/no/such/page", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("error").asText()).isEqualTo("Not Found");
        assertThat(body.get("message").asText()).isEqualTo("There is nothing at /no/such/page.");
        assertThat(body.get("path").asText()).isEqualTo("/no/such/page");
        for (String accept : new String[] {null, "*/*", "text/plain", "text/csv"}) {
            HttpResponse<String> text = send("GET", "/no/such/page", accept);
            assertThat(text.statusCode()).as(accept).isEqualTo(404);
            assertThat(text.headers().firstValue("Content-Type").orElse(""))
                    .as(accept)
                    .startsWith("text/plain");
            assertThat(text.body()).as(accept).isEqualTo("404 Not Found: There is nothing at /no/such/page.\n");
        }
    }

    @Test
    void aPageWhoseSubjectDoesNotExistIsTheSamePage() throws Exception {
        assertSitePage(send("GET", "/areas/S12999999", BROWSER), 404, "Page not found", "No area S12999999");
        assertSitePage(
                send("GET", "/datasets/no-such-dataset", BROWSER), 404, "Page not found", "No dataset no-such-dataset");
        assertSitePage(
                send("GET", "/data/no-such-dataset", BROWSER),
                404,
                "Page not found",
                "No description of http://statistics.gov.scot/data/no-such-dataset");
        HttpResponse<String> turtle = send("GET", "/data/no-such-dataset", "text/turtle");
        assertThat(turtle.statusCode()).isEqualTo(404);
        assertThat(turtle.body()).isEqualTo("No description of http://statistics.gov.scot/data/no-such-dataset\n");
    }

    @Test
    void springsOwnRefusalsAreAnsweredTheSameWay() throws Exception {
        assertSitePage(send("DELETE", "/data.json", BROWSER), 405, "Not available this way");
        HttpResponse<String> text = send("DELETE", "/data.json", null);
        assertThat(text.statusCode()).isEqualTo(405);
        assertThat(text.body()).startsWith("405 Method Not Allowed: ");
        HttpResponse<String> json = send("PUT", "/areas", "application/json");
        assertThat(json.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(json.body()).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void errorItselfIsAnUnknownPathNeverAServerError() throws Exception {
        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            for (String accept : new String[] {BROWSER, "application/json", null}) {
                HttpResponse<String> r = send(method, "/error", accept);
                assertThat(r.statusCode()).as(method + " /error, " + accept).isEqualTo(404);
                assertThat(r.body()).as(method + " /error, " + accept).doesNotContain("Whitelabel", "999");
            }
        }
    }

    @Test
    void whatTomcatRefusesBeforeTheApplicationIsAnsweredTheSameWay() throws Exception {
        String page =
                raw("GET /a%zz HTTP/1.1\r\nHost: localhost\r\nAccept: " + BROWSER + "\r\nConnection: close\r\n\r\n");
        assertThat(page)
                .startsWith("HTTP/1.1 400")
                .contains("Content-Security-Policy: ", "X-Content-Type-Options: nosniff")
                .contains("<h1>Bad Request</h1>")
                .doesNotContain("Tomcat", "HTTP Status 400");
        String text = raw("GET /a%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(text)
                .startsWith("HTTP/1.1 400")
                .contains("Content-Type: text/plain")
                .endsWith(
                        "400 Bad Request: The request could not be understood: its address or headers are not well formed.\n");
    }

    /** One request over a plain socket: an address no HTTP client library would send. */
    String raw(String request) throws Exception {
        try (Socket s = new Socket("localhost", port)) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
