package scot.cairn.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.KafkaBroker;

/**
 * A publisher and replicas in one JVM through a real Kafka broker (KRaft, started by
 * {@code replication/scripts/kafka-broker.sh}): every publication reaches every replica whole, with
 * the files beside the store; a replica stopped between publications resumes exactly; a replica made
 * from a snapshot follows on from the snapshot's offset.
 */
class ReplicationIT {
    static final Node G = NodeFactory.createURI("http://example.org/graph/cube");
    static final Node P = NodeFactory.createURI("http://example.org/p");

    @TempDir
    static Path dir;

    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static Node obs(int i) {
        return NodeFactory.createURI("http://example.org/obs/" + i);
    }

    static Set<String> quads(TripleStore store) {
        return store.read(d -> {
            Set<String> out = new TreeSet<>();
            d.find().forEachRemaining(q -> {
                if (!q.isDefaultGraph()) {
                    out.add(q.toString());
                }
            });
            return out;
        });
    }

    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    out.put(root.relativize(f).toString(), Files.readString(f));
                }
            }
        }
        return out;
    }

    /** A publication of {@code n} observations with value {@code v}, and a file beside the store, as a versioned load writes one. */
    static void publish(TripleStore store, Path dataDir, int n, String v, String file) {
        store.write(dsg -> {
            store.drop(List.of(G));
            var bulk = store.bulkQuads(dsg);
            for (int i = 0; i < n; i++) {
                Quad q = Quad.create(G, obs(i), P, NodeFactory.createLiteralString(v + i));
                if (bulk != null) {
                    bulk.add(q);
                } else {
                    dsg.add(q);
                }
            }
            if (bulk != null) {
                bulk.finish();
            }
            try {
                Path f = dataDir.resolve("versions").resolve("cube").resolve(file);
                Files.createDirectories(f.getParent());
                Files.writeString(f, "patch of " + v);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void publicationsReachEveryReplicaWholeAndAReplicaResumesAndOneComesFromASnapshot() throws Exception {
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "it.publications", Map.of());
        Path pubDir = dir.resolve("publisher");
        Path aDir = dir.resolve("a");
        Path bDir = dir.resolve("b");
        try (TripleStore publisher = TripleStore.open(pubDir.resolve("tdb2"));
                ReplicationPublisher log = ReplicationPublisher.start(publisher, pubDir, settings, "zstd")) {
            TripleStore a = TripleStore.open(aDir.resolve("tdb2"));
            ReplicaFollower followA = ReplicaFollower.start(a, aDir, settings);
            try (TripleStore b = TripleStore.open(bDir.resolve("tdb2"));
                    ReplicaFollower followB = ReplicaFollower.start(b, bDir, settings)) {
                // 1: 40,000 observations (the patch spans several records, the adds go to the index threads)
                publish(publisher, pubDir, 40_000, "v1-", "1.rdfp");
                // 2: a correction of a few values, by plain deletes and adds
                publisher.write(dsg -> {
                    for (int i = 0; i < 5; i++) {
                        dsg.delete(G, obs(i), P, NodeFactory.createLiteralString("v1-" + i));
                        dsg.add(G, obs(i), P, NodeFactory.createLiteralString("corrected-" + i));
                    }
                });
                assertThat(followA.awaitGeneration(2, Duration.ofMinutes(2)))
                        .as("replica a: %s", followA.status())
                        .isTrue();
                assertThat(followB.awaitGeneration(2, Duration.ofMinutes(2)))
                        .as("replica b: %s", followB.status())
                        .isTrue();
                assertThat(quads(a)).hasSize(40_000).isEqualTo(quads(publisher));
                assertThat(quads(b)).isEqualTo(quads(publisher));
                assertThat(files(aDir.resolve("versions")))
                        .isEqualTo(files(pubDir.resolve("versions")))
                        .hasSize(1);
                assertThat(a.generation()).isEqualTo(publisher.generation()).isEqualTo(2);

                // replica a stops; two publications later it starts again from its store's offset
                followA.close();
                a.close();
                publish(publisher, pubDir, 1_000, "v3-", "3.rdfp");
                publisher.write(dsg -> dsg.add(G, obs(0), P, NodeFactory.createLiteralString("extra")));
                assertThat(followB.awaitGeneration(4, Duration.ofMinutes(2)))
                        .as("replica b: %s", followB.status())
                        .isTrue();
                a = TripleStore.open(aDir.resolve("tdb2"));
                assertThat(a.generation()).isEqualTo(2);
                followA = ReplicaFollower.start(a, aDir, settings);
                assertThat(followA.awaitGeneration(4, Duration.ofMinutes(2)))
                        .as("replica a: %s", followA.status())
                        .isTrue();
                assertThat(quads(a)).hasSize(1_001).isEqualTo(quads(publisher));
                // generation 3 dropped the 40,000-quad graph whole: dropped by the index threads
                assertThat(checksums(a)).isEqualTo(checksums(publisher)).isEqualTo(checksums(b));
                assertThat(a.graphSizes()).isEqualTo(publisher.graphSizes()).containsEntry(G.getURI(), 1_001L);
                assertThat(files(aDir.resolve("versions")))
                        .isEqualTo(files(pubDir.resolve("versions")))
                        .hasSize(2);
                assertThat(followA.status().caughtUp()).isTrue();
                assertThat(log.status().caughtUp()).isTrue();

                // a snapshot of replica b makes replica c, which follows on from b's offset
                Path snapshot = dir.resolve("snapshot");
                Map<String, String> state;
                followB.close();
                state = Snapshots.write(b, bDir, snapshot);
                assertThat(state).containsEntry("generation", "4").containsKey(ReplicaFollower.OFFSET);
                Path cDir = dir.resolve("c");
                Snapshots.restore(snapshot, cDir);
                publish(publisher, pubDir, 2_000, "v5-", "5.rdfp");
                try (TripleStore c = TripleStore.open(cDir.resolve("tdb2"));
                        ReplicaFollower followC = ReplicaFollower.start(c, cDir, settings)) {
                    assertThat(followC.awaitGeneration(5, Duration.ofMinutes(2)))
                            .as("replica c: %s", followC.status())
                            .isTrue();
                    assertThat(quads(c)).hasSize(2_000).isEqualTo(quads(publisher));
                    assertThat(files(cDir.resolve("versions")))
                            .isEqualTo(files(pubDir.resolve("versions")))
                            .hasSize(3);
                }
            } finally {
                followA.close();
                a.close();
            }
        }
    }

    /** Per named graph: its quad count and the SHA-256 of its sorted quads (as ReplicationServersIT compares servers). */
    static Map<String, String> checksums(TripleStore store) throws Exception {
        Map<String, List<String>> lines = new TreeMap<>();
        for (String q : quads(store)) {
            lines.computeIfAbsent(q.substring(1, q.indexOf(' ')), k -> new java.util.ArrayList<>())
                    .add(q);
        }
        Map<String, String> out = new TreeMap<>();
        for (var e : lines.entrySet()) {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", e.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.put(
                    e.getKey(),
                    e.getValue().size() + " " + java.util.HexFormat.of().formatHex(digest));
        }
        return out;
    }

    /** A line of the child's output that starts with {@code prefix}, waiting for it; fails if the child says FAILED or ends. */
    static String await(java.io.BufferedReader out, String prefix) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.startsWith(prefix)) {
                                return line;
                            }
                            if (line.startsWith("FAILED")) {
                                throw new IllegalStateException(line);
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    throw new IllegalStateException("the child ended before it said " + prefix);
                })
                .get(5, java.util.concurrent.TimeUnit.MINUTES);
    }

    @Test
    void aReplicaKilledDuringABulkApplyKeepsThePreviousStateAndThenCatchesUpToTheSameChecksums() throws Exception {
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "it.killed-apply", Map.of());
        Path pubDir = dir.resolve("killed-publisher");
        Path rDir = dir.resolve("killed-replica");
        Path sortDir = Files.createDirectories(dir.resolve("killed-sort"));
        try (TripleStore publisher = TripleStore.open(pubDir.resolve("tdb2"));
                ReplicationPublisher log = ReplicationPublisher.start(publisher, pubDir, settings, "zstd")) {
            publish(publisher, pubDir, 30_000, "v1-", "1.rdfp");
            Map<String, String> first = checksums(publisher);
            String javaBin =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(
                            javaBin,
                            "-cp",
                            System.getProperty("java.class.path"),
                            KilledApplyChild.class.getName(),
                            rDir.toString(),
                            sortDir.toString(),
                            broker.bootstrapServers(),
                            settings.topic())
                    .redirectErrorStream(true)
                    .start();
            try (java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                await(out, "AT 1");
                // 2: the dataset replaced by a larger one: its graph dropped whole, 200,000 adds by the index threads
                publish(publisher, pubDir, 200_000, "v2-", "2.rdfp");
                await(out, "RUNS");
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                assertThat(child.waitFor(1, java.util.concurrent.TimeUnit.MINUTES))
                        .isTrue();
            } finally {
                child.destroyForcibly();
            }
            try (var left = Files.list(sortDir)) {
                assertThat(left.toList())
                        .as("runs the killed apply left: it was killed before its commit")
                        .isNotEmpty();
            }
            try (TripleStore r =
                    TripleStore.open(rDir.resolve("tdb2"), new scot.cairn.store.StoreTuning(true, 3_000, sortDir))) {
                assertThat(r.generation()).as("the previous state").isEqualTo(1);
                assertThat(checksums(r)).isEqualTo(first);
                assertThat(r.graphSizes()).containsEntry(G.getURI(), 30_000L);
                String offset = r.state().get(ReplicaFollower.OFFSET);
                try (ReplicaFollower follow = ReplicaFollower.start(r, rDir, settings)) {
                    assertThat(follow.awaitGeneration(2, Duration.ofMinutes(3)))
                            .as("restarted replica: %s", follow.status())
                            .isTrue();
                    assertThat(follow.lastApplied().changes())
                            .as("the 30,000-quad graph dropped in one pass (one change), then 200,000 adds")
                            .isEqualTo(200_001);
                }
                assertThat(Long.parseLong(r.state().get(ReplicaFollower.OFFSET)))
                        .isGreaterThan(Long.parseLong(offset));
                assertThat(checksums(r)).isEqualTo(checksums(publisher)).isNotEqualTo(first);
                assertThat(r.graphSizes()).isEqualTo(publisher.graphSizes()).containsEntry(G.getURI(), 200_000L);
                assertThat(files(rDir.resolve("versions"))).isEqualTo(files(pubDir.resolve("versions")));
            }
        }
    }

    @Test
    void aReplicaStartedBeforeItsTopicExistsWaitsAndThenFollows() throws Exception {
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "it.late", Map.of());
        Path rDir = dir.resolve("late-replica");
        try (TripleStore r = TripleStore.open(rDir.resolve("tdb2"));
                ReplicaFollower follow = ReplicaFollower.start(r, rDir, settings)) {
            assertThat(follow.status().caughtUp())
                    .as("no topic yet: not known to be caught up")
                    .isFalse();
            Path pubDir = dir.resolve("late-publisher");
            try (TripleStore publisher = TripleStore.open(pubDir.resolve("tdb2"));
                    ReplicationPublisher log = ReplicationPublisher.start(publisher, pubDir, settings, "zstd")) {
                publisher.write(dsg -> dsg.add(G, obs(1), P, obs(2)));
                assertThat(follow.awaitGeneration(1, Duration.ofMinutes(3)))
                        .as("replica: %s", follow.status())
                        .isTrue();
                assertThat(quads(r)).isEqualTo(quads(publisher));
            }
        }
    }

    @Test
    void aReplicaFromNothingOnATopicThatLacksTheStartStopsWithAnError() throws Exception {
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "it.gap", Map.of());
        Path pubDir = dir.resolve("gap-publisher");
        try (TripleStore publisher = TripleStore.open(pubDir.resolve("tdb2"))) {
            // two generations committed before the publisher's log existed: never on the topic
            publisher.write(dsg -> dsg.add(G, obs(1), P, obs(2)));
            publisher.write(dsg -> dsg.add(G, obs(2), P, obs(3)));
            try (ReplicationPublisher log = ReplicationPublisher.start(publisher, pubDir, settings, "lz4")) {
                publisher.write(dsg -> dsg.add(G, obs(3), P, obs(4)));
                Path rDir = dir.resolve("gap-replica");
                try (TripleStore r = TripleStore.open(rDir.resolve("tdb2"));
                        ReplicaFollower follow = ReplicaFollower.start(r, rDir, settings)) {
                    assertThat(follow.awaitGeneration(3, Duration.ofSeconds(60)))
                            .isFalse();
                    assertThat(follow.status().error())
                            .contains("generations 1 to 2 are not on the topic")
                            .contains("snapshot");
                    assertThat(follow.status().caughtUp()).isFalse();
                    assertThat(quads(r)).isEmpty();
                }
            }
        }
    }
}
