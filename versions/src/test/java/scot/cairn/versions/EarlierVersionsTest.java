package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.cairn.store.QuadSink;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.UriScheme;

/**
 * Reading versions through {@link Versions} within its limits: the current version costs no
 * build, an earlier one is built once, a request over the budget is refused before anything is
 * built and is told what to do, and a query over versions sees each as its own graphs.
 */
class EarlierVersionsTest {
    private static final UriScheme URIS = UriScheme.defaultScheme();
    private static final Node DATA = NodeFactory.createURI(URIS.graph("tiny"));
    private static final Node META = NodeFactory.createURI(URIS.metadataGraph("tiny"));
    private static final Node DS = NodeFactory.createURI(URIS.dataset("tiny"));
    private static final Node VALUE = NodeFactory.createURI("http://example.org/value");
    /** Triples in the data graph of each version written by {@link #write}. */
    private static final int TRIPLES = 10;

    @TempDir
    Path dir;

    /** Three observations with the given values, then the dataset's type and title: 10 data triples. */
    private static void write(QuadSink sink, int... values) {
        for (int i = 0; i < values.length; i++) {
            Node obs = NodeFactory.createURI(URIS.dataset("tiny") + "/obs/" + i);
            sink.add(new Quad(DATA, obs, RDF.type.asNode(), QB.Observation.asNode()));
            sink.add(new Quad(DATA, obs, QB.dataSet.asNode(), DS));
            sink.add(new Quad(DATA, obs, VALUE, NodeFactory.createLiteralDT(Integer.toString(values[i]), XSDDatatype.XSDinteger)));
        }
        sink.add(new Quad(DATA, DS, RDF.type.asNode(), QB.DataSet.asNode()));
        sink.add(new Quad(META, DS, Dcterms.title.asNode(), NodeFactory.createLiteralString("Tiny")));
    }

    /** Versions 1, 2, 3 of "tiny", with values 1-3, 4-6 and 7-9. */
    private static Versions threeVersions(TripleStore store, Path dir, long budget) {
        Versions versions = new Versions(store, URIS, dir, budget);
        for (int v = 0; v < 3; v++) {
            int first = 1 + 3 * v;
            versions.publish("tiny", sink -> write(sink, first, first + 1, first + 2), new Release("v" + (v + 1), Release.Kind.UPDATE), null);
        }
        assertThat(versions.history("tiny")).extracting(VersionRecord::triples).containsOnly((long) TRIPLES);
        return versions;
    }

    private static String nt(Versions versions, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        versions.writeNTriples("tiny", n, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCurrentVersionIsReadFromTheLiveStoreAndAnEarlierOneIsBuiltOnce() {
        try (TripleStore store = TripleStore.inMemory(); Versions versions = threeVersions(store, dir, 1_000)) {
            assertThat(nt(versions, 3)).contains("\"7\"").doesNotContain("\"1\"");
            assertThat(versions.builds()).isZero();
            String v1 = nt(versions, 1);
            assertThat(v1).contains("\"1\"", "\"2\"", "\"3\"").doesNotContain("\"7\"");
            assertThat(v1.lines()).hasSize(TRIPLES).isSorted();
            assertThat(nt(versions, 1)).isEqualTo(v1);
            assertThat(versions.builds()).isEqualTo(1);
            // a publication drops the dataset's built versions; the next read builds again, the same bytes
            versions.publish("tiny", sink -> write(sink, 10, 11, 12), new Release("v4", Release.Kind.UPDATE), null);
            assertThat(nt(versions, 1)).isEqualTo(v1);
            assertThat(versions.builds()).isEqualTo(2);
        }
    }

    @Test
    void earlierVersionsOverTheBudgetAreRefusedBeforeAnyBuildSayingWhatToDo() {
        try (TripleStore store = TripleStore.inMemory(); Versions versions = threeVersions(store, dir, TRIPLES + TRIPLES / 2)) {
            List<VersionRecord> all = versions.history("tiny");
            assertThatThrownBy(() -> versions.query("tiny", all, Deadline.after(Duration.ofMinutes(1)), d -> 0))
                    .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.getMessage()).contains("Versions 1, 2 of tiny hold 20 triples together")
                                .contains("at most 15 triples").contains("&version=N").contains("the current version, 3, needs no building")
                                .contains("/data/tiny/version/N/data.nt");
                    });
            assertThat(versions.builds()).isZero();
            // one earlier version and the current one fit
            long graphs = versions.query("tiny", List.of(all.get(0), all.get(2)), Deadline.after(Duration.ofMinutes(1)),
                    d -> org.apache.jena.atlas.iterator.Iter.count(d.listGraphNodes()));
            assertThat(graphs).isEqualTo(4);
            assertThat(versions.builds()).isEqualTo(1);
        }
        try (TripleStore store = TripleStore.inMemory(); Versions versions = threeVersions(store, dir.resolve("small"), TRIPLES - 1)) {
            assertThatThrownBy(() -> versions.writeNTriples("tiny", 1, new ByteArrayOutputStream(), Deadline.after(Duration.ofMinutes(1))))
                    .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.getMessage()).contains("Version 1 of tiny holds 10 triples")
                                .contains("The current version, 3, is served without building (/data/tiny/version/3/data.nt)")
                                .contains("cairn versions export tiny 1");
                    });
            assertThat(nt(versions, 3).lines()).hasSize(TRIPLES);
            assertThat(versions.builds()).isZero();
        }
    }

    @Test
    void aQueryOverVersionsSeesEachAsItsOwnGraphsWithoutTheVersionRecords() {
        try (TripleStore store = TripleStore.inMemory(); Versions versions = threeVersions(store, dir, 1_000)) {
            String g = URIS.graph("tiny") + "/version/";
            String sums = "SELECT ?g (SUM(?v) AS ?sum) WHERE { GRAPH ?g { ?o <" + VALUE.getURI() + "> ?v } } GROUP BY ?g ORDER BY ?g";
            List<String> rows = versions.query("tiny", versions.history("tiny"), Deadline.after(Duration.ofMinutes(1)), d -> {
                try (QueryExecution qe = QueryExecution.create().query(sums).dataset(DatasetFactory.wrap(d)).build()) {
                    List<String> out = new java.util.ArrayList<>();
                    qe.execSelect().forEachRemaining(s -> out.add(s.getResource("g").getURI().substring(g.length()) + "=" + s.getLiteral("sum").getInt()));
                    return out;
                }
            });
            assertThat(rows).containsExactly("1=6", "2=15", "3=24");
            for (int n = 1; n <= 3; n++) {
                String records = "ASK { GRAPH <" + g + n + "/metadata> { ?s ?p ?o FILTER(CONTAINS(STR(?s), '/version/') "
                        + "|| ?p = <http://www.w3.org/ns/dcat#hasVersion>) } }";
                String title = "ASK { GRAPH <" + g + n + "/metadata> { <" + DS.getURI() + "> <" + Dcterms.title.getURI() + "> \"Tiny\" } }";
                List<Boolean> answers = versions.query("tiny", versions.history("tiny"), Deadline.after(Duration.ofMinutes(1)), d -> {
                    try (QueryExecution a = QueryExecution.create().query(records).dataset(DatasetFactory.wrap(d)).build();
                         QueryExecution b = QueryExecution.create().query(title).dataset(DatasetFactory.wrap(d)).build()) {
                        return List.of(a.execAsk(), b.execAsk());
                    }
                });
                assertThat(answers).as("version " + n + ": version records, title").containsExactly(false, true);
            }
            assertThat(versions.builds()).isEqualTo(2);
        }
    }
}
