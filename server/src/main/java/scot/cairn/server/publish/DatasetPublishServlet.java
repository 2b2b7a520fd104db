package scot.cairn.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scot.cairn.cli.DatasetPublisher;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.PublicationException;
import scot.cairn.versions.Release;
import scot.cairn.vocab.UriScheme;

/**
 * {@code POST /cairn/publish} on the loopback Fuseki (so only the host can reach it), HTTP basic
 * authentication with the publisher's credentials: publishes one dataset as a new version.
 * A {@code multipart/form-data} body with the files {@code definition} (the cube definition) and
 * {@code data} (the CSV), and optionally the fields {@code note}, {@code kind}
 * ({@code update}/{@code correction}), {@code keep-versions} and {@code max-errors}. The files
 * are streamed to a private folder under the data folder and removed afterwards.
 *
 * <p>Answers 200 with the report as plain text; 400 with one error per line (file, line, column
 * or rule) when the files are invalid, and nothing changes; 401 without the right credentials.
 * {@code cairn load --endpoint http://127.0.0.1:<port>/publish} uses it when it exists.
 *
 * <p>{@code GET} with the same credentials answers 200 (401 without them) and publishes nothing:
 * the client checks its credentials that way before it uploads, because a 401 sent while a large
 * body is still arriving makes the server close the connection, and the client may then see a
 * reset instead of the answer.
 */
public final class DatasetPublishServlet extends HttpServlet {
    public static final String PATH = DatasetPublisher.PATH;
    private static final Logger LOG = LoggerFactory.getLogger(DatasetPublishServlet.class);

    private final DatasetPublisher publisher;
    private final UriScheme uris;
    private final String user;
    private final String password;
    private final Path uploads;

    public DatasetPublishServlet(DatasetPublisher publisher, UriScheme uris, String user, String password, Path uploads) {
        this.publisher = publisher;
        this.uris = uris;
        this.user = user;
        this.password = password;
        this.uploads = uploads;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (refused(req, resp)) {
            return;
        }
        text(resp, 200, "Ready: POST the files 'definition' and 'data' as multipart/form-data");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (refused(req, resp)) {
            return;
        }
        if (!JakartaServletFileUpload.isMultipartContent(req)) {
            text(resp, 400, "Send multipart/form-data with the files 'definition' and 'data'");
            return;
        }
        Files.createDirectories(uploads);
        Path dir = Files.createTempDirectory(uploads, "publish-");
        try {
            Map<String, String> fields = new HashMap<>();
            Map<String, Path> files = new HashMap<>();
            FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(req);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                try (InputStream in = item.getInputStream()) {
                    if (item.isFormField()) {
                        fields.put(item.getFieldName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    } else {
                        String name = item.getName() == null || item.getName().isBlank() ? item.getFieldName()
                                : Path.of(item.getName()).getFileName().toString();
                        Path target = dir.resolve(item.getFieldName()).resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        files.put(item.getFieldName(), target);
                    }
                }
            }
            if (!files.containsKey("definition") || !files.containsKey("data")) {
                text(resp, 400, "Both files are needed: 'definition' (the cube definition) and 'data' (the CSV)");
                return;
            }
            Release release = new Release(fields.getOrDefault("note", "Published from " + files.get("data").getFileName()),
                    Release.Kind.parse(fields.getOrDefault("kind", "update")));
            Integer keep = fields.containsKey("keep-versions") ? Integer.valueOf(fields.get("keep-versions").strip()) : null;
            int maxErrors = fields.containsKey("max-errors") ? Integer.parseInt(fields.get("max-errors").strip()) : 100;
            DatasetPublisher.Result result = publisher.publish(files.get("definition"), files.get("data"), release, keep, maxErrors);
            LOG.info("Published through {}: {}", PATH, result.outcome().summary());
            text(resp, 200, result.text(uris, publisher.describe()));
        } catch (InvalidInputException e) {
            // The message lists every error, one per line, as the CLI prints them.
            text(resp, 400, e.getMessage() + "\nnothing was published");
        } catch (IllegalArgumentException e) {
            text(resp, 400, e.getMessage());
        } catch (FileUploadException e) {
            text(resp, 400, "Malformed multipart body: " + e.getMessage());
        } catch (PublicationException e) {
            text(resp, 500, e.getMessage());
        } finally {
            deleteTree(dir);
        }
    }

    /** Answers 401 and true without the publisher's credentials. */
    private boolean refused(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (authorised(req.getHeader("Authorization"))) {
            return false;
        }
        resp.setHeader("WWW-Authenticate", "Basic realm=\"Cairn publishing\"");
        text(resp, 401, "Unauthorized: publishing needs the publisher's user name and password");
        return true;
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    private static void text(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        byte[] bytes = (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove the upload folder {}: {}", dir, e.getMessage());
        }
    }
}
