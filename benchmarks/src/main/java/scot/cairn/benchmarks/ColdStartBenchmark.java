package scot.cairn.benchmarks;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The first request after a restart against the second (issue 17 item 3): {@code /void} and one
 * area profile, over HTTP, from a server restarted on a store that already holds its data. The
 * first start (which loads the bundled examples into an empty folder, or opens the given data
 * folder) is not measured; each following run stops the server, starts it again on the same
 * folder, waits for its port, then times GET /void twice and GET of the profile twice.
 *
 * <p>Run: {@code mvn -q -DskipTests package && java -cp benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar scot.cairn.benchmarks.ColdStartBenchmark
 * server/target/cairn-exec.jar benchmarks/target/cold-start example-local S12000033 3}. Other
 * arguments: a folder holding a {@code cairn-data} store to restart on (then nothing is loaded),
 * a profile of {@code cube-definitions/profiles} and an area it covers.
 */
public final class ColdStartBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "server/target/cairn-exec.jar")
                .toAbsolutePath();
        Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/target/cold-start")
                .toAbsolutePath();
        String profile = args.length > 2 ? args[2] : "example-local";
        String area = args.length > 3 ? args[3] : "S12000033";
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Path profiles = Path.of("cube-definitions/profiles").toAbsolutePath();
        Files.createDirectories(dir);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        String profileUrl = "/profiles/" + profile + "/areas/" + area + ".json";
        System.out.printf("store in %s, profile %s%n", dir, profileUrl);
        for (int run = 0; run <= runs; run++) {
            int port = 18600 + run;
            long start = System.nanoTime();
            Process server = start(jar, dir, profiles, port, run);
            try {
                waitForPort(http, port, start);
                double up = (System.nanoTime() - start) / 1e9;
                if (run == 0) {
                    waitForProfile(http, port, profileUrl, start); // the examples load in the background
                }
                double void1 = get(http, port, "/void");
                double void2 = get(http, port, "/void");
                double prof1 = get(http, port, profileUrl);
                double prof2 = get(http, port, profileUrl);
                System.out.printf(
                        "%s: port open after %.1f s; /void first %.3f s, second %.3f s; profile first %.3f s, second %.3f s%n",
                        run == 0 ? "first start (not counted)" : "restart " + run, up, void1, void2, prof1, prof2);
            } finally {
                server.destroy();
                server.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Path jar, Path dir, Path profiles, int port, int run) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ProcessBuilder(
                        java,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--port=" + port,
                        "--cairn.fuseki.port=0",
                        "--cairn.profiles.dir=" + profiles)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + run + ".log").toFile())
                .start();
    }

    /** Waits until the server answers at all (any status), at most five minutes. */
    private static void waitForPort(HttpClient http, int port, long start) throws Exception {
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(300)) {
            try {
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50); // a benchmark main polling a port, not a test
            }
        }
        throw new IllegalStateException("the server did not open port " + port + " within 300 s");
    }

    /** Waits until the profile answers 200 (the first start loads the examples after the port opens). */
    private static void waitForProfile(HttpClient http, int port, String path, long start) throws Exception {
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(600)) {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(path + " did not answer 200 within 600 s");
    }

    /** Seconds to the whole answer of one GET; fails on any status but 200. */
    private static double get(HttpClient http, int port, String path) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double s = (System.nanoTime() - t) / 1e9;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
                    + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse(""));
        }
        return s;
    }
}
