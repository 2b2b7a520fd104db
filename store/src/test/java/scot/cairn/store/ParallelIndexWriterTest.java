package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TripleStore#replaceGraphs} and {@link TripleStore#dropGraphs} with the quad indexes
 * written by one thread each (the default; {@link StoreTuning#parallelIndexing} false turns it
 * off): same content through every index as the plain path, atomic on failure, and readers never
 * blocked.
 */
class ParallelIndexWriterTest {
    static final String G = "http://example.org/graph/cube";
    static final String M = "http://example.org/graph/cube/metadata";
    static final Node DIM = NodeFactory.createURI("http://example.org/dim");
    static final Node VALUE = NodeFactory.createURI("http://example.org/value");

    /** n observations with two triples each, spread over several batches and all four index orders. */
    static GraphReplacement cube(String tag, int n) {
        return new GraphReplacement(List.of(G, M), sink -> {
            Node g = NodeFactory.createURI(G);
            for (int i = 0; i < n; i++) {
                Node obs = NodeFactory.createURI("http://example.org/obs/" + tag + "/" + i);
                sink.add(Quad.create(g, obs, DIM, NodeFactory.createURI("http://example.org/code/" + (i % 97))));
                sink.add(Quad.create(g, obs, VALUE, NodeFactory.createLiteralString(tag + i)));
            }
            sink.add(Quad.create(
                    NodeFactory.createURI(M),
                    NodeFactory.createURI("http://example.org/ds"),
                    DIM,
                    NodeFactory.createLiteralString(tag)));
        });
    }

    /** Answers that each come from a different index (GSPO, SPOG, POSG, OSPG). */
    static List<Long> probes(TripleStore store, String tag) {
        return store.read(d -> {
            Node g = NodeFactory.createURI(G);
            List<Long> out = new ArrayList<>();
            out.add(count(d.find(g, Node.ANY, Node.ANY, Node.ANY)));
            out.add(count(d.find(
                    Node.ANY, NodeFactory.createURI("http://example.org/obs/" + tag + "/7"), Node.ANY, Node.ANY)));
            out.add(count(d.find(Node.ANY, Node.ANY, DIM, NodeFactory.createURI("http://example.org/code/5"))));
            out.add(count(d.find(Node.ANY, Node.ANY, Node.ANY, NodeFactory.createLiteralString(tag + "42"))));
            return out;
        });
    }

    static long count(java.util.Iterator<?> it) {
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** Parallel indexing with many batches from little data. */
    static final StoreTuning SMALL_BATCHES = StoreTuning.defaults().withIndexBatch(10_000);

    @Test
    void everyIndexHoldsTheSameQuadsAsThePlainPath(@TempDir Path dir) {
        int n = 25_000; // five batches
        List<Long> plain;
        try (TripleStore store = TripleStore.open(dir.resolve("plain"), SMALL_BATCHES.withParallelIndexing(false))) {
            store.replaceGraphs(cube("a", n));
            plain = probes(store, "a");
        }
        try (TripleStore store = TripleStore.open(dir.resolve("parallel"), SMALL_BATCHES)) {
            assertThat(store.replaceGraphs(cube("a", n))).isEqualTo(2L * n + 1);
            assertThat(probes(store, "a")).isEqualTo(plain).containsExactly(2L * n, 2L, (long) countCode5(n), 1L);
            assertThat(store.size()).isEqualTo(2L * n + 1);
        }
        // and after reopening from disk: the commit carried every index's new root
        try (TripleStore store = TripleStore.open(dir.resolve("parallel"), SMALL_BATCHES)) {
            assertThat(probes(store, "a")).isEqualTo(plain);
        }
    }

    static int countCode5(int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (i % 97 == 5) {
                c++;
            }
        }
        return c;
    }

    @Test
    void reloadReplacesTheOldContentInEveryIndex() {
        try (TripleStore store = TripleStore.inMemory(SMALL_BATCHES)) {
            store.replaceGraphs(cube("a", 1_000));
            store.replaceGraphs(cube("b", 500));
            assertThat(probes(store, "b")).containsExactly(1_000L, 2L, (long) countCode5(500), 1L);
            assertThat(probes(store, "a")).containsExactly(1_000L, 0L, (long) countCode5(500), 0L);
        }
    }

    /** A graph other than the cube's, to show a replacement or a drop leaves it alone. */
    static GraphReplacement other(int n) {
        return new GraphReplacement(List.of("http://example.org/graph/other"), sink -> {
            Node g = NodeFactory.createURI("http://example.org/graph/other");
            for (int i = 0; i < n; i++) {
                sink.add(Quad.create(
                        g,
                        NodeFactory.createURI("http://example.org/other/" + i),
                        DIM,
                        NodeFactory.createURI("http://example.org/code/" + (i % 97))));
            }
        });
    }

    /** Replacing and then dropping a graph of several delete batches: the same indexes as the plain path, other graphs intact. */
    @Test
    void dropsOfSeveralBatchesLeaveTheSameIndexesAsThePlainPath(@TempDir Path dir) {
        List<List<Long>> plain = new ArrayList<>();
        List<List<Long>> parallel = new ArrayList<>();
        for (boolean on : new boolean[] {false, true}) {
            List<List<Long>> out = on ? parallel : plain;
            try (TripleStore store =
                    TripleStore.open(dir.resolve("db-" + on), SMALL_BATCHES.withParallelIndexing(on))) {
                store.replaceGraphs(other(3_000));
                store.replaceGraphs(cube("a", 25_000)); // 50,001 quads: six delete batches of 10,000
                store.replaceGraphs(cube("b", 12_000));
                out.add(probes(store, "a"));
                out.add(probes(store, "b"));
                out.add(List.of(store.size()));
                store.dropGraphs(List.of(G));
                out.add(probes(store, "b"));
                out.add(List.of(store.size()));
            }
        }
        assertThat(parallel).isEqualTo(plain);
        assertThat(parallel.get(1)).containsExactly(24_000L, 2L, (long) countCode5(12_000) + countCode5(3_000), 1L);
        assertThat(parallel.get(2)).containsExactly(24_001L + 3_000L);
        assertThat(parallel.get(4))
                .containsExactly(3_000L + 1L); // the other graph, and the metadata graph (not dropped)
    }

    @Test
    void aWriterFailingAfterSeveralBatchesLeavesEveryIndexAsItWas() {
        try (TripleStore store = TripleStore.inMemory(SMALL_BATCHES)) {
            store.replaceGraphs(cube("a", 1_000));
            List<Long> before = probes(store, "a");
            long version = store.version();
            assertThatThrownBy(() -> store.replaceGraphs(new GraphReplacement(List.of(G, M), sink -> {
                        cube("b", 45_000)
                                .writer()
                                .writeTo(sink); // nine full batches already handed to the index threads
                        throw new IllegalStateException("rows.csv:45001:1: broken");
                    })))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageContaining("rows.csv:45001:1: broken");
            assertThat(probes(store, "a")).isEqualTo(before);
            assertThat(probes(store, "b")).containsExactly(2_000L, 0L, (long) countCode5(1_000), 0L);
            assertThat(store.version()).isEqualTo(version);
            // and the store still takes a publication afterwards
            store.replaceGraphs(cube("c", 10));
            assertThat(probes(store, "c").get(0)).isEqualTo(20L);
        }
    }

    /**
     * A reader thread keeps querying while a 400,000-quad replacement is in progress (sorted runs
     * written, then merged into every index): its queries complete during the write (no exclusive
     * mode) and always see the old, complete content; the runs are gone afterwards.
     */
    @Test
    void readersKeepGettingAnswersDuringALargeReplacement(@TempDir Path dir) throws Exception {
        readersDuringALargeReplacement(dir, StoreTuning.defaults().withSortDir(dir.resolve("runs")));
        assertThat(dir.resolve("runs")).isEmptyDirectory(); // created for the runs, which are gone
    }

    private static void readersDuringALargeReplacement(Path dir, StoreTuning tuning) throws Exception {
        try (TripleStore store = TripleStore.open(dir.resolve("db"), tuning)) {
            store.replaceGraphs(cube("old", 2_000));
            AtomicBoolean writing = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            AtomicLong answeredDuringWrite = new AtomicLong();
            AtomicLong maxMillis = new AtomicLong();
            AtomicReference<Throwable> readerError = new AtomicReference<>();
            List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch readerStarted = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                readerStarted.countDown();
                try {
                    while (!stop.get()) {
                        boolean during = writing.get();
                        long t0 = System.nanoTime();
                        long n = store.read(d -> {
                            try (QueryExec qe = QueryExec.dataset(d)
                                    .query("SELECT (COUNT(*) AS ?n) { GRAPH <" + G + "> { ?s ?p ?o } }")
                                    .build()) {
                                return ((Number) qe.select().next().get("n").getLiteralValue()).longValue();
                            }
                        });
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        if (during && writing.get()) {
                            answeredDuringWrite.incrementAndGet();
                            maxMillis.accumulateAndGet(ms, Math::max);
                            seen.add(n);
                        }
                    }
                } catch (Throwable t) {
                    readerError.set(t);
                }
            });
            reader.start();
            readerStarted.await();
            writing.set(true);
            store.replaceGraphs(new GraphReplacement(List.of(G, M), sink -> {
                cube("new", 200_000).writer().writeTo(sink);
                writing.set(false);
            }));
            stop.set(true);
            reader.join(TimeUnit.MINUTES.toMillis(1));

            assertThat(readerError.get()).isNull();
            assertThat(answeredDuringWrite.get())
                    .as("queries answered while the replacement ran")
                    .isGreaterThan(3);
            assertThat(seen).containsOnly(4_000L); // the old content, complete, every time
            System.out.printf(
                    "reader: %d queries answered during the write, slowest %d ms%n",
                    answeredDuringWrite.get(), maxMillis.get());
            assertThat(probes(store, "new").get(0)).isEqualTo(400_000L);
        }
    }
}
