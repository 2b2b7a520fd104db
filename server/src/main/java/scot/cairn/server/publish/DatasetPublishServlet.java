package scot.cairn.server.publish;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.cli.DatasetPublisher;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.PublicationException;
import scot.cairn.versions.Release;
import scot.cairn.vocab.UriScheme;

/**
 * {@code POST /cairn/publish} on the loopback Fuseki (so only the host can reach it), behind the
 * {@link PublishingGuard}: publishes one dataset as a new version. A {@code multipart/form-data}
 * body with the files {@code definition} (the cube definition) and {@code data} (the CSV), and
 * optionally the fields {@code note}, {@code kind} ({@code update}/{@code correction}),
 * {@code keep-versions}, {@code max-errors} and {@code skip-geography-check} ({@code true}: any
 * well-formed GSS code of a known level is accepted, as {@code cairn load --skip-geography-check}).
 *
 * <p>The files are streamed into a new folder of their own under {@code uploads}, under names
 * made here ({@link Uploads}): a client's field and file names never become paths. The folder is
 * removed afterwards; folders left by a killed server are swept at start and at the next
 * publication.
 *
 * <p>Answers 200 with the report as plain text; 400 with one error per line (file, line, column
 * or rule) when the files are invalid, or with what is wrong with the request (a malformed or
 * truncated body, a missing or unexpected part), and nothing changes; 413 for a part over its
 * size limit; 503 with {@code Retry-After} when the store refuses or fails (disk full, an I/O
 * error), and nothing is published. Every answer is plain text without stack traces or the
 * server's paths.
 *
 * <p>{@code GET} answers 200 and publishes nothing: the client checks its credentials that way
 * before it uploads, because a 401 sent while a large body is still arriving makes the server
 * close the connection, and the client may then see a reset instead of the answer.
 */
public final class DatasetPublishServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    public static final String PATH = DatasetPublisher.PATH;
    /** Largest CSV or definition accepted. */
    static final long MAX_FILE_BYTES = 4L << 30;
    /** Most parts in one body (two files, four fields, some slack). */
    static final int MAX_PARTS = 16;
    /** Largest text field ({@code note} and the others). */
    static final int MAX_FIELD_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DatasetPublishServlet.class);

    private final DatasetPublisher publisher;
    private final UriScheme uris;
    private final Uploads uploads;

    public DatasetPublishServlet(DatasetPublisher publisher, UriScheme uris, Path uploads) {
        this.publisher = publisher;
        this.uris = uris;
        this.uploads = new Uploads(uploads);
        this.uploads.sweep();
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
        uploads.sweep();
        Path dir = uploads.open();
        Answer answer;
        try {
            answer = handle(req, dir);
        } finally {
            // before the answer goes out: a client that has it finds nothing of its request left
            uploads.close(dir);
        }
        text(resp, answer.status(), answer.body());
    }

    /** A status and its plain-text body. */
    private record Answer(int status, String body) {}

    private Answer handle(HttpServletRequest req, Path dir) throws IOException {
        try {
            Map<String, String> fields = new HashMap<>();
            Map<String, Path> files = new HashMap<>();
            String problem = receive(req, dir, fields, files);
            if (problem != null) {
                return new Answer(problem.startsWith("Too large") ? 413 : 400, problem);
            }
            return publish(fields, files);
        } catch (RuntimeException e) {
            // the store or its disk failed (disk full, an I/O error): the publisher may try again later
            LOG.error("Publication through {} failed", PATH, e);
            return new Answer(
                    503,
                    "The server could not store the publication (a storage failure; the server's log has the "
                            + "details); nothing was published. Try again later.");
        }
    }

    /** Streams the parts into {@code dir}; returns what is wrong with the request, or null. */
    private String receive(HttpServletRequest req, Path dir, Map<String, String> fields, Map<String, Path> files)
            throws IOException {
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setFileSizeMax(MAX_FILE_BYTES);
        try {
            FileItemInputIterator items = upload.getItemIterator(req);
            int parts = 0;
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (++parts > MAX_PARTS) {
                    return "Too many parts: send the files 'definition' and 'data' and at most a few fields";
                }
                String field = item.getFieldName();
                try (InputStream in = item.getInputStream()) {
                    if (item.isFormField()) {
                        byte[] value = Uploads.readAtMost(in, MAX_FIELD_BYTES);
                        if (value == null) {
                            return "Too large: a form field holds at most " + MAX_FIELD_BYTES / 1024 + " KB";
                        }
                        fields.put(field, new String(value, StandardCharsets.UTF_8));
                    } else if (!"definition".equals(field) && !"data".equals(field)) {
                        return "Unexpected file part: send the files 'definition' and 'data' only";
                    } else if (files.containsKey(field)) {
                        return "The file '" + field + "' was sent twice";
                    } else {
                        Path target = Uploads.target(dir, field, item.getName());
                        try (OutputStream out = Files.newOutputStream(target)) {
                            Uploads.copy(in, out);
                        }
                        files.put(field, target);
                    }
                }
            }
        } catch (FileUploadSizeException e) {
            return "Too large: a file holds at most " + MAX_FILE_BYTES / (1L << 30) + " GB";
        } catch (FileUploadException e) {
            return "Malformed multipart body: " + Uploads.firstLine(e.getMessage());
        } catch (Uploads.BodyEnded e) {
            return "Malformed multipart body: it ended before its last part was complete";
        }
        if (!files.containsKey("definition") || !files.containsKey("data")) {
            return "Both files are needed: 'definition' (the cube definition) and 'data' (the CSV)";
        }
        return null;
    }

    private Answer publish(Map<String, String> fields, Map<String, Path> files) {
        try {
            Release release = new Release(
                    fields.getOrDefault(
                            "note", "Published from " + files.get("data").getFileName()),
                    Release.Kind.parse(fields.getOrDefault("kind", "update")));
            Integer keep =
                    fields.containsKey("keep-versions") ? number("keep-versions", fields.get("keep-versions")) : null;
            int maxErrors = fields.containsKey("max-errors") ? number("max-errors", fields.get("max-errors")) : 100;
            boolean skipGeographyCheck =
                    flag("skip-geography-check", fields.getOrDefault("skip-geography-check", "false"));
            DatasetPublisher.Result result = publisher.publish(
                    files.get("definition"), files.get("data"), release, keep, maxErrors, skipGeographyCheck);
            LOG.info("Published through {}: {}", PATH, result.outcome().summary());
            return new Answer(200, result.text(uris, publisher.describe()));
        } catch (InvalidInputException e) {
            // The message lists every error, one per line, as the CLI prints them.
            return new Answer(400, uploads.scrub(e.getMessage()) + "\nnothing was published");
        } catch (IllegalArgumentException e) {
            return new Answer(400, uploads.scrub(e.getMessage()));
        } catch (PublicationException e) {
            LOG.warn("Publication through {} failed: {}", PATH, e.getMessage());
            return new Answer(503, uploads.scrub(e.getMessage()) + "\nnothing was published");
        }
    }

    private static boolean flag(String field, String value) {
        String v = value.strip();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + field + "' must be true or false");
        }
        return v.equals("true");
    }

    private static int number(String field, String value) {
        String v = value.strip();
        if (!v.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, 0 or more");
        }
        return Integer.parseInt(v);
    }

    /** The guard lets through only the publisher; this refuses anything else should the servlet ever be mounted without it. */
    private static boolean refused(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getRemoteUser() != null) {
            return false;
        }
        resp.setHeader("WWW-Authenticate", "Basic realm=\"Cairn publishing\"");
        text(resp, 401, "Unauthorized: publishing needs the publisher's user name and password");
        return true;
    }

    private static void text(HttpServletResponse resp, int status, String body) throws IOException {
        if (status == 503) {
            resp.setHeader("Retry-After", "60");
        }
        PublishingGuard.text(resp, status, body.endsWith("\n") ? body.substring(0, body.length() - 1) : body);
    }
}
