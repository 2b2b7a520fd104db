package scot.cairn.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files kept beside the store that replicas need too: the versions folder's reverse patches. They
 * are renamed into place inside the publication's transaction and never rewritten in place, so the
 * difference between two listings (name, size, time) is what a publication wrote; files deleted
 * after a commit (retention) are seen at the next publication, and a replica that keeps one a
 * little longer ignores it as the publisher does. Paths with a part starting with '.' are working
 * files, never replicated ({@link #hidden}).
 */
final class SideFiles {
    private record Stamp(long size, long modified) {}

    /** What changed since the last listing: relative paths written and removed. */
    record Diff(List<String> written, List<String> removed) {}

    private final Path root;
    private Map<String, Stamp> last;

    SideFiles(Path root) {
        this.root = root;
        this.last = list();
    }

    Path root() {
        return root;
    }

    /** The files written and removed since the previous call (or construction). */
    synchronized Diff diff() {
        Map<String, Stamp> now = list();
        List<String> written = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        now.forEach((path, stamp) -> {
            if (!stamp.equals(last.get(path))) {
                written.add(path);
            }
        });
        last.keySet().forEach(path -> {
            if (!now.containsKey(path)) {
                removed.add(path);
            }
        });
        written.sort(null);
        removed.sort(null);
        last = now;
        return new Diff(written, removed);
    }

    private Map<String, Stamp> list() {
        Map<String, Stamp> out = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (!hidden(rel)) {
                    try {
                        out.put(
                                rel,
                                new Stamp(
                                        Files.size(f),
                                        Files.getLastModifiedTime(f).toMillis()));
                    } catch (IOException e) {
                        // removed while listing: not there
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Whether a relative path is the versions' own working space rather than a file to replicate:
     * any part of it starting with '.' (temporary files; {@code .built/}, where earlier versions are
     * built on demand).
     */
    static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Checks a relative path received from the log: inside the root, no '..', no temporary name. */
    static String checkedRelative(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalStateException("not a relative file path: " + path);
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals("..") || part.equals(".") || part.startsWith(".")) {
                throw new IllegalStateException("not an acceptable file path: " + path);
            }
        }
        return path;
    }
}
