package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.UriScheme;

/** A publication that fails part-way leaves no version, no change and no patch; a stray patch file is ignored. */
class FailedPublicationTest {
    // the dataset "tiny" of TinyVersions
    private static final UriScheme URIS = TinyVersions.URIS;
    private static final Node DATA = TinyVersions.DATA;
    private static final Node META = TinyVersions.META;
    private static final Node DS = TinyVersions.DS;

    @TempDir
    Path dir;

    private static Set<String> data(TripleStore store) {
        return store.read(dsg -> {
            Set<String> out = new TreeSet<>();
            dsg.find(DATA, Node.ANY, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> out.add(q.asTriple().toString()));
            return out;
        });
    }

    private static Set<String> files(Path d) throws Exception {
        try (var s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aWriterThatFailsAfterChangingAnObservationLeavesTheCurrentVersion() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            Versions versions = new Versions(store, URIS, dir, 10_000);
            assertThat(versions.publish(
                                    "tiny",
                                    sink -> TinyVersions.write(sink, 1, 2, 3),
                                    new Release("first", Release.Kind.UPDATE),
                                    null)
                            .published())
                    .isTrue();
            Set<String> before = data(store);
            long storeVersion = store.version();
            GraphReplacement.Writer failing = sink -> {
                TinyVersions.write(sink, 10, 20);
                throw new IllegalStateException("the input stopped");
            };
            assertThatThrownBy(
                            () -> versions.publish("tiny", failing, new Release("broken", Release.Kind.UPDATE), null))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageContaining("the input stopped");
            assertThat(data(store)).isEqualTo(before);
            assertThat(store.version()).isEqualTo(storeVersion);
            assertThat(versions.history("tiny"))
                    .extracting(VersionRecord::number)
                    .containsExactly(1);
            assertThat(files(dir.resolve("tiny"))).isEmpty();
        }
    }

    /**
     * A first version is written by the indexes' own threads; one that fails after more than a
     * batch of them (200,000 quads) leaves the unversioned content it was replacing, and the
     * same content then publishes whole.
     */
    @Test
    void aFirstVersionThatFailsAfterManyObservationsLeavesThePreviousContent() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            store.replaceGraphs(new GraphReplacement(
                    List.of(DATA.getURI(), META.getURI()), sink -> TinyVersions.write(sink, 7, 8)));
            Set<String> before = data(store);
            Versions versions = new Versions(store, URIS, dir, 10_000);
            int[] many = new int[70_000];
            for (int i = 0; i < many.length; i++) {
                many[i] = i;
            }
            GraphReplacement.Writer failing = sink -> {
                TinyVersions.write(sink, many);
                throw new IllegalStateException("the input stopped");
            };
            assertThatThrownBy(() -> versions.publish("tiny", failing, new Release("first", Release.Kind.UPDATE), null))
                    .isInstanceOf(PublicationException.class)
                    .hasMessageContaining("the input stopped");
            assertThat(data(store)).isEqualTo(before);
            assertThat(versions.history("tiny")).isEmpty();

            PublishOutcome o = versions.publish(
                    "tiny", sink -> TinyVersions.write(sink, many), new Release("first", Release.Kind.UPDATE), null);
            assertThat(o.version().observations()).isEqualTo(70_000);
            assertThat(o.version().triples()).isEqualTo(3L * 70_000 + 1);
            assertThat(data(store)).hasSize(3 * 70_000 + 1);
        }
    }

    @Test
    void aPatchFileWithoutARecordIsIgnoredAndReplaced() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            Versions versions = new Versions(store, URIS, dir, 10_000);
            versions.publish(
                    "tiny", sink -> TinyVersions.write(sink, 1, 2, 3), new Release("first", Release.Kind.UPDATE), null);
            Set<String> v1 = data(store);
            // what a publication killed after the rename and before the commit would leave
            Files.writeString(dir.resolve("tiny/2-1.rdfp"), "A <urn:x> <urn:y> <urn:z> <urn:g> .\n");
            assertThat(versions.history("tiny")).hasSize(1);
            PublishOutcome o = versions.publish(
                    "tiny",
                    sink -> TinyVersions.write(sink, 1, 2, 4),
                    new Release("second", Release.Kind.CORRECTION),
                    null);
            assertThat(o.version().changed()).isEqualTo(1);
            assertThat(files(dir.resolve("tiny"))).containsExactly("2-1.rdfp");
            Set<String> rebuilt = new TreeSet<>();
            versions.read("tiny", 1, Deadline.NONE, d -> {
                d.find(DATA, Node.ANY, Node.ANY, Node.ANY)
                        .forEachRemaining(q -> rebuilt.add(q.asTriple().toString()));
                return null;
            });
            assertThat(rebuilt).isEqualTo(v1);
            assertThat(versions.changes("tiny", 1, 2).rows()).hasSize(1);
        }
    }

    /** What a publication killed while it wrote its patch leaves: swept at start and at the next publication. */
    @Test
    void halfWrittenPatchesAreSweptAtStartAndAtTheNextPublication() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            Versions versions = new Versions(store, URIS, dir, 10_000);
            versions.publish(
                    "tiny", sink -> TinyVersions.write(sink, 1, 2, 3), new Release("first", Release.Kind.UPDATE), null);
            Files.writeString(dir.resolve("tiny/.2-1-123.rdfp.tmp"), "A <urn:x> <urn:y> <urn:z> <urn:g> .\n");
            Files.createDirectories(dir.resolve("other"));
            Files.writeString(dir.resolve("other/.merge-9.rdfp.tmp"), "half");
            new Versions(store, URIS, dir, 10_000);
            assertThat(files(dir.resolve("tiny"))).isEmpty();
            assertThat(files(dir.resolve("other"))).isEmpty();

            Files.writeString(dir.resolve("tiny/.2-1-456.rdfp.tmp"), "half");
            versions.publish(
                    "tiny",
                    sink -> TinyVersions.write(sink, 1, 2, 4),
                    new Release("second", Release.Kind.CORRECTION),
                    null);
            assertThat(files(dir.resolve("tiny"))).containsExactly("2-1.rdfp");
            assertThat(versions.history("tiny"))
                    .extracting(VersionRecord::number)
                    .containsExactly(1, 2);
        }
    }

    @Test
    void anObservationWrittenInTwoRunsIsRejected() {
        try (TripleStore store = TripleStore.inMemory()) {
            Versions versions = new Versions(store, URIS, dir, 10_000);
            Node a = NodeFactory.createURI(URIS.dataset("tiny") + "/obs/a");
            Node b = NodeFactory.createURI(URIS.dataset("tiny") + "/obs/b");
            GraphReplacement.Writer split = sink -> {
                sink.add(new Quad(DATA, a, RDF.type.asNode(), QB.Observation.asNode()));
                sink.add(new Quad(DATA, b, RDF.type.asNode(), QB.Observation.asNode()));
                sink.add(new Quad(DATA, a, QB.dataSet.asNode(), DS));
            };
            assertThatThrownBy(() -> versions.publish("tiny", split, new Release("split", Release.Kind.UPDATE), null))
                    .hasMessageContaining("were not written together");
            assertThat(versions.history("tiny")).isEmpty();
            assertThat(store.isEmpty(URIS.graph("tiny"))).isTrue();
        }
    }

    @Test
    void onlyADatasetsTwoGraphsCanBeVersioned() {
        try (TripleStore store = TripleStore.inMemory()) {
            Versions versions = new Versions(store, URIS, dir, 10_000);
            var target = versions.publisher(new Release("x", Release.Kind.UPDATE), null);
            assertThatThrownBy(() ->
                            target.replaceGraphs(new GraphReplacement(List.of(URIS.geographyGraph()), sink -> {})))
                    .hasMessageContaining("a versioned publication replaces a dataset's data and metadata graphs");
        }
    }
}
