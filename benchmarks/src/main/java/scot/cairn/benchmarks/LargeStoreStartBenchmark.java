package scot.cairn.benchmarks;

import java.io.File;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17 item 3 on a store of real files: from process start to the first answered SPARQL query,
 * then the first {@code /void} and the first area profile, for the current jar, an earlier build's
 * jar and plain Fuseki main over copies of the same TDB2 store, side by side in one run.
 *
 * <p>The store is built once under the scratch folder with the current jar's own commands, as a
 * publisher would (the official geography with its code history, the recycling, SIMD 2020v2 and NRS
 * population 2020 files as published); each system then gets its own copy, so that nothing one
 * writes at start (saved profile tables, say) helps another. Each round starts every system once,
 * in turn; the first round is each copy's first start after the loads. Every server gets the same
 * JVM flags; this JVM only polls with HTTP and reads the servers' CPU time.
 *
 * <p>Run (from the repository root, {@code ../shared} beside it):
 * {@code mvn -B -ntp -q -pl benchmarks -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/cp.txt}
 * then {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/cp.txt)
 * scot.cairn.benchmarks.LargeStoreStartBenchmark server/target/cairn-exec.jar BEFORE.jar
 * benchmarks/target/large-store-start 3}.
 */
public final class LargeStoreStartBenchmark {

    static final String FIRST_QUERY = StartupBenchmark.FIRST_QUERY;
    static final String PROFILE = "/profiles/simd-2020-council/areas/S12000033.json";
    /**
     * The current jar extracted ({@code java -Djarmode=tools -jar cairn-exec.jar extract}) with a
     * class-data sharing archive {@code cairn.jsa} beside it, for the system {@code cds}
     * ({@code -Dsystems=current,cds,before,fuseki -Dcds.jar=...}); docs/operations.md says how to make one.
     */
    static final Path CDS_JAR = Path.of(System.getProperty("cds.jar", "target/cairn-cds/cairn-exec.jar"))
            .toAbsolutePath();

    static final List<String> JVM_FLAGS =
            List.of("-Xmx4g", "-XX:-DontCompileHugeMethods", "-XX:+ExitOnOutOfMemoryError");

    public static void main(String[] args) throws Exception {
        Path current = Path.of(args[0]).toAbsolutePath();
        Path before = Path.of(args[1]).toAbsolutePath();
        Path scratch = Path.of(args.length > 2 ? args[2] : "benchmarks/target/large-store-start")
                .toAbsolutePath();
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path shared =
                Path.of(System.getProperty("cairn.shared.dir", "../shared")).toAbsolutePath();
        Path built = scratch.resolve("built");
        if (!Files.exists(built.resolve("READY"))) {
            RealStore.build(
                    current,
                    built,
                    shared.resolve("data/real"),
                    RealStore.Size.parse(System.getProperty("store", "full")));
        }
        System.out.printf(
                "store: %s (%s)%n",
                built, Files.readString(built.resolve("READY")).strip());
        Map<String, Path> copies = new LinkedHashMap<>();
        for (String system :
                System.getProperty("systems", "current,before,fuseki").split(",")) {
            Path copy = scratch.resolve(system);
            RealStore.copy(built, copy);
            if (system.equals("before")) {
                // an earlier build's load saved no profile tables: its first start reads them
                Path tables = copy.resolve("cairn-data/summaries");
                if (Files.exists(tables)) {
                    RealStore.delete(tables);
                }
            }
            copies.put(system, copy);
        }
        Map<String, List<Timings>> results = new LinkedHashMap<>();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        for (int round = 1; round <= rounds; round++) {
            for (var e : copies.entrySet()) {
                String system = e.getKey();
                Path jar = system.equals("before") ? before : system.equals("cds") ? CDS_JAR : current;
                Timings t = measure(http, system, jar, e.getValue(), round);
                results.computeIfAbsent(system, k -> new ArrayList<>()).add(t);
                System.out.printf("round %d %-7s %s%n", round, system, t);
            }
        }
        for (var e : results.entrySet()) {
            List<Double> first = new ArrayList<>();
            e.getValue().forEach(t -> first.add(t.firstAnswer()));
            first.sort(null);
            System.out.printf(
                    "%-7s median first answer %.2f s over %d starts%n",
                    e.getKey(), first.get(first.size() / 2), first.size());
        }
    }

    /**
     * One start: seconds to the first answer (with rows) and CPU seconds by then; for Cairn, the
     * first and second {@code /void}, catalogue and profile after the start and, with
     * {@code -Dpublish=true}, again after the publication of an unrelated small dataset.
     */
    record Timings(double firstAnswer, double cpuAtFirstAnswer, String count, Map<String, Answer[]> requests) {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(String.format(
                    "first answer %.2f s (%s data zones, %.1f s CPU)", firstAnswer, count, cpuAtFirstAnswer));
            requests.forEach((what, a) -> out.append(String.format("; %s %s then %s", what, a[0], a[1])));
            return out.toString();
        }
    }

    /** The requests timed first and second after a start and after a publication. */
    static final Map<String, String> TIMED = Map.of("/void", "/void", "catalogue", "/data.json", "profile", PROFILE);

    /** The unrelated small dataset published into the running server (30 observations of councils). */
    static final String SMALL_DATASET = "examples/data/datasets/council-tax-collection";

    private static Timings measure(HttpClient http, String system, Path jar, Path dir, int round) throws Exception {
        int port = 18700
                + round * 10
                + List.of("current", "before", "fuseki", "cds").indexOf(system);
        int publishPort = port + 5;
        long start = System.nanoTime();
        Process server = start(system, jar, dir, port, publishPort, round);
        try {
            String base = "http://127.0.0.1:" + port;
            String sparql = system.equals("fuseki") ? base + "/ds/query" : base + "/sparql";
            String count = firstAnswer(http, sparql, start, server);
            double first = (System.nanoTime() - start) / 1e9;
            double cpu = server.info()
                    .totalCpuDuration()
                    .map(d -> d.toMillis() / 1e3)
                    .orElse(-1.0);
            Map<String, Answer[]> requests = new LinkedHashMap<>();
            if (!system.equals("fuseki")) {
                timeTwice(http, base, "", requests);
                if (Boolean.getBoolean("publish")) {
                    publish(jar, dir, publishPort, round);
                    timeTwice(http, base, " after publication", requests);
                }
            }
            return new Timings(first, cpu, count, requests);
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    /** Each of {@link #TIMED} twice in a row, the first and second time recorded under its name. */
    private static void timeTwice(HttpClient http, String base, String when, Map<String, Answer[]> requests)
            throws Exception {
        for (String what : List.of("/void", "catalogue", "profile")) {
            String url = base + TIMED.get(what);
            Answer firstTime = get(http, url);
            requests.put(what + when, new Answer[] {firstTime, get(http, url)});
        }
    }

    /** Seconds to a whole answer, and its status. */
    record Answer(double seconds, int status) {
        @Override
        public String toString() {
            return String.format("%.3f s", seconds) + (status == 200 ? "" : " (" + status + ")");
        }
    }

    /** Publishes {@link #SMALL_DATASET} into the running server with the jar's own {@code load --endpoint}. */
    private static void publish(Path jar, Path dir, int publishPort, int round) throws Exception {
        Path examples = profilesOf(jar).getParent().getParent();
        int code = new ProcessBuilder(
                        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                        "-jar",
                        jar.toString(),
                        "load",
                        "--quiet",
                        "--endpoint",
                        "http://127.0.0.1:" + publishPort + "/publish",
                        "--user",
                        "publisher",
                        "--password",
                        PASSWORD,
                        examples.resolve(SMALL_DATASET + ".yaml").toString(),
                        examples.resolve(SMALL_DATASET + ".csv").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("publish-" + round + ".log").toFile())
                .start()
                .waitFor();
        if (code != 0) {
            throw new IllegalStateException("the publication failed; see " + dir.resolve("publish-" + round + ".log"));
        }
    }

    private static final String PASSWORD = "start-benchmark";

    private static Process start(String system, Path jar, Path dir, int port, int publishPort, int round)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.addAll(JVM_FLAGS);
        if (system.equals("fuseki")) {
            cmd.addAll(List.of(
                    "-cp",
                    absoluteClassPath(),
                    SliceQueryBenchmark.PlainFuseki.class.getName(),
                    dir.resolve("cairn-data/tdb2").toString(),
                    Integer.toString(port)));
        } else {
            if (system.equals("cds")) {
                cmd.add("-XX:SharedArchiveFile=" + jar.resolveSibling("cairn.jsa"));
            }
            cmd.addAll(List.of(
                    "-jar",
                    jar.toString(),
                    "serve",
                    "--port=" + port,
                    "--cairn.fuseki.port=" + publishPort,
                    "--cairn.publish.password=" + PASSWORD,
                    "--cairn.examples=false",
                    "--cairn.profiles.dir=" + profilesOf(jar)));
        }
        return new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + round + ".log").toFile())
                .start();
    }

    /** This JVM's class path with absolute entries: plain Fuseki runs in the store copy's folder. */
    static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    /**
     * The profile definitions of the jar's own checkout ({@code server/target/cairn-exec.jar} ->
     * {@code cube-definitions/profiles}): an earlier build cannot read a later definition format.
     */
    static Path profilesOf(Path jar) {
        return jar.getParent().getParent().getParent().resolve("cube-definitions/profiles");
    }

    /** Polls the README's first query every 50 ms until it answers 200 with a count; returns the count. */
    private static String firstAnswer(HttpClient http, String sparql, long start, Process server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(sparql + "?query=" + URLEncoder.encode(FIRST_QUERY, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv")
                .build();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(600)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped; see its log");
            }
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                String[] lines = r.body().strip().split("\\R");
                if (r.statusCode() == 200
                        && lines.length == 2
                        && !lines[1].strip().equals("0")) {
                    return lines[1].strip();
                }
            } catch (IOException notYet) {
                // the port is not open yet
            }
            Thread.sleep(50); // a benchmark main polling a port, not a test
        }
        throw new IllegalStateException(sparql + " gave no rows within 600 s");
    }

    /** Seconds to the whole answer of one GET, and its status. */
    private static Answer get(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer((System.nanoTime() - t) / 1e9, r.statusCode());
    }
}
