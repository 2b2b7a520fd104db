package scot.cairn.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.CodeHistory;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.CouncilCodeChanges;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;

/**
 * A choropleth of figures published under codes that changed: a code that alone changed is drawn
 * on the boundary of the area it became; an archived area whose boundary changed has no boundary
 * on the map, and is listed beside it with its figure instead of being dropped.
 */
class ArchivedAreasChoroplethTest {

    static final Path EXAMPLES = MapsTestApplication.EXAMPLES;

    @TempDir
    static Path dir;

    static TripleStore store;
    static StoreGeography geography;
    static MapLayers.Layer councils;

    @BeforeAll
    static void publish() throws Exception {
        Path history = CouncilCodeChanges.writeHistory(dir);
        Path csv = CouncilCodeChanges.writeUnderOldCodes(
                EXAMPLES.resolve("datasets/council-tax-collection.csv"), "2019/2020", dir);
        store = TripleStore.inMemory();
        new GeographyLoader(MapsTestApplication.URIS)
                .load(EXAMPLES.resolve("geography/example-lookup.csv"), null, CodeHistory.read(history, 10), store);
        Geography g = Geography.fromStore(store, MapsTestApplication.URIS);
        new BoundaryLoader(MapsTestApplication.URIS)
                .load(EXAMPLES.resolve("boundaries/council-areas.geojson"), AreaLevel.COUNCIL, null, g, store);
        new CubeLoader(MapsTestApplication.URIS, AreaDirectory.of(g))
                .load(CubeDefinition.read(EXAMPLES.resolve("datasets/council-tax-collection.yaml")), csv, store);
        geography = new StoreGeography(store, MapsTestApplication.URIS);
        councils = new MapLayers(store, MapsTestApplication.URIS, geography).layer(AreaLevel.COUNCIL);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Choropleth.Result map(String period) {
        Choropleth.Request request = new Choropleth.Request(
                "council-tax-collection",
                AreaLevel.COUNCIL,
                period,
                "http://statistics.gov.scot/def/measure-properties/percent",
                Map.of(),
                null);
        return store.read(d -> Choropleth.compute(d, MapsTestApplication.URIS, councils, geography.current(), request));
    }

    @Test
    void aCodeThatAloneChangedIsDrawnAsTheAreaItBecameAndARedrawnAreaIsListedBesideTheMap() {
        Choropleth.Result r = map("2019/2020");

        assertThat(r.areas().get("S12000033").value()).isEqualTo(96.5);
        assertThat(r.areas().get("S12000036").status()).isEqualTo(Choropleth.NO_DATA);
        assertThat(r.apart()).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("S12000098");
            assertThat(a.name()).isEqualTo("City of Edinburgh (to 2021; boundary changed)");
            assertThat(a.value()).isEqualTo(95.1);
        });
        assertThat(r.apartNote())
                .isEqualTo("Not drawn, because the area's boundary has changed since: "
                        + "City of Edinburgh (to 2021; boundary changed) (S12000098): 95.1.");
        String svg = ChoroplethSvg.render(r, councils.areas().values());
        assertThat(svg)
                .contains(
                        "Not drawn, because the area's boundary has changed since: City of Edinburgh (to 2021; boundary changed)");

        Choropleth.Result later = map("2021/2022");
        assertThat(later.apart()).isEmpty();
        assertThat(later.apartNote()).isEmpty();
        assertThat(later.areas().get("S12000036").value()).isEqualTo(94.7);
    }

    @Test
    void anAreaWithinFilterKeepsOnlyTheArchivedAreasWithinIt() {
        Choropleth.Request request = new Choropleth.Request(
                "council-tax-collection",
                AreaLevel.COUNCIL,
                "2019/2020",
                "http://statistics.gov.scot/def/measure-properties/percent",
                Map.of(),
                "S08000020");
        Choropleth.Result grampian = store.read(
                d -> Choropleth.compute(d, MapsTestApplication.URIS, councils, geography.current(), request));
        assertThat(grampian.apart()).isEmpty();
        assertThat(grampian.areas()).containsOnlyKeys("S12000033");
    }
}
