package scot.cairn.replication;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import scot.cairn.store.TripleStore;

/**
 * A new replica from nothing: a snapshot is a folder holding a TDB2 backup of a store
 * ({@code store.nq.gz}, N-Quads), the files beside it ({@code versions/}) copied under the same
 * hold on writers, and the store's state at that moment ({@code state.properties}: its generation
 * and, taken from a replica, its offset in the topic). Restoring it makes a data folder from which a
 * replica follows the topic on from exactly that point.
 */
public final class Snapshots {
    static final String STORE = "store.nq.gz";
    static final String STATE = "state.properties";
    static final String VERSIONS = "versions";

    private Snapshots() {}

    /**
     * Writes a snapshot of {@code store} and {@code <dataDir>/versions} into {@code target}, which
     * must not exist; it appears whole (written beside it, then renamed).
     *
     * @return the state recorded (generation, and the replica's offset when taken from a replica)
     */
    public static Map<String, String> write(TripleStore store, Path dataDir, Path target) throws IOException {
        if (Files.exists(target)) {
            throw new IOException(target + " already exists");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, ".snapshot-");
        try {
            Map<String, String> state;
            try (OutputStream out = new GZIPOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(work.resolve(STORE)), 1 << 16), 1 << 16)) {
                state = store.backup(out, () -> copyTree(dataDir.resolve(VERSIONS), work.resolve(VERSIONS)));
            }
            Properties p = new Properties();
            p.putAll(state);
            try (OutputStream out = Files.newOutputStream(work.resolve(STATE))) {
                p.store(out, "Cairn store state at the snapshot");
            }
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            return state;
        } catch (IOException | RuntimeException e) {
            ChangeLog.deleteTree(work);
            throw e;
        }
    }

    /**
     * Makes {@code dataDir} (whose store folder {@code tdb2} must be absent or empty) from the
     * snapshot in {@code snapshot}.
     *
     * @return the state restored
     */
    public static Map<String, String> restore(Path snapshot, Path dataDir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(snapshot.resolve(STATE))) {
            p.load(in);
        }
        Map<String, String> state = new TreeMap<>();
        p.forEach((k, v) -> state.put((String) k, (String) v));
        try (InputStream in = new GZIPInputStream(
                        new BufferedInputStream(Files.newInputStream(snapshot.resolve(STORE)), 1 << 16), 1 << 16);
                TripleStore store = TripleStore.restore(dataDir.resolve("tdb2"), in, state)) {
            copyTree(snapshot.resolve(VERSIONS), dataDir.resolve(VERSIONS));
            return store.state();
        }
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String rel = from.relativize(f).toString().replace('\\', '/');
                if (!rel.isEmpty() && SideFiles.hidden(rel)) {
                    continue; // working files (temporary files, versions built on demand)
                }
                Path t = to.resolve(rel);
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
