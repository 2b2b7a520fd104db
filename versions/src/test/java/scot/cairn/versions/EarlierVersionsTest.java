package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.QuadSink;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.UriScheme;

/**
 * Reading versions through {@link Versions} within its limits: the current version costs no
 * build, an earlier one is built once, a request over the budget is refused before anything is
 * built and is told what to do, and a query over versions sees each as its own graphs.
 */
class EarlierVersionsTest {
    private static final UriScheme URIS = TinyVersions.URIS;
    private static final Node DS = TinyVersions.DS;
    private static final Node VALUE = TinyVersions.VALUE;
    private static final int TRIPLES = TinyVersions.TRIPLES;

    @TempDir
    Path dir;

    private static Versions threeVersions(TripleStore store, Path dir, long budget) {
        return TinyVersions.publish(new Versions(store, URIS, dir, budget));
    }

    private static void write(QuadSink sink, int... values) {
        TinyVersions.write(sink, values);
    }

    private static String nt(Versions versions, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        versions.writeNTriples("tiny", n, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theCurrentVersionIsReadFromTheLiveStoreAndAnEarlierOneIsBuiltOnce() {
        try (TripleStore store = TripleStore.inMemory();
                Versions versions = threeVersions(store, dir, 1_000)) {
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
        try (TripleStore store = TripleStore.inMemory();
                Versions versions = threeVersions(store, dir, TRIPLES + TRIPLES / 2)) {
            List<VersionRecord> all = versions.history("tiny");
            assertThatThrownBy(() -> versions.query("tiny", all, Deadline.after(Duration.ofMinutes(1)), d -> 0))
                    .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.getMessage())
                                .contains("Versions 1, 2 of tiny hold 20 triples together")
                                .contains("at most 15 triples")
                                .contains("&version=N")
                                .contains("the current version, 3, needs no building")
                                .contains("/data/tiny/version/N/data.nt");
                    });
            assertThat(versions.builds()).isZero();
            // one earlier version and the current one fit
            long graphs = versions.query(
                    "tiny",
                    List.of(all.get(0), all.get(2)),
                    Deadline.after(Duration.ofMinutes(1)),
                    d -> org.apache.jena.atlas.iterator.Iter.count(d.listGraphNodes()));
            assertThat(graphs).isEqualTo(4);
            assertThat(versions.builds()).isEqualTo(1);
        }
        try (TripleStore store = TripleStore.inMemory();
                Versions versions = threeVersions(store, dir.resolve("small"), TRIPLES - 1)) {
            assertThatThrownBy(() -> versions.writeNTriples(
                            "tiny", 1, new ByteArrayOutputStream(), Deadline.after(Duration.ofMinutes(1))))
                    .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.getMessage())
                                .contains("Version 1 of tiny holds 10 triples")
                                .contains(
                                        "The current version, 3, is served without building (/data/tiny/version/3/data.nt)")
                                .contains("cairn versions export tiny 1");
                    });
            assertThat(nt(versions, 3).lines()).hasSize(TRIPLES);
            assertThat(versions.builds()).isZero();
        }
    }

    @Test
    void aQueryOverVersionsSeesEachAsItsOwnGraphsWithoutTheVersionRecords() {
        try (TripleStore store = TripleStore.inMemory();
                Versions versions = threeVersions(store, dir, 1_000)) {
            String g = URIS.graph("tiny") + "/version/";
            String sums = "SELECT ?g (SUM(?v) AS ?sum) WHERE { GRAPH ?g { ?o <" + VALUE.getURI()
                    + "> ?v } } GROUP BY ?g ORDER BY ?g";
            List<String> rows =
                    versions.query("tiny", versions.history("tiny"), Deadline.after(Duration.ofMinutes(1)), d -> {
                        try (QueryExecution qe = QueryExecution.create()
                                .query(sums)
                                .dataset(DatasetFactory.wrap(d))
                                .build()) {
                            List<String> out = new java.util.ArrayList<>();
                            qe.execSelect()
                                    .forEachRemaining(s ->
                                            out.add(s.getResource("g").getURI().substring(g.length()) + "="
                                                    + s.getLiteral("sum").getInt()));
                            return out;
                        }
                    });
            assertThat(rows).containsExactly("1=6", "2=15", "3=24");
            for (int n = 1; n <= 3; n++) {
                String records =
                        "ASK { GRAPH <" + g + n + "/metadata> { ?s ?p ?o FILTER(CONTAINS(STR(?s), '/version/') "
                                + "|| ?p = <http://www.w3.org/ns/dcat#hasVersion>) } }";
                String title = "ASK { GRAPH <" + g + n + "/metadata> { <" + DS.getURI() + "> <" + Dcterms.title.getURI()
                        + "> \"Tiny\" } }";
                List<Boolean> answers =
                        versions.query("tiny", versions.history("tiny"), Deadline.after(Duration.ofMinutes(1)), d -> {
                            try (QueryExecution a = QueryExecution.create()
                                            .query(records)
                                            .dataset(DatasetFactory.wrap(d))
                                            .build();
                                    QueryExecution b = QueryExecution.create()
                                            .query(title)
                                            .dataset(DatasetFactory.wrap(d))
                                            .build()) {
                                return List.of(a.execAsk(), b.execAsk());
                            }
                        });
                assertThat(answers)
                        .as("version " + n + ": version records, title")
                        .containsExactly(false, true);
            }
            assertThat(versions.builds()).isEqualTo(2);
        }
    }
}
