package scot.cairn.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import scot.cairn.server.Cairn;
import scot.cairn.store.TripleStore;

/**
 * Every filter combination opendatascot's {@code ods_dataset()} builds, and the aggregates clients
 * send over a whole dataset, on the real NRS data zone population file (1.9 M observations),
 * answered by Cairn's store ({@link TripleStore#publicQuery}) and by plain ARQ over a copy of the
 * same TDB2 store (stock TDB2 engine, union default graph, no Cairn optimizer), side by side in
 * one run, query by query.
 *
 * <p>The time is the engine's: from building the query execution to having read every row
 * (ORDER BY and GROUP BY included), in this JVM, without HTTP or CSV writing. Cairn's figure is
 * the median of three runs after a first one when that took under five seconds, else the first
 * run's; the same for plain ARQ; either is cut at {@code timeout} seconds (default 20). Beside
 * each wall time, the CPU time of the thread that ran the query: on a shared machine the wall
 * time is mostly waiting for a core. The store is built on first use through the command line a
 * publisher uses (the official lookup, then the file with its cube definition) and reused.
 *
 * <p>Run from the repository root after {@code mvn -q -pl benchmarks -am package -DskipTests
 * dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt} (the classpath below is that file):
 * {@code java -Xmx8g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:<classpath>"
 * scot.cairn.benchmarks.QueryShapesBenchmark benchmarks/target/nrs [timeout seconds] [name part]}.
 */
public final class QueryShapesBenchmark {

    static final String B = "http://statistics.gov.scot/";
    static final String DATASET = B + "data/population-estimates-2020";
    static final String GEOGRAPHY = B + "id/statistical-geography/";
    static final String DIM = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String SHARED = "../shared/data/real/";

    /** The ods_dataset() arguments, each a filter clause in the client's exact words. */
    static final Map<String, String> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("geography=dz", " filter (strstarts(strafter(str(?refArea),'" + GEOGRAPHY + "'),'S01')).");
        FILTERS.put("refPeriod=2020", " filter (regex(str(?refPeriod ), '2020$'))");
        FILTERS.put("measureType=count", " filter (regex(str(?measureType ), 'count$'))");
        FILTERS.put("gender=female", " filter (regex(str(?gender ), 'female$'))");
        FILTERS.put("age=90-plus", " filter (regex(str(?age ), '90-plus$'))");
    }

    public static void main(String[] args) {
        ExitingMain.run(QueryShapesBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/nrs").toAbsolutePath();
        long timeout = args.length > 1 ? Long.parseLong(args[1]) : 20;
        Path cairnStore = ensureStore(dir.resolve("store"));
        Path plainStore = copy(cairnStore, dir.resolve("plain-copy/tdb2"));

        Map<String, String> shapes = shapes();
        if (args.length > 2) {
            // only the shapes whose name contains this text (e.g. "by" for the aggregates)
            shapes.keySet().removeIf(name -> !name.contains(args[2]));
        }
        List<String> report = new ArrayList<>();
        report.add("| shape | rows | Cairn ms (CPU ms) | plain ARQ ms (CPU ms) | plain / Cairn |");
        report.add("|---|---|---|---|---|");
        try (TripleStore cairn = TripleStore.open(cairnStore)) {
            DatasetGraph plain = DatabaseMgr.connectDatasetGraph(plainStore.toString());
            plain.getContext().set(TDB2.symUnionDefaultGraph, true);
            for (Map.Entry<String, String> shape : shapes.entrySet()) {
                Query query = QueryFactory.create(shape.getValue());
                Supplier<Long> onCairn =
                        () -> cairn.read(dsg -> rows(cairn.publicQuery(query).timeout(timeout, TimeUnit.SECONDS), 0));
                Supplier<Long> onPlain = () -> Txn.calculateRead(
                        plain, () -> rows(QueryExec.dataset(plain).query(query).timeout(timeout, TimeUnit.SECONDS), 1));
                Timed c = timed(onCairn);
                Timed p = timed(onPlain);
                if (c.rows >= 0 && p.rows >= 0 && c.rows != p.rows) {
                    throw new IllegalStateException(shape.getKey() + ": Cairn " + c.rows + " rows, plain " + p.rows);
                }
                if (c.rows >= 0
                        && p.rows >= 0
                        && c.rows <= SAME_ROWS_UP_TO
                        && !LAST_ROWS.get(0).equals(LAST_ROWS.get(1))) {
                    throw new IllegalStateException(shape.getKey() + ": Cairn and plain ARQ answer different rows");
                }
                String line = String.format(
                        "| %s | %,d | %s | %s | %s |",
                        shape.getKey(),
                        Math.max(c.rows, p.rows),
                        c.text(timeout),
                        p.text(timeout),
                        c.ms > 0 && p.rows >= 0
                                ? String.format("%.1fx", p.ms / c.ms)
                                : p.rows < 0 ? "> " + String.format("%.0fx", timeout * 1000 / c.ms) : "-");
                System.out.println(line);
                report.add(line);
            }
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    static String ratio(Timed cairn, Timed plain, long timeout) {
        if (cairn.rows < 0) {
            return "-";
        }
        return plain.rows < 0
                ? String.format("> %.1fx", timeout * 1000 / cairn.ms)
                : String.format("%.1fx (CPU %.1fx)", plain.ms / cairn.ms, plain.cpuMs / cairn.cpuMs);
    }

    /** The row count and the median time of {@code measured} runs after {@code warm} runs; rows -1 on a timeout. */
    record Timed(long rows, double ms, double cpuMs, double firstMs, double firstCpuMs) {
        Timed(long rows, double ms, double cpuMs) {
            this(rows, ms, cpuMs, ms, cpuMs);
        }

        String text(long timeout) {
            if (rows < 0) {
                return "> " + timeout * 1000 + " (timed out)";
            }
            String text = String.format("%.0f (CPU %.0f)", ms, cpuMs);
            return firstMs != ms ? text + String.format(", first run %.0f (CPU %.0f)", firstMs, firstCpuMs) : text;
        }
    }

    /**
     * A first run; when it took under {@link #QUICK_MS}, three more and their median, else the first
     * run's time (a shape that takes seconds is not made faster by a warm-up, and the machine is shared).
     */
    static Timed timed(Supplier<Long> query) {
        Timed first = once(query);
        if (first.rows < 0 || first.ms >= QUICK_MS) {
            return first;
        }
        Timed[] runs = new Timed[3];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = once(query);
            if (runs[i].rows < 0) {
                return runs[i];
            }
        }
        Arrays.sort(runs, java.util.Comparator.comparingDouble(Timed::ms));
        return new Timed(runs[1].rows(), runs[1].ms(), runs[1].cpuMs(), first.ms(), first.cpuMs());
    }

    static final double QUICK_MS = 5_000;

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** One run: wall time, and the CPU time of this thread (the query runs on it), less sensitive to other load. */
    static Timed once(Supplier<Long> query) {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
            long rows = query.get();
            return new Timed(rows, (System.nanoTime() - t) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
        } catch (QueryCancelledException timedOut) {
            return new Timed(-1, Double.NaN, Double.NaN);
        }
    }

    /** Answers of up to this many rows are compared row by row (as sorted text) between the two engines. */
    static final int SAME_ROWS_UP_TO = 10_000;

    /** The rows of the last Cairn and the last plain answer (small answers only), as sorted text. */
    static final List<List<String>> LAST_ROWS = new ArrayList<>(List.of(List.of(), List.of()));

    static long rows(org.apache.jena.sparql.exec.QueryExecBuilder builder, int which) {
        try (QueryExec exec = builder.build()) {
            RowSet rs = exec.select();
            long n = 0;
            List<String> text = new ArrayList<>();
            while (rs.hasNext()) {
                var b = rs.next();
                if (n++ < SAME_ROWS_UP_TO) {
                    Map<String, String> row = new java.util.TreeMap<>();
                    b.forEach((v, node) -> row.put(v.getVarName(), node.toString()));
                    text.add(row.toString());
                }
            }
            text.sort(null);
            LAST_ROWS.set(which, text);
            return n;
        }
    }

    /** Every subset of the filters in ods_dataset()'s query, then one area, then the aggregates. */
    static Map<String, String> shapes() {
        Map<String, String> shapes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(FILTERS.keySet());
        // Fewest rows first: with an age (at most 20,928 rows), then one sex (634,816), then the
        // whole dataset (1.9 M rows, over the endpoint's default row limit).
        List<Integer> masks = new ArrayList<>();
        for (int mask = 1; mask < 1 << names.size(); mask++) {
            masks.add(mask);
        }
        masks.sort(java.util.Comparator.comparing(m -> (m & 0b10000) != 0 ? 0 : (m & 0b01000) != 0 ? 1 : 2));
        Map<String, String> large = new LinkedHashMap<>();
        for (int mask : masks) {
            StringBuilder filters = new StringBuilder();
            List<String> used = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    used.add(names.get(i));
                    filters.append(FILTERS.get(names.get(i)));
                }
            }
            (mask < 0b10000 ? large : shapes)
                    .put("ods_dataset(" + String.join(", ", used) + ")", odsDataset(filters.toString()));
        }
        shapes.put("ods_dataset(refArea=S01006506)", odsDataset(" filter (regex(str(?refArea ), 'S01006506$'))"));
        String p =
                "PREFIX qb: <" + QB + "> PREFIX dim: <" + DIM + "> PREFIX d: <" + B + "def/dimension/> " + "PREFIX m: <"
                        + B + "def/measure-properties/> PREFIX foi: <http://publishmydata.com/def/ontology/foi/> ";
        String ds = "?o qb:dataSet <" + DATASET + "> ; ";
        shapes.put(
                "SUM of count by period",
                p + "select ?period (sum(?v) as ?people) where { " + ds
                        + "dim:refPeriod ?period ; m:count ?v } group by ?period");
        shapes.put("COUNT by sex", p + "select ?sex (count(?o) as ?n) where { " + ds + "d:gender ?sex } group by ?sex");
        shapes.put(
                "SUM by sex and period, ages 90+",
                p + "select ?sex ?period (sum(?v) as ?people) where { " + ds
                        + "d:gender ?sex ; dim:refPeriod ?period ; "
                        + "d:age ?age ; m:count ?v . filter(regex(str(?age), '90-plus$')) } group by ?sex ?period");
        shapes.put(
                "SUM by council and period (through foi:within)",
                p + "select ?council ?period (sum(?v) as ?people) where { " + ds
                        + "dim:refArea ?dz ; dim:refPeriod ?period ; "
                        + "d:gender <" + B + "def/concept/gender/all> ; m:count ?v . ?dz foi:within ?council . "
                        + "?council foi:memberOf <" + B
                        + "def/foi/collection/council-areas> } group by ?council ?period");
        String allPersons = "d:gender <" + B + "def/concept/gender/all> ; ";
        String collection = "foi:memberOf <" + B + "def/foi/collection/";
        shapes.put(
                "SUM by health board and period (through foi:within)",
                p + "select ?board ?period (sum(?v) as ?people) where { " + ds
                        + "dim:refArea ?dz ; dim:refPeriod ?period ; " + allPersons + "m:count ?v . "
                        + "?dz foi:within ?board . ?board " + collection + "health-boards> } group by ?board ?period");
        shapes.put(
                "SUM by intermediate zone and period (through foi:within)",
                p + "select ?zone ?period (sum(?v) as ?people) where { " + ds
                        + "dim:refArea ?dz ; dim:refPeriod ?period ; " + allPersons + "m:count ?v . "
                        + "?dz foi:within ?zone . ?zone " + collection
                        + "intermediate-zones-2011> } group by ?zone ?period");
        shapes.put(
                "COUNT by council and period (through foi:within)",
                p + "select ?council ?period (count(?o) as ?n) where { " + ds
                        + "dim:refArea ?dz ; dim:refPeriod ?period . "
                        + "?dz foi:within ?council . ?council " + collection
                        + "council-areas> } group by ?council ?period");
        shapes.put(
                "SUM by council, sex and period (through foi:within)",
                p + "select ?council ?sex ?period (sum(?v) as ?people) where { " + ds
                        + "dim:refArea ?dz ; dim:refPeriod ?period ; d:gender ?sex ; m:count ?v . "
                        + "?dz foi:within ?council . ?council " + collection
                        + "council-areas> } group by ?council ?sex ?period");
        shapes.put(
                "SUM by sex and age, data zones (level filter)",
                p + "select ?sex ?age (sum(?v) as ?people) where { " + ds + "d:gender ?sex ; d:age ?age ; "
                        + "dim:refArea ?area ; m:count ?v . filter(strstarts(strafter(str(?area), '" + GEOGRAPHY
                        + "'), 'S01')) } group by ?sex ?age");
        shapes.put(
                "SUM of count, all persons, by period (no other key)",
                p + "select ?period (sum(?v) as ?people) (count(*) as ?n) where { " + ds + "d:gender <" + B
                        + "def/concept/gender/all> ; dim:refPeriod ?period ; m:count ?v } group by ?period");
        shapes.put(
                "COUNT by area level (code prefix)",
                p + "select ?level (count(?o) as ?n) where { " + ds + "dim:refArea ?area . "
                        + "bind(substr(strafter(str(?area), '" + GEOGRAPHY + "'), 1, 3) as ?level) } group by ?level");
        shapes.putAll(large);
        return shapes;
    }

    /** ods_print_query()'s observation query for this dataset with the given filter clauses. */
    static String odsDataset(String filters) {
        return "PREFIX qb: <http://purl.org/linked-data/cube#>                 "
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>                 "
                + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> select   ?refArea ?refPeriod ?measureType ?gender ?age ?value where {"
                + " ?data qb:dataSet <" + DATASET + ">. ?data <" + DIM + "refArea> ?refArea. ?data <" + DIM
                + "refPeriod> ?refPeriod. ?data <" + QB + "measureType> ?measureType. ?data <" + B
                + "def/dimension/gender> ?gender. ?data <" + B + "def/dimension/age> ?age. ?data ?measureType ?value. "
                + filters + " } order by ?refPeriod ?refArea";
    }

    /** The official lookup and the NRS file loaded through the command line, once; the TDB2 folder. */
    static Path ensureStore(Path dataDir) {
        Path tdb2 = dataDir.resolve("tdb2");
        if (Files.isDirectory(tdb2)) {
            return tdb2;
        }
        String dir = dataDir.toString();
        cli("load-geography", "--data-dir", dir, SHARED + "geography/Datazone2011lookup.csv");
        cli(
                "load",
                "--quiet",
                "--data-dir",
                dir,
                "cube-definitions/population-estimates-2020.yaml",
                SHARED + "population/population20_dz11.csv");
        return tdb2;
    }

    private static void cli(String... args) {
        int code = Cairn.commandLine().execute(args);
        if (code != 0) {
            throw new IllegalStateException("cairn " + String.join(" ", args) + " exited with " + code);
        }
    }

    /** A copy of the TDB2 folder for plain ARQ (each JVM may open a TDB2 folder once), made once. */
    static Path copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(to)) {
            return to;
        }
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                if (source.getFileName().toString().equals("tdb.lock")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }

    private QueryShapesBenchmark() {}
}
