package scot.cairn.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Times loading the full official data zone lookup into a fresh TDB2 folder, side by side with
 * the baseline: Jena's TDB2 phased bulk loader (what {@code tdb2.tdbloader} runs by default) fed
 * the same quads as an N-Quads file, into a fresh folder with TDB2's default indexes (the phased
 * loader supports only those; they are six quad indexes against the store's four, so the baseline
 * writes more index entries, while Cairn also reads and checks the CSV). One warm-up run of
 * each, then five measured runs of each, alternating; prints the median wall seconds, quads/s and
 * the process CPU seconds (all threads), which stay meaningful when other builds share the machine.
 *
 * <p>A main, not a test: it never runs in the test phase. Run it with
 * <pre>
 * mvn -q -o -pl benchmarks package -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.GeographyLoadBenchmark ../shared/data/real/geography/Datazone2011lookup.csv benchmarks/target/geography-bench
 * </pre>
 * Arguments: the lookup CSV and a scratch folder, which is emptied first.
 */
public final class GeographyLoadBenchmark {
    private static final int RUNS = 5;

    private GeographyLoadBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GeographyLoadBenchmark LOOKUP.csv SCRATCH_DIR");
            System.exit(2);
        }
        Path lookup = Path.of(args[0]);
        Path scratch = Path.of(args[1]);
        deleteTree(scratch);
        Files.createDirectories(scratch);
        GeographyLoader loader = new GeographyLoader(UriScheme.defaultScheme());

        Path nquads = scratch.resolve("geography.nq");
        long quads;
        Path first = scratch.resolve("dump");
        try (TripleStore store = TripleStore.open(first)) {
            quads = loader.load(lookup, store).quads();
            try (OutputStream out = Files.newOutputStream(nquads)) {
                DatasetGraph dsg = store.datasetGraph();
                Txn.executeRead(dsg, () -> RDFDataMgr.write(out, dsg, Lang.NQUADS));
            }
        }
        deleteTree(first);

        List<Timing> cairn = new ArrayList<>();
        List<Timing> baseline = new ArrayList<>();
        List<Double> parse = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            long t0 = System.nanoTime();
            int areas = loader.read(lookup, null).size();
            double p = (System.nanoTime() - t0) / 1e9;
            Timing c = timeCairn(loader, lookup, scratch.resolve("cairn-" + run), quads);
            Timing b = timeBaseline(nquads, scratch.resolve("baseline-" + run), quads);
            if (run > 0) { // run 0 warms the JIT and the file cache
                cairn.add(c);
                baseline.add(b);
                parse.add(p);
            }
            System.out.printf(
                    Locale.ROOT,
                    "run %d%s: cairn %.2f s wall / %.2f s CPU; baseline %.2f s wall / %.2f s CPU; "
                            + "reading and checking the CSV alone %.2f s wall (%d areas)%n",
                    run,
                    run == 0 ? " (warm-up)" : "",
                    c.wall,
                    c.cpu,
                    b.wall,
                    b.cpu,
                    p,
                    areas);
        }
        double mc = median(cairn.stream().map(Timing::wall).toList());
        double mb = median(baseline.stream().map(Timing::wall).toList());
        System.out.printf(
                Locale.ROOT,
                "quads per load: %d (%s); medians of %d runs; %d processors%n",
                quads,
                lookup.getFileName(),
                RUNS,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "| GeographyLoader CSV -> TDB2 (TripleStore.open) | %.2f s | %,.0f quads/s | %.2f s |%n",
                mc,
                quads / mc,
                median(cairn.stream().map(Timing::cpu).toList()));
        System.out.printf(
                Locale.ROOT,
                "| baseline: TDB2 phased loader, same quads as N-Quads | %.2f s | %,.0f quads/s | %.2f s |%n",
                mb,
                quads / mb,
                median(baseline.stream().map(Timing::cpu).toList()));
        System.out.printf(
                Locale.ROOT, "| GeographyLoader read and check only (no store) | %.2f s | | |%n", median(parse));
        System.out.printf(Locale.ROOT, "ratio baseline/cairn: %.2f%n", mb / mc);
    }

    /** Wall and process CPU seconds of one run. */
    private record Timing(double wall, double cpu) {}

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static Timing timeCairn(GeographyLoader loader, Path lookup, Path folder, long expected)
            throws IOException {
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        long n;
        try (TripleStore store = TripleStore.open(folder)) {
            n = loader.load(lookup, store).quads();
        }
        Timing t = new Timing((System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - c0) / 1e9);
        check(n, expected, folder);
        deleteTree(folder);
        return t;
    }

    private static Timing timeBaseline(Path nquads, Path folder, long expected) throws IOException {
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        long n;
        // tdb2.tdbloader's set-up: a fresh database with TDB2's default indexes (the phased loader
        // knows only those) and its default loader.
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(folder.toString());
        try {
            DataLoader bulk = LoaderFactory.phasedLoader(dsg, (fmt, fmtArgs) -> {});
            bulk.startBulk();
            bulk.load(nquads.toString());
            bulk.finishBulk();
            n = bulk.countQuads();
        } finally {
            TDBInternal.expel(dsg);
        }
        Timing t = new Timing((System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - c0) / 1e9);
        check(n, expected, folder);
        deleteTree(folder);
        return t;
    }

    private static void check(long actual, long expected, Path folder) {
        if (actual != expected) {
            throw new IllegalStateException(folder + ": loaded " + actual + " quads, expected " + expected);
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
