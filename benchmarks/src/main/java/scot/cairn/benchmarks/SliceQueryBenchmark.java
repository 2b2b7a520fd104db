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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The R client's observation query for one dataset and one area, over HTTP, against Cairn and
 * against plain Fuseki main serving the same TDB2 store, in one run.
 *
 * <p>The store holds ten generated data zone datasets (6,976 data zones x 10 years x 3 sexes,
 * 209,280 observations and ~1.7 M triples each, ~16.8 M triples in all), built on first use and
 * reused afterwards. Each request picks a dataset and a data zone at random (fixed seed), and
 * Cairn's response cache is turned off: the figures are engine figures. Cairn (the executable jar,
 * {@code serve}) and plain Fuseki each run in their own JVM ({@code -Xmx4g}); this JVM only sends
 * the requests, so its threads and garbage are not the server's.
 *
 * <p>Run (dependencies copied so a rebuild of ~/.m2 cannot change them mid-run):
 * {@code mvn -q -pl benchmarks -am install -DskipTests && mvn -q -pl benchmarks dependency:copy-dependencies -DoutputDirectory=target/lib && java -Xmx6g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" scot.cairn.benchmarks.SliceQueryBenchmark benchmarks/target/slice-store [sequential] [seconds] [server/target/cairn-exec.jar]}
 */
public final class SliceQueryBenchmark {

    static final String B = UriScheme.DEFAULT_BASE;
    static final int DATASETS = 10;
    static final int DATA_ZONES = 6976;
    static final int FIRST_DZ = 6506;
    static final String DIM = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String QB = "http://purl.org/linked-data/cube#";
    static final int WARM_UP_WINDOW = 15;
    static final int MIN_WARM_UP = 180;
    static final int MAX_WARM_UP = 420;

    public static void main(String[] args) {
        ExitingMain.run(SliceQueryBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/slice-store");
        int sequential = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        long triples = ensureStore(dataDir.resolve("tdb2"));

        List<String> report = new ArrayList<>();
        report.add(String.format("store: %,d quads in %d datasets (%s)", triples, DATASETS, dataDir));

        // Each server runs in its own JVM with the same heap; this JVM is only the HTTP client, so the
        // clients' threads and garbage are not charged to the server (they still share the 2 cores).
        Path jar = Path.of(args.length > 3 ? args[3] : "server/target/cairn-exec.jar")
                .toAbsolutePath();
        Results cairnRegex;
        Results cairnConst;
        int warmUpSeconds;
        int cairnPort = freePort();
        Process cairnProcess = startServer(
                dataDir.resolve("cairn.log"),
                "-jar",
                jar.toString(),
                "serve",
                "--port=" + cairnPort,
                "--cairn.data-dir=" + dataDir.toAbsolutePath(),
                "--cairn.examples=false",
                "--cairn.fuseki.enabled=false",
                "--logging.level.root=WARN",
                // The response cache off: with random (dataset, area) pairs a long warm-up would make
                // some measured queries repeats, and these figures are for the engine.
                "--cairn.sparql.cache-bytes=0",
                // All 16 benchmark clients come from one address; the public default is 4 per client. A
                // client may send its next query a moment before the server has released the previous
                // one's slot, so the limits leave room above 16.
                "--cairn.sparql.max-concurrent-per-client=20",
                "--cairn.sparql.max-concurrent=20");
        try {
            String cairn = "http://127.0.0.1:" + cairnPort + "/sparql";
            awaitAnswer(cairn);
            warmUpSeconds = warmUp("Cairn", cairn, 0);
            cairnRegex = measure("Cairn", cairn, SliceQueryBenchmark::rClientQuery, sequential, seconds, R_SEEDS);
            cairnConst = measure(
                    "Cairn", cairn, SliceQueryBenchmark::constantAreaQuery, sequential, seconds, CONSTANT_SEEDS);
        } finally {
            stop(cairnProcess);
        }

        // Plain Fuseki main on the same store: stock TDB2 settings, union default graph as Cairn serves it.
        Results fusekiRegex;
        Results fusekiConst;
        int fusekiPort = freePort();
        Process fusekiProcess = startServer(
                dataDir.resolve("fuseki.log"),
                "-cp",
                System.getProperty("java.class.path"),
                PlainFuseki.class.getName(),
                dataDir.resolve("tdb2").toAbsolutePath().toString(),
                Integer.toString(fusekiPort));
        try {
            String plain = "http://127.0.0.1:" + fusekiPort + "/ds/query";
            awaitAnswer(plain);
            warmUp("plain Fuseki", plain, warmUpSeconds);
            fusekiRegex = measure(
                    "plain Fuseki",
                    plain,
                    SliceQueryBenchmark::rClientQuery,
                    Math.min(sequential, 100),
                    seconds,
                    R_SEEDS);
            fusekiConst = measure(
                    "plain Fuseki",
                    plain,
                    SliceQueryBenchmark::constantAreaQuery,
                    Math.min(sequential, 200),
                    seconds,
                    CONSTANT_SEEDS);
        } finally {
            stop(fusekiProcess);
        }

        report.add("");
        report.add("| query | system | p50 ms | p95 ms | queries/s, 16 clients |");
        report.add("|---|---|---|---|---|");
        for (Results r : List.of(cairnRegex, fusekiRegex, cairnConst, fusekiConst)) {
            report.add(r.row());
        }
        report.add("");
        report.add(String.format(
                "ratio (plain Fuseki / Cairn), R client query: p50 %.0fx, throughput %.1fx",
                fusekiRegex.p50 / cairnRegex.p50, cairnRegex.qps / fusekiRegex.qps));
        report.add(String.format(
                "ratio (plain Fuseki / Cairn), constant area:   p50 %.0fx, throughput %.1fx",
                fusekiConst.p50 / cairnConst.p50, cairnConst.qps / fusekiConst.qps));
        report.forEach(System.out::println);
    }

    /**
     * Brings a server to a steady state before anything is measured (a public server has run many
     * queries before yours): 16 concurrent clients sending both query shapes in turn, in windows of
     * WARM_UP_WINDOW seconds, until the last three windows' throughputs are within 5 % of each
     * other, after at least MIN_WARM_UP and at most MAX_WARM_UP seconds. The JIT reaches its steady
     * state late on two cores shared with the clients: after a fixed 60 s the same server answered
     * the R client's query at 675 queries/s and at 1,200/s two minutes later, and a rule of two
     * windows within 5 % stopped at 75 s, still short of it. Returns the seconds spent; plain Fuseki
     * is given the same time as Cairn ({@code fixedSeconds}), not the same count (its queries take
     * about a second each).
     */
    static int warmUp(String system, String url, int fixedSeconds) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicLong seeds = new AtomicLong(1_000_000);
        int spent = 0;
        long total = 0;
        List<Double> rates = new ArrayList<>();
        while (true) {
            long n = concurrently(
                    http,
                    url,
                    seed -> seed % 2 == 0 ? rClientQuery(seed) : constantAreaQuery(seed),
                    WARM_UP_WINDOW,
                    seeds);
            spent += WARM_UP_WINDOW;
            total += n;
            rates.add(n / (double) WARM_UP_WINDOW);
            System.out.printf(
                    "%s: warm-up window to %d s: %.0f queries/s%n", system, spent, rates.get(rates.size() - 1));
            if (fixedSeconds > 0
                    ? spent >= fixedSeconds
                    : (spent >= MIN_WARM_UP && stable(rates)) || spent >= MAX_WARM_UP) {
                break;
            }
        }
        System.out.printf("%s: %,d warm-up queries in %d s%n", system, total, spent);
        return spent;
    }

    /** The last three rates within 5 % of each other. */
    static boolean stable(List<Double> rates) {
        if (rates.size() < 3) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - 3, rates.size());
        double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max <= min * 1.05;
    }

    /** Sends queries from 16 concurrent clients for {@code seconds}; returns how many were answered. */
    static long concurrently(HttpClient http, String url, IntFunction<String> queries, int seconds, AtomicLong seq)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    send(http, url, queries.apply((int) seq.incrementAndGet()));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return done.get();
    }

    /** What opendatascot's ods_dataset(slug, refArea = code) sends: the area as a regex on the URI. */
    static String rClientQuery(int seed) {
        Random r = new Random(seed);
        int ds = r.nextInt(DATASETS);
        String code = "S01" + String.format("%06d", FIRST_DZ + r.nextInt(DATA_ZONES));
        return "PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> select  ?refArea ?refPeriod ?measureType ?gender ?value where { "
                + "?data qb:dataSet <" + B + "data/bench-" + ds + ">. "
                + "?data <" + DIM + "refArea> ?refArea. ?data <" + DIM + "refPeriod> ?refPeriod. "
                + "?data <" + QB + "measureType> ?measureType. ?data <" + B + "def/dimension/gender> ?gender. "
                + "?data ?measureType ?value. filter (regex(str(?refArea ), '" + code
                + "$'))  } order by ?refPeriod ?refArea";
    }

    /** The same slice with the area given as a URI, dataset pattern first, as the performance notes measure it. */
    static String constantAreaQuery(int seed) {
        Random r = new Random(seed);
        int ds = r.nextInt(DATASETS);
        String code = "S01" + String.format("%06d", FIRST_DZ + r.nextInt(DATA_ZONES));
        return "PREFIX qb: <http://purl.org/linked-data/cube#> select ?refPeriod ?measureType ?gender ?value where { "
                + "?data qb:dataSet <" + B + "data/bench-" + ds + "> ; <" + DIM + "refArea> <" + B
                + "id/statistical-geography/" + code + "> ; "
                + "<" + DIM + "refPeriod> ?refPeriod ; <" + QB + "measureType> ?measureType ; <" + B
                + "def/dimension/gender> ?gender . "
                + "?data ?measureType ?value . }";
    }

    /**
     * The server JVMs get the same flags as each other: the heap as the README suggests for large
     * stores, the README's -XX:-DontCompileHugeMethods, which lets both compile Jena's SPARQL lexer,
     * and its -XX:+ExitOnOutOfMemoryError, so that a server out of memory stops instead of
     * answering half.
     */
    static Process startServer(Path log, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g",
                "-XX:-DontCompileHugeMethods",
                "-XX:+ExitOnOutOfMemoryError"));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the endpoint answers a query (up to five minutes). */
    static void awaitAnswer(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < end) {
            try {
                send(http, url, "SELECT (1 AS ?one) WHERE {}");
                return;
            } catch (java.io.IOException | IllegalStateException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("no answer from " + url + " within five minutes");
    }

    /** Plain Fuseki main 5.6.0 on the TDB2 folder: stock settings, union default graph. */
    public static final class PlainFuseki {
        public static void main(String[] args) {
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(args[0]);
            dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
            FusekiServer.create()
                    .loopback(true)
                    .port(Integer.parseInt(args[1]))
                    .add("/ds", dsg)
                    .build()
                    .start()
                    .join();
        }
    }

    record Results(String system, String query, double p50, double p95, double qps) {
        String row() {
            return String.format("| %s | %s | %.2f | %.2f | %.0f |", query, system, p50, p95, qps);
        }
    }

    /**
     * First seeds of each shape's measured queries. Disjoint, so neither shape is measured on the
     * (dataset, area) pairs the other has just asked for: a slice asked for a moment ago finds its
     * index pages and node-table entries in the processor's and the store's caches (measured: with
     * shared seeds the shape measured second looked up to twice as fast as the first).
     */
    static final int R_SEEDS = 2_000_000;

    static final int CONSTANT_SEEDS = 4_000_000;

    static Results measure(String system, String url, IntFunction<String> queries, int n, int seconds, int firstSeed)
            throws Exception {
        // HTTP/1.1 as R's httr and curl speak it (the default would offer an h2c upgrade on every connection).
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String label = queries.apply(0).contains("regex") ? "R client (regex on area)" : "constant area";
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            send(http, url, queries.apply(firstSeed + i));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[n / 2];
        double p95 = ms[(int) Math.min(n - 1, Math.round(n * 0.95))];
        long done = concurrently(http, url, queries, seconds, new AtomicLong(firstSeed + 1_000_000));
        double qps = done / (double) seconds;
        System.out.printf(
                "%s / %s: p50 %.2f ms, p95 %.2f ms, %.0f q/s with 16 clients%n", system, label, p50, p95, qps);
        return new Results(system, label, p50, p95, qps);
    }

    static void send(HttpClient http, String url, String query) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().lines().count() < 2) {
            throw new IllegalStateException("unexpected answer " + r.statusCode() + ": "
                    + r.body().lines().limit(3).toList());
        }
    }

    /** Builds the ten datasets through the store's publication path, once. */
    static long ensureStore(Path storeDir) throws Exception {
        Path done = storeDir.resolveSibling("generated.ok");
        try (TripleStore store = TripleStore.open(storeDir)) {
            if (!Files.exists(done)) {
                Node type = u("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
                Node obsClass = u(QB + "Observation");
                Node count = u(B + "def/measure-properties/count");
                Node people = u(B + "def/concept/measure-units/people");
                String[] sexes = {"male", "female", "all"};
                for (int d = 0; d < DATASETS; d++) {
                    long t = System.nanoTime();
                    String slug = "bench-" + d;
                    Node g = u(B + "graph/" + slug);
                    Node ds = u(B + "data/" + slug);
                    store.replaceGraphs(new GraphReplacement(List.of(g.getURI()), sink -> {
                        for (int z = 0; z < DATA_ZONES; z++) {
                            String code = "S01" + String.format("%06d", FIRST_DZ + z);
                            Node area = u(B + "id/statistical-geography/" + code);
                            for (int y = 2010; y < 2020; y++) {
                                Node period = u("http://reference.data.gov.uk/id/year/" + y);
                                for (String sex : sexes) {
                                    Node obs = u(B + "data/" + slug + "/" + code + "/" + y + "/" + sex + "/count");
                                    sink.add(Quad.create(g, obs, type, obsClass));
                                    sink.add(Quad.create(g, obs, u(QB + "dataSet"), ds));
                                    sink.add(Quad.create(g, obs, u(DIM + "refArea"), area));
                                    sink.add(Quad.create(g, obs, u(DIM + "refPeriod"), period));
                                    sink.add(Quad.create(
                                            g, obs, u(B + "def/dimension/gender"), u(B + "def/concept/gender/" + sex)));
                                    sink.add(Quad.create(g, obs, u(QB + "measureType"), count));
                                    sink.add(Quad.create(
                                            g,
                                            obs,
                                            count,
                                            NodeFactory.createLiteralDT(
                                                    Integer.toString((z * 31 + y) % 997), XSDDatatype.XSDinteger)));
                                    sink.add(Quad.create(
                                            g,
                                            obs,
                                            u("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"),
                                            people));
                                }
                            }
                        }
                    }));
                    System.out.printf("generated %s in %.1f s%n", slug, (System.nanoTime() - t) / 1e9);
                }
                Files.writeString(done, "ok\n");
            }
            return store.size();
        }
    }

    static Node u(String s) {
        return NodeFactory.createURI(s);
    }
}
