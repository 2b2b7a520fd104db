package scot.cairn.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Changes;
import scot.cairn.versions.PublishOutcome;
import scot.cairn.versions.Release;
import scot.cairn.versions.VersionedTarget;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Publishing a new version of a 1 M-observation dataset in which 1 % of the values changed,
 * against a full reload of the same file, and how much each makes the store grow.
 *
 * <p>In one run: the generated data-zone cube of {@link CubeLoadBenchmark} (3,334 data zones x 10
 * years x 3 sexes x 10 measures = 1,000,200 observations) and a copy with every 100th value
 * changed. Store A is published through {@link Versions} (version 1, then version 2 = the
 * change); store B is loaded with {@code CubeLoader.load} into {@code TripleStore.replaceGraphs}
 * and then fully reloaded with the changed file (the baseline). Prints wall and process CPU
 * seconds, load averages, TDB2 folder sizes and the reverse patch's size; then the time to
 * compare the two versions and to rebuild version 1.
 *
 * <p>A main, not a test. Run it with
 * <pre>
 * mvn -q -o -pl benchmarks package -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx8g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.VersionBenchmark benchmarks/target/version-bench [areas]
 * </pre>
 */
public final class VersionBenchmark {
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final UriScheme URIS = UriScheme.defaultScheme();
    static final AreaDirectory DATA_ZONES =
            code -> code.startsWith("S01") && code.length() == 9 ? Optional.of(AreaLevel.DATA_ZONE) : Optional.empty();

    private VersionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/version-bench");
        int areas = args.length > 1 ? Integer.parseInt(args[1]) : 3334;
        FreshRun.in(dir, "");

        Path v1 = dir.resolve("v1.csv");
        long rows = CubeLoadBenchmark.writeCsv(v1, areas);
        Path v2 = dir.resolve("v2.csv");
        long changedRows = reviseEvery(v1, v2, 100);
        System.out.printf(
                Locale.ROOT,
                "generated %,d rows (%,d bytes); %,d values changed in the second file%n",
                rows,
                Files.size(v1),
                changedRows);
        CubeDefinition definition =
                CubeDefinition.read(CubeLoadBenchmark.definitionYaml("bench-versions"), "bench-versions.yaml");
        CubeLoader loader = new CubeLoader(URIS, DATA_ZONES);

        // B: baseline, a full load and a full reload
        Path dbB = dir.resolve("reload-db");
        try (TripleStore store = TripleStore.open(dbB)) {
            Timer t = new Timer();
            LoadReport first = loader.load(definition, v1, store);
            t.stop("(B1) full load of the first file", first.triples() + " triples");
            long before = size(dbB);
            t = new Timer();
            LoadReport reload = loader.load(definition, v2, store);
            t.stop("(B2) full reload of the changed file (baseline)", reload.triples() + " triples");
            System.out.printf(
                    Locale.ROOT,
                    "    TDB2 folder %,d bytes after the load, %,d after the reload: grew %,d bytes%n",
                    before,
                    size(dbB),
                    size(dbB) - before);
        }
        deleteRecursively(dbB);

        // A: versioned publication
        Path dbA = dir.resolve("versioned-db");
        Path patches = dir.resolve("versioned-patches");
        try (TripleStore store = TripleStore.open(dbA)) {
            Versions versions = new Versions(store, URIS, patches, 20_000_000);
            Timer t = new Timer();
            VersionedTarget target = versions.publisher(new Release("first", Release.Kind.UPDATE), null);
            loader.load(definition, v1, target);
            t.stop(
                    "(A1) version 1 (first version: full write + checksum)",
                    target.lastOutcome().version().triples() + " triples");
            long before = size(dbA);
            t = new Timer();
            target = versions.publisher(new Release("one percent revised", Release.Kind.UPDATE), null);
            loader.load(definition, v2, target);
            PublishOutcome o = target.lastOutcome();
            t.stop(
                    "(A2) version 2 = 1 % of values changed (delta only)",
                    o.version().changed() + " observations changed");
            System.out.printf(
                    Locale.ROOT,
                    "    TDB2 folder %,d bytes after version 1, %,d after version 2: grew %,d bytes; reverse patch %,d bytes (%.2f %% of the TDB2 folder)%n",
                    before,
                    size(dbA),
                    size(dbA) - before,
                    o.patchBytes(),
                    100.0 * o.patchBytes() / before);
            t = new Timer();
            target = versions.publisher(new Release("same again", Release.Kind.UPDATE), null);
            loader.load(definition, v2, target);
            t.stop(
                    "(A3) identical content again (no version)",
                    target.lastOutcome().summary());

            t = new Timer();
            Changes c = versions.changes("bench-versions", 1, 2);
            t.stop("(A4) changes between versions 1 and 2", c.changed() + " changed rows");
            t = new Timer();
            long n;
            try (OutputStream out = OutputStream.nullOutputStream()) {
                n = versions.writeCsv("bench-versions", 1, out);
            }
            t.stop("(A5) rebuild version 1 and write its whole-cube CSV", n + " rows");
        }
    }

    /** Copies the CSV with the value of every {@code every}th data row increased by one. */
    static long reviseEvery(Path in, Path out, int every) throws IOException {
        long changed = 0;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(r.readLine());
            w.write('\n');
            long i = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (i++ % every == 0) {
                    String[] f = line.split(",", -1);
                    f[4] = Integer.toString(Integer.parseInt(f[4]) + 1);
                    line = String.join(",", f);
                    changed++;
                }
                w.write(line);
                w.write('\n');
            }
        }
        return changed;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static final class Timer {
        final long t0 = System.nanoTime();
        final long c0 = OS.getProcessCpuTime();
        final double la0 = OS.getSystemLoadAverage();

        void stop(String what, String detail) {
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%s: %.1f s wall, %.1f s cpu (load avg %.1f -> %.1f); %s%n",
                    what,
                    wall,
                    cpu,
                    la0,
                    OS.getSystemLoadAverage(),
                    detail);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
