package scot.cairn.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of sorted runs ({@link SortedRuns}) and the sweep of those a killed load left
 * behind (109-257 MB each, never removed before).
 *
 * <p>How a leftover is told from a live folder, in this process or another: each folder holds a
 * {@value #OWNER} file that its index writer keeps an operating-system lock on while it lives; a killed
 * process's locks are gone. The sort folder is usually the system's temporary folder, shared
 * with other programs, so the sweep touches only folders named as {@link SortedRuns} names them, and one
 * without the owner file (made by an older version, or in the instant before the lock) only when
 * it is older than {@link #UNOWNED_AGE}. Thread-safe.
 */
final class SortRunFolders {
    static final String OWNER = ".owner";
    static final Duration UNOWNED_AGE = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(SortRunFolders.class);
    /** {@code cairn-<index name>-<digits>}: what {@link Files#createTempDirectory} makes from the runs' prefix. */
    private static final Pattern NAME = Pattern.compile("cairn-[A-Za-z]{3,8}-\\d+");
    /**
     * A SPARQL answer's spill file as the build before {@link ScratchFolder} wrote it, loose in the
     * scratch folder: swept when older than {@link #UNOWNED_AGE} (no answer is sent for that long).
     */
    private static final Pattern LOOSE_SPILL = Pattern.compile("cairn-sparql-\\d+\\.spill");

    private SortRunFolders() {}

    /** A new run folder of one index writer, locked as live until {@link Claim#release()}. */
    static Claim claim(Path sortDir, String indexName) {
        try {
            Files.createDirectories(sortDir);
            Path dir = Files.createTempDirectory(sortDir, "cairn-" + indexName + "-");
            FileChannel channel =
                    FileChannel.open(dir.resolve(OWNER), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new Claim(dir, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a sort folder in " + sortDir, e);
        }
    }

    /** A live run folder and the lock that says so. */
    static final class Claim {
        private final Path dir;
        private final FileChannel channel;
        private final FileLock lock;

        private Claim(Path dir, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
        }

        Path dir() {
            return dir;
        }

        /** Unlocks and deletes the folder with whatever is left in it. */
        void release() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel or the process
            }
            deleteTree(dir);
        }
    }

    /**
     * Deletes the run folders in {@code sortDir} that belong to no live index writer, in any process.
     *
     * @return the folders deleted
     */
    static int sweep(Path sortDir) {
        if (!Files.isDirectory(sortDir)) {
            return 0;
        }
        int swept = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(sortDir, "cairn-*")) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (NAME.matcher(name).matches() && Files.isDirectory(d) && abandoned(d)) {
                    deleteTree(d);
                    swept++;
                } else if (LOOSE_SPILL.matcher(name).matches() && Files.isRegularFile(d) && old(d)) {
                    Files.deleteIfExists(d);
                    swept++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not sweep the sort folder {}: {}", sortDir, e.getMessage());
        }
        if (swept > 0) {
            LOG.info(
                    "Removed {} leftover(s) of a killed process (sorted runs, temporary results) in {}",
                    swept,
                    sortDir);
        }
        return swept;
    }

    private static boolean old(Path p) throws IOException {
        return Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(UNOWNED_AGE));
    }

    private static boolean abandoned(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER);
        if (!Files.exists(owner)) {
            return old(dir);
        }
        try (FileChannel channel = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process's live index writer
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // a live index writer of this process
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // released meanwhile
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: the next sweep tries again
        }
    }
}
