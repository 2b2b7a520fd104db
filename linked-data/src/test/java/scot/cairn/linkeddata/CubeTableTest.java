package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.formats.cube.Cube;
import scot.cairn.store.TermIds;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The cube table read through term ids ({@link IdCubeTable}) and the generic observation scan
 * write the same rows, on TDB2 and on the plain Jena fallback.
 */
class CubeTableTest {
    private static final UriScheme URIS = new UriScheme(LinkedDataTestApplication.BASE);

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of(Named.named("TDB2", (Supplier<TripleStore>) TripleStore::inMemory)),
                Arguments.of(Named.named("plain Jena", (Supplier<TripleStore>) TripleStore::plainInMemory)));
    }

    static TripleStore load(Supplier<TripleStore> kind) {
        TripleStore store = kind.get();
        store.write(dsg -> {
            try (InputStream in = CubeTableTest.class.getResourceAsStream("fixture.trig")) {
                RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return store;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void idScanAndGenericScanWriteTheExpectedRows(Supplier<TripleStore> kind) {
        try (TripleStore store = load(kind)) {
            for (String slug : List.of("household-waste", "population-estimates")) {
                List<String> expected = DownloadControllerTest.expected(slug);
                for (boolean useIds : new boolean[] {true, false}) {
                    List<String> lines = DownloadControllerTest.lines(csv(store, slug, useIds));
                    assertThat(lines.get(0)).isEqualTo(expected.get(0));
                    assertThat(lines.subList(1, lines.size()).stream().sorted().toList())
                            .as("%s, term ids: %s", slug, useIds)
                            .containsExactlyElementsOf(expected.subList(1, expected.size()));
                }
            }
        }
    }

    /**
     * Regression: TDB2's {@code NodeId.equals} ignores the id's type, so a cache keyed on node ids
     * gave an integer the label of the node stored at the offset equal to its value. Here a period
     * is the integer whose value is the id of an area of the same cube, labelled before it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIntegerIsNotMistakenForTheNodeStoredAtThatOffset(Supplier<TripleStore> kind) {
        try (TripleStore store = load(kind)) {
            Node area = NodeFactory.createURI("http://data.example.scot/id/statistical-geography/S12000008");
            long areaId = store.read(dsg -> TermIds.over(dsg).id(area));
            Node period = NodeFactory.createLiteralDT(Long.toString(Math.abs(areaId)), XSDDatatype.XSDinteger);
            String slug = "household-waste";
            Node g = NodeFactory.createURI(URIS.graph(slug));
            Node obs = NodeFactory.createURI(URIS.dataset(slug) + "/zz-last");
            store.write(dsg -> {
                dsg.add(g, obs, Cube.DATA_SET, NodeFactory.createURI(URIS.dataset(slug)));
                dsg.add(
                        g,
                        obs,
                        Cube.REF_AREA,
                        NodeFactory.createURI("http://data.example.scot/id/statistical-geography/S12000021"));
                dsg.add(g, obs, Cube.REF_PERIOD, period);
            });
            List<String> byIds = DownloadControllerTest.lines(csv(store, slug, true)).stream()
                    .sorted()
                    .toList();
            List<String> generic = DownloadControllerTest.lines(csv(store, slug, false)).stream()
                    .sorted()
                    .toList();
            assertThat(byIds).isEqualTo(generic).anyMatch(row -> row.contains("," + Math.abs(areaId) + ","));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void unknownDatasetIsRefusedByName(Supplier<TripleStore> kind) {
        String unknown = URIS.dataset("nothing-here");
        try (TripleStore store = load(kind)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Downloads.writeCubeCsv(store, URIS, unknown, new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Unknown dataset: " + unknown);
        }
    }

    private static String csv(TripleStore store, String slug, boolean useIds) {
        return store.read(dsg -> {
            Cube cube = Cube.find(dsg, URIS, URIS.dataset(slug)).orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                DownloadController.writeCsv(dsg, cube, Map.of(), out, scot.cairn.formats.Formulas.NEUTRALISE, useIds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        });
    }
}
