package scot.cairn.maps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Generates the SCHEMATIC example boundaries in {@code examples/data/boundaries/} for the bundled
 * example geography (21 data zones, 4 intermediate zones, 2 councils). They are not real
 * boundaries: each council is an ellipse near its real place; inside it every data zone is the
 * JTS Voronoi cell of an invented point (points of one intermediate zone clustered together, from
 * a fixed seed), clipped to the council; an intermediate zone is the JTS union of its data zones
 * and a council the union of its intermediate zones, so the three levels nest exactly.
 * Coordinates are rounded to 6 decimals (about 10 cm) before the unions, so shared edges stay shared.
 *
 * <p>Run {@code mvn -q -o -pl maps verify -Dtest=SchematicBoundariesTest -Dcairn.regenerate=true}
 * to rewrite the files; without the property, the test checks that the committed files are exactly
 * what this generator writes.
 */
final class SchematicBoundaries {

    static final Path EXAMPLES = Path.of("../examples/data");
    static final Path OUT = EXAMPLES.resolve("boundaries");

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final PrecisionModel MICRO_DEGREES = new PrecisionModel(1e6);

    /** Invented centres (lon, lat) and half-widths of the schematic councils, near the real ones. */
    private static final Map<String, double[]> COUNCILS = Map.of(
            "S12000033", new double[] {-2.20, 57.12, 0.11, 0.06},
            "S12000036", new double[] {-3.22, 55.93, 0.12, 0.06});

    private SchematicBoundaries() {}

    /** The three files' contents by level, as the generator writes them. */
    static Map<AreaLevel, String> generate() {
        Geography geography = new GeographyLoader(UriScheme.defaultScheme())
                .read(EXAMPLES.resolve("geography/example-lookup.csv"), null);
        Map<String, Geometry> shapes = new TreeMap<>();
        Random random = new Random(2011);
        for (Geography.Area council : geography.areas(AreaLevel.COUNCIL)) {
            double[] c = COUNCILS.get(council.code());
            Polygon outline = ellipse(c[0], c[1], c[2], c[3]);
            List<Geography.Area> zones = geography.areas(AreaLevel.INTERMEDIATE_ZONE).stream()
                    .filter(iz -> iz.within().contains(council.code()))
                    .toList();
            // Data zone sites: each intermediate zone's around its own centre along the council's long axis.
            Map<Coordinate, String> sites = new LinkedHashMap<>();
            for (int i = 0; i < zones.size(); i++) {
                double cx = c[0] + c[2] * ((i + 0.5) / zones.size() * 2 - 1) * 0.9;
                String zone = zones.get(i).code();
                List<String> dataZones = geography.dataZones(zone).stream()
                        .filter(dz -> !dz.equals(zone))
                        .toList();
                for (int k = 0; k < dataZones.size(); k++) {
                    double angle = 2 * Math.PI * k / dataZones.size() + random.nextDouble() * 0.5;
                    double r = (k == 0 ? 0 : 0.45 + random.nextDouble() * 0.35);
                    sites.put(
                            new Coordinate(
                                    cx + Math.cos(angle) * r * c[2] / zones.size(),
                                    c[1] + Math.sin(angle) * r * c[3] * 0.8),
                            dataZones.get(k));
                }
            }
            VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
            voronoi.setSites(sites.keySet());
            voronoi.setClipEnvelope(outline.getEnvelopeInternal());
            Geometry cells = voronoi.getDiagram(GEOMETRY);
            for (int i = 0; i < cells.getNumGeometries(); i++) {
                Geometry cell = cells.getGeometryN(i);
                String dz = sites.get((Coordinate) cell.getUserData());
                shapes.put(dz, GeometryPrecisionReducer.reduce(cell.intersection(outline), MICRO_DEGREES));
            }
            List<Geometry> zoneShapes = new ArrayList<>();
            for (Geography.Area iz : zones) {
                List<Geometry> parts = geography.dataZones(iz.code()).stream()
                        .filter(shapes::containsKey)
                        .map(shapes::get)
                        .toList();
                Geometry union = GeometryPrecisionReducer.reduce(UnaryUnionOp.union(parts), MICRO_DEGREES);
                shapes.put(iz.code(), union);
                zoneShapes.add(union);
            }
            shapes.put(council.code(), GeometryPrecisionReducer.reduce(UnaryUnionOp.union(zoneShapes), MICRO_DEGREES));
        }
        Map<AreaLevel, String> files = new LinkedHashMap<>();
        for (AreaLevel level : List.of(AreaLevel.DATA_ZONE, AreaLevel.INTERMEDIATE_ZONE, AreaLevel.COUNCIL)) {
            files.put(level, featureCollection(geography, level, shapes));
        }
        return files;
    }

    private static String featureCollection(Geography geography, AreaLevel level, Map<String, Geometry> shapes) {
        ObjectMapper json = new ObjectMapper();
        GeoJsonWriter writer = new GeoJsonWriter(6);
        writer.setEncodeCRS(false);
        ObjectNode root = json.createObjectNode();
        root.put("type", "FeatureCollection");
        root.put(
                "name",
                "Schematic " + level.collectionLabel() + " of the Cairn example geography (NOT real boundaries)");
        ArrayNode features = root.putArray("features");
        for (Geography.Area area : geography.areas(level)) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.putObject("properties").put("code", area.code()).put("name", area.name());
            try {
                f.set("geometry", json.readTree(writer.write(multi(shapes.get(area.code())))));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return json.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(root)
                            .replace("\r\n", "\n") + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MultiPolygon multi(Geometry g) {
        if (g instanceof MultiPolygon m) {
            return m;
        }
        if (g instanceof Polygon p) {
            return GEOMETRY.createMultiPolygon(new Polygon[] {p});
        }
        throw new IllegalStateException("not a polygon: " + g.getGeometryType());
    }

    private static Polygon ellipse(double lon, double lat, double rx, double ry) {
        int n = 36;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            ring[i] = new Coordinate(lon + rx * Math.cos(a), lat + ry * Math.sin(a));
        }
        ring[n] = ring[0];
        return (Polygon) GeometryPrecisionReducer.reduce(GEOMETRY.createPolygon(ring), MICRO_DEGREES);
    }

    static Path file(AreaLevel level) {
        return OUT.resolve(level.collectionName() + ".geojson");
    }

    static void write() throws IOException {
        Files.createDirectories(OUT);
        for (var e : generate().entrySet()) {
            Files.writeString(file(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
