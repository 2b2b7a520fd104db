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
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The store's contract, the same on TDB2 and on the plain fallback ({@link TripleStore#plainInMemory}). */
class TripleStoreTest {

    /** Both kinds of store: each test that takes one runs on each. */
    static java.util.stream.Stream<Arguments> stores() {
        return java.util.stream.Stream.of(
                Arguments.of(Named.named("TDB2", (java.util.function.Supplier<TripleStore>) TripleStore::inMemory)),
                Arguments.of(Named.named(
                        "plain Jena", (java.util.function.Supplier<TripleStore>) TripleStore::plainInMemory)));
    }

    static final Node G1 = NodeFactory.createURI("http://example.org/graph/a");
    static final Node G2 = NodeFactory.createURI("http://example.org/graph/a/metadata");
    static final Node P = NodeFactory.createURI("http://example.org/p");

    static Quad q(Node g, String s, int o) {
        return Quad.create(
                g,
                NodeFactory.createURI("http://example.org/" + s),
                P,
                NodeFactory.createLiteralString(Integer.toString(o)));
    }

    static Set<String> contents(TripleStore store) {
        return store.read(d -> {
            Set<String> out = new TreeSet<>();
            d.find().forEachRemaining(x -> out.add(x.toString()));
            return out;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void replacingGraphsSwapsTheirWholeContentAndBumpsTheVersion(java.util.function.Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            long v0 = store.version();
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI(), G2.getURI()), sink -> {
                sink.add(q(G1, "x", 1));
                sink.add(q(G2, "m", 1));
            }));
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "y", 2))));
            assertThat(store.version()).isEqualTo(v0 + 2);
            assertThat(contents(store))
                    .hasSize(2)
                    .anyMatch(s -> s.contains("/y"))
                    .noneMatch(s -> s.contains("/x"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aGraphIsEmptyUntilSomethingIsPublishedInIt(java.util.function.Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            assertThat(store.isEmpty(G1.getURI())).isTrue();
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
            assertThat(store.isEmpty(G1.getURI())).isFalse();
            assertThat(store.isEmpty(G2.getURI())).isTrue();
            store.dropGraphs(List.of(G1.getURI()));
            assertThat(store.isEmpty(G1.getURI())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aFailingWriterLeavesThePreviousContentIntact(java.util.function.Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
            Set<String> before = contents(store);
            long v = store.version();
            assertThatThrownBy(() -> store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> {
                        sink.add(q(G1, "y", 2));
                        throw new IllegalStateException("line 17: broken");
                    })))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageContaining("line 17: broken");
            assertThat(contents(store)).isEqualTo(before);
            assertThat(store.version()).isEqualTo(v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aQuadOutsideTheNamedGraphsIsRefused(java.util.function.Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            assertThatThrownBy(() -> store.replaceGraphs(
                            new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G2, "x", 1)))))
                    .hasMessageContaining("outside the graphs being replaced");
            assertThat(contents(store)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theDefaultGraphOfAQueryIsTheUnionOfNamedGraphs(java.util.function.Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI(), G2.getURI()), sink -> {
                sink.add(q(G1, "x", 1));
                sink.add(q(G2, "m", 1));
            }));
            long n = Txn.calculateRead(store.datasetGraph(), () -> {
                try (QueryExecution qe = QueryExecution.dataset(store.dataset())
                        .query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
                        .build()) {
                    return qe.execSelect().next().getLiteral("n").getLong();
                }
            });
            assertThat(n).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void readersOnAnotherThreadNeverSeeAHalfWrittenReplacement(java.util.function.Supplier<TripleStore> kind)
            throws Exception {
        try (TripleStore store = kind.get()) {
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
    void aCompactStoreIsCreatedInAnEmptyFolderWithSmallNodeCachesAndRefusesAFolderInUse(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (TripleStore store = TripleStore.openCompact(dir.resolve("built"), StoreTuning.defaults())) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> sink.add(q(G1, "x", 1))));
            assertThat(store.size(G1.getURI())).isEqualTo(1);
            assertThat(((TdbBackend) store.backend()).nodeCacheSizes())
                    .containsExactly(TdbBackend.COMPACT_NODE_CACHE, TdbBackend.COMPACT_NODE_CACHE);
        }
        assertThatThrownBy(() -> TripleStore.openCompact(dir.resolve("built"), StoreTuning.defaults()))
                .isInstanceOf(PublicationException.class)
                .hasMessageContaining("not an empty folder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void numbersAndDatesReadBackInTheirStoredForm(java.util.function.Supplier<TripleStore> kind) {
        Node decimal = NodeFactory.createLiteralDT("24.60", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal);
        Node integer = NodeFactory.createLiteralDT("007", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger);
        try (TripleStore store = kind.get()) {
            store.replaceGraphs(new GraphReplacement(List.of(G1.getURI()), sink -> {
                sink.add(G1, NodeFactory.createURI("http://example.org/x"), P, decimal);
                sink.add(G1, NodeFactory.createURI("http://example.org/y"), P, integer);
            }));
            assertThat(contents(store))
                    .anyMatch(q -> q.contains("\"24.6\""))
                    .anyMatch(q -> q.contains("\"7\""))
                    .noneMatch(q -> q.contains("24.60") || q.contains("007"));
            // found by value, in either form
            boolean found = store.read(d -> d.contains(G1, Node.ANY, P, decimal));
            assertThat(found).isTrue();
            assertThat(TripleStore.storedForm(decimal).getLiteralLexicalForm()).isEqualTo("24.6");
            assertThat(TripleStore.storedForm(P)).isSameAs(P);
        }
    }

    @Test
    void anUnusableSortFolderIsRefusedWhenTheStoreOpens(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> TripleStore.open(
                        dir.resolve("tdb"), StoreTuning.defaults().withSortDir(file)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cairn.store.sort-dir")
                .hasMessageContaining("a-file");
        assertThat(dir.resolve("tdb")).doesNotExist();
    }

    @Test
    void tuningIsCheckedWhenItIsMade() {
        assertThatThrownBy(() -> StoreTuning.defaults().withIndexBatch(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cairn.store.index-batch");
        assertThatThrownBy(() -> StoreTuning.defaults().withIndexBatch(StoreTuning.MAX_INDEX_BATCH + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoreTuning(true, 10, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("cairn.store.sort-dir");
        assertThat(StoreTuning.defaults()
                        .withSortDir(java.nio.file.Path.of("relative"))
                        .sortDir())
                .isAbsolute();
    }
}
