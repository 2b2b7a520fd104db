package scot.cairn.benchmarks;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Publishing speed of the cube loader, side by side with Jena's bulk loader, in one run.
 *
 * <ol>
 * <li>Generates a data-zone CSV in the statistics.gov.scot upload shape: 6,976 data zones x 10
 * years x 3 sexes x 10 measures = 2,092,800 observations (FeatureCode, DateCode, Measurement,
 * Units, Value, Sex) and its cube definition.
 * <li>(a) Cairn: {@link CubeLoader#load} from that CSV (reading, validation, RDF, publication
 * through {@link TripleStore#replaceGraphs} in one write transaction) into a fresh TDB2 folder.
 * <li>The same loader writes the same triples to an N-Triples file (not timed as a load).
 * <li>(b) Baseline: Jena's TDB2 parallel bulk loader ({@code tdb2.tdbloader --loader=parallel})
 * loads that file into another fresh folder with TDB2's default settings.
 * <li>(c) Reload: a store holding ten other data sets takes a reload of a data set while a reader
 * thread keeps querying it; prints the reload seconds and the reader's latency during it.
 * </ol>
 * Prints wall seconds, triples/s and process CPU seconds (all threads): the machine is shared, so
 * CPU seconds and the ratio measured in the same run are the comparable figures.
 *
 * <p>A main, not a test. Run it with
 * <pre>
 * mvn -q -o -pl benchmarks package -DskipTests
 * mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx8g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.CubeLoadBenchmark benchmarks/target/cube-bench [areas] [reloadAreas] [otherAreas]
 * </pre>
 * {@code areas} (default 6976) sizes (a) and (b); {@code reloadAreas} (default 3334, so 1,000,200
 * observations) the reloaded data set of (c); {@code otherAreas} (default 3334) each of the ten
 * other data sets of (c). Scratch files go under the folder given (deleted first).
 */
public final class CubeLoadBenchmark {
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final int YEARS = 10;
    private static final String[] SEXES = {"All", "Female", "Male"};
    private static final int MEASURES = 10;
    private static final int FIRST_DZ = 6506; // S01006506 is the first 2011 data zone
    private static final UriScheme URIS = UriScheme.defaultScheme();
    /** Every well-formed data zone code: the benchmark loads no geography. */
    private static final AreaDirectory DATA_ZONES =
            code -> code.startsWith("S01") && code.length() == 9 ? Optional.of(AreaLevel.DATA_ZONE) : Optional.empty();

    private CubeLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--load-only")) {
            loadOnly(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 6976);
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/cube-bench");
        int areas = args.length > 1 ? Integer.parseInt(args[1]) : 6976;
        int reloadAreas = args.length > 2 ? Integer.parseInt(args[2]) : 3334;
        int otherAreas = args.length > 3 ? Integer.parseInt(args[3]) : 3334;
        FreshRun.in(dir, "");

        Path csv = dir.resolve("dz.csv");
        long rows = writeCsv(csv, areas);
        CubeDefinition definition = CubeDefinition.read(definitionYaml("bench-dz"), "bench-dz.yaml");
        CubeLoader loader = new CubeLoader(URIS, DATA_ZONES);
        System.out.printf(Locale.ROOT, "generated %,d rows (%,d bytes)%n", rows, Files.size(csv));

        // (a) Cairn, end to end from the CSV
        Timer a = new Timer();
        LoadReport report = loadStep(loader, definition, csv, dir.resolve("cairn-db"), a);

        // the same triples as N-Triples
        Path nt = dir.resolve("dz.nt");
        Timer w = new Timer();
        long written;
        try (NTriplesTarget target = new NTriplesTarget(nt)) {
            written = loader.load(definition, csv, target).triples();
        }
        w.stop();
        System.out.printf(
                Locale.ROOT,
                "wrote %,d triples to %s (%,d bytes) in %.1f s%n",
                written,
                nt.getFileName(),
                Files.size(nt),
                w.wall);

        // (b) Jena's parallel bulk loader
        double la0 = OS.getSystemLoadAverage();
        Timer b = new Timer();
        DatasetGraph dsg =
                DatabaseMgr.connectDatasetGraph(dir.resolve("bulk-db").toString());
        DataLoader bulk = LoaderFactory.parallelLoader(dsg, (fmt, fmtArgs) -> {});
        bulk.startBulk();
        bulk.load(nt.toString());
        bulk.finishBulk();
        long bulkTriples = bulk.countTriples() + bulk.countQuads();
        TDBInternal.expel(dsg);
        b.stop();
        System.out.printf(
                Locale.ROOT,
                "(b) tdb2 parallel bulk loader: %,d triples in %.1f s = %,.0f triples/s, cpu %.1f s (load avg %.1f -> %.1f)%n",
                bulkTriples,
                b.wall,
                bulkTriples / b.wall,
                b.cpu,
                la0,
                OS.getSystemLoadAverage());
        System.out.printf(
                Locale.ROOT,
                "ratio cairn/bulk (triples/s): %.2f%n",
                (report.triples() / a.wall) / (bulkTriples / b.wall));
        Files.delete(nt);

        // (c) reload beside ten other data sets, with a reader
        reload(dir, loader, reloadAreas, otherAreas);
    }

    private static void reload(Path dir, CubeLoader loader, int reloadAreas, int otherAreas)
            throws IOException, InterruptedException {
        Path small = dir.resolve("others.csv");
        writeCsv(small, otherAreas);
        Path target = dir.resolve("reloaded.csv");
        long rows = writeCsv(target, reloadAreas);
        try (TripleStore store = TripleStore.open(dir.resolve("reload-db"))) {
            Timer fill = new Timer();
            for (int i = 1; i <= 10; i++) {
                loader.load(CubeDefinition.read(definitionYaml("other-" + i), "other.yaml"), small, store);
            }
            CubeDefinition def = CubeDefinition.read(definitionYaml("reloaded"), "reloaded.yaml");
            loader.load(def, target, store);
            fill.stop();
            System.out.printf(
                    Locale.ROOT,
                    "(c) store filled: ten data sets of %,d observations and one of %,d, %,d quads in %.1f s%n",
                    otherAreas * YEARS * SEXES.length * MEASURES,
                    rows,
                    store.size(),
                    fill.wall);

            ReaderDuringReload reader = ReaderDuringReload.start(
                    store, URIS, "reloaded", "S01006506", (long) YEARS * SEXES.length * MEASURES);
            Timer r = new Timer();
            LoadReport rep = loader.load(def, target, store);
            r.stop();
            String seen = reader.stop();
            System.out.printf(
                    Locale.ROOT,
                    "(c) reload of %,d observations (%,d triples) beside ten others: %.1f s, cpu %.1f s; %s%n",
                    rep.observations(),
                    rep.triples(),
                    r.wall,
                    r.cpu,
                    seen);
        }
    }

    /** The statistics.gov.scot upload shape, one row per observation. */
    static long writeCsv(Path csv, int areas) throws IOException {
        long n = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("FeatureCode,DateCode,Measurement,Units,Value,Sex\n");
            StringBuilder line = new StringBuilder(64);
            for (int a = 0; a < areas; a++) {
                String dz = String.format("S01%06d", FIRST_DZ + a);
                for (int y = 0; y < YEARS; y++) {
                    for (int s = 0; s < SEXES.length; s++) {
                        for (int m = 1; m <= MEASURES; m++) {
                            line.setLength(0);
                            line.append(dz)
                                    .append(',')
                                    .append(2011 + y)
                                    .append(",Measure ")
                                    .append(m)
                                    .append(",People,")
                                    .append((a * 7 + y * 13 + s * 3 + m) % 1000)
                                    .append(',')
                                    .append(SEXES[s])
                                    .append('\n');
                            out.append(line);
                            n++;
                        }
                    }
                }
            }
        }
        return n;
    }

    static String definitionYaml(String slug) {
        StringBuilder y = new StringBuilder();
        y.append("slug: ")
                .append(slug)
                .append('\n')
                .append("title: Generated data zone benchmark cube\n")
                .append("description: Ten measures by data zone, year and sex, generated for the load benchmark.\n")
                .append("publisher: Scottish Government\n")
                .append("themes: [population]\n")
                .append("issued: 2024-01-01\n")
                .append("levels: [data-zone]\n")
                .append("dimensions:\n")
                .append("  - column: Sex\n    name: gender\n    scheme: gender\n    codes: [All, Female, Male]\n")
                .append("measures:\n");
        for (int m = 1; m <= MEASURES; m++) {
            y.append("  - measurement: Measure ").append(m).append("\n    units: [People]\n    datatype: integer\n");
        }
        return y.toString();
    }

    /** A publish target that writes the triples of a publication to an N-Triples file. */
    static final class NTriplesTarget implements PublishTarget {
        private final OutputStream out;
        private final StreamRDF stream;

        NTriplesTarget(Path file) throws IOException {
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
            this.stream = StreamRDFWriter.getWriterStream(out, Lang.NTRIPLES);
            stream.start();
        }

        @Override
        public long replaceGraphs(GraphReplacement replacement) {
            long[] n = {0};
            try {
                replacement.writer().writeTo(q -> {
                    stream.triple(q.asTriple());
                    n[0]++;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return n[0];
        }

        @Override
        public void dropGraphs(Collection<String> graphs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "N-Triples file";
        }

        @Override
        public void close() {
            stream.finish();
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Step (a) alone, for comparing loader builds back to back: the CSV in {@code dir} is generated when missing
     * and kept, the store folder is made afresh.
     */
    static void loadOnly(Path dir, int areas) throws IOException {
        Path csv = dir.resolve("dz.csv");
        if (!Files.exists(csv)) {
            Files.createDirectories(dir);
            writeCsv(csv, areas);
        }
        Path db = dir.resolve("cairn-db");
        deleteRecursively(db);
        CubeDefinition definition = CubeDefinition.read(definitionYaml("bench-dz"), "bench-dz.yaml");
        loadStep(new CubeLoader(URIS, DATA_ZONES), definition, csv, db, new Timer());
    }

    /** Step (a): the CSV loaded into a fresh store at {@code db}, timed by {@code timer} (started by the caller); prints the figures. */
    private static LoadReport loadStep(CubeLoader loader, CubeDefinition definition, Path csv, Path db, Timer timer) {
        double la0 = OS.getSystemLoadAverage();
        LoadReport report;
        try (TripleStore store = TripleStore.open(db)) {
            report = loader.load(definition, csv, store);
        }
        timer.stop();
        System.out.printf(
                Locale.ROOT,
                "(a) cairn load: %,d observations, %,d triples in %.1f s = %,.0f triples/s, cpu %.1f s (load avg %.1f -> %.1f)%n",
                report.observations(),
                report.triples(),
                timer.wall,
                report.triples() / timer.wall,
                timer.cpu,
                la0,
                OS.getSystemLoadAverage());
        return report;
    }

    private static final class Timer {
        final long t0 = System.nanoTime();
        final long c0 = OS.getProcessCpuTime();
        double wall;
        double cpu;

        void stop() {
            wall = (System.nanoTime() - t0) / 1e9;
            cpu = (OS.getProcessCpuTime() - c0) / 1e9;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
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
