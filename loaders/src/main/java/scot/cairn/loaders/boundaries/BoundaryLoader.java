package scot.cairn.loaders.boundaries;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDF;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import scot.cairn.geography.Geography;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublishTarget;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Geo;
import scot.cairn.vocab.UriScheme;

/**
 * Loads the boundaries of one level of the statistical geography from a GeoJSON
 * {@code FeatureCollection} (WGS84 longitude/latitude, as GeoJSON requires) into the level's own
 * named graph {@link UriScheme#boundaryGraph}, as GeoSPARQL geometries:
 * {@code <area> geo:hasGeometry <area/geometry>}, {@code <area/geometry> a geo:Geometry ; geo:asWKT
 * "MULTIPOLYGON (...)"^^geo:wktLiteral}.
 *
 * <p>Each feature's area code is read from one property ({@link #CODE_PROPERTIES} are tried in
 * order when none is given) and checked: it must be a code of the level and an area of the loaded
 * geography, and appear once. Its geometry must be a non-empty Polygon or MultiPolygon in
 * longitude/latitude. An invalid polygon (self-intersection, ...) is repaired with JTS
 * {@link GeometryFixer} and reported as a warning naming the code and JTS's validation error;
 * one that cannot be repaired into a non-empty polygon is an error. Every problem is reported as
 * {@code file:feature N (code X): message} ({@link BoundaryProblem}); with any error nothing is
 * written. Otherwise the level's graph is replaced in one atomic {@link PublishTarget#replaceGraphs}
 * call, so readers see the old boundaries or the new ones, and the geography graph is not touched.
 *
 * <p>Features are parsed one at a time from a stream (the file is not held as one JSON tree);
 * the checked geometries of the whole file are held in memory until they are written.
 * Instances are immutable and may be shared between threads.
 */
public final class BoundaryLoader {

    /** Code properties tried, in this order, when none is given: the real 2011 files' and a generic one. */
    public static final List<String> CODE_PROPERTIES = List.of("dz11_code", "iz11_code", "ltla24_code", "code");

    /** Errors collected before a load gives up, unless another limit is given. */
    public static final int DEFAULT_MAX_ERRORS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final UriScheme uris;
    private final int maxErrors;

    public BoundaryLoader(UriScheme uris) {
        this(uris, DEFAULT_MAX_ERRORS);
    }

    /** @param maxErrors problems to collect before giving up; at least 1 */
    /**
     * The same loader, recording {@code text} as the boundaries' attribution ({@code dcterms:rights}
     * of the level's boundary graph), which every map drawn from them shows; null or blank for none.
     */
    public BoundaryLoader withAttribution(String text) {
        BoundaryLoader copy = new BoundaryLoader(uris, maxErrors);
        copy.attribution = text == null || text.isBlank() ? null : text.strip();
        return copy;
    }

    private String attribution;

    public BoundaryLoader(UriScheme uris, int maxErrors) {
        this.uris = Objects.requireNonNull(uris, "uris must not be null");
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1");
        }
        this.maxErrors = maxErrors;
    }

    /** One checked boundary: the area's code and its (valid) geometry. */
    public record Boundary(String code, MultiPolygon geometry) {
        public Boundary {
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(geometry, "geometry must not be null");
        }
    }

    /**
     * A checked boundary file.
     *
     * @param areas           the boundaries, in file order
     * @param warnings        the repairs made
     * @param withoutBoundary areas of the level in the geography without a feature in the file
     */
    public record Boundaries(
            Path file,
            AreaLevel level,
            String codeProperty,
            List<Boundary> areas,
            List<BoundaryProblem> warnings,
            int withoutBoundary) {
        public Boundaries {
            areas = List.copyOf(areas);
            warnings = List.copyOf(warnings);
        }
    }

    /** The codes of one level in a geography: what {@link #read} checks codes against. */
    public static Set<String> codes(Geography geography, AreaLevel level) {
        return geography.areas(level).stream().map(Geography.Area::code).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Reads, checks and publishes {@code file} as the boundaries of {@code level}.
     *
     * @param codeProperty the feature property holding the area code, or null to detect it
     * @param geography    the loaded geography, which every code must belong to
     * @throws InvalidBoundariesException when the file is rejected; nothing is written
     * @throws scot.cairn.store.PublicationException when the target fails; it keeps its old content
     * @throws UncheckedIOException when the file cannot be read
     */
    public BoundaryReport load(
            Path file, AreaLevel level, String codeProperty, Geography geography, PublishTarget target) {
        return load(file, level, codeProperty, codes(geography, level), target);
    }

    /** As {@link #load(Path, AreaLevel, String, Geography, PublishTarget)}, checking codes against {@code knownCodes} (the level's areas). */
    public BoundaryReport load(
            Path file, AreaLevel level, String codeProperty, Set<String> knownCodes, PublishTarget target) {
        Objects.requireNonNull(target, "target must not be null");
        Boundaries boundaries = read(file, level, codeProperty, knownCodes);
        return publish(boundaries, target);
    }

    /** Publishes boundaries already read and checked, replacing the level's boundary graph. */
    public BoundaryReport publish(Boundaries boundaries, PublishTarget target) {
        String graph = uris.boundaryGraph(boundaries.level());
        long quads = target.replaceGraphs(new GraphReplacement(List.of(graph), sink -> {
            Node g = NodeFactory.createURI(graph);
            Node hasGeometry = Geo.hasGeometry.asNode();
            Node asWkt = Geo.asWKT.asNode();
            Node type = RDF.type.asNode();
            Node geometryClass = Geo.Geometry.asNode();
            var wktType = TypeMapper.getInstance().getSafeTypeByName(Geo.wktLiteral);
            WKTWriter wkt = new WKTWriter(2);
            if (attribution != null) {
                sink.add(g, g, Dcterms.rights.asNode(), NodeFactory.createLiteralString(attribution));
            }
            for (Boundary b : boundaries.areas()) {
                Node area = NodeFactory.createURI(uris.area(b.code()));
                Node geometry = NodeFactory.createURI(uris.geometry(b.code()));
                sink.add(g, area, hasGeometry, geometry);
                sink.add(g, geometry, type, geometryClass);
                sink.add(g, geometry, asWkt, NodeFactory.createLiteralDT(wkt.write(b.geometry()), wktType));
            }
        }));
        return new BoundaryReport(
                boundaries.file(),
                boundaries.level(),
                boundaries.codeProperty(),
                boundaries.areas().size(),
                boundaries.withoutBoundary(),
                boundaries.warnings(),
                graph,
                quads);
    }

    /**
     * Reads and checks {@code file} without publishing it.
     *
     * @param codeProperty the feature property holding the area code, or null to detect it
     * @param knownCodes   the codes of the level's areas in the loaded geography
     * @throws InvalidBoundariesException when the file is rejected
     */
    public Boundaries read(Path file, AreaLevel level, String codeProperty, Set<String> knownCodes) {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(level, "level must not be null");
        Objects.requireNonNull(knownCodes, "knownCodes must not be null");
        return new Reader(file, level, codeProperty, knownCodes).read();
    }

    /** Thrown inside the feature loop when the error limit is reached. */
    private static final class TooManyErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyErrors() {
            super(null, null, false, false);
        }
    }

    /** One pass over one file. */
    private final class Reader {
        private final Path path;
        private final String file;
        private final AreaLevel level;
        private final Set<String> known;
        private String codeProperty;
        private final List<BoundaryProblem> errors = new ArrayList<>();
        private final List<BoundaryProblem> warnings = new ArrayList<>();
        private final List<Boundary> areas = new ArrayList<>();
        private final Map<String, Integer> seen = new HashMap<>();
        private final GeoJsonReader geoJson = new GeoJsonReader(GEOMETRY);
        private boolean truncated;

        Reader(Path path, AreaLevel level, String codeProperty, Set<String> known) {
            this.path = path;
            this.file = path.getFileName() == null
                    ? path.toString()
                    : path.getFileName().toString();
            this.level = level;
            this.codeProperty = codeProperty == null || codeProperty.isBlank() ? null : codeProperty.strip();
            this.known = known;
        }

        Boundaries read() {
            if (!Files.isRegularFile(path)) {
                throw new UncheckedIOException(new IOException("cannot read " + path + ": no such file"));
            }
            String type = null;
            int features = 0;
            boolean sawFeatures = false;
            try (JsonParser p = JSON.getFactory().createParser(path.toFile())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw fileError(
                            "not-geojson",
                            "not a GeoJSON FeatureCollection: the file does not start with a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "type" -> type = p.getValueAsString();
                        case "crs" -> checkCrs(JSON.readTree(p));
                        case "features" -> {
                            sawFeatures = true;
                            if (value != JsonToken.START_ARRAY) {
                                throw fileError("not-geojson", "'features' is not an array");
                            }
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                feature(++features, JSON.readTree(p));
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                var at = e.getLocation();
                String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
                throw fileError("json-syntax", "not valid JSON" + where + ": " + e.getOriginalMessage());
            } catch (TooManyErrors e) {
                truncated = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
            if (errors.isEmpty()) {
                if ("Topology".equals(type)) {
                    throw fileError("not-geojson", "this is TopoJSON; convert it to a GeoJSON FeatureCollection first");
                }
                if (!"FeatureCollection".equals(type)) {
                    throw fileError(
                            "not-geojson",
                            "not a GeoJSON FeatureCollection (its \"type\" is "
                                    + (type == null ? "missing" : "'" + type + "'") + ")");
                }
                if (!sawFeatures || features == 0) {
                    throw fileError("no-features", "the FeatureCollection has no features");
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidBoundariesException(errors, truncated);
            }
            int without = (int) known.stream().filter(c -> !seen.containsKey(c)).count();
            return new Boundaries(path, level, codeProperty, areas, warnings, without);
        }

        private void checkCrs(JsonNode crs) {
            String name = crs.path("properties").path("name").asText("");
            if (!name.isEmpty() && !name.endsWith("CRS84") && !name.endsWith("4326")) {
                throw fileError(
                        "not-lon-lat",
                        "the file's crs is " + name + "; boundaries must be WGS84 longitude/latitude "
                                + "(urn:ogc:def:crs:OGC:1.3:CRS84 or EPSG:4326): reproject the file first");
            }
        }

        private void feature(int n, JsonNode feature) {
            JsonNode properties = feature.path("properties");
            if (codeProperty == null) {
                codeProperty = CODE_PROPERTIES.stream()
                        .filter(properties::has)
                        .findFirst()
                        .orElseThrow(() -> fileError(
                                "no-code-property",
                                "feature 1 has none of the code properties " + String.join(", ", CODE_PROPERTIES)
                                        + " (its properties: " + names(properties)
                                        + "); name the code property (--code-property)"));
            }
            String code = checkedCode(n, properties);
            if (code == null) {
                return;
            }
            Geometry geometry = checkedGeometry(n, code, feature.get("geometry"));
            if (geometry == null) {
                return;
            }
            geometry = repaired(n, code, geometry);
            if (geometry == null) {
                return;
            }
            areas.add(new Boundary(code, multi(geometry)));
        }

        /** The feature's area code, or null (after an error) when it is missing, of another level, unknown or seen before. */
        private String checkedCode(int n, JsonNode properties) {
            JsonNode codeNode = properties.get(codeProperty);
            if (codeNode == null
                    || codeNode.isNull()
                    || codeNode.isContainerNode()
                    || codeNode.asText().isBlank()) {
                error(
                        n,
                        null,
                        "missing-code",
                        "no '" + codeProperty + "' property (its properties: " + names(properties) + ")");
                return null;
            }
            String code = codeNode.asText().strip();
            AreaLevel actual = AreaLevel.ofCode(code).orElse(null);
            if (actual != level) {
                error(
                        n,
                        code,
                        "wrong-level",
                        code + " is "
                                + (actual == null
                                        ? "not a code of the 2011 statistical geography"
                                        : actual.labelWithArticle() + " code (" + actual.prefix() + ")")
                                + "; this file is loaded as "
                                + level.collectionLabel() + " (" + level.prefix() + ")");
                return null;
            }
            if (!known.contains(code)) {
                error(
                        n,
                        code,
                        "unknown-area",
                        code + " is not " + level.labelWithArticle() + " of the loaded geography");
                return null;
            }
            Integer first = seen.putIfAbsent(code, n);
            if (first != null) {
                error(n, code, "duplicate-area", code + " has a boundary already (feature " + first + ")");
                return null;
            }
            return code;
        }

        /** The feature's polygon or multipolygon in longitude/latitude, or null (after an error). */
        private Geometry checkedGeometry(int n, String code, JsonNode geometryNode) {
            if (geometryNode == null || geometryNode.isNull()) {
                error(n, code, "empty-geometry", "the feature has no geometry");
                return null;
            }
            Geometry geometry;
            try {
                geometry = geoJson.read(geometryNode.toString());
            } catch (ParseException | RuntimeException e) {
                error(n, code, "bad-geometry", "the geometry cannot be read: " + e.getMessage());
                return null;
            }
            if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
                error(
                        n,
                        code,
                        "not-polygon",
                        "the geometry is a " + geometry.getGeometryType()
                                + "; a boundary must be a Polygon or MultiPolygon");
                return null;
            }
            if (geometry.isEmpty()) {
                error(n, code, "empty-geometry", "the geometry is empty");
                return null;
            }
            Envelope e = geometry.getEnvelopeInternal();
            if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
                error(
                        n,
                        code,
                        "not-lon-lat",
                        "coordinates such as (" + e.getMinX() + ", " + e.getMinY()
                                + ") are not WGS84 longitude/latitude (British National Grid?): reproject the file to EPSG:4326 first");
                return null;
            }
            return geometry;
        }

        /** The geometry, repaired with JTS GeometryFixer (with a warning) when invalid; null (after an error) when it cannot be. */
        private Geometry repaired(int n, String code, Geometry geometry) {
            IsValidOp validity = new IsValidOp(geometry);
            if (!validity.isValid()) {
                String problem = describe(validity.getValidationError());
                Geometry fixed = polygonal(GeometryFixer.fix(geometry));
                if (fixed == null || fixed.isEmpty() || !fixed.isValid()) {
                    error(
                            n,
                            code,
                            "unrepairable-polygon",
                            "invalid polygon (" + problem + ") that JTS GeometryFixer cannot repair into a polygon");
                    return null;
                }
                warnings.add(new BoundaryProblem(
                        file,
                        n,
                        code,
                        "repaired-polygon",
                        "invalid polygon repaired with JTS GeometryFixer (" + problem + ")"));
                return fixed;
            }
            return geometry;
        }

        private static String describe(TopologyValidationError error) {
            var at = error.getCoordinate();
            return error.getMessage() + (at == null ? "" : " at or near (" + at.x + " " + at.y + ")");
        }

        /** The polygons of a repaired geometry (a fix may leave lines or points beside them), or null. */
        private static Geometry polygonal(Geometry g) {
            if (g instanceof Polygonal) {
                return g;
            }
            @SuppressWarnings("unchecked")
            List<Polygon> polygons = PolygonExtracter.getPolygons(g);
            return polygons.isEmpty() ? null : GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
        }

        private static MultiPolygon multi(Geometry g) {
            if (g instanceof MultiPolygon m) {
                return m;
            }
            return GEOMETRY.createMultiPolygon(new Polygon[] {(Polygon) g});
        }

        private static String names(JsonNode properties) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names.isEmpty() ? "none" : String.join(", ", names);
        }

        private InvalidBoundariesException fileError(String rule, String message) {
            errors.add(new BoundaryProblem(file, 0, null, rule, message));
            return new InvalidBoundariesException(errors, false);
        }

        private void error(int feature, String code, String rule, String message) {
            if (errors.size() >= maxErrors) {
                throw new TooManyErrors();
            }
            errors.add(new BoundaryProblem(file, feature, code, rule, message));
        }
    }
}
