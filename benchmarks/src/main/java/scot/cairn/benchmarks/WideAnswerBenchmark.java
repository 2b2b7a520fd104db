package scot.cairn.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import scot.cairn.endpoint.EndpointRuns;
import scot.cairn.store.StockOrder;
import scot.cairn.store.TripleStore;

/**
 * The wide answers of opendatascot's {@code ods_dataset()} (634,816 rows for one sex of the whole
 * NRS data zone file), with ORDER BY sorted by {@code RankedSort} (now) and by ARQ's own sort
 * (before), side by side in one JVM on one store, alternating: in the engine (every row read and
 * each projected value's text touched, as a writer would), and end to end through the public
 * endpoint's executor ({@code SparqlExecutor}) in CSV (what the R client asks for) and SPARQL
 * JSON (SPARQLWrapper, rdflib), bytes counted and checked equal by SHA-256. Wall and CPU times
 * (of the thread that runs the query and writes the answer) are the medians of {@code runs} runs
 * after one warm-up run of each.
 *
 * <p>Run from the repository root after building the classpath (docs/BENCHMARKS.md): {@code java
 * -Xmx6g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:<classpath>"
 * scot.cairn.benchmarks.WideAnswerBenchmark <folder with store/> [name part] [runs]}; the folder
 * is QueryShapesBenchmark's (the store is built there on first use).
 */
public final class WideAnswerBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        ExitingMain.run(WideAnswerBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/nrs").toAbsolutePath();
        String part = args.length > 1 ? args[1] : "gender=female)";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path tdb2 = QueryShapesBenchmark.ensureStore(dir.resolve("store"));
        Path scratch = Files.createTempDirectory("wide-answers");
        List<String> report = new ArrayList<>();
        report.add("| shape | path | rows or bytes | now ms (CPU ms) | ARQ's sort ms (CPU ms) | CPU before / now |");
        report.add("|---|---|---|---|---|---|");
        try (TripleStore store = TripleStore.open(tdb2);
                EndpointRuns endpoint = new EndpointRuns(store, scratch, Duration.ofSeconds(120))) {
            for (Map.Entry<String, String> shape : QueryShapesBenchmark.shapes().entrySet()) {
                if (!shape.getKey().contains(part)) {
                    continue;
                }
                Query query = QueryFactory.create(shape.getValue());
                String text = shape.getValue();
                compare(
                        report,
                        shape.getKey(),
                        "engine",
                        runs,
                        () -> {
                            StockOrder.everywhere(store, false);
                            return store.read(dsg -> rows(store.publicQuery(query)));
                        },
                        () -> {
                            StockOrder.everywhere(store, false);
                            return store.read(dsg -> rows(StockOrder.publicQuery(store, query)));
                        });
                for (String format : List.of("csv", "json")) {
                    compare(
                            report,
                            shape.getKey(),
                            "endpoint " + format,
                            runs,
                            () -> {
                                StockOrder.everywhere(store, false);
                                return endpoint(endpoint, text, format);
                            },
                            () -> {
                                StockOrder.everywhere(store, true);
                                return endpoint(endpoint, text, format);
                            });
                }
                StockOrder.everywhere(store, false);
            }
            if ("whole".equals(part)) {
                whole(report, store, endpoint);
            }
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    /**
     * {@code ods_dataset("population-2020")} with no filter (1.9 M rows, over the endpoint's default
     * max-rows) through the endpoint in CSV, refused now (as soon as the sort has max-rows + 1 rows)
     * and before (ARQ's sort: the whole answer read and sorted, then refused while writing), one
     * run each; and the dataset's whole-cube CSV download, which the refusal points to.
     */
    private static void whole(List<String> report, TripleStore store, EndpointRuns endpoint) throws Exception {
        String text = QueryShapesBenchmark.odsDataset("");
        StockOrder.everywhere(store, false);
        Timed now = once(() -> endpoint(endpoint, text, "csv"));
        StockOrder.everywhere(store, true);
        Timed before = once(() -> endpoint(endpoint, text, "csv"));
        StockOrder.everywhere(store, false);
        String line = String.format(
                "| ods_dataset() (whole dataset) | endpoint csv | %s | %.0f (%.0f) | %.0f (%.0f) | %.2fx |",
                now.result.size(), now.ms, now.cpuMs, before.ms, before.cpuMs, before.cpuMs / now.cpuMs);
        System.out.println(line);
        report.add(line);
        scot.cairn.vocab.UriScheme uris = new scot.cairn.vocab.UriScheme(QueryShapesBenchmark.B);
        for (int i = 0; i < 2; i++) {
            CountingSink sink = new CountingSink();
            long t = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long rows = scot.cairn.linkeddata.Downloads.writeCubeCsv(store, uris, QueryShapesBenchmark.DATASET, sink);
            String download = String.format(
                    "| whole-cube CSV download (%s) | /downloads/cube-table | %,d rows, %,d bytes | %.0f (%.0f) | - | - |",
                    i == 0 ? "first" : "second",
                    rows,
                    sink.bytes(),
                    (System.nanoTime() - t) / 1e6,
                    (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
            System.out.println(download);
            report.add(download);
        }
    }

    /** One run's size and digest, or the refusal's text. */
    record Result(String size, String digest) {}

    private static Result endpoint(EndpointRuns endpoint, String text, String format) throws Exception {
        try {
            EndpointRuns.Answer a = endpoint.answer(text, format);
            return new Result(String.format("%,d bytes", a.bytes()), a.sha256());
        } catch (RuntimeException refused) {
            return new Result("refused: " + refused.getMessage(), "");
        }
    }

    /** Every row read and each projected value's text touched; the count and a digest of the rows in order. */
    private static Result rows(QueryExecBuilder builder) {
        try (QueryExec exec = builder.timeout(120, TimeUnit.SECONDS).build()) {
            RowSet rs = exec.select();
            List<Var> vars = rs.getResultVars();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long n = 0;
            while (rs.hasNext()) {
                var b = rs.next();
                n++;
                for (Var v : vars) {
                    Node node = b.get(v);
                    String t = node == null ? "" : node.isURI() ? node.getURI() : node.getLiteralLexicalForm();
                    sha.update(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
            }
            return new Result(String.format("%,d rows", n), HexFormat.of().formatHex(sha.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A warm-up run of each, then {@code runs} of each alternating; medians; answers checked equal. */
    private static void compare(
            List<String> report, String shape, String path, int runs, Callable<Result> now, Callable<Result> before)
            throws Exception {
        Timed warmNow = once(now);
        Timed warmBefore = once(before);
        if (!warmNow.result.equals(warmBefore.result)) {
            throw new IllegalStateException(
                    shape + " " + path + ": answers differ: " + warmNow.result + " / " + warmBefore.result);
        }
        double[][] n = new double[2][runs];
        double[][] b = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            Timed t = once(now);
            n[0][i] = t.ms;
            n[1][i] = t.cpuMs;
            Timed u = once(before);
            b[0][i] = u.ms;
            b[1][i] = u.cpuMs;
            if (!t.result.equals(warmNow.result) || !u.result.equals(warmNow.result)) {
                throw new IllegalStateException(shape + " " + path + ": answers differ between runs");
            }
        }
        String line = String.format(
                "| %s | %s | %s | %.0f (%.0f) | %.0f (%.0f) | %.2fx |",
                shape,
                path,
                warmNow.result.size(),
                median(n[0]),
                median(n[1]),
                median(b[0]),
                median(b[1]),
                median(b[1]) / median(n[1]));
        System.out.println(line);
        report.add(line);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    record Timed(Result result, double ms, double cpuMs) {}

    private static Timed once(Callable<Result> run) throws Exception {
        long t = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        Result r = run.call();
        return new Timed(r, (System.nanoTime() - t) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
    }

    private WideAnswerBenchmark() {}
}
