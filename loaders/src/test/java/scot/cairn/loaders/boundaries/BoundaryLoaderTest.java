package scot.cairn.loaders.boundaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Bad boundary files against the bundled example geography: each is refused with an error naming
 * the file, the feature and its code, and nothing already published changes. The files are written
 * under target/boundary-tests.
 */
class BoundaryLoaderTest {

    static final Path DIR = Path.of("target/boundary-tests");
    static final String SQUARE =
            "{\"type\":\"Polygon\",\"coordinates\":[[[-2.3,57.1],[-2.2,57.1],[-2.2,57.2],[-2.3,57.2],[-2.3,57.1]]]}";

    final UriScheme uris = UriScheme.defaultScheme();
    final BoundaryLoader loader = new BoundaryLoader(uris);
    TripleStore store;
    Geography geography;

    @BeforeEach
    void exampleGeography() throws IOException {
        Files.createDirectories(DIR);
        store = TripleStore.inMemory();
        new GeographyLoader(uris).load(Path.of("../examples/data/geography/example-lookup.csv"), store);
        geography = Geography.fromStore(store, uris);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    static Path file(String name, String... features) throws IOException {
        Path f = DIR.resolve(name);
        Files.writeString(
                f,
                "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},"
                        + "\"features\":[" + String.join(",\n", features) + "]}",
                StandardCharsets.UTF_8);
        return f;
    }

    private InvalidBoundariesException refused(Path file, AreaLevel level, String codeProperty) {
        long before = store.version();
        long quadsBefore = store.size();
        try {
            loader.load(file, level, codeProperty, geography, store);
        } catch (InvalidBoundariesException e) {
            assertThat(store.version()).as("nothing written").isEqualTo(before);
            assertThat(store.size()).isEqualTo(quadsBefore);
            return e;
        }
        throw new AssertionError("the file was accepted");
    }

    /** The licence's attribution is kept with the boundaries (dcterms:rights of their graph) until the next load. */
    @Test
    void theAttributionIsRecordedOnTheLevelsGraph() throws IOException {
        Path good = file("attributed.geojson", feature("{\"code\":\"S01006506\"}", SQUARE));
        String graph = uris.boundaryGraph(AreaLevel.DATA_ZONE);
        BoundaryReport r = loader.withAttribution("  Copyright Scottish Government, contains OS data  ")
                .load(good, AreaLevel.DATA_ZONE, null, geography, store);
        assertThat(r.quads()).isEqualTo(4);
        assertThat(rights(graph)).containsExactly("Copyright Scottish Government, contains OS data");
        loader.load(good, AreaLevel.DATA_ZONE, null, geography, store);
        assertThat(rights(graph)).isEmpty();
    }

    private List<String> rights(String graph) {
        org.apache.jena.graph.Node g = org.apache.jena.graph.NodeFactory.createURI(graph);
        return store.read(d -> {
            List<String> out = new java.util.ArrayList<>();
            d.find(g, g, scot.cairn.vocab.Dcterms.rights.asNode(), org.apache.jena.graph.Node.ANY)
                    .forEachRemaining(q -> out.add(q.getObject().getLiteralLexicalForm()));
            return out;
        });
    }

    @Test
    void aGoodFileWritesThreeQuadsPerAreaIntoTheLevelsGraphAndAReloadReplacesThem() throws IOException {
        Path good = file(
                "good.geojson",
                feature("{\"code\":\"S01006506\"}", SQUARE),
                feature("{\"code\":\"S01006507\"}", SQUARE));
        BoundaryReport r = loader.load(good, AreaLevel.DATA_ZONE, null, geography, store);
        assertThat(r.areas()).isEqualTo(2);
        assertThat(r.codeProperty()).isEqualTo("code");
        assertThat(r.withoutBoundary()).isEqualTo(19);
        assertThat(r.quads()).isEqualTo(6);
        assertThat(r.summary())
                .startsWith(
                        "2 Data Zones 2011 boundaries (6 quads, codes from 'code') from good.geojson into "
                                + "http://statistics.gov.scot/graph/boundaries/data-zones-2011; 19 Data Zones 2011 of the geography have no boundary");
        Path one = file("one.geojson", feature("{\"code\":\"S01006508\"}", SQUARE));
        loader.load(one, AreaLevel.DATA_ZONE, null, geography, store);
        assertThat(store.size(uris.boundaryGraph(AreaLevel.DATA_ZONE))).isEqualTo(3);
        assertThat(geography.count(AreaLevel.DATA_ZONE))
                .isEqualTo(Geography.fromStore(store, uris).count(AreaLevel.DATA_ZONE));
    }

    @Test
    void aCodeThatIsNotInTheGeographyIsAnErrorNamingTheCode() throws IOException {
        loader.load(
                file("first.geojson", feature("{\"code\":\"S01006506\"}", SQUARE)),
                AreaLevel.DATA_ZONE,
                null,
                geography,
                store);
        Path bad = file(
                "unknown-code.geojson",
                feature("{\"code\":\"S01006506\"}", SQUARE),
                feature("{\"code\":\"S01013481\",\"name\":\"Not here\"}", SQUARE));
        InvalidBoundariesException e = refused(bad, AreaLevel.DATA_ZONE, null);
        assertThat(e.getMessage())
                .isEqualTo(
                        "unknown-code.geojson:feature 2 (code S01013481): S01013481 is not a Data Zone 2011 of the loaded geography");
        assertThat(e.problems().get(0).rule()).isEqualTo("unknown-area");
        // the boundaries published before are still there
        assertThat(store.size(uris.boundaryGraph(AreaLevel.DATA_ZONE))).isEqualTo(3);
    }

    @Test
    void aCodeOfAnotherLevelIsAnError() throws IOException {
        Path bad = file("wrong-level.geojson", feature("{\"code\":\"S02001236\"}", SQUARE));
        assertThat(refused(bad, AreaLevel.DATA_ZONE, null).getMessage())
                .isEqualTo(
                        "wrong-level.geojson:feature 1 (code S02001236): "
                                + "S02001236 is an Intermediate Zone 2011 code (S02); this file is loaded as Data Zones 2011 (S01)");
    }

    @Test
    void aFileWithoutAKnownCodePropertyAsksForOne() throws IOException {
        Path bad = file("no-code.geojson", feature("{\"DataZone\":\"S01006506\",\"Name\":\"Culter - 01\"}", SQUARE));
        assertThat(refused(bad, AreaLevel.DATA_ZONE, null).getMessage())
                .isEqualTo(
                        "no-code.geojson: feature 1 has none of the code "
                                + "properties dz11_code, iz11_code, ltla24_code, code (its properties: DataZone, Name); name the code property (--code-property)");
        // named, it loads
        assertThat(loader.load(bad, AreaLevel.DATA_ZONE, "DataZone", geography, store)
                        .areas())
                .isEqualTo(1);
    }

    @Test
    void aFeatureWithoutTheNamedCodePropertyIsAnError() throws IOException {
        Path bad = file(
                "missing-code.geojson",
                feature("{\"DataZone\":\"S01006506\"}", SQUARE),
                feature("{\"Name\":\"x\"}", SQUARE));
        assertThat(refused(bad, AreaLevel.DATA_ZONE, "DataZone").getMessage())
                .isEqualTo("missing-code.geojson:feature 2: no 'DataZone' property (its properties: Name)");
    }

    @Test
    void aSelfIntersectingPolygonIsRepairedAndReportedWithItsCode() throws IOException {
        String bowtie =
                "{\"type\":\"Polygon\",\"coordinates\":[[[-2.3,57.1],[-2.2,57.2],[-2.2,57.1],[-2.3,57.2],[-2.3,57.1]]]}";
        BoundaryReport r = loader.load(
                file("bowtie.geojson", feature("{\"code\":\"S01006509\"}", bowtie)),
                AreaLevel.DATA_ZONE,
                null,
                geography,
                store);
        assertThat(r.areas()).isEqualTo(1);
        assertThat(r.warnings())
                .extracting(BoundaryProblem::toString)
                .containsExactly(
                        "bowtie.geojson:feature 1 (code S01006509): "
                                + "invalid polygon repaired with JTS GeometryFixer (Self-intersection at or near (-2.25 57.15))");
    }

    @Test
    void emptyMissingAndNonPolygonGeometriesAreErrors() throws IOException {
        Path bad = file(
                "geometries.geojson",
                feature("{\"code\":\"S01006506\"}", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}"),
                feature("{\"code\":\"S01006507\"}", "null"),
                feature("{\"code\":\"S01006508\"}", "{\"type\":\"Point\",\"coordinates\":[-2.3,57.1]}"),
                feature(
                        "{\"code\":\"S01006509\"}",
                        "{\"type\":\"Polygon\",\"coordinates\":[[[300000,800000],[310000,800000],[310000,810000],[300000,800000]]]}"),
                feature("{\"code\":\"S01006509\"}", SQUARE));
        assertThat(refused(bad, AreaLevel.DATA_ZONE, null).getMessage().split("\n"))
                .containsExactly(
                        "geometries.geojson:feature 1 (code S01006506): the geometry is empty",
                        "geometries.geojson:feature 2 (code S01006507): the feature has no geometry",
                        "geometries.geojson:feature 3 (code S01006508): the geometry is a Point; a boundary must be a Polygon or MultiPolygon",
                        "geometries.geojson:feature 4 (code S01006509): coordinates such as (300000.0, 800000.0) are not WGS84 longitude/latitude "
                                + "(British National Grid?): reproject the file to EPSG:4326 first",
                        "geometries.geojson:feature 5 (code S01006509): S01006509 has a boundary already (feature 4)");
    }

    @Test
    void brokenJsonAndOtherFormatsAreNamed() throws IOException {
        Path broken = DIR.resolve("broken.geojson");
        Files.writeString(broken, "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",,}]}");
        assertThat(refused(broken, AreaLevel.DATA_ZONE, null).getMessage())
                .startsWith("broken.geojson: not valid JSON at line 2, column ");
        Path topo = DIR.resolve("topo.json");
        Files.writeString(topo, "{\"type\":\"Topology\",\"arcs\":[],\"objects\":{}}");
        assertThat(refused(topo, AreaLevel.COUNCIL, null).getMessage())
                .isEqualTo("topo.json: this is TopoJSON; convert it to a GeoJSON FeatureCollection first");
        Path bng = DIR.resolve("bng.geojson");
        Files.writeString(
                bng,
                "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[]}");
        assertThat(refused(bng, AreaLevel.COUNCIL, null).getMessage())
                .startsWith("bng.geojson: the file's crs is urn:ogc:def:crs:EPSG::27700;");
    }

    @Test
    void errorsStopAtTheLimit() throws IOException {
        String[] features = new String[5];
        for (int i = 0; i < features.length; i++) {
            features[i] = feature("{\"code\":\"S0199999" + i + "\"}", SQUARE);
        }
        Path bad = file("many.geojson", features);
        InvalidBoundariesException e = assertThrowsInvalid(
                () -> new BoundaryLoader(uris, 3).load(bad, AreaLevel.DATA_ZONE, null, geography, store));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).endsWith("\n(stopped after 3 errors)");
    }

    private static InvalidBoundariesException assertThrowsInvalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidBoundariesException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theGeographyIsRequired() {
        assertThatThrownBy(() -> loader.read(
                        DIR.resolve("nope.geojson"),
                        AreaLevel.DATA_ZONE,
                        null,
                        List.of("S01006506").stream().collect(java.util.stream.Collectors.toSet())))
                .hasMessageContaining("nope.geojson");
    }
}
