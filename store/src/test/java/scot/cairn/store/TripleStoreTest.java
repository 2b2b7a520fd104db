package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

class TripleStoreTest {

    static final Node G1 = NodeFactory.createURI("http://example.org/graph/a");
    static final Node G2 = NodeFactory.createURI("http://example.org/graph/a/metadata");
    static final Node P = NodeFactory.createURI("http://example.org/p");

    static Quad q(Node g, String s, int o) {
        return Quad.create(g, NodeFactory.createURI("http://example.org/" + s), P, NodeFactory.createLiteralString(Integer.toString(o)));
    }

    static Set<String> contents(TripleStore store) {
        return store.read(d -> {
            Set<String> out = new TreeSet<>();
            d.find().forEachRemaining(x -> out.add(x.toString()));
            return out;
        });
    }

    @Test
    void replacingGraphsSwapsTheirWholeContentAndBumpsTheVersion() {
        try (TripleStore store = TripleStore.inMemory()) {
            long v0 = store.version();
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI(), G2.getURI()), sink -> {
                sink.add(q(G1, "x", 1));
                sink.add(q(G2, "m", 1));
            }));
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "y", 2))));
            assertThat(store.version()).isEqualTo(v0 + 2);
            assertThat(contents(store)).hasSize(2).anyMatch(s -> s.contains("/y")).noneMatch(s -> s.contains("/x"));
        }
    }

    @Test
    void aGraphIsEmptyUntilSomethingIsPublishedInIt() {
        try (TripleStore store = TripleStore.inMemory()) {
            assertThat(store.isEmpty(G1.getURI())).isTrue();
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
            assertThat(store.isEmpty(G1.getURI())).isFalse();
            assertThat(store.isEmpty(G2.getURI())).isTrue();
            store.dropGraphs(List.of(G1.getURI()));
            assertThat(store.isEmpty(G1.getURI())).isTrue();
        }
    }

    @Test
    void aFailingWriterLeavesThePreviousContentIntact() {
        try (TripleStore store = TripleStore.inMemory()) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
            Set<String> before = contents(store);
            long v = store.version();
            assertThatThrownBy(() -> store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> {
                sink.add(q(G1, "y", 2));
                throw new IllegalStateException("line 17: broken");
            }))).isInstanceOf(PublicationException.class).hasMessageContaining("line 17: broken");
            assertThat(contents(store)).isEqualTo(before);
            assertThat(store.version()).isEqualTo(v);
        }
    }

    @Test
    void aQuadOutsideTheNamedGraphsIsRefused() {
        try (TripleStore store = TripleStore.inMemory()) {
            assertThatThrownBy(() -> store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()),
                    sink -> sink.add(q(G2, "x", 1))))).hasMessageContaining("outside the graphs being replaced");
            assertThat(contents(store)).isEmpty();
        }
    }

    @Test
    void theDefaultGraphOfAQueryIsTheUnionOfNamedGraphs() {
        try (TripleStore store = TripleStore.inMemory()) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI(), G2.getURI()), sink -> {
                sink.add(q(G1, "x", 1));
                sink.add(q(G2, "m", 1));
            }));
            long n = Txn.calculateRead(store.datasetGraph(), () -> {
                try (QueryExecution qe = QueryExecution.dataset(store.dataset()).query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }").build()) {
                    return qe.execSelect().next().getLiteral("n").getLong();
                }
            });
            assertThat(n).isEqualTo(2);
        }
    }

    @Test
    void readersOnAnotherThreadNeverSeeAHalfWrittenReplacement() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> {
                for (int i = 0; i < 1000; i++) {
                    sink.add(q(G1, "old" + i, i));
                }
            }));
            java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> {
                for (int i = 0; i < 1000; i++) {
                    sink.add(q(G1, "new" + i, i));
                    if (i == 500) {
                        halfway.countDown();
                        checked.await();
                    }
                }
            })));
            writer.start();
            halfway.await();
            Set<String> during = contents(store);
            checked.countDown();
            writer.join();
            assertThat(during).hasSize(1000).allMatch(s -> s.contains("/old"));
            assertThat(contents(store)).hasSize(1000).allMatch(s -> s.contains("/new"));
        }
    }

    @Test
    void aStoreInAFolderKeepsItsContentAcrossReopening(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (TripleStore store = TripleStore.open(dir.resolve("tdb"))) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
        }
        try (TripleStore store = TripleStore.open(dir.resolve("tdb"))) {
            assertThat(store.size(G1.getURI())).isEqualTo(1);
            assertThat(store.graphNames()).containsExactly(G1.getURI());
        }
    }

    @Test
    void aCompactStoreIsCreatedInAnEmptyFolderWithSmallNodeCachesAndRefusesAFolderInUse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (TripleStore store = TripleStore.openCompact(dir.resolve("built"))) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
            assertThat(store.size(G1.getURI())).isEqualTo(1);
            var params = org.apache.jena.tdb2.sys.TDBInternal.getDatasetGraphTDB(store.datasetGraph()).getStoreParams();
            assertThat(params.getNodeId2NodeCacheSize()).isEqualTo(TripleStore.COMPACT_NODE_CACHE);
            assertThat(params.getNode2NodeIdCacheSize()).isEqualTo(TripleStore.COMPACT_NODE_CACHE);
        }
        assertThatThrownBy(() -> TripleStore.openCompact(dir.resolve("built")))
                .isInstanceOf(PublicationException.class).hasMessageContaining("not an empty folder");
    }
}
