package scot.cairn.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import scot.cairn.testsupport.KafkaBroker;
import scot.cairn.testsupport.RealData;

/**
 * Read replicas on loopback, as separate processes from the packaged jar, kept in step through a
 * real Kafka broker (KRaft, {@code replication/scripts/kafka-broker.sh}): a publisher and two
 * replicas; the real 2011 geography and three versions of the real recycling data published into
 * the publisher; every server answers the same quads per graph (counts and checksums), the same
 * version history and the same old version. A replica killed with SIGKILL while it applies a
 * publication catches up with no quad lost or doubled; a replica made from a snapshot of another
 * catches up; HAProxy in front sends reads to the replicas and tables to the publisher, and any
 * server revalidates another's ETag; with the publisher killed, and then a replica, the others go
 * on answering.
 */
class ReplicationServersIT {
    private static final String RECYCLING = "http://statistics.gov.scot/data/recycling";
    private static final Pattern GENERATION = Pattern.compile("\"generation\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();

    record Server(ServerProcess process, int port) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    static Server serve(Path dir, String name, String... args) throws Exception {
        return serve(dir, name, name, KafkaBroker.freePort(), args);
    }

    /** A server process {@code name} on {@code port} with its data in {@code dir/dataDir} (a restart when it exists). */
    static Server serve(Path dir, String name, String dataDir, int port, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dir.resolve(dataDir).toString()));
        all.addAll(Arrays.asList(args));
        if (all.stream().noneMatch(a -> a.startsWith("--cairn.fuseki.port="))) {
            all.add("--cairn.fuseki.port=0");
        }
        return new Server(ServerProcess.start(name, dir, all.toArray(String[]::new)), port);
    }

    long generation(Server s) throws Exception {
        Matcher m = GENERATION.matcher(ServerProcess.get(http, s.url() + "/health"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Per named graph: its quad count and the SHA-256 of its sorted N-Triples lines, read through the public endpoint. */
    Map<String, String> graphs(Server s) throws Exception {
        String csv = sparql(
                s, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", "text/csv");
        Map<String, String> out = new TreeMap<>();
        for (String line : csv.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("g,")) {
                continue;
            }
            String[] f = line.split(",");
            String nt = sparql(
                    s, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + f[0] + "> { ?s ?p ?o } }", "application/n-triples");
            List<String> lines = new ArrayList<>(Arrays.asList(nt.split("\n")));
            lines.removeIf(String::isBlank);
            lines.sort(null);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            out.put(f[0], f[1] + " quads, sha256 " + HexFormat.of().formatHex(digest));
        }
        return out;
    }

    /**
     * {@link #graphs(Server)} of each server, in the same order, read from all of them at once
     * (each is a process of its own).
     */
    List<Map<String, String>> graphs(List<Server> servers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(servers.size());
        try {
            List<Future<Map<String, String>>> reads = new ArrayList<>();
            for (Server s : servers) {
                reads.add(pool.submit(() -> graphs(s)));
            }
            List<Map<String, String>> out = new ArrayList<>();
            for (Future<Map<String, String>> r : reads) {
                out.add(r.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    String sparql(Server s, String query, String accept) throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        s.url() + "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(120))
                .build();
        var resp = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        return resp.body();
    }

    /** Waits until {@code replica} logs that it applied (or already had) every generation up to the publisher's. */
    static void awaitCaughtUp(Server replica, long generation) throws Exception {
        replica.process().awaitApplied(generation);
    }

    /** Waits (up to a minute) until HAProxy accepts connections on {@code port}. */
    static void awaitListening(Process haproxy, int port) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                if (haproxy.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("haproxy exited with " + haproxy.exitValue());
                }
            }
        }
        throw new AssertionError("haproxy did not listen on " + port);
    }

    static Path writeVersion(Path dir, String name, List<String> lines) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void replicasFollowThePublisherThroughKillsSnapshotsAndThePublishersLoss() throws Exception {
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        Path recycling = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        Path definition = Path.of("../cube-definitions/recycling.yaml").toAbsolutePath();
        Path dir = Files.createDirectories(
                Path.of("target/replication-it/" + System.nanoTime()).toAbsolutePath());
        // three versions of the real file (rows of the councils in the 2011 lookup: it also has two codes
        // retired in 2018): as published; one value corrected; an area withdrawn
        List<String> lookupLines = Files.readAllLines(lookup, StandardCharsets.UTF_8);
        int la = Arrays.asList(lookupLines.get(0).replace("\"", "").split(",")).indexOf("LA_Code");
        java.util.Set<String> councils = new java.util.HashSet<>();
        lookupLines.stream()
                .skip(1)
                .forEach(l -> councils.add(l.replace("\"", "").split(",")[la]));
        List<String> v1 = new ArrayList<>(Files.readAllLines(recycling, StandardCharsets.UTF_8));
        v1.removeIf(l -> !l.startsWith("\"FeatureCode\"") && !councils.contains(l.substring(1, l.indexOf('"', 1))));
        List<String> v2 = new ArrayList<>(v1);
        for (int i = 1; i < v2.size(); i++) {
            String[] f = v2.get(i).split(",", -1);
            if (f[0].equals("\"S12000033\"") && f[2].equals("\"Count\"") && !f[4].isEmpty()) {
                f[4] = new BigDecimal(f[4]).add(BigDecimal.ONE).toPlainString();
                v2.set(i, String.join(",", f));
                break;
            }
        }
        List<String> v3 = new ArrayList<>(v2);
        v3.removeIf(l -> l.startsWith("\"S12000005\""));
        Path[] versions = {
            writeVersion(dir, "v1.csv", v1), writeVersion(dir, "v2.csv", v2), writeVersion(dir, "v3.csv", v3)
        };

        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            String kafka = broker.bootstrapServers();
            int fuseki = KafkaBroker.freePort();
            Server publisher = serve(
                    dir,
                    "publisher",
                    "--role",
                    "publisher",
                    "--kafka",
                    kafka,
                    "--no-examples",
                    "--cairn.publish.password=it-secret",
                    "--cairn.fuseki.port=" + fuseki);
            Server a = serve(dir, "replica-a", "--role", "replica", "--kafka", kafka);
            Server b = serve(dir, "replica-b", "--role", "replica", "--kafka", kafka);
            Server c = null;
            Process balancer = null;
            try {
                publisher.process().awaitStarted();
                a.process().awaitStarted();
                b.process().awaitStarted();
                String endpoint = "http://127.0.0.1:" + fuseki + "/publish";
                // replica b is down while the geography is published; it is killed again while applying it
                b.process().kill9();
                ServerProcess.run(
                        dir,
                        "load-geography",
                        "load-geography",
                        "--endpoint",
                        endpoint,
                        "--password",
                        "it-secret",
                        lookup.toString());
                long geography = generation(publisher);
                ServerProcess.run(
                        dir,
                        "load-v1",
                        "load",
                        "--endpoint",
                        endpoint,
                        "--password",
                        "it-secret",
                        "--note",
                        "First release",
                        definition.toString(),
                        versions[0].toString());
                long afterV1 = generation(publisher);

                b = serve(dir, "replica-b-restarted", "replica-b", b.port(), "--role", "replica", "--kafka", kafka);
                b.process().awaitLine(l -> l.contains("applying generation " + geography), Duration.ofMinutes(4));
                b.process().kill9();
                assertThat(b.process().seen())
                        .as("killed during the apply")
                        .noneMatch(l -> l.contains("generation " + geography + " applied"));
                b = serve(dir, "replica-b-again", "replica-b", b.port(), "--role", "replica", "--kafka", kafka);
                b.process().awaitStarted();

                ServerProcess.run(
                        dir,
                        "load-v2",
                        "load",
                        "--endpoint",
                        endpoint,
                        "--password",
                        "it-secret",
                        "--kind",
                        "correction",
                        "--note",
                        "Corrected a Glasgow figure",
                        definition.toString(),
                        versions[1].toString());
                long afterV2 = generation(publisher);
                awaitCaughtUp(a, afterV2);
                awaitCaughtUp(b, afterV2);
                assertThat(afterV2).isGreaterThan(afterV1).isGreaterThan(geography);
                List<Map<String, String>> read = graphs(List.of(publisher, a, b));
                Map<String, String> expected = read.get(0);
                assertThat(expected)
                        .containsKey("http://statistics.gov.scot/graph/statistical-geography")
                        .containsKey("http://statistics.gov.scot/graph/recycling");
                assertThat(read.get(1)).isEqualTo(expected);
                assertThat(read.get(2)).as("the replica killed during an apply").isEqualTo(expected);

                // replica a leaves the rotation, is stopped, snapshotted and started again
                a.process().close();
                Path snapshot = dir.resolve("snapshot");
                String snap = ServerProcess.run(
                        dir,
                        "snapshot",
                        "snapshot",
                        "--data-dir",
                        dir.resolve("replica-a").toString(),
                        snapshot.toString());
                assertThat(snap).contains("generation " + afterV2).contains("topic offset");
                a = serve(dir, "replica-a-again", "--role", "replica", "--kafka", kafka);
                // a new replica from nothing but the snapshot, started while the next version is published
                c = serve(dir, "replica-c", "--role", "replica", "--kafka", kafka, "--snapshot", snapshot.toString());

                ServerProcess.run(
                        dir,
                        "load-v3",
                        "load",
                        "--endpoint",
                        endpoint,
                        "--password",
                        "it-secret",
                        "--note",
                        "S12000005 withdrawn",
                        definition.toString(),
                        versions[2].toString());
                long afterV3 = generation(publisher);
                for (Server r : List.of(a, b, c)) {
                    r.process().awaitStarted();
                    awaitCaughtUp(r, afterV3);
                }
                assertThat(c.process().seen())
                        .anyMatch(l -> l.contains("restored"))
                        .noneMatch(l -> l.contains("applying generation " + afterV2));
                read = graphs(List.of(publisher, a, b, c));
                expected = read.get(0);
                String history = ServerProcess.get(http, publisher.url() + "/data/recycling/versions.json");
                String version1 = ServerProcess.get(http, publisher.url() + "/data/recycling/version/1/data.csv");
                assertThat(history).contains("\"version\"");
                List<Server> replicas = List.of(a, b, c);
                for (int i = 0; i < replicas.size(); i++) {
                    Server r = replicas.get(i);
                    assertThat(read.get(i + 1)).as(r.process().name).isEqualTo(expected);
                    assertThat(generation(r)).isEqualTo(afterV3);
                    assertThat(ServerProcess.get(http, r.url() + "/data/recycling/versions.json"))
                            .isEqualTo(history);
                    assertThat(ServerProcess.get(http, r.url() + "/data/recycling/version/1/data.csv"))
                            .as("version 1 rebuilt from the replicated patches")
                            .isEqualTo(version1);
                }

                // HAProxy in front (replication/scripts/haproxy-config.sh): reads to the replicas, tables to the
                // publisher
                int listen = KafkaBroker.freePort();
                Path cfg = dir.resolve("haproxy.cfg");
                Process gen = new ProcessBuilder(
                                "bash",
                                KafkaBroker.projectDir()
                                        .resolve("replication/scripts/haproxy-config.sh")
                                        .toString(),
                                Integer.toString(listen),
                                Integer.toString(publisher.port()),
                                Integer.toString(a.port()),
                                Integer.toString(b.port()),
                                Integer.toString(c.port()))
                        .redirectOutput(cfg.toFile())
                        .start();
                assertThat(gen.waitFor()).isZero();
                balancer = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("haproxy.log").toFile())
                        .start();
                Server lb = new Server(null, listen);
                awaitListening(balancer, listen);
                assertThat(ServerProcess.get(http, lb.url() + "/health"))
                        .contains("\"role\" : \"replica\"")
                        .contains("\"caughtUp\" : true");
                assertThat(ServerProcess.get(http, lb.url() + "/tabulate/datasets"))
                        .as("tables from the publisher")
                        .startsWith("[");
                var direct = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(a.url() + "/tabulate/datasets"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(direct.statusCode()).as("tables asked of a replica").isEqualTo(503);
                // the same validator from the publisher and through the balancer, and 304 from a replica
                var fromPublisher = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(publisher.url() + "/data/recycling"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                String etag = fromPublisher.headers().firstValue("ETag").orElseThrow();
                var viaBalancer = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(lb.url() + "/data/recycling"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(viaBalancer.headers().firstValue("ETag")).contains(etag);
                assertThat(viaBalancer.headers().firstValue("Cache-Control"))
                        .contains("public, max-age=0, s-maxage=60");
                var revalidated = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(b.url() + "/data/recycling"))
                                .header("If-None-Match", etag)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(revalidated.statusCode()).isEqualTo(304);
                assertThat(http.send(
                                        java.net.http.HttpRequest.newBuilder(
                                                        java.net.URI.create(lb.url() + "/data/recycling/version/1"))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofString())
                                .headers()
                                .firstValue("Cache-Control"))
                        .contains("public, max-age=31536000, immutable");

                // the publisher is lost, then a replica: the others go on answering, directly and through the balancer
                String count = "SELECT (COUNT(*) AS ?n) WHERE { ?obs <http://purl.org/linked-data/cube#dataSet> <"
                        + RECYCLING + "> }";
                String before = sparql(a, count, "text/csv");
                publisher.process().kill9();
                for (Server r : List.of(a, b, c)) {
                    assertThat(sparql(r, count, "text/csv")).isEqualTo(before);
                    assertThat(ServerProcess.get(http, r.url() + "/health")).contains("\"role\" : \"replica\"");
                }
                a.process().kill9();
                for (int i = 0; i < 10; i++) {
                    assertThat(sparql(lb, count, "text/csv"))
                            .as("through the balancer, request %d", i)
                            .isEqualTo(before);
                }
            } finally {
                if (balancer != null) {
                    balancer.destroy();
                    balancer.waitFor();
                }
                for (Server s : new Server[] {publisher, a, b, c}) {
                    if (s != null) {
                        s.process().close();
                    }
                }
            }
        }
    }
}
