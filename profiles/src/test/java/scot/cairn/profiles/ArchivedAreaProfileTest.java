package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.CodeHistory;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.CouncilCodeChanges;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;

/**
 * Profiles of areas whose codes changed: figures published under a code that alone changed count
 * as the area's it became; an archived area whose boundary changed has a profile of its own, and
 * the area that replaced it does not take its figures.
 */
class ArchivedAreaProfileTest {

    @TempDir
    static Path dir;

    static TripleStore store;
    static ProfileEngine engine;
    static ProfileDefinition profile;

    @BeforeAll
    static void publishUnderOldAndNewCodes() throws IOException {
        Path history = CouncilCodeChanges.writeHistory(dir);
        // The two years before the change under the old codes, the three after under the new ones.
        Path csv = CouncilCodeChanges.writeUnderOldCodes(
                ExampleStore.MODULE.resolveSibling("examples/data/datasets/council-tax-collection.csv"),
                "20(19/2020|20/2021)",
                dir);
        Path yaml = dir.resolve("profile.yaml");
        Files.writeString(yaml, """
                name: tax
                title: Council tax
                indicators:
                  - id: collected
                    label: Council tax collected within the year
                    type: value
                    better: higher
                    unit: "%"
                    value: {dataset: council-tax-collection, measure: percent}
                """);
        store = TripleStore.inMemory();
        new GeographyLoader(ExampleStore.URIS)
                .load(
                        ExampleStore.MODULE.resolveSibling("examples/data/geography/example-lookup.csv"),
                        null,
                        CodeHistory.read(history, 10),
                        store);
        new CubeLoader(ExampleStore.URIS, AreaDirectory.of(Geography.fromStore(store, ExampleStore.URIS)))
                .load(
                        CubeDefinition.read(ExampleStore.MODULE.resolveSibling(
                                "examples/data/datasets/council-tax-collection.yaml")),
                        csv,
                        store);
        engine = new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS));
        profile = ProfileDefinition.read(yaml);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** The periods with a value, and the value. */
    static List<String> series(AreaProfile p) {
        return p.rows().get(0).trend().series().stream()
                .filter(pt -> pt.value() != null)
                .map(pt -> pt.period() + "=" + pt.value())
                .toList();
    }

    @Test
    void aCodeThatAloneChangedCountsAsTheAreaItBecame() {
        AreaProfile aberdeen = engine.profile(profile, "S12000033");
        assertThat(series(aberdeen))
                .containsExactly(
                        "2019/2020=96.5", "2020/2021=95.4", "2021/2022=96.6", "2022/2023=96.6", "2023/2024=94.9");
        AreaProfile byOldCode = engine.profile(profile, "S12000099");
        assertThat(byOldCode.area().code()).isEqualTo("S12000033");
        assertThat(byOldCode.area().name()).isEqualTo("Aberdeen City");
        assertThat(series(byOldCode)).isEqualTo(series(aberdeen));
    }

    @Test
    void anArchivedAreaWhoseBoundaryChangedIsKeptApartAndSaysSo() {
        AreaProfile old = engine.profile(profile, "S12000098");
        assertThat(old.area().name()).isEqualTo("City of Edinburgh (to 2021; boundary changed)");
        assertThat(old.area().dataZones()).isZero();
        assertThat(series(old)).containsExactly("2019/2020=95.1", "2020/2021=97.0");
        // Its row shows its last figure, against Scotland's of the same year.
        assertThat(old.rows().get(0).period()).isEqualTo("2020/2021");
        assertThat(old.rows().get(0).value().value()).isEqualTo(97.0);
        assertThat(old.rows().get(0).scotland().value()).isEqualTo(96.8);
        assertThat(old.rows().get(0).notes()).contains("the last period published for this archived code (2020/2021)");

        AreaProfile now = engine.profile(profile, "S12000036");
        assertThat(now.area().name()).isEqualTo("City of Edinburgh");
        assertThat(series(now)).containsExactly("2021/2022=94.7", "2022/2023=96.1");
    }
}
