package scot.cairn.maps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Geo;
import scot.cairn.vocab.UriScheme;

/**
 * The boundaries in the store, one layer per level, read once per store version: every area of the
 * level's boundary graph ({@link UriScheme#boundaryGraph}) with its name and containing areas from
 * the published geography ({@link StoreGeography}), its geometry simplified for display, and the whole layer as gzip-compressed
 * GeoJSON built on first request. A publication (any change of {@link TripleStore#version()})
 * makes the next request re-read. Thread-safe.
 */
public final class MapLayers {

    /** Decimal places of the coordinates sent to browsers: 5 is about 1 m. */
    public static final int DISPLAY_DECIMALS = 5;

    /**
     * Douglas-Peucker tolerance (degrees) of JTS {@link TopologyPreservingSimplifier} applied to each
     * boundary before it is sent to browsers; 0 keeps every vertex. Rounding to 5 decimals alone
     * keeps the real 6,976 data zones at 1.4 MB gzip, under the 3 MB budget, so nothing more is
     * simplified (docs/BENCHMARKS.md, "Map boundaries").
     */
    public static final double DISPLAY_TOLERANCE = 0.0;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final PrecisionModel DISPLAY_PRECISION = new PrecisionModel(Math.pow(10, DISPLAY_DECIMALS));

    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;
    /** Distinguishes this process's ETags from another run's, whose store versions restart at 0. */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    private record Snapshot(long version, Map<AreaLevel, Layer> layers) {}

    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    private final double tolerance;

    /** @param geography the store's geography, shared with the application's other readers */
    public MapLayers(TripleStore store, UriScheme uris, StoreGeography geography) {
        this(store, uris, geography, DISPLAY_TOLERANCE);
    }

    /** With another simplification tolerance (degrees; 0 for none), for measuring payload sizes. */
    public MapLayers(TripleStore store, UriScheme uris, StoreGeography geography, double tolerance) {
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        this.store = store;
        this.uris = uris;
        this.geography = geography;
        this.tolerance = tolerance;
    }

    private final java.util.concurrent.atomic.AtomicBoolean warmUpPending =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Builds every loaded layer's GeoJSON now and again after each publication, on one background
     * thread, so the first browser to ask after a change does not wait for it (the 6,976 data zones
     * take a few seconds). Repeated changes while a build runs are coalesced.
     */
    public MapLayers warmUpInBackground() {
        store.onChange(this::scheduleWarmUp);
        scheduleWarmUp();
        return this;
    }

    private void scheduleWarmUp() {
        if (!warmUpPending.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    warmUpPending.set(false);
                    try {
                        for (AreaLevel l : loadedLevels()) {
                            layer(l).gzippedGeoJson();
                        }
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(MapLayers.class)
                                .warn("building the map layers failed: {}", e.toString());
                    }
                },
                "cairn-map-layers");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** One level's areas with boundaries, by code, and its GeoJSON. */
    public final class Layer {
        private final AreaLevel level;
        private final long version;
        private final Map<String, MapArea> areas;
        private final String attribution;
        private volatile byte[] gzippedGeoJson;

        Layer(AreaLevel level, long version, Map<String, MapArea> areas, String attribution) {
            this.level = level;
            this.version = version;
            this.areas = Collections.unmodifiableMap(areas);
            this.attribution = attribution;
        }

        /** The boundaries' attribution as loaded ({@code load-boundaries --attribution}), or null. */
        public String attribution() {
            return attribution;
        }

        public AreaLevel level() {
            return level;
        }

        /** The store version it was read at. */
        public long version() {
            return version;
        }

        /** Areas by code, in code order. */
        public Map<String, MapArea> areas() {
            return areas;
        }

        public boolean isEmpty() {
            return areas.isEmpty();
        }

        /** A strong ETag for this layer (optionally limited to areas within {@code within}). */
        public String etag(String within) {
            return "\"" + instance + "-" + version + "-" + level.prefix() + (within == null ? "" : "-" + within) + "\"";
        }

        /** The areas of this layer inside {@code code} (by {@code foi:within}), in code order. */
        public List<MapArea> within(String code) {
            return areas.values().stream()
                    .filter(a -> a.within().contains(code))
                    .toList();
        }

        /** The whole layer as a GeoJSON FeatureCollection, gzip-compressed; built once per store version. */
        public byte[] gzippedGeoJson() {
            byte[] g = gzippedGeoJson;
            if (g == null) {
                synchronized (this) {
                    g = gzippedGeoJson;
                    if (g == null) {
                        g = gzip(GeoJson.featureCollection(areas.values(), null, attribution));
                        gzippedGeoJson = g;
                    }
                }
            }
            return g;
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The layer of {@code level} at the store's current version (empty when no boundaries are loaded). */
    public Layer layer(AreaLevel level) {
        long version = store.version();
        Snapshot s = snapshot;
        if (s.version != version) {
            synchronized (this) {
                s = snapshot;
                if (s.version != version) {
                    s = new Snapshot(version, new java.util.concurrent.ConcurrentHashMap<>());
                    snapshot = s;
                }
            }
        }
        Snapshot current = s;
        return current.layers.computeIfAbsent(level, l -> read(l, current.version));
    }

    /** The area with a boundary that has this code, at its own level. */
    public Optional<MapArea> area(String code) {
        return AreaLevel.ofCode(code).map(l -> layer(l).areas().get(code));
    }

    /** The levels (smallest first) whose boundaries are loaded. */
    public List<AreaLevel> loadedLevels() {
        List<AreaLevel> out = new ArrayList<>();
        for (AreaLevel l : AreaLevel.values()) {
            if (!layer(l).isEmpty()) {
                out.add(l);
            }
        }
        out.sort(java.util.Comparator.comparingInt(AreaLevel::rank));
        return out;
    }

    private Layer read(AreaLevel level, long version) {
        Node graph = NodeFactory.createURI(uris.boundaryGraph(level));
        String areaPrefix = uris.area("");
        Map<String, String> wkt = new HashMap<>();
        String[] attribution = {null};
        store.read((DatasetGraph d) -> {
            var rights = d.find(graph, graph, Dcterms.rights.asNode(), Node.ANY);
            if (rights.hasNext()) {
                attribution[0] = rights.next().getObject().getLiteralLexicalForm();
            }
            d.find(graph, Node.ANY, Geo.hasGeometry.asNode(), Node.ANY).forEachRemaining(q -> {
                String area = q.getSubject().getURI();
                if (!area.startsWith(areaPrefix)) {
                    return;
                }
                String code = area.substring(areaPrefix.length());
                var literal = d.find(graph, q.getObject(), Geo.asWKT.asNode(), Node.ANY);
                if (literal.hasNext()) {
                    wkt.put(code, literal.next().getObject().getLiteralLexicalForm());
                }
            });
            return null;
        });
        Geography areas = geography.current();
        List<String> codes = new ArrayList<>(wkt.keySet());
        codes.sort(null);
        Map<String, MapArea> layer = new LinkedHashMap<>();
        WKTReader reader = new WKTReader(GEOMETRY);
        for (String code : codes) {
            Geometry boundary;
            try {
                boundary = reader.read(wkt.get(code));
            } catch (ParseException e) {
                throw new IllegalStateException("the stored boundary of " + code + " is not WKT: " + e.getMessage(), e);
            }
            Optional<Geography.Area> area = areas.area(code);
            List<String> within =
                    new ArrayList<>(area.map(Geography.Area::within).orElse(List.of()));
            within.sort(null);
            layer.put(
                    code,
                    new MapArea(
                            code,
                            area.map(Geography.Area::name).orElse(code),
                            level,
                            boundary,
                            display(boundary, tolerance),
                            boundary.getInteriorPoint(),
                            within));
        }
        return new Layer(level, version, layer, attribution[0]);
    }

    /** Simplified (topology kept) and snapped to the display precision. */
    static Geometry display(Geometry boundary, double tolerance) {
        Geometry g = tolerance > 0 ? TopologyPreservingSimplifier.simplify(boundary, tolerance) : boundary;
        Geometry reduced = GeometryPrecisionReducer.reduce(g, DISPLAY_PRECISION);
        return reduced.isEmpty() ? g : reduced;
    }
}
