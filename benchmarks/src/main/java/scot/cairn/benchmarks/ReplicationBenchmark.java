package scot.cairn.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.replication.KafkaSettings;
import scot.cairn.replication.ReplicaFollower;
import scot.cairn.replication.ReplicationPublisher;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.KafkaBroker;
import scot.cairn.versions.Release;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * Replication lag and the size of what goes on the topic, for a new 1 M-observation dataset, for
 * 1,000-observation corrections of it and for its replacement (reloaded without versions: its
 * graphs dropped whole and written again); and what the other event format would cost.
 *
 * <p>One run: a real Kafka broker (KRaft, {@code replication/scripts/kafka-broker.sh}); a publisher
 * (TDB2 store, versioned publication through {@link Versions}, {@link ReplicationPublisher}) and two
 * replicas ({@link ReplicaFollower}), all in this JVM, so they share its two cores with each other
 * and with the broker. The dataset is {@link CubeLoadBenchmark}'s generated data-zone cube (3,334
 * data zones x 10 years x 3 sexes x 10 measures = 1,000,200 observations). Lag is from the
 * publisher's commit (its store's change listener) to each replica's commit of the same
 * generation (theirs); the new dataset is published with no replica running and then applied by each
 * replica alone (on their own machines they would not share cores), the corrections with both
 * following. Topic bytes are the growth of the broker's log segment (zstd-compressed
 * record batches); patch bytes are the RDF Patch text the replicas read. Replaying the
 * publication inputs instead (definition and CSV, through the same loader) would cost each
 * replica what the publication cost the publisher (the same code on the same prior state), and
 * would put the CSV on the topic: both are printed beside the figures.
 *
 * <p>A main, not a test. Run it with
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * mvn -q -o -pl benchmarks -am dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx6g -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
 *   scot.cairn.benchmarks.ReplicationBenchmark benchmarks/target/replication-bench [areas] [corrections] [replace]
 * </pre>
 */
public final class ReplicationBenchmark {
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final UriScheme URIS = UriScheme.defaultScheme();

    private ReplicationBenchmark() {}

    /** When each store committed each generation (nanoTime), from its change listener. */
    static final class Commits {
        final Map<Long, Long> at = new ConcurrentHashMap<>();

        Commits(TripleStore store) {
            store.onChange(() -> at.put(store.generation(), System.nanoTime()));
        }
    }

    @SuppressWarnings("try") // the replication log runs for the length of the block, unused by name
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "benchmarks/target/replication-bench")
                .toAbsolutePath();
        int areas = args.length > 1 ? Integer.parseInt(args[1]) : 3334;
        int corrections = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean replace = args.length <= 3 || Boolean.parseBoolean(args[3]);
        FreshRun.in(dir, " (the machine is shared with other builds)");
        Path v1 = dir.resolve("v1.csv");
        long rows = CubeLoadBenchmark.writeCsv(v1, areas);
        CubeDefinition definition =
                CubeDefinition.read(CubeLoadBenchmark.definitionYaml("bench-replication"), "bench-replication.yaml");
        long yamlBytes = CubeLoadBenchmark.definitionYaml("bench-replication")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length;
        System.out.printf(
                Locale.ROOT,
                "generated %,d rows (%,d bytes of CSV, %,d zstd-compressed)%n",
                rows,
                Files.size(v1),
                zstdSize(v1));
        CubeLoader loader = new CubeLoader(URIS, VersionBenchmark.DATA_ZONES);

        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "bench.publications", Map.of());
            Path pubDir = dir.resolve("publisher");
            try (TripleStore publisher = TripleStore.open(pubDir.resolve("tdb2"));
                    ReplicationPublisher log = ReplicationPublisher.start(publisher, pubDir, settings, "zstd")) {
                Versions versions = new Versions(publisher, URIS, pubDir.resolve("versions"), 1_000_000);
                Commits published = new Commits(publisher);
                List<TripleStore> stores = new ArrayList<>();
                List<ReplicaFollower> followers = new ArrayList<>();
                List<Commits> applied = new ArrayList<>();
                try {
                    // the new dataset, published with no replica running; then each replica applies it alone,
                    // as it would on its own machine (on this one they would share its two cores)
                    long topicBefore = topicBytes(broker, settings.topic());
                    long t0 = System.nanoTime();
                    loader.load(definition, v1, versions.publisher(new Release("first", Release.Kind.UPDATE), null));
                    long g = publisher.generation();
                    System.out.printf(Locale.ROOT, "new dataset of %,d observations (generation %d)%n", rows, g);
                    System.out.printf(
                            Locale.ROOT,
                            "    publisher: published in %.2f s, no replica running%n",
                            (published.at.get(g) - t0) / 1e9);
                    for (String name : List.of("replica-1", "replica-2")) {
                        TripleStore r = TripleStore.open(dir.resolve(name).resolve("tdb2"));
                        stores.add(r);
                        applied.add(new Commits(r));
                        ReplicaFollower f = ReplicaFollower.start(r, dir.resolve(name), settings);
                        followers.add(f);
                        awaitAlone(name, f, g);
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "    on the topic: %,d bytes in the broker's log (zstd batches); replaying the inputs instead:"
                                    + " %,d bytes (%,d zstd), and the publisher's %.2f s again on every replica%n",
                            topicBytes(broker, settings.topic()) - topicBefore,
                            Files.size(v1) + yamlBytes,
                            zstdSize(v1) + yamlBytes,
                            (published.at.get(g) - t0) / 1e9);
                    // corrections of 1,000 observations each
                    for (int k = 0; k < corrections; k++) {
                        Path v = dir.resolve("correction-" + k + ".csv");
                        long changed = reviseEveryFrom(v1, v, (int) Math.max(1, rows / 1000), k + 1);
                        topicBefore = topicBytes(broker, settings.topic());
                        t0 = System.nanoTime();
                        loader.load(
                                definition,
                                v,
                                versions.publisher(new Release("correction " + k, Release.Kind.CORRECTION), null));
                        report(
                                "correction " + (k + 1) + ": " + changed + " observations changed",
                                t0,
                                publisher,
                                published,
                                followers,
                                applied,
                                broker,
                                settings.topic(),
                                topicBefore,
                                Files.size(v) + yamlBytes,
                                zstdSize(v) + yamlBytes);
                        Files.delete(v);
                    }
                    if (replace) {
                        replacement(definition, v1, loader, publisher, published, stores, followers, dir, settings);
                    }
                } finally {
                    followers.forEach(ReplicaFollower::close);
                    stores.forEach(TripleStore::close);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %.1f%n", OS.getSystemLoadAverage());
    }

    /**
     * The dataset reloaded without versions ({@code CubeLoader.load} into the store: its graphs
     * dropped whole and written again in one transaction), with no replica running; then each
     * replica, restarted, applies it alone.
     */
    private static void replacement(
            CubeDefinition definition,
            Path csv,
            CubeLoader loader,
            TripleStore publisher,
            Commits published,
            List<TripleStore> stores,
            List<ReplicaFollower> followers,
            Path dir,
            KafkaSettings settings)
            throws InterruptedException {
        followers.forEach(ReplicaFollower::close);
        followers.clear();
        long before = publisher.graphSizes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        long t0 = System.nanoTime();
        long written = loader.load(definition, csv, publisher).triples();
        long g = publisher.generation();
        long after = publisher.graphSizes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        System.out.printf(
                Locale.ROOT,
                "replacement: the dataset reloaded without versions, %,d quads dropped and %,d written"
                        + " (store %,d quads before, %,d after; generation %d)%n",
                before - after + written,
                written,
                before,
                after,
                g);
        System.out.printf(
                Locale.ROOT,
                "    publisher: published in %.2f s, no replica running%n",
                (published.at.get(g) - t0) / 1e9);
        for (int i = 0; i < stores.size(); i++) {
            String name = "replica-" + (i + 1);
            ReplicaFollower f = ReplicaFollower.start(stores.get(i), dir.resolve(name), settings);
            followers.add(f);
            awaitAlone(name, f, g);
        }
    }

    /**
     * Waits (up to 30 minutes) until a replica started on its own has applied generation {@code g},
     * then prints what it applied and how long it took.
     */
    private static void awaitAlone(String name, ReplicaFollower f, long g) throws InterruptedException {
        if (!f.awaitGeneration(g, Duration.ofMinutes(30))) {
            throw new IllegalStateException(name + " did not apply generation " + g + ": " + f.status());
        }
        ReplicaFollower.Applied a = applied(f, g);
        System.out.printf(
                Locale.ROOT,
                "    %s alone: applied %,d changes in %.2f s (%,d bytes of RDF Patch)%n",
                name,
                a.changes(),
                a.millis() / 1000.0,
                a.patchBytes());
    }

    /**
     * The follower's record of generation {@code g}: the store has it (awaited) a moment before the
     * follower notes what it applied.
     */
    static ReplicaFollower.Applied applied(ReplicaFollower f, long g) throws InterruptedException {
        for (; ; ) {
            ReplicaFollower.Applied a = f.lastApplied();
            if (a != null && a.generation() >= g) {
                return a;
            }
            Thread.sleep(5);
        }
    }

    private static void report(
            String what,
            long started,
            TripleStore publisher,
            Commits published,
            List<ReplicaFollower> followers,
            List<Commits> applied,
            KafkaBroker broker,
            String topic,
            long topicBefore,
            long inputBytes,
            long inputZstd)
            throws Exception {
        long g = publisher.generation();
        long committed = published.at.get(g);
        for (ReplicaFollower f : followers) {
            if (!f.awaitGeneration(g, Duration.ofMinutes(30))) {
                throw new IllegalStateException("a replica did not apply generation " + g + ": " + f.status());
            }
        }
        System.out.printf(Locale.ROOT, "%s (generation %d)%n", what, g);
        System.out.printf(
                Locale.ROOT,
                "    publisher: published in %.2f s (CSV read, validated, compared, written, committed)%n",
                (committed - started) / 1e9);
        for (int i = 0; i < followers.size(); i++) {
            ReplicaFollower.Applied a = applied(followers.get(i), g);
            System.out.printf(
                    Locale.ROOT,
                    "    replica %d: lag %.3f s from the publisher's commit to its own; applied %,d changes in %.2f s%n",
                    i + 1,
                    (applied.get(i).at.get(g) - committed) / 1e9,
                    a.changes(),
                    a.millis() / 1000.0);
        }
        ReplicaFollower.Applied a = applied(followers.get(0), g);
        System.out.printf(
                Locale.ROOT,
                "    on the topic: %,d bytes of RDF Patch, %,d bytes in the broker's log (zstd batches);"
                        + " replaying the inputs instead: %,d bytes (%,d zstd), and the publisher's %.2f s again on every replica%n",
                a.patchBytes(),
                topicBytes(broker, topic) - topicBefore,
                inputBytes,
                inputZstd,
                (committed - started) / 1e9);
    }

    /** Copies the CSV with the value of every {@code every}th data row, starting at row {@code from}, increased by {@code by}. */
    static long reviseEveryFrom(Path in, Path out, int every, int by) throws IOException {
        long changed = 0;
        try (var r = Files.newBufferedReader(in);
                var w = Files.newBufferedWriter(out)) {
            w.write(r.readLine());
            w.write('\n');
            long i = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (i++ % every == 0) {
                    String[] f = line.split(",", -1);
                    f[4] = Integer.toString(Integer.parseInt(f[4]) + by);
                    line = String.join(",", f);
                    changed++;
                }
                w.write(line);
                w.write('\n');
            }
        }
        return changed;
    }

    static long topicBytes(KafkaBroker broker, String topic) throws IOException {
        Path partition = broker.dir().resolve("data").resolve(topic + "-0");
        if (!Files.isDirectory(partition)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(partition)) {
            long n = 0;
            for (Path p : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".log"))::iterator) {
                n += Files.size(p);
            }
            return n;
        }
    }

    static long zstdSize(Path file) throws IOException {
        long[] n = {0};
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                n[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n[0] += len;
            }
        };
        try (OutputStream z = new com.github.luben.zstd.ZstdOutputStream(counter)) {
            Files.copy(file, z);
        }
        return n[0];
    }
}
