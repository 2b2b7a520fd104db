package scot.cairn.server.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder uploads are streamed into ({@code <data dir>/uploads}): one new folder per request,
 * {@code publish-*}, named by the file system, holding each file under a name made here.
 *
 * <p>Why: a multipart field named {@code ../../../../../tmp/x} wrote outside the folder, and a
 * file named {@code ..} gave a 500 showing the exception and a path. Here a file's place is
 * {@code <request folder>/<part>/<name>}, where the part is one of the two this service takes and
 * the name is the last segment of the client's file name reduced to letters, digits, dots,
 * dashes and underscores (kept because errors name the file), or the part's own name. Folders
 * left by a killed server are swept: those that belong to no request being answered now.
 */
final class Uploads {
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private static final String PREFIX = "publish-";
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]");
    private static final int MAX_NAME = 100;

    private final Path root;
    /** Request folders in use now; the sweep leaves them alone. */
    private final Set<Path> live = ConcurrentHashMap.newKeySet();

    Uploads(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A new, empty folder for one request's files (synchronized with the sweep, which must not see it before it is live). */
    synchronized Path open() throws IOException {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, PREFIX);
        live.add(dir);
        return dir;
    }

    /** Deletes a request's folder. */
    void close(Path dir) {
        try {
            deleteTree(dir);
        } finally {
            live.remove(dir);
        }
    }

    /** Deletes every request folder that no request is using: leftovers of a killed server. */
    synchronized int sweep() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int swept = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path d : dirs) {
                if (!live.contains(d.toAbsolutePath().normalize())) {
                    deleteTree(d);
                    swept++;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not sweep the upload folder {}: {}", root, e.getMessage());
        }
        if (swept > 0) {
            LOG.info("Removed {} upload folder(s) left by an interrupted publication in {}", swept, root);
        }
        return swept;
    }

    /**
     * Where a part's file goes: {@code dir/<part>/<safe name>}; {@code part} must be one of the
     * names this service defines, never a client's string.
     */
    static Path target(Path dir, String part, String clientName) throws IOException {
        Path folder = dir.resolve(part);
        Files.createDirectories(folder);
        Path target = folder.resolve(safeName(clientName, part));
        if (!target.normalize().startsWith(dir)) {
            throw new IllegalStateException("an upload escaped its folder: " + part);
        }
        return target;
    }

    /** The last segment of {@code clientName} reduced to safe characters, or {@code fallback}. */
    static String safeName(String clientName, String fallback) {
        if (clientName == null) {
            return fallback;
        }
        String last = clientName.substring(Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
        String safe = UNSAFE.matcher(last).replaceAll("_");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(safe.length() - MAX_NAME);
        }
        return safe.isEmpty() || safe.startsWith(".") ? fallback : safe;
    }

    /** The client's body ended or broke while a part was read (a truncated upload). */
    static final class BodyEnded extends IOException {
        private static final long serialVersionUID = 1L;

        BodyEnded(IOException cause) {
            super("the request body ended early", cause);
        }
    }

    /** Copies a part to its file; a failure to read the part is the client's ({@link BodyEnded}), to write it the server's. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (FileUploadException e) {
                throw e;
            } catch (IOException e) {
                throw new BodyEnded(e);
            }
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    /** The part's bytes, or null when it has more than {@code max}. */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        try {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        } catch (FileUploadException e) {
            throw e;
        } catch (IOException e) {
            throw new BodyEnded(e);
        }
    }

    /**
     * Removes the server's own folders from a message meant for the client: a request folder
     * before an uploaded file's name, the data folder anywhere else.
     */
    String scrub(String message) {
        if (message == null) {
            return "";
        }
        String sep = root.getFileSystem().getSeparator();
        String withoutUploads = message.replaceAll(
                Pattern.quote(root + sep) + PREFIX + "[^" + Pattern.quote(sep) + "]*" + Pattern.quote(sep)
                        + "(?:definition|data)" + Pattern.quote(sep),
                "");
        Path dataDir = root.getParent();
        return dataDir == null ? withoutUploads : withoutUploads.replace(dataDir.toString(), "<data dir>");
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove the upload folder {}: {}", dir, e.getMessage());
        }
    }
}
