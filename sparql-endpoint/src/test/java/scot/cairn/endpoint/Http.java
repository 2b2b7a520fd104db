package scot.cairn.endpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/** A plain HTTP/1.1 client for the integration tests: no automatic decompression, no retries. */
final class Http {
    static final String HTTR_USER_AGENT = "libcurl/7.81.0 r-curl/5.2.0 httr/1.4.7";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET().build());
    }

    HttpResponse<byte[]> post(String path, String contentType, String body, String... headers) {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    HttpResponse<byte[]> method(String method, String path, String... headers) {
        return send(request(path, headers)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** GET /sparql?query=... */
    HttpResponse<byte[]> query(String query, String... headers) {
        return get("/sparql?query=" + enc(query), headers);
    }

    /** POSTs {@code query} the way R's httr does by default: multipart/form-data with one "query" part. */
    HttpResponse<byte[]> postMultipartLikeHttr(String path, String partName, String query, String... headers) {
        String boundary = "------------------------d74496d66958873e";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + partName + "\"\r\n"
                + "\r\n"
                + query + "\r\n"
                + "--" + boundary + "--\r\n";
        String[] all = new String[headers.length + 2];
        all[0] = "User-Agent";
        all[1] = HTTR_USER_AGENT;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post(path, "multipart/form-data; boundary=" + boundary, body, all);
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String contentType(HttpResponse<byte[]> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
