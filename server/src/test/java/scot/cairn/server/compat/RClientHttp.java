package scot.cairn.server.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a SPARQL query the ways real clients do: as opendatascot does through R's httr
 * ({@code httr::POST(body = list(query = q), httr::accept("text/csv"))}, which libcurl encodes as
 * multipart/form-data with one {@code query} part), and as other clients do (GET {@code ?query=},
 * form-encoded POST, the {@code /sparql.csv} suffix).
 */
final class RClientHttp {
    /** What httr sends when the caller sets no User-Agent. */
    static final String HTTR_USER_AGENT = "libcurl/7.81.0 r-curl/5.2.0 httr/1.4.7";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    RClientHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /**
     * The request of opendatascot's {@code ods_query_database}: POST to {@code /sparql}, a
     * multipart body whose one part has only a Content-Disposition header (libcurl adds no
     * Content-Type to a string field), {@code Accept: text/csv}. libcurl 7.x asks for
     * {@code 100-continue} before a body over 1 kB; so does this client.
     */
    HttpResponse<String> postMultipart(String path, String query) {
        String boundary = "------------------------" + HexFormat.of().formatHex(randomBytes(8));
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"query\"\r\n"
                + "\r\n"
                + query + "\r\n"
                + "--" + boundary + "--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(request(path)
                .header("User-Agent", HTTR_USER_AGENT)
                .header("Accept", "text/csv")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .expectContinue(bytes.length > 1024)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    /** GET {@code path?query=...}; {@code accept} may be null (no Accept header). */
    HttpResponse<String> get(String path, String query, String accept) {
        HttpRequest.Builder b = request(path + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    /** POST {@code application/x-www-form-urlencoded} with a {@code query} field. */
    HttpResponse<String> postForm(String path, String query, String accept) {
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(90));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
