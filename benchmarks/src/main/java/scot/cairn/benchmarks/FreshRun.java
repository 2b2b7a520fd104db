package scot.cairn.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How a benchmark main that writes a scratch folder starts: the folder emptied, then the machine it runs on printed. */
final class FreshRun {
    private FreshRun() {}

    /** Deletes and re-creates {@code dir}, then prints the cores, the heap and the load average (and {@code note}). */
    static void in(Path dir, String note) throws IOException {
        VersionBenchmark.deleteRecursively(dir);
        Files.createDirectories(dir);
        System.out.printf(
                Locale.ROOT,
                "cores %d, max heap %d MB, load average at start %.1f%s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                note);
    }
}
