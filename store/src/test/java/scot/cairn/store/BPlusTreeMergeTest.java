package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publications merged into the quad indexes ({@link BPlusTreeMerge}): every index holds exactly
 * what the plain path ({@code DatasetGraph.add}) stores, every B+tree passes TDB2's own deep check,
 * TDB2's own inserts and deletes work on merged trees, a failure leaves the store and the sort
 * folder as they were, and what a publication writes does not grow with what the store holds.
 */
class BPlusTreeMergeTest {
    static final String G = ParallelIndexWriterTest.G;
    static final String OTHER = "http://example.org/graph/other";

    @TempDir
    Path sortDir;

    /** Small batches: a few thousand quads make several sorted runs. */
    StoreTuning tuning() {
        return new StoreTuning(true, 3_000, sortDir);
    }

    /** Every index's content, decoded, one sorted list per index; and each tree checked deeply. */
    static List<List<String>> indexes(TripleStore store) {
        return store.read(d -> {
            TdbQuads quads = TdbQuads.of(d);
            List<List<String>> out = new ArrayList<>();
            for (TupleIndexRecord index : quads.indexes()) {
                TdbQuads.tree(index).check(); // TDB2's invariants: order, fill, separators
                List<String> rows = new ArrayList<>();
                Iterator<Tuple<NodeId>> all = index.all();
                while (all.hasNext()) {
                    Tuple<NodeId> t = all.next();
                    StringBuilder row = new StringBuilder();
                    for (int i = 0; i < t.len(); i++) {
                        row.append(quads.node(t.get(i))).append(' ');
                    }
                    rows.add(row.toString());
                }
                out.add(rows);
            }
            return out;
        });
    }

    /** n observations in the cube graph, every quad sent twice, spread so that all four orders interleave. */
    static GraphReplacement cube(String tag, int n) {
        GraphReplacement once = ParallelIndexWriterTest.cube(tag, n);
        return new GraphReplacement(once.graphs(), sink -> {
            once.writer().writeTo(sink);
            once.writer().writeTo(sink); // duplicates: stored once, as TDB2's insert does
        });
    }

    static List<List<String>> publishAndRead(TripleStore store, int n) {
        store.replaceGraphs(ParallelIndexWriterTest.other(2_500));
        store.replaceGraphs(cube("a", n));
        return indexes(store);
    }

    @Test
    void mergedIndexesHoldExactlyWhatThePlainPathStores(@TempDir Path dir) {
        for (int n : new int[] {1, 1_000, 9_001, 20_000}) {
            List<List<String>> plain;
            try (TripleStore store =
                    TripleStore.open(dir.resolve("plain-" + n), tuning().withParallelIndexing(false))) {
                plain = publishAndRead(store, n);
            }
            List<List<String>> merged;
            try (TripleStore store = TripleStore.open(dir.resolve("merged-" + n), tuning())) {
                merged = publishAndRead(store, n);
                assertThat(store.size()).isEqualTo(2_500L + 2L * n + 1);
            }
            assertThat(merged).hasSize(4);
            assertThat(merged.get(0)).hasSize(2_500 + 2 * n + 1);
            for (int i = 0; i < 4; i++) {
                assertThat(new TreeSet<>(merged.get(i)))
                        .as("index %d, n=%d", i, n)
                        .isEqualTo(new TreeSet<>(plain.get(i)));
                assertThat(merged.get(i))
                        .as("index %d in key order without duplicates", i)
                        .hasSize(plain.get(i).size());
            }
            // after reopening: the commit carried the new roots
            try (TripleStore store = TripleStore.open(dir.resolve("merged-" + n), tuning())) {
                assertThat(indexes(store)).isEqualTo(merged);
            }
            assertThat(sortDir).isEmptyDirectory();
        }
    }

    @Test
    void mergedTreesTakeTdb2sOwnInsertsAndDeletes(@TempDir Path dir) {
        List<List<List<String>>> results = new ArrayList<>();
        for (boolean merge : new boolean[] {false, true}) {
            try (TripleStore store =
                    TripleStore.open(dir.resolve("db-" + merge), tuning().withParallelIndexing(merge))) {
                List<List<String>> first = publishAndRead(store, 30_000);
                store.replaceGraphs(cube("b", 7_000)); // deletes 60,001 quads from the merged trees, merges 14,001
                List<List<String>> afterReplace = indexes(store);
                store.write(d -> d.add(Quad.create(
                        NodeFactory.createURI(OTHER),
                        NodeFactory.createURI("http://example.org/x"),
                        ParallelIndexWriterTest.DIM,
                        NodeFactory.createLiteralString("late")))); // TDB2's own insert
                store.dropGraphs(List.of(G));
                List<List<String>> last = indexes(store);
                results.add(List.of(
                        first.get(0),
                        first.get(1),
                        first.get(2),
                        first.get(3),
                        afterReplace.get(0),
                        afterReplace.get(2),
                        last.get(1),
                        last.get(3)));
                assertThat(store.size()).isEqualTo(2_500L + 1 + 1); // other graph + late quad + metadata
            }
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    /**
     * Random quads in random batches, with TDB2's own inserts and deletes in between, into trees
     * of every depth: after each step every index holds exactly the expected set and passes
     * TDB2's check.
     */
    @Test
    void randomBatchesMergeIntoTreesOfEveryShape(@TempDir Path dir) {
        Random random = new Random(19);
        Node g = NodeFactory.createURI(G);
        TreeSet<String> expected = new TreeSet<>();
        try (TripleStore store = TripleStore.open(dir.resolve("db"), new StoreTuning(true, 700, sortDir))) {
            for (int round = 0; round < 12; round++) {
                final int r = round;
                int n = new int[] {1, 5, 300, 2_000, 9_000}[random.nextInt(5)];
                List<Quad> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(Quad.create(
                            g,
                            NodeFactory.createURI("http://example.org/s" + random.nextInt(20_000)),
                            NodeFactory.createURI("http://example.org/p" + random.nextInt(7)),
                            random.nextBoolean()
                                    ? NodeFactory.createURI("http://example.org/o" + random.nextInt(50))
                                    : NodeFactory.createLiteralDT(
                                            Integer.toString(random.nextInt(3_000)),
                                            org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
                }
                store.write(d -> {
                    BulkQuads bulk = store.bulkQuads(d);
                    batch.forEach(bulk::add);
                    bulk.finish();
                });
                batch.forEach(q -> expected.add(q.toString()));
                if (round % 3 == 2) {
                    // TDB2's own deletes of some quads, then its own inserts of a few
                    List<String> some = new ArrayList<>(expected).subList(0, Math.min(50, expected.size()));
                    some.forEach(expected::remove);
                    store.write(d -> {
                        List<Quad> gone = new ArrayList<>();
                        d.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                            if (!expected.contains(q.toString())) {
                                gone.add(q);
                            }
                        });
                        gone.forEach(d::delete);
                        for (int i = 0; i < 20; i++) {
                            Quad q = Quad.create(
                                    g,
                                    NodeFactory.createURI("http://example.org/late" + r + "-" + i),
                                    ParallelIndexWriterTest.DIM,
                                    NodeFactory.createLiteralString("late"));
                            d.add(q);
                            expected.add(q.toString());
                        }
                    });
                }
                List<List<String>> indexes = indexes(store);
                TreeSet<String> stored = store.read(d -> {
                    TreeSet<String> out = new TreeSet<>();
                    d.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> out.add(q.toString()));
                    return out;
                });
                assertThat(stored).as("round %d", round).isEqualTo(expected);
                for (List<String> index : indexes) {
                    assertThat(index).as("round %d", round).hasSize(expected.size());
                }
            }
        }
        assertThat(sortDir).isEmptyDirectory();
    }

    @Test
    void aFailureAfterSortedRunsWereWrittenLeavesStoreAndSortFolderAsTheyWere(@TempDir Path dir) throws Exception {
        try (TripleStore store = TripleStore.open(dir.resolve("db"), tuning())) {
            publishAndRead(store, 3_000);
            List<List<String>> before = indexes(store);
            long version = store.version();
            assertThatThrownBy(() ->
                            store.replaceGraphs(new GraphReplacement(List.of(G, ParallelIndexWriterTest.M), sink -> {
                                ParallelIndexWriterTest.cube("b", 20_000)
                                        .writer()
                                        .writeTo(sink); // several runs written
                                throw new IllegalStateException("rows.csv:20001:1: broken");
                            })))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageContaining("rows.csv:20001:1: broken");
            assertThat(indexes(store)).isEqualTo(before);
            assertThat(store.version()).isEqualTo(version);
            try (Stream<Path> left = Files.list(sortDir)) {
                assertThat(left).isEmpty();
            }
            // and a merge still works afterwards
            store.replaceGraphs(cube("c", 10_000));
            assertThat(indexes(store).get(0)).hasSize(2_500 + 20_001);
        }
    }

    /** Blocks each quad index's record file has allocated: every leaf ever written, garbage included. */
    static List<Long> leafBlocks(TripleStore store) {
        return store.read(d -> {
            List<Long> out = new ArrayList<>();
            for (TupleIndexRecord index : TdbQuads.of(d).indexes()) {
                out.add(TdbQuads.tree(index).getRecordsMgr().allocLimit());
            }
            return out;
        });
    }

    /** A dataset of {@code n} observations like a cube's: new subjects under shared dimension values. */
    static GraphReplacement dataset(String slug, int n) {
        String graph = "http://example.org/graph/" + slug;
        return new GraphReplacement(List.of(graph), sink -> {
            Node g = NodeFactory.createURI(graph);
            for (int i = 0; i < n; i++) {
                Node obs = NodeFactory.createURI("http://example.org/data/" + slug + "/obs/" + i);
                sink.add(
                        g,
                        obs,
                        ParallelIndexWriterTest.DIM,
                        NodeFactory.createURI("http://example.org/area/" + (i % 40)));
                sink.add(
                        g,
                        obs,
                        NodeFactory.createURI("http://example.org/period"),
                        NodeFactory.createURI("http://example.org/year/" + (i % 5)));
                sink.add(
                        g,
                        obs,
                        ParallelIndexWriterTest.VALUE,
                        NodeFactory.createLiteralDT(
                                Integer.toString(i % 100), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
            }
        });
    }

    /**
     * Issue 19's rule for publications: what one writes grows with what it publishes, not with the
     * store. The same 20,000-observation dataset published into a store holding one such dataset
     * and into one holding eight writes the same number of leaves, give or take one, into the
     * subject- and graph-first indexes (its keys go to their right edge), and into the value-first
     * ones at most one leaf
     * more per distinct (predicate, value) group than the new leaves themselves; a rebuild would
     * have written eight times more in the larger store.
     */
    @Test
    void whatAPublicationWritesDoesNotGrowWithTheStore(@TempDir Path dir) {
        List<List<Long>> written = new ArrayList<>();
        for (int others : new int[] {1, 8}) {
            try (TripleStore store = TripleStore.open(
                    dir.resolve("db-" + others), StoreTuning.defaults().withSortDir(sortDir))) {
                for (int i = 0; i < others; i++) {
                    store.replaceGraphs(dataset("other-" + i, 20_000));
                }
                List<Long> before = leafBlocks(store);
                store.replaceGraphs(dataset("new", 20_000));
                List<Long> after = leafBlocks(store);
                List<Long> delta = new ArrayList<>();
                for (int i = 0; i < before.size(); i++) {
                    delta.add(after.get(i) - before.get(i));
                }
                written.add(delta);
            }
        }
        List<Long> small = written.get(0);
        List<Long> large = written.get(1);
        long newLeaves = 60_000 / 200 + 1; // at least 200 quad keys fit in a leaf
        // the same, but for the last leaf before: how full the previous publication left it
        assertThat(large.get(0))
                .as("GSPO")
                .isBetween(small.get(0) - 1, small.get(0) + 1)
                .isLessThanOrEqualTo(newLeaves);
        assertThat(large.get(1))
                .as("SPOG")
                .isBetween(small.get(1) - 1, small.get(1) + 1)
                .isLessThanOrEqualTo(newLeaves);
        long groups = 40 + 5 + 100; // distinct (predicate, object) pairs of the dataset
        assertThat(large.get(2)).as("POSG").isLessThanOrEqualTo(newLeaves + groups);
        assertThat(large.get(3)).as("OSPG").isLessThanOrEqualTo(newLeaves + groups);
    }
}
