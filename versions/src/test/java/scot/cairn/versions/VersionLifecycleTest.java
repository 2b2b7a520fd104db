package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.store.QuadSink;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.QB;

/**
 * A dataset's versions from first publication to deletion, on TDB2 and on the plain Jena fallback
 * with the same expectations and the same records, checksums and exports: publishing by
 * difference ({@link Publication}), an identical publication creating no version, the reverse
 * patches rebuilding earlier versions byte for byte, retention keeping cited versions
 * ({@link Retention}, {@link Citations}) and deletion joining the patches around what goes
 * ({@link PatchMerge}).
 */
class VersionLifecycleTest {
    private static final Node DATA = TinyVersions.DATA;
    private static final Node DS = TinyVersions.DS;
    private static final Node VALUE = TinyVersions.VALUE;

    @TempDir
    Path dir;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of(Named.named("TDB2", (Supplier<TripleStore>) TripleStore::inMemory)),
                Arguments.of(Named.named("plain Jena", (Supplier<TripleStore>) TripleStore::plainInMemory)));
    }

    /** Observations {@code ids} with values {@code values} (decimals written with a trailing zero: stored as 1.5, not 1.50). */
    static void write(QuadSink sink, int[] ids, String[] values) {
        for (int i = 0; i < ids.length; i++) {
            Node obs = NodeFactory.createURI(TinyVersions.URIS.dataset("tiny") + "/obs/" + ids[i]);
            sink.add(new Quad(DATA, obs, RDF.type.asNode(), QB.Observation.asNode()));
            sink.add(new Quad(DATA, obs, QB.dataSet.asNode(), DS));
            sink.add(new Quad(DATA, obs, VALUE, NodeFactory.createLiteralDT(values[i], XSDDatatype.XSDdecimal)));
        }
        sink.add(new Quad(DATA, DS, RDF.type.asNode(), QB.DataSet.asNode()));
        sink.add(new Quad(
                TinyVersions.META,
                DS,
                org.apache.jena.vocabulary.DCTerms.title.asNode(),
                NodeFactory.createLiteralString("Tiny")));
    }

    static PublishOutcome publish(Versions versions, String note, int[] ids, String... values) {
        return versions.publish("tiny", sink -> write(sink, ids, values), new Release(note, Release.Kind.UPDATE), null);
    }

    static String nt(Versions versions, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        versions.writeNTriples("tiny", n, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a store made of the lifecycle, for comparing the two kinds: records (dates aside), exports, files. */
    List<String> lifecycle(TripleStore store, Path versionsDir) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Versions versions = new Versions(store, TinyVersions.URIS, versionsDir, 1_000)) {
            PublishOutcome v1 = publish(versions, "first", new int[] {1, 2, 3}, "1.50", "2.0", "3");
            String v1Export = nt(versions, 1);
            // 2 changes, 3 goes, 4 comes; "1.50" again is the same value as stored
            PublishOutcome v2 = publish(versions, "second", new int[] {1, 2, 4}, "1.5", "2.5", "4");
            assertThat(v2.version())
                    .extracting(
                            VersionRecord::added,
                            VersionRecord::removed,
                            VersionRecord::changed,
                            VersionRecord::observations)
                    .containsExactly(1L, 1L, 1L, 3L);
            assertThat(v2.patchBytes()).isPositive();
            assertThat(nt(versions, 1))
                    .as("version 1 rebuilt from the reverse patch")
                    .isEqualTo(v1Export);
            assertThat(nt(versions, 2)).contains("\"2.5\"").doesNotContain("/obs/3>");

            PublishOutcome same = publish(versions, "again", new int[] {1, 2, 4}, "1.50", "2.50", "4");
            assertThat(same.published()).isFalse();
            assertThat(same.identicalTo()).isEqualTo(2);

            Changes c = versions.changes("tiny", 1, 2);
            assertThat(List.of(c.added(), c.removed(), c.changed())).containsExactly(1L, 1L, 1L);

            versions.cite("tiny", 2);
            versions.setRetention("tiny", 2);
            PublishOutcome v3 = publish(versions, "third", new int[] {1, 2, 4}, "1.5", "2.5", "5");
            PublishOutcome v4 = publish(versions, "fourth", new int[] {1, 2, 4}, "1.5", "2.5", "6");
            assertThat(v3.pruned()).containsExactly(1);
            assertThat(v4.pruned()).isEmpty();
            assertThat(v4.keptCited()).containsExactly(2);
            assertThat(versions.history("tiny"))
                    .extracting(VersionRecord::number)
                    .containsExactly(2, 3, 4);

            assertThatThrownBy(() -> versions.delete("tiny", 2, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is cited");
            assertThatThrownBy(() -> versions.delete("tiny", 4, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("current version");
            String v2Export = nt(versions, 2);
            versions.delete("tiny", 3, false);
            assertThat(versions.history("tiny"))
                    .extracting(VersionRecord::number)
                    .containsExactly(2, 4);
            assertThat(nt(versions, 2)).as("version 2 through the merged patch").isEqualTo(v2Export);

            for (VersionRecord r : versions.history("tiny")) {
                seen.add(List.of(
                                r.number(),
                                r.kind(),
                                r.note(),
                                r.checksum(),
                                r.observations(),
                                r.triples(),
                                r.added(),
                                r.removed(),
                                r.changed(),
                                r.cited())
                        .toString());
                seen.add(nt(versions, r.number()));
            }
            seen.add(v1.version().checksum());
            try (var files = Files.list(versionsDir.resolve("tiny"))) {
                seen.add(
                        new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()).toString());
            }
        }
        return seen;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aDatasetsVersionsFromFirstPublicationToDeletion(Supplier<TripleStore> kind) throws Exception {
        try (TripleStore store = kind.get()) {
            List<String> seen = lifecycle(store, dir.resolve("versions"));
            assertThat(seen.get(seen.size() - 1)).isEqualTo("[4-2.rdfp]");
        }
    }

    @org.junit.jupiter.api.Test
    void theFallbackStoreGivesTheSameVersionsAsTdb2() throws Exception {
        List<String> tdb2;
        try (TripleStore store = TripleStore.inMemory()) {
            tdb2 = lifecycle(store, dir.resolve("tdb2"));
        }
        try (TripleStore store = TripleStore.plainInMemory()) {
            assertThat(lifecycle(store, dir.resolve("plain"))).isEqualTo(tdb2);
        }
    }
}
