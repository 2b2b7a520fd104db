package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publications large enough for the quad indexes to be rebuilt bottom-up ({@link IndexRebuild})
 * instead of inserted into: every index holds exactly what the plain path gives, every B+tree
 * passes TDB2's own deep check, later inserts and deletes work on the rebuilt trees, and a failure
 * leaves the store and the sort folder as they were.
 */
class IndexRebuildTest {
    static final String G = ParallelIndexWriterTest.G;
    static final String OTHER = "http://example.org/graph/other";

    @TempDir
    Path sortDir;

    @BeforeEach
    void smallBatchesAndEarlyRebuild() {
        System.setProperty("cairn.store.parallelIndexing", "true");
        System.setProperty("cairn.store.sortDir", sortDir.toString());
        TripleStore.indexBatch = 3_000;
        ParallelIndexWriter.rebuildFromForTests = 5_000; // the first batch inserts, the later ones go to runs
    }

    @AfterEach
    void defaults() {
        System.clearProperty("cairn.store.parallelIndexing");
        System.clearProperty("cairn.store.sortDir");
        TripleStore.indexBatch = ParallelIndexWriter.DEFAULT_BATCH;
        ParallelIndexWriter.rebuildFromForTests = -1;
    }

    /** Every index's content, decoded, one sorted list per index; and each tree checked deeply. */
    static List<List<String>> indexes(TripleStore store) {
        return store.read(d -> {
            NodeTupleTable quads = ParallelIndexWriter.quadTable(d);
            NodeTable nodes = quads.getNodeTable();
            List<List<String>> out = new ArrayList<>();
            for (TupleIndexRecord index : ParallelIndexWriter.btreeIndexes(quads)) {
                ((BPlusTree) index.getRangeIndex()).check(); // TDB2's invariants: order, fill, counts
                List<String> rows = new ArrayList<>();
                Iterator<Tuple<NodeId>> all = index.all();
                while (all.hasNext()) {
                    Tuple<NodeId> t = all.next();
                    StringBuilder row = new StringBuilder();
                    for (int i = 0; i < t.len(); i++) {
                        row.append(nodes.getNodeForNodeId(t.get(i))).append(' ');
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
    void rebuiltIndexesHoldExactlyWhatThePlainPathStores(@TempDir Path dir) {
        for (int n : new int[] {4_000, 9_001, 20_000}) {
            List<List<String>> plain;
            System.setProperty("cairn.store.parallelIndexing", "false");
            try (TripleStore store = TripleStore.open(dir.resolve("plain-" + n))) {
                plain = publishAndRead(store, n);
            }
            System.setProperty("cairn.store.parallelIndexing", "true");
            List<List<String>> rebuilt;
            try (TripleStore store = TripleStore.open(dir.resolve("rebuilt-" + n))) {
                rebuilt = publishAndRead(store, n);
                assertThat(store.size()).isEqualTo(2_500L + 2L * n + 1);
            }
            assertThat(rebuilt).hasSize(4);
            assertThat(rebuilt.get(0)).hasSize(2_500 + 2 * n + 1);
            for (int i = 0; i < 4; i++) {
                assertThat(new TreeSet<>(rebuilt.get(i))).as("index %d, n=%d", i, n).isEqualTo(new TreeSet<>(plain.get(i)));
                assertThat(rebuilt.get(i)).as("index %d in key order without duplicates", i).hasSize(plain.get(i).size());
            }
            // after reopening: the commit carried the new roots
            try (TripleStore store = TripleStore.open(dir.resolve("rebuilt-" + n))) {
                assertThat(indexes(store)).isEqualTo(rebuilt);
            }
            assertThat(sortDir).isEmptyDirectory();
        }
    }

    @Test
    void rebuiltTreesTakeLaterInsertsAndDeletes(@TempDir Path dir) {
        List<List<List<String>>> results = new ArrayList<>();
        for (boolean rebuild : new boolean[] {false, true}) {
            ParallelIndexWriter.rebuildFromForTests = rebuild ? 5_000 : Long.MAX_VALUE;
            try (TripleStore store = TripleStore.open(dir.resolve("db-" + rebuild))) {
                List<List<String>> first = publishAndRead(store, 30_000);
                ParallelIndexWriter.rebuildFromForTests = Long.MAX_VALUE; // from now on inserts and deletes
                store.replaceGraphs(cube("b", 7_000)); // deletes 60,001 quads from the rebuilt trees, inserts 14,001
                List<List<String>> afterReplace = indexes(store);
                store.write(d -> d.add(Quad.create(NodeFactory.createURI(OTHER), NodeFactory.createURI("http://example.org/x"),
                        ParallelIndexWriterTest.DIM, NodeFactory.createLiteralString("late"))));
                store.dropGraphs(List.of(G));
                results.add(List.of(first.get(0), first.get(1), first.get(2), first.get(3), afterReplace.get(0), afterReplace.get(2), indexes(store).get(1), indexes(store).get(3)));
                assertThat(store.size()).isEqualTo(2_500L + 1 + 1); // other graph + late quad + metadata
            }
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
    }

    @Test
    void aFailureAfterTheSwitchToRunsLeavesStoreAndSortFolderAsTheyWere(@TempDir Path dir) throws Exception {
        try (TripleStore store = TripleStore.open(dir.resolve("db"))) {
            publishAndRead(store, 3_000);
            List<List<String>> before = indexes(store);
            long version = store.version();
            assertThatThrownBy(() -> store.replaceGraphs(new GraphReplacement(List.of(G, ParallelIndexWriterTest.M), sink -> {
                ParallelIndexWriterTest.cube("b", 20_000).writer().writeTo(sink); // several runs written
                throw new IllegalStateException("rows.csv:20001:1: broken");
            }))).isInstanceOf(PublicationException.class).hasMessageContaining("rows.csv:20001:1: broken");
            assertThat(indexes(store)).isEqualTo(before);
            assertThat(store.version()).isEqualTo(version);
            try (Stream<Path> left = Files.list(sortDir)) {
                assertThat(left).isEmpty();
            }
            // and a rebuild still works afterwards
            store.replaceGraphs(cube("c", 10_000));
            assertThat(indexes(store).get(0)).hasSize(2_500 + 20_001);
        }
    }

    /**
     * A publication that only just reaches the threshold in a store much larger than its runs:
     * the runs' records are inserted in key order instead of a rebuild, with the same content.
     */
    @Test
    void runsSmallBesideTheStoreAreInsertedNotRebuilt(@TempDir Path dir) {
        List<List<List<String>>> results = new ArrayList<>();
        for (boolean parallel : new boolean[] {false, true}) {
            System.setProperty("cairn.store.parallelIndexing", Boolean.toString(parallel));
            try (TripleStore store = TripleStore.open(dir.resolve("db-" + parallel))) {
                store.replaceGraphs(ParallelIndexWriterTest.other(150_000));
                long stored = store.read(d -> ParallelIndexWriter.storedUpperBound(
                        ParallelIndexWriter.btreeIndexes(ParallelIndexWriter.quadTable(d))));
                // 3,000 inserted, 9,002 in runs: ten times 9,002 is less than the 150,000 stored
                assertThat(ParallelIndexWriter.worthRebuilding(stored, 3_000, 9_002)).isFalse();
                store.replaceGraphs(cube("a", 3_000));
                results.add(indexes(store));
            }
            assertThat(sortDir).isEmptyDirectory();
        }
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(1).get(0)).hasSize(150_000 + 6_001);
    }

    @Test
    void aRebuildIsChosenWhenTheRunsOutweighWhatItRewrites() {
        // inserting costs about ten times a merge: 1 M records in runs beside 5 M stored rebuild, beside 20 M they insert
        assertThat(ParallelIndexWriter.worthRebuilding(5_000_000, 0, 1_000_000)).isTrue();
        assertThat(ParallelIndexWriter.worthRebuilding(20_000_000, 0, 1_000_000)).isFalse();
        assertThat(ParallelIndexWriter.worthRebuilding(0, 200_000, 16_549_589)).isTrue(); // the benchmark's cube, fresh store
        assertThat(ParallelIndexWriter.worthRebuilding(8_400_000, 0, 400_000)).isFalse(); // switched late: insert the rest
    }

    @Test
    void smallPublicationsInsertAndLargeOnesRebuild() {
        ParallelIndexWriter.rebuildFromForTests = -1; // the real rule
        try (TripleStore store = TripleStore.inMemory()) {
            store.write(d -> {
                BulkQuads bulk = store.bulkQuads(d);
                Node g = NodeFactory.createURI(G);
                for (int i = 0; i < 10; i++) {
                    bulk.add(Quad.create(g, NodeFactory.createURI("http://example.org/s" + i), ParallelIndexWriterTest.DIM,
                            NodeFactory.createLiteralString("v")));
                }
                assertThat(((ParallelIndexWriter) bulk).rebuilding()).isFalse();
                bulk.finish();
                long from = ParallelIndexWriter.rebuildFrom(ParallelIndexWriter.storedUpperBound(
                        ParallelIndexWriter.btreeIndexes(ParallelIndexWriter.quadTable(d))));
                assertThat(from).isEqualTo(ParallelIndexWriter.REBUILD_MINIMUM); // an almost empty store
            });
        }
    }
}
