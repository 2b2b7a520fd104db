package scot.cairn.loaders.boundaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.RealGeographyStore;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Geo;
import scot.cairn.vocab.UriScheme;

/**
 * The boundary loader on the real 2011 boundary files and the official lookup (skipped when
 * ../shared is absent): every data zone, intermediate zone and council loads, the one invalid data
 * zone polygon of the source is repaired and reported, and a level the file does not match is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealBoundariesTest {

    final UriScheme uris = UriScheme.defaultScheme();
    final BoundaryLoader loader = new BoundaryLoader(uris);
    RealGeographyStore real;
    TripleStore store;
    Geography geography;
    BoundaryReport dataZones;

    @BeforeAll
    void load(@TempDir Path dir) {
        real = RealGeographyStore.open(dir, uris);
        store = real.store();
        geography = real.geography();
        dataZones = real.addBoundaries("boundaries_dz11.geojson", AreaLevel.DATA_ZONE);
    }

    @AfterAll
    void close() {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void everyDataZoneOfTheOfficialLookupGetsItsBoundary() {
        assertThat(dataZones.areas()).isEqualTo(6976);
        assertThat(dataZones.withoutBoundary()).isZero();
        assertThat(dataZones.codeProperty()).isEqualTo("dz11_code");
        assertThat(dataZones.graph()).isEqualTo("http://statistics.gov.scot/graph/boundaries/data-zones-2011");
        assertThat(dataZones.quads()).isEqualTo(3L * 6976);
        assertThat(store.size(dataZones.graph())).isEqualTo(3L * 6976);
        // the geography graph is untouched: its own quads are still all there
        assertThat(Geography.fromStore(store, uris).count(AreaLevel.DATA_ZONE)).isEqualTo(6976);
    }

    /**
     * SOURCES.md names one invalid data zone, S01007549 (a ring touching itself; s2 says "Edge 68 has
     * duplicate vertex with edge 70"). JTS, which validates in the plane, also finds nine data zones
     * whose islands in a loch are written as holes inside holes ("Holes are nested"); all ten are
     * repaired and reported, each with its code and JTS's validation error.
     */
    @Test
    void theInvalidDataZonePolygonsOfTheSourceAreRepairedAndReported() throws Exception {
        assertThat(dataZones.warnings())
                .extracting(BoundaryProblem::code)
                .containsExactly(
                        "S01007307",
                        "S01007549",
                        "S01009022",
                        "S01010525",
                        "S01010528",
                        "S01010530",
                        "S01010655",
                        "S01010693",
                        "S01010811",
                        "S01010813");
        BoundaryProblem w = dataZones.warnings().get(1);
        assertThat(w.rule()).isEqualTo("repaired-polygon");
        assertThat(w.toString())
                .isEqualTo("boundaries_dz11.geojson:feature 1044 (code S01007549): invalid polygon repaired with JTS "
                        + "GeometryFixer (Ring Self-intersection at or near (-4.00775 54.996572))");
        assertThat(dataZones.warnings())
                .filteredOn(p -> !p.code().equals("S01007549"))
                .allSatisfy(p -> assertThat(p.message()).contains("(Holes are nested at or near ("));
        // what is stored for each is valid
        for (BoundaryProblem repaired : dataZones.warnings()) {
            Geometry stored = new WKTReader().read(wkt(repaired.code()));
            assertThat(stored.isValid()).as(repaired.code()).isTrue();
            assertThat(stored.getArea()).isGreaterThan(0);
        }
    }

    @Test
    void storedGeometriesAreGeoSparqlWktInLongitudeLatitude() throws Exception {
        Geometry culter = new WKTReader().read(wkt("S01006506"));
        assertThat(culter.getGeometryType()).isEqualTo("MultiPolygon");
        // Culter is west of Aberdeen: about 2.27 W, 57.09 N
        assertThat(culter.getCentroid().getX()).isBetween(-2.4, -2.2);
        assertThat(culter.getCentroid().getY()).isBetween(57.0, 57.2);
        Node literal = store.read(d -> d.find(
                        NodeFactory.createURI(dataZones.graph()),
                        NodeFactory.createURI(uris.geometry("S01006506")),
                        Geo.asWKT.asNode(),
                        Node.ANY)
                .next()
                .getObject());
        assertThat(literal.getLiteralDatatypeURI()).isEqualTo("http://www.opengis.net/ont/geosparql#wktLiteral");
        boolean linked = store.read(d -> d.contains(
                NodeFactory.createURI(dataZones.graph()),
                NodeFactory.createURI(uris.area("S01006506")),
                Geo.hasGeometry.asNode(),
                NodeFactory.createURI(uris.geometry("S01006506"))));
        assertThat(linked).isTrue();
    }

    @Test
    void intermediateZonesAndCouncilsLoadWithTheirCodePropertiesDetected() {
        BoundaryReport iz = loader.load(
                RealData.require("boundaries/boundaries_iz11.geojson"),
                AreaLevel.INTERMEDIATE_ZONE,
                null,
                geography,
                store);
        assertThat(iz.areas()).isEqualTo(1279);
        assertThat(iz.codeProperty()).isEqualTo("iz11_code");
        assertThat(iz.warnings())
                .hasSize(12)
                .allSatisfy(p -> assertThat(p.message()).contains("Holes are nested"));
        BoundaryReport councils = loader.load(
                RealData.require("boundaries/boundaries_ltla24_scotland.geojson"),
                AreaLevel.COUNCIL,
                null,
                geography,
                store);
        assertThat(councils.areas()).isEqualTo(32);
        assertThat(councils.codeProperty()).isEqualTo("ltla24_code");
        assertThat(councils.withoutBoundary()).isZero();
        assertThat(councils.warnings()).isEmpty();
        // each level has its own graph; loading one leaves the others
        assertThat(store.size(uris.boundaryGraph(AreaLevel.DATA_ZONE))).isEqualTo(3L * 6976);
        assertThat(store.size(uris.boundaryGraph(AreaLevel.INTERMEDIATE_ZONE))).isEqualTo(3L * 1279);
    }

    @Test
    void theDataZoneFileLoadedAsIntermediateZonesIsRefusedNamingTheCodes() {
        long before = store.version();
        assertThatThrownBy(() -> loader.load(
                        RealData.require("boundaries/boundaries_dz11.geojson"),
                        AreaLevel.INTERMEDIATE_ZONE,
                        null,
                        geography,
                        store))
                .isInstanceOfSatisfying(InvalidBoundariesException.class, e -> {
                    assertThat(e.problems()).hasSize(BoundaryLoader.DEFAULT_MAX_ERRORS);
                    assertThat(e.truncated()).isTrue();
                    assertThat(e.problems().get(0).toString())
                            .isEqualTo(
                                    "boundaries_dz11.geojson:feature 1 (code S01006506): "
                                            + "S01006506 is a Data Zone 2011 code (S01); this file is loaded as Intermediate Zones 2011 (S02)");
                });
        assertThat(store.version()).isEqualTo(before);
    }

    private String wkt(String code) {
        List<String> found = new ArrayList<>();
        store.read(d -> {
            d.find(
                            NodeFactory.createURI(dataZones.graph()),
                            NodeFactory.createURI(uris.geometry(code)),
                            Geo.asWKT.asNode(),
                            Node.ANY)
                    .forEachRemaining(q -> found.add(q.getObject().getLiteralLexicalForm()));
            return null;
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
