package scot.cairn.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.stream.Stream;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.PublishOutcome;
import scot.cairn.versions.Release;
import scot.cairn.versions.VersionedTarget;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * Republishing a 1 M-observation data set in a store that already holds ten others, the way
 * {@code cairn load} and {@code /cairn/publish} do it (a new version: only the difference is
 * written), while a reader keeps asking for one area's observations of that data set.
 *
 * <p>The store is a copy of {@link SliceQueryBenchmark}'s (ten data-zone data sets, 16.7 M quads).
 * Into it goes version 1 of a generated data set of 3,334 data zones x 10 years x 3 sexes x 10
 * measures = 1,000,200 observations; then version 2 with 1 % of its values revised, and version 3
 * with every value revised; each timed with the reader running.
 *
 * <p>Run (after building the benchmarks module and copying its dependencies, as for the others):
 * {@code java -Xmx4g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
 * scot.cairn.benchmarks.ReloadBenchmark benchmarks/target/reload-bench benchmarks/target/slice-store [areas]}
 */
public final class ReloadBenchmark {
    private static final UriScheme URIS = UriScheme.defaultScheme();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ReloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/reload-bench");
        Path others = Path.of(args.length > 1 ? args[1] : "benchmarks/target/slice-store")
                .resolve("tdb2");
        int areas = args.length > 2 ? Integer.parseInt(args[2]) : 3334;
        VersionBenchmark.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path db = dir.resolve("tdb2");
        copy(others, db);

        Path v1 = dir.resolve("v1.csv");
        long rows = CubeLoadBenchmark.writeCsv(v1, areas);
        Path v2 = dir.resolve("v2.csv");
        long revised2 = VersionBenchmark.reviseEvery(v1, v2, 100);
        Path v3 = dir.resolve("v3.csv");
        long revised3 = VersionBenchmark.reviseEvery(v1, v3, 1);
        CubeDefinition definition = CubeDefinition.read(CubeLoadBenchmark.definitionYaml("reloaded"), "reloaded.yaml");
        CubeLoader loader = new CubeLoader(URIS, VersionBenchmark.DATA_ZONES);
        long perArea = rows / areas;

        try (TripleStore store = TripleStore.open(db)) {
            System.out.printf(
                    Locale.ROOT,
                    "cores %d, max heap %d MB; store: %,d quads (ten data sets); data set: %,d observations%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    store.size(),
                    rows);
            Versions versions = new Versions(store, URIS, dir.resolve("patches"), 20_000_000);
            publish(versions, loader, definition, v1, "version 1 (new data set, everything written)", null);
            publish(
                    versions,
                    loader,
                    definition,
                    v2,
                    String.format(Locale.ROOT, "version 2 (%,d values revised, 1 %%)", revised2),
                    ReaderDuringReload.start(store, URIS, "reloaded", "S01006506", perArea));
            publish(
                    versions,
                    loader,
                    definition,
                    v3,
                    String.format(Locale.ROOT, "version 3 (%,d values revised, all)", revised3),
                    ReaderDuringReload.start(store, URIS, "reloaded", "S01006506", perArea));
            System.out.printf(Locale.ROOT, "store afterwards: %,d quads%n", store.size());
        }
    }

    private static void publish(
            Versions versions,
            CubeLoader loader,
            CubeDefinition definition,
            Path csv,
            String what,
            ReaderDuringReload reader)
            throws Exception {
        double la0 = OS.getSystemLoadAverage();
        long t0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        VersionedTarget target = versions.publisher(new Release(what, Release.Kind.UPDATE), null);
        loader.load(definition, csv, target);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
        String seen = reader == null ? "no reader" : reader.stop();
        PublishOutcome o = target.lastOutcome();
        System.out.printf(
                Locale.ROOT,
                "%s: %.1f s wall, %.1f s cpu (load avg %.1f -> %.1f); %s; %s%n",
                what,
                wall,
                cpu,
                la0,
                OS.getSystemLoadAverage(),
                o.summary(),
                seen);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals("tdb.lock")) {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
