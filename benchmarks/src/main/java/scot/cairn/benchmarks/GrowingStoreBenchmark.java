package scot.cairn.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * What one publication costs as the store grows, and the loader beside Jena's parallel bulk loader
 * at 1 M triples and up; every load in a JVM of its own, so that its CPU, peak memory and I/O are
 * its own.
 *
 * <ol>
 * <li>Growing store: the same generated data-zone dataset ({@link CubeLoadBenchmark#writeCsv}: 700
 * data zones x 10 years x 3 sexes x 10 measures = 210,000 observations, 1.68 M triples) is loaded
 * under a new name, again and again, into one store ({@link CubeLoader}, as {@code cairn load}
 * does). Each load prints wall and process CPU seconds, CPU microseconds per triple, peak resident
 * memory (VmHWM) and the bytes it read and wrote (/proc/self/io). Issue 19's target: the loads
 * into a store already holding 1, 5 and 10 others cost within 20 % of the same CPU per triple.
 * <li>Side by side with the bulk loader: for each size given, the generated CSV is loaded into a
 * fresh store by Cairn, and the same triples (written once to N-Triples by the same loader) by
 * Jena's parallel bulk loader ({@code tdb2.tdbloader --loader=parallel}) into another fresh store,
 * one after the other in the same run. Target: Cairn at least as fast from 1 M triples up.
 * </ol>
 *
 * <p>A main, not a test. Build and run from the repository root (the figures and the run date go to
 * docs/BENCHMARKS.md, "Publishing into a growing store"):
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx3g -XX:-DontCompileHugeMethods -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.GrowingStoreBenchmark /tmp/growing-store [loads] [areas] [bulk sizes in areas, comma-separated]
 * </pre>
 * {@code loads} (default 11: the store holds 0 to 10 others before each), {@code areas} (default
 * 700) the growing-store dataset's data zones, the bulk sizes default to {@code 417,700,1667}
 * (1.0, 1.68 and 4.0 M triples). Each child JVM gets this JVM's options. Scratch files go under the
 * folder given (deleted first).
 */
public final class GrowingStoreBenchmark {
    private static final UriScheme URIS = UriScheme.defaultScheme();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private GrowingStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--cairn")) {
            cairnLoad(Path.of(args[1]), Path.of(args[2]), args[3]);
            return;
        }
        if (args.length > 0 && args[0].equals("--bulk")) {
            bulkLoad(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/growing-store");
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        int areas = args.length > 2 ? Integer.parseInt(args[2]) : 700;
        String bulkSizes = args.length > 3 ? args[3] : "417,700,1667";
        VersionBenchmark.deleteRecursively(dir);
        Files.createDirectories(dir);
        System.out.printf(
                Locale.ROOT,
                "cores %d, child JVM options %s, load average at start %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                jvmOptions(),
                OS.getSystemLoadAverage());
        growingStore(dir, loads, areas);
        for (String size : bulkSizes.split(",")) {
            if (!size.isBlank()) {
                sideBySide(dir, Integer.parseInt(size.strip()));
            }
        }
    }

    /** The same dataset loaded under a new name {@code loads} times into one store. */
    private static void growingStore(Path dir, int loads, int areas) throws Exception {
        Path csv = dir.resolve("dataset.csv");
        long rows = CubeLoadBenchmark.writeCsv(csv, areas);
        Path db = dir.resolve("growing-db");
        System.out.printf(
                Locale.ROOT, "%n(1) the same %,d-observation dataset loaded %d times into one store%n", rows, loads);
        System.out.println(
                "| others in the store | triples | wall s | CPU s | CPU us per triple | peak RSS MB | read MB | written MB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < loads; i++) {
            Map<String, String> r = child("--cairn", db.toString(), csv.toString(), "dataset-" + i);
            long triples = Long.parseLong(r.get("triples"));
            double cpu = Double.parseDouble(r.get("cpu"));
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %,d | %.1f | %.1f | %.1f | %,d | %,d | %,d |%n",
                    i,
                    triples,
                    Double.parseDouble(r.get("wall")),
                    cpu,
                    cpu * 1e6 / triples,
                    Long.parseLong(r.get("rssKb")) / 1024,
                    Long.parseLong(r.get("readBytes")) >> 20,
                    Long.parseLong(r.get("writeBytes")) >> 20);
        }
    }

    /** Cairn and the bulk loader into fresh stores, on the same triples. */
    private static void sideBySide(Path dir, int areas) throws Exception {
        Path csv = dir.resolve("bulk-" + areas + ".csv");
        CubeLoadBenchmark.writeCsv(csv, areas);
        Path nt = dir.resolve("bulk-" + areas + ".nt");
        CubeLoader loader = new CubeLoader(URIS, VersionBenchmark.DATA_ZONES);
        try (CubeLoadBenchmark.NTriplesTarget target = new CubeLoadBenchmark.NTriplesTarget(nt)) {
            loader.load(
                    CubeDefinition.read(CubeLoadBenchmark.definitionYaml("bench-dz"), "bench-dz.yaml"), csv, target);
        }
        Map<String, String> cairn =
                child("--cairn", dir.resolve("cairn-" + areas).toString(), csv.toString(), "bench-dz");
        Map<String, String> bulk =
                child("--bulk", dir.resolve("bulk-db-" + areas).toString(), nt.toString());
        long triples = Long.parseLong(cairn.get("triples"));
        double cairnRate = triples / Double.parseDouble(cairn.get("wall"));
        double bulkRate = Long.parseLong(bulk.get("triples")) / Double.parseDouble(bulk.get("wall"));
        System.out.printf(
                Locale.ROOT,
                "%n(2) %,d triples into a fresh store: Cairn %.1f s (%,.0f triples/s, CPU %.1f s, peak RSS %,d MB), "
                        + "bulk loader %.1f s (%,.0f triples/s, CPU %.1f s, peak RSS %,d MB): ratio Cairn/bulk %.2f%n",
                triples,
                Double.parseDouble(cairn.get("wall")),
                cairnRate,
                Double.parseDouble(cairn.get("cpu")),
                Long.parseLong(cairn.get("rssKb")) / 1024,
                Double.parseDouble(bulk.get("wall")),
                bulkRate,
                Double.parseDouble(bulk.get("cpu")),
                Long.parseLong(bulk.get("rssKb")) / 1024,
                cairnRate / bulkRate);
        Files.delete(nt);
        VersionBenchmark.deleteRecursively(dir.resolve("cairn-" + areas));
        VersionBenchmark.deleteRecursively(dir.resolve("bulk-db-" + areas));
    }

    /** In a child JVM: one {@code cairn load} of {@code csv} as dataset {@code slug} into the store at {@code db}. */
    private static void cairnLoad(Path db, Path csv, String slug) throws IOException {
        CubeDefinition definition = CubeDefinition.read(CubeLoadBenchmark.definitionYaml(slug), slug + ".yaml");
        CubeLoader loader = new CubeLoader(URIS, VersionBenchmark.DATA_ZONES);
        Measure m = new Measure();
        LoadReport report;
        try (TripleStore store = TripleStore.open(
                db, StoreTuning.defaults().withSortDir(db.getParent().resolve("runs")))) {
            report = loader.load(definition, csv, store);
        }
        m.print(report.triples());
    }

    /** In a child JVM: Jena's parallel bulk loader, {@code nt} into a fresh database at {@code db}. */
    private static void bulkLoad(Path db, Path nt) throws IOException {
        Measure m = new Measure();
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(db.toString());
        DataLoader bulk = LoaderFactory.parallelLoader(dsg, (fmt, fmtArgs) -> {});
        bulk.startBulk();
        bulk.load(nt.toString());
        bulk.finishBulk();
        long triples = bulk.countTriples() + bulk.countQuads();
        TDBInternal.expel(dsg);
        m.print(triples);
    }

    /** Wall and CPU time from now, and at the end this JVM's peak memory and I/O, printed for the parent. */
    private static final class Measure {
        final long t0 = System.nanoTime();
        final long c0 = OS.getProcessCpuTime();
        final Map<String, Long> io0 = io();

        void print(long triples) throws IOException {
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
            Map<String, Long> io1 = io();
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT triples=%d wall=%.3f cpu=%.3f rssKb=%d readBytes=%d writeBytes=%d%n",
                    triples,
                    wall,
                    cpu,
                    rss,
                    io1.get("read_bytes") - io0.get("read_bytes"),
                    io1.get("write_bytes") - io0.get("write_bytes"));
        }

        private static Map<String, Long> io() {
            Map<String, Long> out = new HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                    String[] kv = line.split(":\\s*");
                    out.put(kv[0], Long.parseLong(kv[1].strip()));
                }
            } catch (IOException | RuntimeException e) {
                out.put("read_bytes", 0L);
                out.put("write_bytes", 0L);
            }
            return out;
        }
    }

    /** Runs this class in a child JVM with this JVM's options; returns the figures of its RESULT line. */
    private static Map<String, String> child(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GrowingStoreBenchmark.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = new HashMap<>();
                    for (String kv : line.substring(7).split(" ")) {
                        String[] parts = kv.split("=", 2);
                        result.put(parts[0], parts[1]);
                    }
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("child " + List.of(args) + " failed:\n" + log);
        }
        return result;
    }

    private static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-D"))
                .toList();
    }
}
