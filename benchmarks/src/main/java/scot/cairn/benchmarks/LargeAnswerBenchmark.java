package scot.cairn.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import scot.cairn.endpoint.EndpointRuns;
import scot.cairn.server.Cairn;
import scot.cairn.store.TripleStore;

/**
 * Large answers and counts on a slice of the real NRS data zone population file, side by side in
 * one run: (1) a whole-dataset answer of hundreds of thousands of rows through the public
 * endpoint's executor as it is now (one evaluation, spilled to a file past {@code buffer-bytes})
 * and as it was before (three evaluations: into the buffer, counted, streamed), CSV, default
 * limits, to a client that reads at once; (2) counts over the dataset by the public query path
 * ({@link TripleStore#publicQuery}, which counts on node ids) and by the stock engine on the same
 * store ({@link TripleStore#plainQuery}). A large answer's figures are the medians of three runs
 * of each executor, alternating, after one warm-up run of each; a count's, the median of three
 * runs after a first one (or the first alone when it took over five seconds). Beside each wall
 * time, the CPU time of the thread that ran it (the answer is written on it too).
 *
 * <p>The slice is the first {@code lines} data lines of {@code population20_dz11.csv} (default
 * 5,000: about 1,670 data zones, 455,000 observations), loaded once through the command line into
 * {@code dir}, so that it loads in a few minutes on a shared machine.
 *
 * <p>Run from the repository root after {@code mvn -q -pl benchmarks -am package -DskipTests
 * dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt}:
 * {@code java -Xmx4g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat cp.txt)"
 * scot.cairn.benchmarks.LargeAnswerBenchmark benchmarks/target/nrs-slice [lines]}.
 */
public final class LargeAnswerBenchmark {

    public static void main(String[] args) {
        ExitingMain.run(LargeAnswerBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/nrs-slice")
                .toAbsolutePath();
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path tdb2 = ensureStore(dir, lines);
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        String p = "PREFIX qb: <" + QueryShapesBenchmark.QB + "> PREFIX d: <" + QueryShapesBenchmark.B
                + "def/dimension/> PREFIX m: <" + QueryShapesBenchmark.B + "def/measure-properties/> ";
        String ds = "?o qb:dataSet <" + QueryShapesBenchmark.DATASET + ">";

        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("ods_dataset() whole dataset, ORDER BY", QueryShapesBenchmark.odsDataset(""));
        answers.put("every observation and its count", p + "select ?o ?v where { " + ds + " ; m:count ?v }");
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("COUNT(?o) of the dataset", p + "select (count(?o) as ?n) where { " + ds + " }");
        counts.put("COUNT(*) of the dataset", p + "select (count(*) as ?n) where { " + ds + " }");
        counts.put("COUNT(DISTINCT ?o) of the dataset", p + "select (count(distinct ?o) as ?n) where { " + ds + " }");
        counts.put(
                "COUNT(?o) by sex (GROUP BY, star)",
                p + "select ?sex (count(?o) as ?n) where { " + ds + " ; d:gender ?sex } group by ?sex");
        counts.put(
                "COUNT(?o) of one sex (star)",
                p + "select (count(?o) as ?n) where { " + ds + " ; d:gender <" + QueryShapesBenchmark.B
                        + "def/concept/gender/female> ; m:count ?v }");

        System.out.printf("store %s (%d data lines of the NRS file)%n%n", tdb2, lines);
        try (TripleStore store = TripleStore.open(tdb2);
                EndpointRuns endpoint = new EndpointRuns(store, scratch, Duration.ofMinutes(5))) {
            System.out.println("| answer (CSV) | bytes | before: three evaluations ms (CPU ms) "
                    + "| now: one evaluation ms (CPU ms) | before / now |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<String, String> a : answers.entrySet()) {
                Supplier<Long> threePass = unchecked(() -> endpoint.threePass(a.getValue()));
                Supplier<Long> once = unchecked(() -> endpoint.once(a.getValue()));
                // both warmed up first (JIT, node cache), then three runs of each, alternating
                long warmBefore = threePass.get();
                long warmNow = once.get();
                if (warmBefore != warmNow) {
                    throw new IllegalStateException(a.getKey() + ": " + warmBefore + " bytes before, " + warmNow);
                }
                QueryShapesBenchmark.Timed[] before = new QueryShapesBenchmark.Timed[3];
                QueryShapesBenchmark.Timed[] after = new QueryShapesBenchmark.Timed[3];
                for (int i = 0; i < 3; i++) {
                    before[i] = QueryShapesBenchmark.once(threePass);
                    after[i] = QueryShapesBenchmark.once(once);
                }
                QueryShapesBenchmark.Timed then = median(before);
                QueryShapesBenchmark.Timed now = median(after);
                if (then.rows() != now.rows()) {
                    throw new IllegalStateException(a.getKey() + ": " + then.rows() + " bytes before, " + now.rows());
                }
                System.out.printf(
                        "| %s | %,d | %s | %s | %.1fx (CPU %.1fx) |%n",
                        a.getKey(),
                        now.rows(),
                        then.text(0),
                        now.text(0),
                        then.ms() / now.ms(),
                        then.cpuMs() / now.cpuMs());
            }
            System.out.println();
            System.out.println("| count | answer | Cairn ms (CPU ms) | plain ARQ ms (CPU ms) | plain / Cairn |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<String, String> c : counts.entrySet()) {
                Query q = QueryFactory.create(c.getValue());
                long[] answer = new long[2]; // the first row's count: for a GROUP BY, the sum over groups
                QueryShapesBenchmark.Timed cairn =
                        QueryShapesBenchmark.timed(() -> store.read(dsg -> count(store.publicQuery(q), answer, 0)));
                QueryShapesBenchmark.Timed plain =
                        QueryShapesBenchmark.timed(() -> store.read(dsg -> count(store.plainQuery(q), answer, 1)));
                if (answer[0] != answer[1]) {
                    throw new IllegalStateException(c.getKey() + ": Cairn " + answer[0] + ", plain " + answer[1]);
                }
                System.out.printf(
                        "| %s | %,d | %s | %s | %.1fx (CPU %.1fx) |%n",
                        c.getKey(),
                        answer[0],
                        cairn.text(0),
                        plain.text(0),
                        plain.ms() / cairn.ms(),
                        plain.cpuMs() / cairn.cpuMs());
            }
        }
    }

    private static QueryShapesBenchmark.Timed median(QueryShapesBenchmark.Timed[] runs) {
        QueryShapesBenchmark.Timed[] sorted = runs.clone();
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingDouble(QueryShapesBenchmark.Timed::ms));
        return sorted[sorted.length / 2];
    }

    /** Runs a count; keeps the sum of its {@code ?n} over its rows in {@code answer[i]}; returns the rows. */
    private static long count(org.apache.jena.sparql.exec.QueryExecBuilder builder, long[] answer, int i) {
        try (var exec = builder.timeout(5, TimeUnit.MINUTES).build()) {
            var rows = exec.select();
            var n = Var.alloc("n");
            long total = 0;
            long groups = 0;
            while (rows.hasNext()) {
                total += Long.parseLong(rows.next().get(n).getLiteralLexicalForm());
                groups++;
            }
            answer[i] = total;
            return groups;
        }
    }

    private interface IoSupplier {
        long get() throws Exception;
    }

    private static Supplier<Long> unchecked(IoSupplier s) {
        return () -> {
            try {
                return s.get();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The official lookup and the slice of the NRS file loaded through the command line, once; the TDB2 folder. */
    static Path ensureStore(Path dir, int lines) throws Exception {
        Path tdb2 = dir.resolve("store/tdb2");
        if (Files.isDirectory(tdb2)) {
            return tdb2;
        }
        Files.createDirectories(dir);
        Path slice = dir.resolve("population20_dz11-first-" + lines + ".csv");
        try (BufferedReader in = Files.newBufferedReader(
                        Path.of(QueryShapesBenchmark.SHARED + "population/population20_dz11.csv"),
                        StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(slice, StandardCharsets.UTF_8)) {
            String line;
            for (int i = 0; i <= lines && (line = in.readLine()) != null; i++) {
                out.write(line);
                out.write('\n');
            }
        }
        String data = dir.resolve("store").toString();
        cli("load-geography", "--data-dir", data, QueryShapesBenchmark.SHARED + "geography/Datazone2011lookup.csv");
        cli("load", "--quiet", "--data-dir", data, "cube-definitions/population-estimates-2020.yaml", slice.toString());
        return tdb2;
    }

    private static void cli(String... args) {
        int code = Cairn.commandLine().execute(args);
        if (code != 0) {
            throw new IllegalStateException("cairn " + String.join(" ", args) + " exited with " + code);
        }
    }

    private LargeAnswerBenchmark() {}
}
