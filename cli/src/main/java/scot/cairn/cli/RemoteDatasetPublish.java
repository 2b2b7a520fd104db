package scot.cairn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The client side of the server's publish servlet at {@link DatasetPublisher#PATH}: sends a cube definition and its CSV to a
 * running Cairn server (the host and port of its {@code --endpoint}) as one multipart request,
 * so the server validates and publishes them as a new version. The CSV is streamed from disk.
 */
final class RemoteDatasetPublish {

    /** The server's answer: status and plain-text body. */
    record Answer(int status, String body) {}

    private RemoteDatasetPublish() {}

    /** The dataset publishing URL on the same host and port as a Cairn server's Graph Store endpoint. */
    static URI publishUri(String endpoint) {
        return URI.create(endpoint).resolve(DatasetPublisher.PATH);
    }

    /**
     * Posts the files; a 404 means the endpoint is not a Cairn server (plain Graph Store), which
     * the caller handles. The credentials are checked first with a GET, so a wrong password gets
     * its 401 before any file is sent (answered in the middle of an upload, the server closes the
     * connection and the client may see a reset instead).
     */
    static Answer send(
            String endpoint, String user, String password, Path definition, Path csv, Map<String, String> fields) {
        Answer check = credentials(endpoint, user, password);
        if (check.status() == 401 || check.status() == 429) {
            return check;
        }
        String boundary = "cairn-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.values().removeIf(v -> v == null);
        for (Map.Entry<String, String> f : all.entrySet()) {
            parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + f.getValue() + "\r\n"));
        }
        try {
            for (Map.Entry<String, Path> file :
                    Map.of("definition", definition, "data", csv).entrySet()) {
                parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
                        + "\"; filename=\""
                        + file.getValue().getFileName().toString().replace("\"", "") + "\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n"));
                parts.add(HttpRequest.BodyPublishers.ofFile(file.getValue()));
                parts.add(text("\r\n"));
            }
            parts.add(text("--" + boundary + "--\r\n"));
            HttpRequest.Builder request = HttpRequest.newBuilder(publishUri(endpoint))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)));
            return exchange(endpoint, authorised(request, user, password));
        } catch (IOException e) { // a file that cannot be read
            throw unreachable(endpoint, e);
        }
    }

    /** GET on the publishing URL with the credentials: 200 when they are right, 401 when not, 404 on a plain Graph Store. */
    static Answer credentials(String endpoint, String user, String password) {
        return exchange(
                endpoint,
                authorised(HttpRequest.newBuilder(publishUri(endpoint)).GET(), user, password));
    }

    private static UncheckedIOException unreachable(String endpoint, IOException e) {
        return new UncheckedIOException(
                "cannot reach " + publishUri(endpoint) + ": "
                        + (e instanceof java.net.ConnectException
                                ? "nothing answers there (connection refused)"
                                : e instanceof java.net.http.HttpTimeoutException
                                        ? "no answer in time"
                                        : e.getMessage() == null
                                                        || e.getMessage().isBlank()
                                                        || e instanceof java.io.EOFException
                                                        || e.getMessage().contains("received no bytes")
                                                ? "the connection closed without an answer"
                                                : CairnCommand.describe(e))
                        + " (is the server running, and is this its publishing address? if it stopped during the publish, "
                        + "nothing was published: its store changes in one transaction)",
                e);
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String user, String password) {
        if (password != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static Answer exchange(String endpoint, HttpRequest.Builder request) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> r =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw unreachable(endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    private static HttpRequest.BodyPublisher text(String s) {
        return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
    }
}
