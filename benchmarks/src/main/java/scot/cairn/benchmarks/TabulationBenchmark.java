package scot.cairn.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.IngestReport;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.TabulationResult;
import scot.cairn.tabulation.Tabulator;
import scot.cairn.tabulation.TestGeography;

/**
 * Flexible tabulation on the full synthetic population (5.47 M persons), with full disclosure
 * control, side by side with the bare DuckDB GROUP BY that produces the same unprotected cells,
 * in the same run and the same database.
 *
 * <p>Run (after {@code cairn tabulate-generate} has written the population):
 * <pre>
 * java -cp benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat cp.txt) scot.cairn.benchmarks.TabulationBenchmark \
 *     /tmp/cairn-bench/persons.csv /tmp/cairn-bench/persons.yaml ../shared/data/real/geography/Datazone2011lookup.csv /tmp/cairn-bench/db
 * </pre>
 * Arguments: persons CSV, its definition, the official data zone lookup, a scratch folder, and
 * optionally {@code --reuse} to query a database an earlier run ingested (skips the ingest).
 */
public final class TabulationBenchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 30;

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        MicrodataDefinition definition = MicrodataDefinition.load(Path.of(args[1]));
        AreaHierarchy geography = TestGeography.fromLookup(Path.of(args[2]));
        Path work = Path.of(args[3]);
        Files.createDirectories(work);
        Path db = work.resolve("microdata.duckdb");
        boolean reuse = args.length > 4 && args[4].equals("--reuse") && Files.exists(db);
        if (!reuse) {
            Files.deleteIfExists(db);
            Files.deleteIfExists(work.resolve("microdata.duckdb.wal"));
        }
        try (MicrodataStore store = MicrodataStore.open(db)) {
            if (!reuse) {
                long cpu0 = cpu();
                IngestReport report = store.ingest(definition, csv, geography);
                System.out.printf(
                        Locale.ROOT,
                        "ingest: %d records in %.1f s wall, %.1f s process CPU (swapping: %d risky, %d pairs, swap rate %.4f)%n",
                        report.records(),
                        report.seconds(),
                        (cpu() - cpu0) / 1e9,
                        report.riskyRecords(),
                        report.swapPairs(),
                        report.swapRate());
            }
            System.out.printf(
                    Locale.ROOT,
                    "load average at start of queries: %.1f on %d cores%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            Tabulator tabulator = new Tabulator(store, geography, DisclosureSettings.defaults(), 0);
            long t0 = System.nanoTime();
            long c0 = cpu();
            boolean inMemory = tabulator.preload(definition.name());
            System.out.printf(
                    Locale.ROOT,
                    "reading the count columns into memory (Tabulator.preload, %s): %.1f s wall, %.1f s process CPU%n",
                    inMemory ? "done" : "NOT done: tables below come from DuckDB",
                    (System.nanoTime() - t0) / 1e9,
                    (cpu() - c0) / 1e9);
            String table = "md_" + definition.name();
            compare(
                    "council x sex x age x health (3 variables, 32 areas)",
                    tabulator,
                    db,
                    table,
                    TabulationRequest.counts(
                            definition.name(),
                            List.of("sex", "age", "health"),
                            TabulationRequest.Geography.level("council")),
                    "g_S12",
                    List.of("v_sex", "v_age", "v_health"));
            compare(
                    "data zone x sex x age (6,976 areas x 2 x 8)",
                    tabulator,
                    db,
                    table,
                    TabulationRequest.counts(
                            definition.name(), List.of("sex", "age"), TabulationRequest.Geography.level("data-zone")),
                    "g_S01",
                    List.of("v_sex", "v_age"));
        }
    }

    private static void compare(
            String label,
            Tabulator tabulator,
            Path db,
            String table,
            TabulationRequest request,
            String area,
            List<String> vars)
            throws Exception {
        String cols = area + ", " + String.join(", ", vars);
        String finest = "SELECT " + cols + ", count(*) FROM " + table + " GROUP BY ALL";
        String cube = "SELECT " + cols + ", count(*) FROM " + table + " GROUP BY " + area + ", CUBE("
                + String.join(", ", vars) + ")";
        int[] cells = new int[1];
        double[] protectedMs;
        double[] finestMs;
        double[] cubeMs;
        // A second JDBC connection to the same file in this process shares the store's database instance.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement()) {
            List<Supplier<Integer>> work = List.of(
                    () -> {
                        TabulationResult r = tabulator.tabulate(request);
                        cells[0] = r.cells().size();
                        return r.cells().size();
                    },
                    () -> drain(s, finest),
                    () -> drain(s, cube));
            // Interleaved, so that load from other processes falls on all three alike.
            double[][] t = timeInterleaved(work);
            protectedMs = t[0];
            finestMs = t[1];
            cubeMs = t[2];
        }
        System.out.printf(Locale.ROOT, "%s: %d published cells%n", label, cells[0]);
        System.out.printf(
                Locale.ROOT,
                "  Cairn tabulate (CKM + rules + totals):   p50 %7.1f ms  p90 %7.1f ms  CPU/op %7.1f ms%n",
                protectedMs[0],
                protectedMs[1],
                protectedMs[2]);
        System.out.printf(
                Locale.ROOT,
                "  bare DuckDB GROUP BY (finest cells):     p50 %7.1f ms  p90 %7.1f ms  CPU/op %7.1f ms  ratio p50 %.2f, CPU %.2f%n",
                finestMs[0],
                finestMs[1],
                finestMs[2],
                protectedMs[0] / finestMs[0],
                protectedMs[2] / finestMs[2]);
        System.out.printf(
                Locale.ROOT,
                "  bare DuckDB GROUP BY CUBE (with totals): p50 %7.1f ms  p90 %7.1f ms  CPU/op %7.1f ms  ratio p50 %.2f, CPU %.2f%n",
                cubeMs[0],
                cubeMs[1],
                cubeMs[2],
                protectedMs[0] / cubeMs[0],
                protectedMs[2] / cubeMs[2]);
    }

    private static int drain(Statement s, String sql) {
        int n = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                    rs.getLong(i);
                }
                n++;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    /** For each piece of work, run in turn within every round: wall-clock p50, p90 and mean process CPU, in milliseconds. */
    private static double[][] timeInterleaved(List<Supplier<Integer>> work) {
        for (int i = 0; i < WARMUP; i++) {
            work.forEach(w -> Sink.use(w.get()));
        }
        int n = work.size();
        double[][] ms = new double[n][RUNS];
        long[] cpu = new long[n];
        for (int i = 0; i < RUNS; i++) {
            for (int w = 0; w < n; w++) {
                long c0 = cpu();
                long t = System.nanoTime();
                Sink.use(work.get(w).get());
                ms[w][i] = (System.nanoTime() - t) / 1e6;
                cpu[w] += cpu() - c0;
            }
        }
        double[][] out = new double[n][];
        for (int w = 0; w < n; w++) {
            Arrays.sort(ms[w]);
            out[w] = new double[] {ms[w][RUNS / 2], ms[w][(int) (RUNS * 0.9)], cpu[w] / 1e6 / RUNS};
        }
        return out;
    }

    /** CPU time of this process in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
