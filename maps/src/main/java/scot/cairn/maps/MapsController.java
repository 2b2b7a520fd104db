package scot.cairn.maps;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.JsonNumbers;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Maps over HTTP, all GET and read-only:
 * <ul>
 * <li>{@code /maps/boundaries/{level}.geojson[?within={code}]}: the level's boundaries as GeoJSON, gzip when asked, ETag per store version</li>
 * <li>{@code /maps/choropleth.json?dataset=&level=&period=&measure=&{dimension}={value}...}: values, classes and legend of one slice</li>
 * <li>{@code /maps/choropleth.svg?...}: the same as a standalone SVG image to download</li>
 * <li>{@code /maps/choropleth.png?...}: the same as a PNG image</li>
 * <li>{@code /maps/areas-within?level=&polygon={GeoJSON Polygon}}: codes of the areas whose interior point lies in the polygon</li>
 * <li>{@code /maps/locator/{code}.geojson}: the area, its parent one level up and the parent's other children</li>
 * </ul>
 * Errors are short plain text: 400 for a bad request, 404 for an unknown level, area or dataset or
 * a level without boundaries.
 */
@RestController
class MapsController {
    static final String GEOJSON = "application/geo+json";
    /** Numbers as every output writes them: a value of 579 is 579, never 579.0 ({@link JsonNumbers}). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(JsonNumbers.module());

    private static final int CHOROPLETH_CACHE = 32;

    private final MapLayers layers;
    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;

    private record ChoroplethKey(long version, String query) {}

    private final Map<ChoroplethKey, Choropleth.Result> choropleths = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChoroplethKey, Choropleth.Result> eldest) {
            return size() > CHOROPLETH_CACHE;
        }
    };

    MapsController(MapLayers layers, TripleStore store, UriScheme uris, StoreGeography geography) {
        this.layers = layers;
        this.store = store;
        this.uris = uris;
        this.geography = geography;
    }

    @GetMapping("/maps/boundaries/{level}.geojson")
    void boundaries(@PathVariable String level, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        handle(response, () -> {
            MapLayers.Layer layer = loadedLayer(level);
            String within = blankToNull(request.getParameter("within"));
            if (within != null) {
                within = within.strip();
                requireArea(within);
            }
            String etag = layer.etag(within);
            if (notModified(request, response, etag)) {
                return;
            }
            byte[] gzipped = within == null
                    ? layer.gzippedGeoJson()
                    : MapLayers.gzip(GeoJson.featureCollection(layer.within(within), null, layer.attribution()));
            sendGzipped(request, response, GEOJSON, gzipped);
        });
    }

    @GetMapping("/maps/choropleth.json")
    void choroplethJson(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(response, () -> {
            Choropleth.Result r = choropleth(request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", r.title());
            body.put("dataset", r.dataset());
            body.put("datasetTitle", r.datasetTitle());
            body.put("level", r.level().collectionName());
            body.put("period", r.period());
            body.put("periodLabel", r.periodLabel());
            body.put("measure", r.measure());
            body.put("measureLabel", r.measureLabel());
            body.put("unit", r.unit());
            body.put("method", "quantiles");
            body.put("breaks", java.util.Arrays.stream(r.breaks()).boxed().toList());
            List<Map<String, Object>> classes = new ArrayList<>();
            for (Choropleth.LegendClass c : r.classes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", c.index());
                m.put("from", c.from());
                m.put("to", c.to());
                m.put("colour", c.colour());
                m.put("pattern", c.pattern());
                m.put("label", c.label());
                classes.add(m);
            }
            body.put("classes", classes);
            body.put("noData", Map.of("colour", Choropleth.NO_DATA_COLOUR, "pattern", "hatch", "label", "No data"));
            body.put(
                    "suppressed",
                    Map.of("colour", Choropleth.SUPPRESSED_COLOUR, "pattern", "dots", "label", "Suppressed"));
            Map<String, Object> areas = new LinkedHashMap<>();
            for (Choropleth.AreaValue v : r.areas().values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", v.name());
                m.put("value", v.value());
                m.put("status", v.status());
                m.put("class", v.classIndex());
                areas.put(v.code(), m);
            }
            body.put("areas", areas);
            List<Map<String, Object>> apart = new ArrayList<>();
            for (Choropleth.AreaValue v : r.apart()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", v.code());
                m.put("name", v.name());
                m.put("value", v.value());
                m.put("status", v.status());
                apart.add(m);
            }
            body.put("notDrawn", apart);
            body.put("notDrawnNote", r.apartNote());
            body.put("source", r.source());
            body.put("licence", r.licence());
            body.put("boundaries", r.boundaries());
            send(response, 200, "application/json", JSON.writeValueAsBytes(body));
        });
    }

    @GetMapping("/maps/choropleth.svg")
    void choroplethSvg(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(response, () -> {
            Choropleth.Result r = choropleth(request);
            MapLayers.Layer layer = layers.layer(r.level());
            List<MapArea> drawn =
                    r.areas().keySet().stream().map(layer.areas()::get).toList();
            byte[] svg = ChoroplethSvg.render(r, drawn).getBytes(StandardCharsets.UTF_8);
            response.setHeader("Content-Disposition", "attachment; filename=\"" + r.dataset() + "-map.svg\"");
            send(response, 200, "image/svg+xml", svg);
        });
    }

    @GetMapping("/maps/choropleth.png")
    void choroplethPng(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(response, () -> {
            Choropleth.Result r = choropleth(request);
            MapLayers.Layer layer = layers.layer(r.level());
            List<MapArea> drawn =
                    r.areas().keySet().stream().map(layer.areas()::get).toList();
            byte[] png = ChoroplethPng.render(r, drawn);
            response.setHeader("Content-Disposition", "attachment; filename=\"" + r.dataset() + "-map.png\"");
            send(response, 200, "image/png", png);
        });
    }

    @GetMapping("/maps/areas-within")
    void areasWithin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(response, () -> {
            String levelText = request.getParameter("level");
            if (blankToNull(levelText) == null) {
                throw MapRequestException.badRequest("Missing parameter: level (e.g. data-zones-2011)");
            }
            MapLayers.Layer layer = loadedLayer(levelText);
            String polygonText = blankToNull(request.getParameter("polygon"));
            if (polygonText == null) {
                throw MapRequestException.badRequest(
                        "Missing parameter: polygon (a GeoJSON Polygon geometry in longitude/latitude)");
            }
            PreparedGeometry polygon = PreparedGeometryFactory.prepare(polygon(polygonText));
            List<String> codes = layer.areas().values().stream()
                    .filter(a -> polygon.contains(a.point()))
                    .map(MapArea::code)
                    .toList();
            send(response, 200, "application/json", JSON.writeValueAsBytes(Map.of("codes", codes)));
        });
    }

    @GetMapping("/maps/locator/{code}.geojson")
    void locator(@PathVariable String code, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        handle(response, () -> {
            String c = code.strip();
            AreaLevel level =
                    AreaLevel.ofCode(c).orElseThrow(() -> MapRequestException.notFound("Not an area code: " + c));
            MapLayers.Layer own = layers.layer(level);
            MapArea area = own.areas().get(c);
            if (area == null) {
                throw MapRequestException.notFound("No boundary is loaded for " + c);
            }
            MapArea parent = null;
            for (AreaLevel up : layers.loadedLevels()) {
                if (up.rank() <= level.rank()) {
                    continue;
                }
                for (String p : area.within()) {
                    MapArea candidate = layers.layer(up).areas().get(p);
                    if (candidate != null) {
                        parent = candidate;
                        break;
                    }
                }
                if (parent != null) {
                    break;
                }
            }
            String etag = own.etag("locator-" + c);
            if (notModified(request, response, etag)) {
                return;
            }
            List<MapArea> features = new ArrayList<>();
            Map<String, String> roles = new TreeMap<>();
            if (parent != null) {
                features.add(parent);
                roles.put(parent.code(), "parent");
                for (MapArea sibling : own.within(parent.code())) {
                    if (!sibling.code().equals(c)) {
                        features.add(sibling);
                        roles.put(sibling.code(), "sibling");
                    }
                }
            }
            features.add(area);
            roles.put(c, "area");
            sendGzipped(
                    request,
                    response,
                    GEOJSON,
                    MapLayers.gzip(GeoJson.featureCollection(features, a -> roles.get(a.code()), own.attribution())));
        });
    }

    // ---- helpers

    private Choropleth.Result choropleth(HttpServletRequest request) {
        String levelText = blankToNull(request.getParameter("level"));
        if (levelText == null) {
            throw MapRequestException.badRequest("Missing parameter: level (e.g. data-zones-2011)");
        }
        MapLayers.Layer layer = loadedLayer(levelText);
        Map<String, String> dimensions = new TreeMap<>();
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            String name = p.getKey();
            if (List.of("dataset", "level", "period", "measure", "within").contains(name)) {
                continue;
            }
            if (!absolute(name)) {
                throw MapRequestException.badRequest("Unknown parameter: " + name
                        + " (expected dataset, level, period, measure, within and {dimension URI}={value URI} pairs)");
            }
            if (p.getValue().length != 1 || !absolute(p.getValue()[0])) {
                throw MapRequestException.badRequest("Give one value URI for the dimension " + name);
            }
            dimensions.put(name, p.getValue()[0]);
        }
        String within = blankToNull(request.getParameter("within"));
        if (within != null) {
            requireArea(within.strip());
        }
        Choropleth.Request req = new Choropleth.Request(
                request.getParameter("dataset"),
                layer.level(),
                blankToNull(request.getParameter("period")),
                blankToNull(request.getParameter("measure")),
                dimensions,
                within == null ? null : within.strip());
        ChoroplethKey key = new ChoroplethKey(layer.version(), req.toString());
        synchronized (choropleths) {
            Choropleth.Result hit = choropleths.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Choropleth.Result result = store.read(d -> Choropleth.compute(d, uris, layer, geography.current(), req));
        synchronized (choropleths) {
            choropleths.put(key, result);
        }
        return result;
    }

    private MapLayers.Layer loadedLayer(String levelText) {
        AreaLevel level = AreaLevel.parse(levelText)
                .orElseThrow(
                        () -> MapRequestException.notFound(
                                "Unknown level: " + levelText
                                        + " (use a code prefix such as S01, a collection name such as data-zones-2011, or a name such as DATA_ZONE)"));
        MapLayers.Layer layer = layers.layer(level);
        if (layer.isEmpty()) {
            throw MapRequestException.notFound("No boundaries are loaded for " + level.collectionLabel()
                    + " (load them with: cairn load-boundaries --level " + level.collectionName() + " FILE.geojson)");
        }
        return layer;
    }

    private void requireArea(String code) {
        if (!geography.current().contains(code)) {
            throw MapRequestException.notFound("Unknown area: " + code);
        }
    }

    /** The lasso: a GeoJSON Polygon or MultiPolygon in lon/lat; a self-intersecting outline is repaired. */
    static Geometry polygon(String text) {
        Geometry g;
        try {
            g = new GeoJsonReader().read(text);
        } catch (ParseException | RuntimeException e) {
            throw MapRequestException.badRequest("polygon is not a GeoJSON geometry: " + e.getMessage());
        }
        if (!(g instanceof Polygon || g instanceof MultiPolygon)) {
            throw MapRequestException.badRequest(
                    "polygon must be a GeoJSON Polygon or MultiPolygon, not a " + g.getGeometryType());
        }
        var e = g.getEnvelopeInternal();
        if (!g.isEmpty() && (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90)) {
            throw MapRequestException.badRequest("polygon coordinates must be longitude, latitude (WGS84)");
        }
        Geometry fixed = g.isValid() ? g : GeometryFixer.fix(g);
        if (fixed.isEmpty() || fixed.getArea() == 0) {
            throw MapRequestException.badRequest(
                    "polygon is empty (it needs at least three distinct points around an area)");
        }
        return fixed;
    }

    private static boolean notModified(HttpServletRequest request, HttpServletResponse response, String etag) {
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "public, no-cache");
        response.setHeader("Vary", "Accept-Encoding");
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.contains(etag))) {
            response.setStatus(304);
            return true;
        }
        return false;
    }

    private static void sendGzipped(
            HttpServletRequest request, HttpServletResponse response, String type, byte[] gzipped) throws IOException {
        String accept = request.getHeader("Accept-Encoding");
        response.setHeader("Vary", "Accept-Encoding");
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
            response.setHeader("Content-Encoding", "gzip");
            send(response, 200, type, gzipped);
            return;
        }
        response.setStatus(200);
        response.setContentType(type);
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped), 1 << 16)) {
            in.transferTo(response.getOutputStream());
        }
    }

    private static void send(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        OutputStream os = response.getOutputStream();
        os.write(body);
        os.flush();
    }

    @FunctionalInterface
    private interface Body {
        void run() throws IOException;
    }

    private static void handle(HttpServletResponse response, Body body) throws IOException {
        try {
            body.run();
        } catch (MapRequestException e) {
            response.reset();
            send(
                    response,
                    e.status(),
                    "text/plain;charset=utf-8",
                    (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean absolute(String s) {
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("urn:");
    }
}
