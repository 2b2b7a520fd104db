package scot.cairn.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Release;
import scot.cairn.versions.VersionRecord;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * Issue 21's attack on earlier versions at its own size, against the server jar(s) given, in one
 * run; and what one earlier version costs held in memory (the former cache) and built on disk
 * (the current design).
 *
 * <ol>
 * <li>Data (built once, reused): the generated data-zone cube of {@link CubeLoadBenchmark} cut to
 *     834 data zones x 10 years x 3 sexes x 10 measures = 250,200 observations, about 2.0 M triples,
 *     published as three versions (the second with every 100th value changed, the third with every
 *     30th of those changed again) into {@code <dir>/data}, the layout of a server's data folder.</li>
 * <li>One earlier version, in this JVM: version 1 built on disk through {@link Versions} (seconds,
 *     heap retained after a full GC, disk), then the same triples loaded into Jena's in-memory
 *     dataset as the former cache held them (heap retained).</li>
 * <li>The attack, for each jar: the server started with {@code -Xmx3g -XX:+ExitOnOutOfMemoryError}
 *     and a GC log; six concurrent anonymous {@code /versions/sparql} requests counting every quad
 *     of every version (the curl); {@code /health} asked every 500 ms throughout; when the
 *     six have ended, the next wave of six, four waves in all, then one request alone. Printed:
 *     each answer (status, seconds, body), the health polls (answered, longest), the heap peak
 *     (the largest heap before a collection in the GC log, and the largest after one), the
 *     resident set's peak, versions built (log lines), whether the process still runs.</li>
 * </ol>
 *
 * <p>A main, not a test. Run it with
 * <pre>
 * mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.OldVersionsBenchmark benchmarks/target/old-versions server/target/cairn-exec.jar [baseline.jar]
 * </pre>
 * ({@code -DattackOnly=true} skips step 2.)
 */
public final class OldVersionsBenchmark {
    private static final UriScheme URIS = UriScheme.defaultScheme();
    private static final String SLUG = "cube";
    private static final int AREAS = 834;
    private static final String ATTACK = "SELECT (COUNT(*) AS ?n) {GRAPH ?g {?s ?p ?o}}";
    private static final int CONCURRENT = 6;
    private static final int WAVES = 4;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private OldVersionsBenchmark() {}

    public static void main(String[] args) {
        ExitingMain.run(OldVersionsBenchmark::run, args);
    }

    static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/old-versions")
                .toAbsolutePath();
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Path.of(args[i]).toAbsolutePath());
        }
        if (jars.isEmpty()) {
            jars.add(Path.of("server/target/cairn-exec.jar").toAbsolutePath());
        }
        Path data = dir.resolve("data");
        System.out.printf(
                Locale.ROOT,
                "cores %d, this JVM's max heap %d MB, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        ensureData(dir, data);
        if (!Boolean.getBoolean("attackOnly")) {
            oneEarlierVersion(dir, data);
        }
        for (int i = 0; i < jars.size(); i++) {
            attack(jars.get(i), i + 1, data, dir);
        }
    }

    /** Three versions of ~2 M triples in {@code data} (tdb2/ and versions/), unless already there. */
    private static void ensureData(Path dir, Path data) throws Exception {
        try (TripleStore store = TripleStore.open(data.resolve("tdb2"));
                Versions versions = new Versions(store, URIS, data.resolve("versions"), Long.MAX_VALUE)) {
            if (versions.history(SLUG).size() == 3) {
                System.out.println("data: reused " + data);
            } else {
                Path v1 = dir.resolve("v1.csv");
                Path v2 = dir.resolve("v2.csv");
                Path v3 = dir.resolve("v3.csv");
                CubeLoadBenchmark.writeCsv(v1, AREAS);
                VersionBenchmark.reviseEvery(v1, v2, 100);
                VersionBenchmark.reviseEvery(v2, v3, 30);
                CubeDefinition definition = CubeDefinition.read(CubeLoadBenchmark.definitionYaml(SLUG), SLUG + ".yaml");
                CubeLoader loader = new CubeLoader(URIS, VersionBenchmark.DATA_ZONES);
                for (Path csv : List.of(v1, v2, v3)) {
                    long t0 = System.nanoTime();
                    loader.load(
                            definition,
                            csv,
                            versions.publisher(new Release(csv.getFileName().toString(), Release.Kind.UPDATE), null));
                    System.out.printf(Locale.ROOT, "published %s in %.1f s%n", csv.getFileName(), seconds(t0));
                }
            }
            for (VersionRecord r : versions.history(SLUG)) {
                System.out.printf(
                        Locale.ROOT,
                        "version %d: %,d observations, %,d triples, %,d changed%n",
                        r.number(),
                        r.observations(),
                        r.triples(),
                        r.changed());
            }
        }
    }

    /** Version 1 built on disk, then held in memory: seconds, retained heap, disk. */
    private static void oneEarlierVersion(Path dir, Path data) throws Exception {
        Path nt = dir.resolve("version-1.nt");
        try (TripleStore store = TripleStore.open(data.resolve("tdb2"));
                Versions versions = new Versions(store, URIS, data.resolve("versions"), Long.MAX_VALUE)) {
            // The current version is read from the live store: it warms the live store's own caches,
            // which the build reads through, so that they are not counted as the built version's.
            versions.writeNTriples(SLUG, 3, OutputStream.nullOutputStream());
            long before = usedAfterGc();
            long t0 = System.nanoTime();
            long lines;
            try (OutputStream out = Files.newOutputStream(nt)) {
                lines = versions.writeNTriples(SLUG, 1, out);
            }
            double first = seconds(t0);
            t0 = System.nanoTime();
            versions.writeNTriples(SLUG, 1, OutputStream.nullOutputStream());
            double second = seconds(t0);
            long retained = usedAfterGc() - before;
            System.out.printf(
                    Locale.ROOT,
                    "on disk: version 1 (%,d data triples) built and written as sorted N-Triples in %.1f s; "
                            + "written again from the built store in %.1f s (so the build took about %.1f s); %,d builds; heap retained with the "
                            + "version built and open: %,d bytes (%.1f bytes/triple); disk %,d bytes (%.0f bytes/triple)%n",
                    lines,
                    first,
                    second,
                    first - second,
                    versions.builds(),
                    retained,
                    (double) retained / lines,
                    size(data.resolve("versions/.built")),
                    (double) size(data.resolve("versions/.built")) / lines);
        }
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        DatasetGraph memory = DatasetGraphFactory.create();
        var graph = memory.getGraph(NodeFactory.createURI(URIS.graph(SLUG)));
        RDFParser.source(nt).lang(Lang.NTRIPLES).parse(graph);
        double secs = seconds(t0);
        long retained = usedAfterGc() - before;
        System.out.printf(
                Locale.ROOT,
                "in memory: version 1 (%,d data triples) loaded into Jena's in-memory dataset in %.1f s; heap retained: "
                        + "%,d bytes (%.1f bytes/triple)%n",
                graph.size(),
                secs,
                retained,
                (double) retained / graph.size());
        Files.delete(nt);
    }

    private record Answer(int status, double seconds, String body) {
        @Override
        public String toString() {
            String b = body.strip().replace('\n', ' ');
            return String.format(
                    Locale.ROOT,
                    "%s in %.1f s: %s",
                    status < 0 ? "no answer" : Integer.toString(status),
                    seconds,
                    b.length() > 100 ? b.substring(0, 100) + "..." : b);
        }
    }

    /** Starts the jar on the data, sends two waves of the attack with /health asked throughout, stops it. */
    private static void attack(Path jar, int run, Path data, Path dir) throws Exception {
        String name = "server-" + run;
        Path log = dir.resolve(name + ".log");
        Path gc = dir.resolve(name + "-gc.log");
        int port = SliceQueryBenchmark.freePort();
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-DontCompileHugeMethods",
                "-Xlog:gc:file=" + gc,
                "-jar",
                jar.toString(),
                "serve",
                "--port=" + port,
                "--cairn.data-dir=" + data,
                "--cairn.examples=false",
                "--cairn.fuseki.enabled=false");
        System.out.println();
        System.out.println("attack on " + jar + ": " + String.join(" ", cmd.subList(1, 6)));
        Process server = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitHealth(http, base, server);
            for (int wave = 1; wave <= WAVES && server.isAlive(); wave++) {
                AtomicBoolean done = new AtomicBoolean();
                CompletableFuture<String> health = CompletableFuture.supplyAsync(() -> pollHealth(http, base, done));
                long t0 = System.nanoTime();
                List<CompletableFuture<Answer>> answers = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    answers.add(CompletableFuture.supplyAsync(() -> ask(
                            http,
                            base + "/versions/sparql?dataset=" + SLUG + "&query="
                                    + URLEncoder.encode(ATTACK, StandardCharsets.UTF_8))));
                }
                CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                        .join();
                double wall = seconds(t0);
                done.set(true);
                System.out.printf(Locale.ROOT, "wave %d (%d concurrent, %.1f s):%n", wave, CONCURRENT, wall);
                for (CompletableFuture<Answer> a : answers) {
                    System.out.println("  " + a.join());
                }
                System.out.println("  /health during the wave: " + health.join());
            }
            if (server.isAlive()) {
                System.out.println("then one request alone: "
                        + ask(
                                http,
                                base + "/versions/sparql?dataset=" + SLUG + "&query="
                                        + URLEncoder.encode(ATTACK, StandardCharsets.UTF_8)));
            }
            Answer after = ask(http, base + "/health");
            System.out.println("afterwards: process "
                    + (server.isAlive() ? "running" : "exited with " + server.exitValue()) + "; /health " + after);
            long[] heap = heapPeaksMb(gc);
            System.out.printf(
                    Locale.ROOT,
                    "heap peak (largest heap before a GC): %,d MB of 3,072 MB; largest heap after a GC: %,d MB; "
                            + "resident set peak: %s; versions built: %d%n",
                    heap[0],
                    heap[1],
                    residentPeak(server),
                    builds(log));
        } finally {
            SliceQueryBenchmark.stop(server);
        }
    }

    private static Answer ask(HttpClient http, String url) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "text/csv")
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), seconds(t0), r.body());
        } catch (IOException e) {
            return new Answer(-1, seconds(t0), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, seconds(t0), e.toString());
        }
    }

    /** Asks /health every 500 ms (each with a 5 s limit) until {@code done}; says how it went. */
    private static String pollHealth(HttpClient http, String base, AtomicBoolean done) {
        int asked = 0;
        int answered = 0;
        double longest = 0;
        while (!done.get()) {
            long t0 = System.nanoTime();
            asked++;
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    answered++;
                }
            } catch (IOException | InterruptedException e) {
                // counted as not answered
            }
            longest = Math.max(longest, seconds(t0));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return String.format(Locale.ROOT, "%d of %d answered 200 within 5 s, longest %.2f s", answered, asked, longest);
    }

    private static void awaitHealth(HttpClient http, String base, Process server) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < end && server.isAlive()) {
            if (ask(http, base + "/health").status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not answer /health within five minutes");
    }

    /** The largest heap before a collection and the largest after one, in MB, from the GC log. */
    private static long[] heapPeaksMb(Path gcLog) throws IOException {
        long[] peaks = {0, 0};
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                peaks[0] = Math.max(peaks[0], Long.parseLong(m.group(1)));
                peaks[1] = Math.max(peaks[1], Long.parseLong(m.group(2)));
            }
        }
        return peaks;
    }

    private static String residentPeak(Process server) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).strip();
                }
            }
        } catch (IOException gone) {
            // the process has exited
        }
        return "n/a (process gone)";
    }

    private static long builds(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Built version")).count();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
