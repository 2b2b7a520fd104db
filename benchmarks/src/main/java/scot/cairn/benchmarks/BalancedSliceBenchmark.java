package scot.cairn.benchmarks;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import scot.cairn.testsupport.KafkaBroker;

/**
 * The slice queries of {@link SliceQueryBenchmark} through HAProxy in front of 1, 2 and 3 read
 * replicas on this machine, and straight to one replica (the balancer's own cost), in one run.
 *
 * <p>The store is {@link SliceQueryBenchmark}'s (ten generated data-zone datasets, ~16.8 M
 * triples), built on first use; each replica gets its own copy of the folder and runs as a
 * {@code serve --role replica} process following a real Kafka broker's (empty) topic, with the
 * response cache off (engine figures: every query is computed). HAProxy (Debian package) is
 * configured by {@code replication/scripts/haproxy-config.sh}: least connections, {@code /health}
 * checked every second. All of it, and this client's 16 threads, share the machine's two cores,
 * so the figures say what one machine gives, not how replicas on their own machines scale:
 * docs/BENCHMARKS.md gives the model for that.
 *
 * <p>A main, not a test. Run it with
 * <pre>
 * mvn -q -o -pl benchmarks -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * java -Xmx3g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.BalancedSliceBenchmark benchmarks/target/balanced-slices [seconds] [warm-up seconds] [server/target/cairn-exec.jar]
 * </pre>
 */
public final class BalancedSliceBenchmark {
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private BalancedSliceBenchmark() {}

    public static void main(String[] args) {
        ExitingMain.run(BalancedSliceBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/balanced-slices")
                .toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 180;
        Path jar = Path.of(args.length > 3 ? args[3] : "server/target/cairn-exec.jar")
                .toAbsolutePath();
        Path scripts = KafkaBroker.projectDir().resolve("replication/scripts");
        long triples = SliceQueryBenchmark.ensureStore(dir.resolve("store").resolve("tdb2"));
        System.out.printf(
                Locale.ROOT,
                "store: %,d quads; cores %d; load average %.1f (the machine is shared with other builds)%n",
                triples,
                Runtime.getRuntime().availableProcessors(),
                OS.getSystemLoadAverage());
        List<String> table = new ArrayList<>();
        table.add(
                "| path | replicas | R client p50 ms | p95 ms | q/s, 16 clients | constant area p50 ms | p95 ms | q/s, 16 clients |");
        table.add("|---|---|---|---|---|---|---|---|");
        List<Process> replicas = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            // the topic a publisher would have created: without it a replica cannot say it is caught up
            try (var admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(
                                new org.apache.kafka.clients.admin.NewTopic("cairn.publications", 1, (short) 1)))
                        .all()
                        .get();
            }
            try {
                for (int i = 1; i <= 3; i++) {
                    Path data = dir.resolve("replica-" + i);
                    VersionBenchmark.deleteRecursively(data);
                    copy(dir.resolve("store"), data);
                    int port = SliceQueryBenchmark.freePort();
                    ports.add(port);
                    replicas.add(new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-Xmx2g",
                                    "-XX:-DontCompileHugeMethods",
                                    "-jar",
                                    jar.toString(),
                                    "serve",
                                    "--role",
                                    "replica",
                                    "--kafka",
                                    broker.bootstrapServers(),
                                    "--port",
                                    Integer.toString(port),
                                    "--data-dir",
                                    data.toString(),
                                    "--cairn.fuseki.enabled=false",
                                    "--logging.level.root=WARN",
                                    "--cairn.sparql.cache-bytes=0",
                                    "--cairn.sparql.max-concurrent-per-client=20",
                                    "--cairn.sparql.max-concurrent=20")
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("replica-" + i + ".log").toFile())
                            .start());
                }
                for (int port : ports) {
                    SliceQueryBenchmark.awaitAnswer("http://127.0.0.1:" + port + "/sparql");
                }
                warmUp(ports, warmUp);
                String direct = "http://127.0.0.1:" + ports.get(0) + "/sparql";
                table.add(row("straight to one replica", 1, direct, seconds));
                for (int n = 1; n <= 3; n++) {
                    int listen = SliceQueryBenchmark.freePort();
                    Path cfg = dir.resolve("haproxy-" + n + ".cfg");
                    List<String> cmd = new ArrayList<>(List.of(
                            "bash", scripts.resolve("haproxy-config.sh").toString(), Integer.toString(listen), "-"));
                    ports.subList(0, n).forEach(p -> cmd.add(Integer.toString(p)));
                    Process gen =
                            new ProcessBuilder(cmd).redirectOutput(cfg.toFile()).start();
                    if (gen.waitFor() != 0) {
                        throw new IllegalStateException("haproxy-config.sh failed");
                    }
                    Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("haproxy-" + n + ".log").toFile())
                            .start();
                    try {
                        String url = "http://127.0.0.1:" + listen + "/sparql";
                        SliceQueryBenchmark.awaitAnswer(url);
                        table.add(row("HAProxy", n, url, seconds));
                    } finally {
                        SliceQueryBenchmark.stop(haproxy);
                    }
                }
            } finally {
                for (Process p : replicas) {
                    SliceQueryBenchmark.stop(p);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %.1f%n", OS.getSystemLoadAverage());
        table.forEach(System.out::println);
    }

    private static String row(String path, int replicas, String url, int seconds) throws Exception {
        var r = SliceQueryBenchmark.measure(
                path + " x" + replicas,
                url,
                SliceQueryBenchmark::rClientQuery,
                300,
                seconds,
                SliceQueryBenchmark.R_SEEDS + replicas * 10_000);
        var c = SliceQueryBenchmark.measure(
                path + " x" + replicas,
                url,
                SliceQueryBenchmark::constantAreaQuery,
                300,
                seconds,
                SliceQueryBenchmark.CONSTANT_SEEDS + replicas * 10_000);
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f |",
                path,
                replicas,
                r.p50(),
                r.p95(),
                r.qps(),
                c.p50(),
                c.p95(),
                c.qps());
    }

    /** Both query shapes against every replica at once, for {@code seconds}: the JIT's steady state before anything is measured. */
    private static void warmUp(List<Integer> ports, int seconds) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicLong seq = new AtomicLong(1);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(ports.size() * 6);
        List<Future<?>> fs = new ArrayList<>();
        for (int port : ports) {
            String url = "http://127.0.0.1:" + port + "/sparql";
            for (int c = 0; c < 6; c++) {
                fs.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        int s = (int) seq.incrementAndGet();
                        SliceQueryBenchmark.send(
                                http,
                                url,
                                s % 2 == 0
                                        ? SliceQueryBenchmark.rClientQuery(s)
                                        : SliceQueryBenchmark.constantAreaQuery(s));
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(
                Locale.ROOT, "warmed up %d replicas for %d s (%,d queries)%n", ports.size(), seconds, seq.get());
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().equals("tdb.lock")) {
                    Files.copy(f, t);
                }
            }
        }
    }
}
