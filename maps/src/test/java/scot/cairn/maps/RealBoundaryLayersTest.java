package scot.cairn.maps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.RealGeographyStore;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * The map layers on the real 2011 boundaries and the official lookup (skipped when ../shared is
 * absent): the whole data-zone layer is sent as at most 3 MB of gzip with all 6,976 areas, and a
 * lasso just around a real intermediate zone picks exactly its data zones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealBoundaryLayersTest {

    final UriScheme uris = UriScheme.defaultScheme();
    RealGeographyStore real;
    TripleStore store;
    Geography geography;
    MapLayers layers;

    @BeforeAll
    void load(@TempDir Path dir) {
        real = RealGeographyStore.open(dir, uris);
        store = real.store();
        geography = real.geography();
        real.addBoundaries("boundaries_dz11.geojson", AreaLevel.DATA_ZONE);
        real.addBoundaries("boundaries_iz11.geojson", AreaLevel.INTERMEDIATE_ZONE);
        layers = new MapLayers(store, uris, new StoreGeography(store, uris));
    }

    @AfterAll
    void close() {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void theWholeDataZoneLayerIsAtMostThreeMegabytesOfGzipWithEveryArea() throws Exception {
        byte[] gz = layers.layer(AreaLevel.DATA_ZONE).gzippedGeoJson();
        assertThat(gz.length).isLessThanOrEqualTo(3_000_000);
        byte[] raw;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            raw = in.readAllBytes();
        }
        JsonNode fc = new ObjectMapper().readTree(raw);
        assertThat(fc.get("features")).hasSize(6976);
        assertThat(fc.at("/features/0/id").asText()).isEqualTo("S01006506");
        assertThat(fc.at("/features/0/properties/name").asText()).isEqualTo("Culter - 01");
        // built once per store version
        assertThat(layers.layer(AreaLevel.DATA_ZONE).gzippedGeoJson()).isSameAs(gz);
    }

    @Test
    void aLassoJustAroundARealIntermediateZonePicksExactlyItsDataZones() {
        MapArea culter = layers.layer(AreaLevel.INTERMEDIATE_ZONE).areas().get("S02001236");
        PreparedGeometry lasso =
                PreparedGeometryFactory.prepare(culter.boundary().buffer(0.0005));
        List<String> picked = layers.layer(AreaLevel.DATA_ZONE).areas().values().stream()
                .filter(a -> lasso.contains(a.point()))
                .map(MapArea::code)
                .toList();
        List<String> expected = geography.dataZones("S02001236");
        assertThat(expected).hasSize(7);
        assertThat(picked).containsExactlyElementsOf(expected);
    }

    @Test
    void aDataZonesParentAndSiblingsComeFromTheGeography() {
        MapArea dz = layers.layer(AreaLevel.DATA_ZONE).areas().get("S01010525");
        assertThat(dz.within())
                .contains(geography
                        .parent("S01010525", AreaLevel.INTERMEDIATE_ZONE)
                        .orElseThrow());
        String iz = geography.parent("S01010525", AreaLevel.INTERMEDIATE_ZONE).orElseThrow();
        assertThat(layers.layer(AreaLevel.DATA_ZONE).within(iz))
                .extracting(MapArea::code)
                .containsExactlyElementsOf(geography.dataZones(iz));
        // its repaired boundary (nested holes in the source) is valid and displayable
        assertThat(dz.boundary().isValid()).isTrue();
        assertThat(dz.display().isEmpty()).isFalse();
    }
}
