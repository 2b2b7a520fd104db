package scot.cairn.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the read-only real public data ({@code ../shared/data/real}) that tests and benchmarks use.
 *
 * <p>The folder is found from the system property {@code cairn.shared.dir} (set by the build),
 * then the environment variable {@code CAIRN_SHARED_DIR}, then {@code ../shared} relative to the
 * working directory and its parents. When it is missing, {@link #require} aborts the calling test
 * with a message naming what was looked for, so the run reports it as skipped, never as passed.
 */
public final class RealData {
    private RealData() {}

    /** The {@code data/real} folder, or null when it cannot be found. */
    public static Path rootOrNull() {
        for (String candidate :
                new String[] {System.getProperty("cairn.shared.dir"), System.getenv("CAIRN_SHARED_DIR")}) {
            if (candidate != null && !candidate.isBlank()) {
                Path p = Path.of(candidate).resolve("data/real");
                if (Files.isDirectory(p)) {
                    return p.toAbsolutePath().normalize();
                }
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("../shared/data/real").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /**
     * The real data file at {@code relative} (e.g. {@code geography/Datazone2011lookup.csv});
     * skips the calling test with a message when the shared folder or the file is absent.
     */
    public static Path require(String relative) {
        Path root = rootOrNull();
        Assumptions.assumeTrue(
                root != null,
                "SKIPPED: real data folder ../shared/data/real not found (set -Dcairn.shared.dir or CAIRN_SHARED_DIR); "
                        + "this test needs " + relative);
        Path file = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(file), "SKIPPED: real data file missing: " + file);
        return file;
    }
}
