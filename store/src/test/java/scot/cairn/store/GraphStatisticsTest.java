package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-graph quad counts and stamps: kept by every kind of write on both kinds of store (TDB2 and
 * the plain fallback), persisted, recounted after a crash.
 */
class GraphStatisticsTest {

    static final String A = "http://example.org/graph/a";
    static final String B = "http://example.org/graph/b";
    static final Node P = NodeFactory.createURI("http://example.org/p");

    static Quad q(String g, String s, int o) {
        return Quad.create(
                NodeFactory.createURI(g),
                NodeFactory.createURI("http://example.org/" + s),
                P,
                NodeFactory.createLiteralString(Integer.toString(o)));
    }

    static void replace(TripleStore store, String graph, int quads) {
        store.replaceGraphs(new GraphReplacement(List.of(graph), sink -> {
            for (int i = 0; i < quads; i++) {
                sink.add(q(graph, "s" + i, i));
            }
        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scot.cairn.store.TripleStoreTest#stores")
    void aPublicationCountsAndStampsOnlyTheGraphsItReplaced(Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            assertThat(store.graphStamp(A)).isZero();
            replace(store, A, 3);
            replace(store, B, 5);
            long a = store.graphStamp(A);
            long b = store.graphStamp(B);
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 3L, B, 5L));
            assertThat(a).isNotZero().isNotEqualTo(b);

            replace(store, B, 2);
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 3L, B, 2L));
            assertThat(store.graphStamp(A)).isEqualTo(a);
            assertThat(store.graphStamp(B)).isNotEqualTo(b).isNotZero();

            store.dropGraphs(List.of(A));
            assertThat(store.graphSizes()).isEqualTo(Map.of(B, 2L));
            assertThat(store.graphStamp(A)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scot.cairn.store.TripleStoreTest#stores")
    void duplicateQuadsWrittenTwiceAreCountedOnce(Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            store.replaceGraphs(new GraphReplacement(List.of(A), sink -> {
                sink.add(q(A, "x", 1));
                sink.add(q(A, "x", 1));
            }));
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 1L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scot.cairn.store.TripleStoreTest#stores")
    void aWriteNamingItsGraphsChangesOnlyTheirStampsAndAnUnnamedWriteChangesEvery(Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            replace(store, A, 1);
            replace(store, B, 1);
            long a = store.graphStamp(A);
            long b = store.graphStamp(B);
            List<Set<String>> heard = new ArrayList<>();
            store.onGraphsChanged(heard::add);

            store.write(List.of(A), dsg -> dsg.add(q(A, "y", 2)));
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 2L, B, 1L));
            assertThat(store.graphStamp(A)).isNotEqualTo(a);
            assertThat(store.graphStamp(B)).isEqualTo(b);

            long a2 = store.graphStamp(A);
            store.write(dsg -> dsg.add(q(B, "z", 3)));
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 2L, B, 2L));
            assertThat(store.graphStamp(A)).isNotEqualTo(a2);
            assertThat(store.graphStamp(B)).isNotEqualTo(b);
            assertThat(heard).containsExactly(Set.of(A), Set.of(A, B));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scot.cairn.store.TripleStoreTest#stores")
    void aFailedWriteChangesNoFigure(Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            replace(store, A, 2);
            long a = store.graphStamp(A);
            assertThatThrownBy(() -> store.write(List.of(A), dsg -> {
                        dsg.add(q(A, "y", 2));
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 2L));
            assertThat(store.graphStamp(A)).isEqualTo(a);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scot.cairn.store.TripleStoreTest#stores")
    void writesThroughThePublishingViewAreNotedGraphByGraph(Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            replace(store, A, 1);
            replace(store, B, 1);
            long a = store.graphStamp(A);
            long b = store.graphStamp(B);
            DatasetGraph view = store.publishingView();
            // as the Graph Store Protocol writes: through the named graph's Graph
            Txn.executeWrite(
                    view,
                    () -> view.getGraph(NodeFactory.createURI(B))
                            .add(Triple.create(
                                    NodeFactory.createURI("http://example.org/n"),
                                    P,
                                    NodeFactory.createLiteralString("new"))));
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 1L, B, 2L));
            assertThat(store.graphStamp(A)).isEqualTo(a);
            assertThat(store.graphStamp(B)).isNotEqualTo(b);

            // as SPARQL Update writes
            Txn.executeWrite(view, () -> UpdateAction.parseExecute("DROP GRAPH <" + A + ">", view));
            assertThat(store.graphSizes()).isEqualTo(Map.of(B, 2L));
            assertThat(store.graphStamp(A)).isZero();

            long v = store.version();
            Txn.executeRead(view, () -> view.find().forEachRemaining(x -> {}));
            assertThat(store.version()).isEqualTo(v);
        }
    }

    @Test
    void theFiguresSurviveReopeningWithoutARecount(@TempDir Path dir) throws Exception {
        long a;
        try (TripleStore store = TripleStore.open(dir)) {
            replace(store, A, 4);
            a = store.graphStamp(A);
        }
        assertThat(dir.resolve(GraphStatistics.FILE)).exists();
        assertThat(dir.resolve(GraphStatistics.PENDING)).doesNotExist();
        try (TripleStore store = TripleStore.open(dir)) {
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 4L));
            assertThat(store.graphStamp(A)).isEqualTo(a);
        }
    }

    @Test
    void aWriteWhoseFiguresMayNotHaveReachedTheFileIsRecountedOnOpening(@TempDir Path dir) throws Exception {
        long a;
        long b;
        try (TripleStore store = TripleStore.open(dir)) {
            replace(store, A, 4);
            replace(store, B, 3);
            a = store.graphStamp(A);
            b = store.graphStamp(B);
        }
        // A crash between a commit and the figures' file: the file says 99, the pending note names A.
        Path file = dir.resolve(GraphStatistics.FILE);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^4\t", "99\t")); // the count column only
        Files.writeString(dir.resolve(GraphStatistics.PENDING), A + "\n");
        try (TripleStore store = TripleStore.open(dir)) {
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 4L, B, 3L));
            assertThat(store.graphStamp(A)).isNotEqualTo(a);
            assertThat(store.graphStamp(B)).isEqualTo(b);
        }
        assertThat(dir.resolve(GraphStatistics.PENDING)).doesNotExist();
    }

    @Test
    void aStoreWrittenBeforeTheFiguresExistedIsCountedOnceOnOpening(@TempDir Path dir) throws Exception {
        try (TripleStore store = TripleStore.open(dir)) {
            replace(store, A, 4);
        }
        Files.delete(dir.resolve(GraphStatistics.FILE));
        try (TripleStore store = TripleStore.open(dir)) {
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 4L));
            assertThat(store.graphStamp(A)).isNotZero();
        }
        assertThat(dir.resolve(GraphStatistics.FILE)).exists();
    }

    @Test
    void aDamagedFileIsReplacedByARecount(@TempDir Path dir) throws Exception {
        try (TripleStore store = TripleStore.open(dir)) {
            replace(store, A, 1);
        }
        Files.writeString(dir.resolve(GraphStatistics.FILE), "not figures\n");
        try (TripleStore store = TripleStore.open(dir)) {
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 1L));
        }
        assertThat(Files.readString(dir.resolve(GraphStatistics.FILE))).contains(A);
    }

    @Test
    void aCompactStoreKeepsNoFigures(@TempDir Path dir) {
        try (TripleStore store = TripleStore.openCompact(dir.resolve("version"), StoreTuning.defaults())) {
            replace(store, A, 3);
            store.write(dsg -> dsg.add(q(B, "x", 1)));
            assertThat(store.graphNames()).containsExactlyInAnyOrder(A, B);
            assertThat(store.graphSizes()).isEmpty();
            assertThat(store.graphStamp(A)).isZero();
        }
        assertThat(dir.resolve("version").resolve(GraphStatistics.FILE)).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scot.cairn.store.TripleStoreTest#stores")
    void aReplicatedChangeCountsTheGraphsItWrote(Supplier<TripleStore> kind) {
        try (TripleStore store = kind.get()) {
            replace(store, B, 1);
            long b = store.graphStamp(B);
            store.applyReplicated(store.generation() + 1, sink -> {
                sink.add(q(A, "x", 1));
                sink.add(q(A, "y", 2));
                return Map.of();
            });
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 2L, B, 1L));
            long a = store.graphStamp(A);
            assertThat(a).isNotZero();
            store.applyReplicated(store.generation() + 1, sink -> {
                sink.delete(q(A, "x", 1));
                return Map.of();
            });
            assertThat(store.graphSizes()).isEqualTo(Map.of(A, 1L, B, 1L));
            assertThat(store.graphStamp(A)).isNotEqualTo(a);
            assertThat(store.graphStamp(B)).isEqualTo(b);
        }
    }
}
