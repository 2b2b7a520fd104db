package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import scot.cairn.formats.cube.Cube;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The fast TDB2 node-id cube table and the generic observation scan write the same rows. */
class CubeTableTest {
    private static final UriScheme URIS = new UriScheme(LinkedDataTestApplication.BASE);
    private static TripleStore store;

    @BeforeAll
    static void load() {
        store = TripleStore.inMemory();
        store.write(dsg -> {
            try (InputStream in = CubeTableTest.class.getResourceAsStream("fixture.trig")) {
                RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void nodeIdScanAndGenericScanWriteTheExpectedRows() {
        for (String slug : List.of("household-waste", "population-estimates")) {
            List<String> expected = DownloadsIT.expected(slug);
            for (boolean useTdbIds : new boolean[] {true, false}) {
                List<String> lines = DownloadsIT.lines(csv(slug, useTdbIds));
                assertThat(lines.get(0)).isEqualTo(expected.get(0));
                assertThat(lines.subList(1, lines.size()).stream().sorted().toList())
                        .as("%s, node ids: %s", slug, useTdbIds)
                        .containsExactlyElementsOf(expected.subList(1, expected.size()));
            }
        }
    }

    @Test
    void unknownDatasetIsRefusedByName() {
        String unknown = URIS.dataset("nothing-here");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Downloads.writeCubeCsv(store, URIS, unknown, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown dataset: " + unknown);
    }

    private static String csv(String slug, boolean useTdbIds) {
        return store.read(dsg -> {
            Cube cube = Cube.find(dsg, URIS, URIS.dataset(slug)).orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                DownloadController.writeCsv(dsg, cube, Map.of(), out, scot.cairn.formats.Formulas.NEUTRALISE, useTdbIds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        });
    }
}
