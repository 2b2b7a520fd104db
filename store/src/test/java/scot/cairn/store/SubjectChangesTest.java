package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SubjectChanges}, on TDB2 ({@link TdbSubjectChanges}) and on the plain fallback
 * ({@link PlainSubjectChanges}) with the same expectations: unchanged subjects told apart (on TDB2
 * by digest alone, numbers compared as the store keeps them), changed and new ones written through
 * every quad index, small batches written between reads, and nothing written when the
 * transaction is aborted.
 */
class SubjectChangesTest {
    static final String G = "http://example.org/graph/cube";
    static final String OBS = "http://example.org/obs/";
    static final Node GRAPH = NodeFactory.createURI(G);
    static final Node DIM = NodeFactory.createURI("http://example.org/dim");
    static final Node VALUE = NodeFactory.createURI("http://example.org/value");
    static final Node NOTE = NodeFactory.createURI("http://example.org/note");

    @TempDir
    Path dir;

    static Node obs(int i) {
        return NodeFactory.createURI(OBS + i);
    }

    static Node decimal(String lexical) {
        return NodeFactory.createLiteralDT(lexical, XSDDatatype.XSDdecimal);
    }

    /** Observation i: a code, a decimal value i.5, and for every tenth one a long text note. */
    static Set<Triple> triples(int i, String value) {
        Set<Triple> out = new HashSet<>();
        out.add(Triple.create(obs(i), DIM, NodeFactory.createURI("http://example.org/code/" + (i % 7))));
        out.add(Triple.create(obs(i), VALUE, decimal(value)));
        if (i % 10 == 0) {
            out.add(Triple.create(
                    obs(i), NOTE, NodeFactory.createLiteralString("a note on observation " + i + " ".repeat(40))));
        }
        return out;
    }

    /** A TDB2 store in {@code dir} whose changes are written in batches of {@code batch}, or the plain one. */
    static TripleStore storeWith(boolean tdb2, Path dir, int n, int batch) {
        TripleStore store = tdb2
                ? TripleStore.open(dir, StoreTuning.defaults().withIndexBatch(batch))
                : TripleStore.plainInMemory();
        store.replaceGraphs(new GraphReplacement(List.of(G), sink -> {
            for (int i = 0; i < n; i++) {
                triples(i, i + ".5").forEach(t -> sink.add(Quad.create(GRAPH, t)));
            }
            // a subject the prefix does not accept: never compared, never touched
            sink.add(Quad.create(GRAPH, NodeFactory.createURI("http://example.org/dataset"), DIM, decimal("1")));
        }));
        return store;
    }

    static Set<Triple> content(TripleStore store) {
        return store.read(dsg -> dsg.getGraph(GRAPH).find().toSet());
    }

    /** The same content read through each of the four quad indexes by a query that forces it. */
    static List<Long> countsThroughEveryIndex(TripleStore store) {
        return store.read(dsg -> List.of(
                count(dsg, "SELECT (COUNT(*) AS ?n) { GRAPH <" + G + "> { ?s ?p ?o } }"),
                count(dsg, "SELECT (COUNT(*) AS ?n) { ?s <" + VALUE.getURI() + "> ?o }"),
                count(dsg, "SELECT (COUNT(*) AS ?n) { ?s ?p <http://example.org/code/3> }"),
                count(dsg, "SELECT (COUNT(*) AS ?n) { <" + OBS + "4> ?p ?o }")));
    }

    static long count(org.apache.jena.sparql.core.DatasetGraph dsg, String q) {
        return ((Number)
                        QueryExec.dataset(dsg).query(q).select().next().get("n").getLiteralValue())
                .longValue();
    }

    @ParameterizedTest(name = "TDB2: {0}")
    @ValueSource(booleans = {true, false})
    void unchangedSubjectsAreToldApartAndChangesReachEveryIndex(boolean tdb2) {
        try (TripleStore store = storeWith(tdb2, dir, 500, 40)) {
            Set<Triple> expected = new HashSet<>(content(store));
            store.write(dsg -> {
                SubjectChanges changes = store.subjectChanges(dsg, GRAPH, uri -> uri.startsWith(OBS));
                assertThat(changes.subjects()).isEqualTo(500);
                // in the order written (the read position moves on), then the rest shuffled (it jumps back and forth)
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < 600; i++) {
                    order.add(i);
                }
                Collections.shuffle(order.subList(300, 600), new Random(7));
                for (int i : order) {
                    // every third value revised, 500..599 new; "12.50" is stored as 12.5: unchanged
                    String value = i % 3 == 0 ? i + ".75" : i + ".50";
                    Set<Triple> now = triples(i, value).stream()
                            .map(SubjectChangesTest::asStored)
                            .collect(Collectors.toSet());
                    SubjectChanges.Stored stored = changes.compare(obs(i), now);
                    if (i < 500 && i % 3 != 0) {
                        assertThat(stored).as("observation %d", i).isNull();
                        continue;
                    }
                    assertThat(stored).as("observation %d", i).isNotNull();
                    if (i >= 500) {
                        assertThat(stored.triples()).isEmpty();
                    } else {
                        assertThat(new HashSet<>(stored.triples())).isEqualTo(triples(i, i + ".5"));
                    }
                    for (Triple t : stored.triples()) {
                        if (!now.contains(t)) {
                            stored.delete(t);
                            expected.remove(t);
                        }
                    }
                    for (Triple t : now) {
                        if (!stored.triples().contains(t)) {
                            stored.add(t);
                            expected.add(t);
                        }
                    }
                }
                changes.finish();
            });
            assertThat(content(store)).isEqualTo(expected);
            // 600 observations (60 with a note), and the dataset triple
            assertThat(countsThroughEveryIndex(store)).containsExactly(600L * 2 + 60 + 1, 600L, 86L, 2L);
        }
        if (!tdb2) {
            return;
        }
        // and after reopening from disk
        try (TripleStore store = TripleStore.open(dir)) {
            assertThat(countsThroughEveryIndex(store)).containsExactly(600L * 2 + 60 + 1, 600L, 86L, 2L);
            assertThat(content(store))
                    .contains(Triple.create(obs(3), VALUE, decimal("3.75")))
                    .doesNotContain(Triple.create(obs(3), VALUE, decimal("3.5")));
        }
    }

    @ParameterizedTest(name = "TDB2: {0}")
    @ValueSource(booleans = {true, false})
    void anAbortedPublicationWritesNothing(boolean tdb2) {
        try (TripleStore store = storeWith(tdb2, dir, 100, 10)) {
            Set<Triple> before = content(store);
            try {
                store.write(dsg -> {
                    SubjectChanges changes = store.subjectChanges(dsg, GRAPH, uri -> uri.startsWith(OBS));
                    for (int i = 0; i < 100; i++) {
                        SubjectChanges.Stored stored = changes.compare(obs(i), triples(i, "0"));
                        stored.triples().forEach(stored::delete); // batches of 10 are written as they fill
                    }
                    changes.cancel();
                    throw new IllegalStateException("failed half way");
                });
            } catch (IllegalStateException expected) {
                // the write transaction was aborted
            }
            assertThat(content(store)).isEqualTo(before);
            assertThat(countsThroughEveryIndex(store)).containsExactly(100L * 2 + 10 + 1, 100L, 14L, 2L);
        }
    }

    /** The triple as TDB2 gives it back (decimals in canonical form). */
    static Triple asStored(Triple t) {
        Node o = t.getObject();
        if (o.isLiteral() && XSDDatatype.XSDdecimal.getURI().equals(o.getLiteralDatatypeURI())) {
            Triple expected = Triple.create(
                    t.getSubject(),
                    t.getPredicate(),
                    decimal(new java.math.BigDecimal(o.getLiteralLexicalForm())
                            .stripTrailingZeros()
                            .toPlainString()));
            assertThat(TripleStore.storedForm(t)).isEqualTo(expected);
            return expected;
        }
        return TripleStore.storedForm(t);
    }
}
