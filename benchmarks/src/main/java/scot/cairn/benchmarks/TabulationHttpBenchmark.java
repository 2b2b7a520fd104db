package scot.cairn.benchmarks;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.TabulationRequest;
import scot.cairn.tabulation.Tabulator;

/**
 * The whole data-zone table over HTTP, as the table builder's download asks for it, side by side
 * with the bare DuckDB {@code GROUP BY} that produces the same unprotected finest cells, in one run
 * against one database: {@code GET /tabulate?dataset=persons&variables=sex,age&level=data-zone&format=csv}
 * (6,976 data zones x 3 x 9 = 188,352 rows, 10 MB) from the running publisher with its result
 * cache off ({@code cairn.tabulation.cache-size=0}), so every request counts, protects, writes and
 * sends the table; and, as a third column, {@code Tabulator.tabulate} in the same process (the
 * table without writing or sending it). Target: HTTP within 1.5x of the bare {@code GROUP BY}.
 *
 * <p>Run (after {@code cairn tabulate-generate} has written the population; see docs/BENCHMARKS.md):
 * <pre>
 * java -Xmx8g -cp benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt) \
 *     scot.cairn.benchmarks.TabulationHttpBenchmark /tmp/cairn-bench/persons.csv /tmp/cairn-bench/persons.yaml \
 *     ../shared/data/real/geography/Datazone2011lookup.csv /tmp/cairn-bench/http [--reuse]
 * </pre>
 * Arguments: persons CSV, its definition, the official data zone lookup, a scratch folder (the
 * server's data folder), and optionally {@code --reuse} to start on a folder an earlier run filled.
 */
public final class TabulationHttpBenchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 30;

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        MicrodataDefinition definition = MicrodataDefinition.load(Path.of(args[1]));
        Path lookup = Path.of(args[2]);
        Path dataDir = Path.of(args[3]);
        boolean reuse = args.length > 4 && args[4].equals("--reuse") && Files.isDirectory(dataDir);
        Files.createDirectories(dataDir);
        try (ConfigurableApplicationContext app = TabulationServer.start(dataDir)) {
            int port = TabulationServer.port(app);
            TabulationServer.ingest(app, definition, csv, lookup, reuse);
            Tabulator tabulator = app.getBean(Tabulator.class);
            System.out.println("count columns in memory: " + tabulator.preload(definition.name()));
            Path db = dataDir.resolve("tabulation").resolve("microdata.duckdb").toAbsolutePath();
            String url = "http://localhost:" + port + "/tabulate?dataset=" + definition.name()
                    + "&variables=sex,age&level=data-zone&format=csv";
            TabulationRequest request = TabulationRequest.counts(
                    definition.name(), List.of("sex", "age"), TabulationRequest.Geography.level("data-zone"));
            String finest = "SELECT g_S01, v_sex, v_age, count(*) FROM md_" + definition.name() + " GROUP BY ALL";
            HttpClient http = HttpClient.newHttpClient();
            long[] rows = new long[1];
            // A second JDBC connection to the same file in this process shares the store's database instance.
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                    Statement s = c.createStatement()) {
                System.out.printf(
                        Locale.ROOT,
                        "load average at start: %.2f on %d cores%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
                double[][] t = timeInterleaved(List.of(
                        () -> rows[0] = get(http, url),
                        () -> tabulator.tabulate(request).cells().size(),
                        () -> drain(s, finest)));
                System.out.printf(
                        Locale.ROOT,
                        "GET /tabulate ... format=csv (%,d rows incl. header): p50 %7.1f ms  p90 %7.1f ms%n",
                        rows[0],
                        t[0][0],
                        t[0][1]);
                System.out.printf(
                        Locale.ROOT,
                        "Tabulator.tabulate in process (no writing):          p50 %7.1f ms  p90 %7.1f ms%n",
                        t[1][0],
                        t[1][1]);
                System.out.printf(
                        Locale.ROOT,
                        "bare DuckDB GROUP BY (finest cells):                 p50 %7.1f ms  p90 %7.1f ms%n",
                        t[2][0],
                        t[2][1]);
                System.out.printf(
                        Locale.ROOT, "ratio HTTP / bare GROUP BY at p50: %.2f (target <= 1.5)%n", t[0][0] / t[2][0]);
                System.out.printf(
                        Locale.ROOT,
                        "load average at end: %.2f%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
            }
        }
    }

    /** Reads the whole response and counts its lines. */
    private static long get(HttpClient http, String url) {
        try {
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = r.body()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int k = 0; k < n; k++) {
                        if (buf[k] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + " from " + url);
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long drain(Statement s, String sql) {
        long n = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= 4; i++) {
                    rs.getLong(i);
                }
                n++;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    /** For each piece of work, run in turn within every round (so load from other processes falls on all alike): p50 and p90 ms. */
    private static double[][] timeInterleaved(List<LongSupplier> work) {
        for (int i = 0; i < WARMUP; i++) {
            work.forEach(w -> Sink.use(w.getAsLong()));
        }
        double[][] ms = new double[work.size()][RUNS];
        for (int i = 0; i < RUNS; i++) {
            for (int w = 0; w < work.size(); w++) {
                long t = System.nanoTime();
                Sink.use(work.get(w).getAsLong());
                ms[w][i] = (System.nanoTime() - t) / 1e6;
            }
        }
        double[][] out = new double[work.size()][];
        for (int w = 0; w < work.size(); w++) {
            Arrays.sort(ms[w]);
            out[w] = new double[] {ms[w][RUNS / 2], ms[w][(int) (RUNS * 0.9)]};
        }
        return out;
    }
}
