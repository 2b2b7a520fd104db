package scot.cairn.benchmarks;

import java.io.File;
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
import java.util.concurrent.TimeUnit;

/**
 * From {@code java -jar cairn-exec.jar serve} in an empty folder to the first query answered with
 * rows (the README's first query), as a new user experiences it: JVM start, Spring and Fuseki
 * start, TDB2 created, bundled examples loaded. Three runs, each in a fresh folder.
 *
 * <p>Run: {@code mvn -q -DskipTests package && java -cp benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar
 * scot.cairn.benchmarks.StartupBenchmark server/target/cairn-exec.jar benchmarks/target/startup}
 */
public final class StartupBenchmark {

    static final String FIRST_QUERY = "PREFIX foi: <http://publishmydata.com/def/ontology/foi/> "
            + "SELECT (COUNT(?dz) AS ?dataZones) WHERE { ?dz foi:memberOf <http://statistics.gov.scot/def/foi/collection/data-zones-2011> }";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "server/target/cairn-exec.jar")
                .toAbsolutePath();
        Path scratch =
                Path.of(args.length > 1 ? args[1] : "benchmarks/target/startup").toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        List<Double> seconds = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = scratch.resolve("run-" + run + "-" + System.nanoTime());
            Files.createDirectories(dir);
            int port = 18500 + run;
            long start = System.nanoTime();
            Process server = new ProcessBuilder(
                            java,
                            "-XX:-DontCompileHugeMethods",
                            "-XX:+ExitOnOutOfMemoryError",
                            "-jar",
                            jar.toString(),
                            "serve",
                            "--port=" + port,
                            "--cairn.fuseki.port=0")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile())
                    .start();
            try {
                String body = null;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(300)) {
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sparql?query="
                                                + URLEncoder.encode(FIRST_QUERY, StandardCharsets.UTF_8)))
                                        .header("Accept", "text/csv")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            body = r.body();
                            break;
                        }
                    } catch (java.io.IOException notYet) {
                        // the port is not open yet
                    }
                    Thread.sleep(50);
                }
                double s = (System.nanoTime() - start) / 1e9;
                if (body == null
                        || body.strip().endsWith("dataZones")
                        || body.strip().split("\\R")[1].strip().equals("0")) {
                    throw new IllegalStateException("no rows after " + s + " s: " + body);
                }
                seconds.add(s);
                System.out.printf(
                        "run %d: first answer after %.2f s (%s data zones)%n",
                        run + 1, s, body.strip().split("\\R")[1].strip());
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
        seconds.sort(null);
        System.out.printf(
                "median %.2f s over %d runs (jar %s)%n", seconds.get(seconds.size() / 2), runs, jar.getFileName());
    }
}
