package scot.cairn.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.server.PublisherApplication;

/**
 * Light SPARQL queries of one client while other clients' heavy queries run until the time limit
 * cancels them, against the baseline of the same light queries with no heavy query, in one run:
 * the figures SparqlLimitsIT prints, and once asserted on, as a main. The server is the
 * publisher with the bundled examples, on port 0, the SPARQL time limit at {@code timeout} seconds
 * and clients told apart by X-Forwarded-For.
 *
 * <p>A main, never run by the test phase. Run from the repository root:
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/cp.txt
 * java -XX:-DontCompileHugeMethods -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt) \
 *   scot.cairn.benchmarks.HeavyQueryIsolationBenchmark benchmarks/target/isolation-bench 2 10
 * </pre>
 * Arguments: the data folder (emptied first), the number of heavy clients (default 2), the time
 * limit in seconds (default 10).
 */
public final class HeavyQueryIsolationBenchmark {
    private static final String HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    private static final String LIGHT =
            "SELECT ?p ?o WHERE { ?s a <http://purl.org/linked-data/cube#DataSet> ; ?p ?o } LIMIT 50";

    private HeavyQueryIsolationBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/isolation-bench");
        int heavyClients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int timeout = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        if (Files.exists(dataDir)) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (ConfigurableApplicationContext app = PublisherApplication.start(
                "--server.port=0",
                "--cairn.data-dir=" + dataDir,
                "--cairn.fuseki.enabled=false",
                "--logging.level.root=WARN",
                "--cairn.sparql.timeout=" + timeout + "s",
                "--cairn.sparql.trust-forwarded-for=true",
                "--cairn.sparql.cache-bytes=0")) {
            String endpoint =
                    "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/sparql?query=";
            HttpClient http = HttpClient.newHttpClient();
            latencies(http, endpoint, 50, null); // warm-up
            List<Long> before = latencies(http, endpoint, 200, null);
            ExecutorService pool = Executors.newFixedThreadPool(heavyClients);
            List<Future<HttpResponse<String>>> heavy = new ArrayList<>();
            for (int i = 0; i < heavyClients; i++) {
                String client = "10.0.1." + i;
                heavy.add(pool.submit(
                        () -> http.send(request(endpoint, HEAVY, client), HttpResponse.BodyHandlers.ofString())));
            }
            Thread.sleep(500); // let the heavy queries start
            List<Long> during = latencies(http, endpoint, Integer.MAX_VALUE, heavy.get(0));
            for (Future<HttpResponse<String>> f : heavy) {
                HttpResponse<String> r = f.get();
                System.out.printf(
                        Locale.ROOT,
                        "heavy query: %d %s%n",
                        r.statusCode(),
                        r.body().strip());
            }
            pool.shutdown();
            System.out.printf(
                    Locale.ROOT,
                    "%d heavy clients, time limit %d s, load average %.1f at the end%n",
                    heavyClients,
                    timeout,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            System.out.println("| light queries (one client) | n | p50 ms | p95 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            row("baseline: no heavy query", before);
            row("while the heavy queries run", during);
        }
    }

    /** Up to {@code n} light queries one after another (until {@code until} is done, if given), in milliseconds. */
    private static List<Long> latencies(HttpClient http, String endpoint, int n, Future<?> until) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < n && (until == null || !until.isDone()); i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r =
                    http.send(request(endpoint, LIGHT, "10.0.0.2"), HttpResponse.BodyHandlers.ofString());
            long t = (System.nanoTime() - t0) / 1_000_000;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("light query: " + r.statusCode() + " " + r.body());
            }
            if (until == null || !until.isDone()) {
                millis.add(t);
            }
        }
        return millis;
    }

    private static HttpRequest request(String endpoint, String query, String client) {
        return HttpRequest.newBuilder(URI.create(endpoint + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv")
                .header("X-Forwarded-For", client)
                .timeout(Duration.ofMinutes(5))
                .build();
    }

    private static void row(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d |%n",
                what,
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1)),
                sorted.get(sorted.size() - 1));
    }
}
