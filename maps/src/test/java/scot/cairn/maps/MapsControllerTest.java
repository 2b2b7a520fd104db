package scot.cairn.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import scot.cairn.testsupport.MockMvcHttp;

/**
 * The map endpoints ({@link MapsController} and its layers in a {@code @WebMvcTest} slice; the
 * wiring over real HTTP is {@link MapsHttpIT}'s) on the bundled examples: boundaries per level with the
 * {@code within} filter, ETag and gzip; a choropleth whose breaks and classes are checked against
 * values computed here from the example CSV; suppressed and no-data areas; the SVG image; areas
 * within a drawn polygon; locator maps; and the errors in words.
 */
@WebMvcTest
@ContextConfiguration(classes = {MapsFixture.class, MapsConfiguration.class})
class MapsControllerTest {

    static final String COUNT = "http://statistics.gov.scot/def/measure-properties/count";
    static final String GENDER = "http://statistics.gov.scot/def/dimension/gender";
    static final String FEMALE = "http://statistics.gov.scot/def/concept/gender/female";
    static final List<String> CULTER =
            List.of("S01006506", "S01006507", "S01006508", "S01006509", "S01006510", "S01006511", "S01006512");

    @Autowired
    MockMvc mvc;

    final ObjectMapper json = new ObjectMapper();

    HttpResponse<byte[]> get(String path, String... headers) {
        return new MockMvcHttp(mvc).get(path, headers);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode featureCollection) {
        List<String> ids = new ArrayList<>();
        featureCollection.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    @Test
    void eachLevelsBoundariesComeAsGeoJsonWithOneFeaturePerArea() throws Exception {
        HttpResponse<byte[]> r = get("/maps/boundaries/data-zones-2011.geojson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/geo+json");
        JsonNode fc = json.readTree(r.body());
        assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.get("attribution").asText()).isEqualTo(MapsTestApplication.EXAMPLE_BOUNDARIES);
        assertThat(fc.get("features")).hasSize(21);
        JsonNode first = fc.get("features").get(0);
        assertThat(first.get("id").asText()).isEqualTo("S01006506");
        assertThat(first.at("/properties/code").asText()).isEqualTo("S01006506");
        assertThat(first.at("/properties/name").asText()).isEqualTo("Culter - 01");
        assertThat(first.at("/properties/level").asText()).isEqualTo("data-zones-2011");
        assertThat(first.at("/geometry/type").asText()).isIn("Polygon", "MultiPolygon");
        // coordinates rounded to 5 decimals
        String coordinates = first.at("/geometry/coordinates").toString();
        assertThat(coordinates).containsPattern("-2\\.\\d{1,5}[,\\]]").doesNotContainPattern("\\.\\d{6}");
        // the same layer by any name AreaLevel.parse accepts
        assertThat(json.readTree(get("/maps/boundaries/S01.geojson").body())).isEqualTo(fc);
        assertThat(json.readTree(get("/maps/boundaries/DATA_ZONE.geojson").body()))
                .isEqualTo(fc);
        assertThat(ids(json.readTree(get("/maps/boundaries/S02.geojson").body())))
                .containsExactly("S02001236", "S02001237", "S02001578", "S02001630");
        assertThat(ids(json.readTree(
                        get("/maps/boundaries/council-areas.geojson").body())))
                .containsExactly("S12000033", "S12000036");
    }

    @Test
    void withinLimitsTheLayerToTheAreasInsideAnArea() throws Exception {
        assertThat(ids(json.readTree(
                        get("/maps/boundaries/S01.geojson?within=S02001236").body())))
                .containsExactlyElementsOf(CULTER);
        assertThat(ids(json.readTree(
                        get("/maps/boundaries/S01.geojson?within=S12000036").body())))
                .containsExactly(
                        "S01008429",
                        "S01008430",
                        "S01008431",
                        "S01008432",
                        "S01008717",
                        "S01008718",
                        "S01008719",
                        "S01008720",
                        "S01008721");
        assertThat(ids(json.readTree(
                        get("/maps/boundaries/S02.geojson?within=S12000033").body())))
                .containsExactly("S02001236", "S02001237");
        HttpResponse<byte[]> unknown = get("/maps/boundaries/S01.geojson?within=S02999999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("Unknown area: S02999999\n");
    }

    @Test
    void theLayerIsGzippedWhenAskedAndRevalidatesByETag() throws Exception {
        HttpResponse<byte[]> plain = get("/maps/boundaries/S01.geojson");
        HttpResponse<byte[]> gz = get("/maps/boundaries/S01.geojson", "Accept-Encoding", "gzip");
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            inflated = in.readAllBytes();
        }
        assertThat(inflated).isEqualTo(plain.body());
        assertThat(gz.body().length).isLessThan(plain.body().length);
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(plain.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
        assertThat(gz.headers().firstValue("ETag")).contains(etag);
        HttpResponse<byte[]> again = get("/maps/boundaries/S01.geojson", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/maps/boundaries/S01.geojson?within=S02001236")
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow())
                .isNotEqualTo(etag);
    }

    @Test
    void unknownLevelsAndLevelsWithoutBoundariesAnswer404InWords() throws Exception {
        HttpResponse<byte[]> unknown = get("/maps/boundaries/parishes.geojson");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).startsWith("Unknown level: parishes (");
        HttpResponse<byte[]> none = get("/maps/boundaries/S13.geojson");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(text(none))
                .isEqualTo("No boundaries are loaded for Electoral Wards "
                        + "(load them with: cairn load-boundaries --level electoral-wards FILE.geojson)\n");
    }

    /** Female pupil counts in 2021 by data zone from the example CSV; null where suppressed ('*'). */
    static Map<String, Double> femaleCounts2021() throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(MapsTestApplication.EXAMPLES.resolve("datasets/free-school-meals.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[1].equals("2021") && f[2].equals("Count") && f[5].equals("Female")) {
                values.put(f[0], f[4].equals("*") ? null : Double.parseDouble(f[4]));
            }
        }
        return values;
    }

    @Test
    void aChoroplethClassesTheSliceByQuantilesAsComputedIndependently() throws Exception {
        HttpResponse<byte[]> r = get("/maps/choropleth.json?dataset=free-school-meals&level=S01&period=2021&measure="
                + q(COUNT) + "&" + q(GENDER) + "=" + q(FEMALE));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode c = json.readTree(r.body());
        assertThat(c.get("title").asText())
                .isEqualTo("Free School Meal Registrations (example): Count, Female, 2021 (Data Zones 2011)");
        assertThat(c.get("method").asText()).isEqualTo("quantiles");
        assertThat(c.get("periodLabel").asText()).isEqualTo("2021");
        assertThat(c.get("period").asText()).isEqualTo("http://reference.data.gov.uk/id/year/2021");
        assertThat(c.get("measureLabel").asText()).isEqualTo("Count");
        assertThat(c.get("unit").asText()).isEqualTo("Pupils");
        assertThat(c.get("licence").asText()).contains("Open Government Licence v3.0");
        assertThat(c.get("source").asText()).contains("Free School Meal Registrations (example)");
        assertThat(c.get("boundaries").asText()).isEqualTo("Boundaries: " + MapsTestApplication.EXAMPLE_BOUNDARIES);

        // Independently: R's default (type 7) quantiles at 0, 1/5, ..., 1 of the published numbers.
        Map<String, Double> csv = femaleCounts2021();
        double[] sorted = csv.values().stream()
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        assertThat(sorted).hasSize(18);
        double[] expected = new double[6];
        for (int i = 0; i <= 5; i++) {
            double h = (sorted.length - 1) * i / 5.0;
            int lo = (int) h;
            expected[i] = lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
        }
        // by hand: sorted 6,6,6,7,7,7,7,8,11,11,11,11,14,14,19,19,22,36; h = 3.4, 6.8, 10.2, 13.6
        assertThat(expected).containsExactly(new double[] {6, 7, 7.8, 11, 17, 36}, within(1e-9));
        List<Double> breaks = new ArrayList<>();
        c.get("breaks").forEach(b -> breaks.add(b.asDouble()));
        assertThat(breaks).containsExactly(6.0, 7.0, 7.8, 11.0, 17.0, 36.0);
        JsonNode classes = c.get("classes");
        assertThat(classes).hasSize(5);
        assertThat(classes.get(2).get("label").asText()).isEqualTo("7.8 to 11");
        assertThat(classes.get(2).get("from").asDouble()).isEqualTo(7.8);
        List<String> colours = new ArrayList<>();
        classes.forEach(k -> colours.add(k.get("colour").asText()));
        assertThat(colours).doesNotHaveDuplicates().allMatch(s -> s.matches("#[0-9a-f]{6}"));
        assertThat(c.at("/noData/pattern").asText()).isEqualTo("hatch");
        assertThat(c.at("/suppressed/pattern").asText()).isEqualTo("dots");
        assertThat(c.at("/suppressed/colour").asText())
                .isNotEqualTo(c.at("/noData/colour").asText())
                .isNotIn(colours);

        // every area of the level with a boundary, with its value and class (class i: breaks[i] <= v < breaks[i+1], the
        // last closed)
        JsonNode areas = c.get("areas");
        assertThat(areas.size()).isEqualTo(21);
        csv.forEach((code, v) -> {
            JsonNode a = areas.get(code);
            if (v == null) {
                assertThat(a.get("value").isNull()).as(code).isTrue();
                assertThat(a.get("status").asText()).as(code).isEqualTo("suppressed");
                assertThat(a.get("class").isNull()).as(code).isTrue();
            } else {
                int k = 0;
                while (k < 4 && v >= expected[k + 1]) {
                    k++;
                }
                assertThat(a.get("value").asDouble()).as(code).isEqualTo(v);
                assertThat(a.get("status").isNull()).as(code).isTrue();
                assertThat(a.get("class").asInt()).as(code).isEqualTo(k);
            }
        });
        assertThat(areas.get("S01006506").get("name").asText()).isEqualTo("Culter - 01");
        assertThat(areas.get("S01006507").get("class").asInt()).isEqualTo(4); // 36, the maximum
        assertThat(areas.get("S01006510").get("class").asInt()).isEqualTo(0); // 6, the minimum
        assertThat(csv.values()).filteredOn(v -> v == null).hasSize(3);
    }

    @Test
    void areasWithoutObservationsAreNoDataAndFewerDistinctValuesGiveFewerClasses() throws Exception {
        JsonNode iz = json.readTree(get("/maps/choropleth.json?dataset=free-school-meals&level=S02&period=2021&measure="
                        + q(COUNT) + "&" + q(GENDER) + "=" + q(FEMALE))
                .body());
        assertThat(iz.get("areas").size()).isEqualTo(4);
        iz.get("areas").forEach(a -> {
            assertThat(a.get("status").asText()).isEqualTo("no-data");
            assertThat(a.get("value").isNull()).isTrue();
        });
        assertThat(iz.get("classes")).isEmpty();
        // within one intermediate zone: Culter's 2021 female counts are *, 36, 22, 11, 6, 11, 14 (5 distinct)
        JsonNode culter = json.readTree(
                get("/maps/choropleth.json?dataset=free-school-meals&level=S01&period=2021&within=S02001236&measure="
                                + q(COUNT) + "&" + q(GENDER) + "=" + q(FEMALE))
                        .body());
        assertThat(culter.get("areas").size()).isEqualTo(7);
        assertThat(culter.get("areas").fieldNames()).toIterable().containsExactlyElementsOf(CULTER);
        // 6 values, 5 distinct: type 7 quantiles of 6,11,11,14,22,36 at 0, .2, .4, .6, .8, 1 = 6, 11, 11, 14, 22, 36 ->
        // 11 merged
        List<Double> breaks = new ArrayList<>();
        culter.get("breaks").forEach(b -> breaks.add(b.asDouble()));
        assertThat(breaks).containsExactly(6.0, 11.0, 14.0, 22.0, 36.0);
        assertThat(culter.get("classes")).hasSize(4);
    }

    @Test
    void aChoroplethNeedsOneValueOfEveryOtherDimensionAndAKnownDataset() throws Exception {
        HttpResponse<byte[]> noGender =
                get("/maps/choropleth.json?dataset=free-school-meals&level=S01&period=2021&measure=" + q(COUNT));
        assertThat(noGender.statusCode()).isEqualTo(400);
        assertThat(text(noGender))
                .startsWith("Choose a value of the dimension " + GENDER + " (Sex): it has 3 values in this slice");
        HttpResponse<byte[]> noMeasure = get(
                "/maps/choropleth.json?dataset=free-school-meals&level=S01&period=2021&" + q(GENDER) + "=" + q(FEMALE));
        assertThat(noMeasure.statusCode()).isEqualTo(400);
        assertThat(text(noMeasure)).startsWith("Choose a measure: measure={measure type URI}, one of [" + COUNT);
        HttpResponse<byte[]> unknown = get("/maps/choropleth.json?dataset=no-such-thing&level=S01");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("Unknown dataset: no-such-thing\n");
        HttpResponse<byte[]> badPeriod =
                get("/maps/choropleth.json?dataset=free-school-meals&level=S01&period=1999&measure=" + q(COUNT));
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(text(badPeriod))
                .startsWith("No observations of http://statistics.gov.scot/data/free-school-meals for the period 1999");
        HttpResponse<byte[]> nobody =
                get("/maps/choropleth.json?dataset=free-school-meals&level=S01&period=2021&measure=" + q(COUNT) + "&"
                        + q(GENDER) + "=" + q("http://statistics.gov.scot/def/concept/gender/nobody"));
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(text(nobody))
                .isEqualTo(
                        "No observations of http://statistics.gov.scot/data/free-school-meals match this slice (measure "
                                + COUNT + ", period 2021, " + GENDER
                                + " = http://statistics.gov.scot/def/concept/gender/nobody)\n");
        HttpResponse<byte[]> stray = get("/maps/choropleth.json?dataset=free-school-meals&level=S01&colour=red");
        assertThat(stray.statusCode()).isEqualTo(400);
        assertThat(text(stray)).startsWith("Unknown parameter: colour");
        // without a period: the latest
        JsonNode latest = json.readTree(get("/maps/choropleth.json?dataset=free-school-meals&level=S01&measure="
                        + q(COUNT) + "&" + q(GENDER) + "=" + q(FEMALE))
                .body());
        assertThat(latest.get("periodLabel").asText()).isEqualTo("2023");
    }

    @Test
    void theMapImageIsAStandaloneSvgWithTitleLegendSourceAndLicence() throws Exception {
        HttpResponse<byte[]> r = get("/maps/choropleth.svg?dataset=free-school-meals&level=S01&period=2021&measure="
                + q(COUNT) + "&" + q(GENDER) + "=" + q(FEMALE));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"free-school-meals-map.svg\"");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document svg = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(svg.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("Free School Meal Registrations (example): Count, Female, 2021 (Data Zones 2011)");
        assertThat(svg.getDocumentElement().getTextContent())
                .contains("Boundaries: " + MapsTestApplication.EXAMPLE_BOUNDARIES);
        NodeList paths = svg.getElementsByTagNameNS("*", "path");
        assertThat(paths.getLength()).isEqualTo(21);
        Map<String, String> fills = new HashMap<>();
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            fills.put(p.getAttribute("id"), p.getAttribute("fill"));
            assertThat(p.getAttribute("d")).startsWith("M").endsWith("Z");
        }
        assertThat(fills.get("area-S01006506")).isEqualTo("url(#dots)"); // suppressed
        assertThat(fills.get("area-S01006507")).isEqualTo("#440154"); // class 4
        Element legend = svg.getElementById("legend") != null ? svg.getElementById("legend") : byId(svg, "legend");
        String legendText = legend.getTextContent();
        assertThat(legendText)
                .contains("6 to 7", "7 to 7.8", "7.8 to 11", "11 to 17", "17 to 36", "No data", "Suppressed");
        String all = root.getTextContent();
        assertThat(all)
                .contains("Source: Cairn example publisher, Free School Meal Registrations (example)")
                .contains("Licence: Open Government Licence v3.0");
        assertThat(byId(svg, "hatch")).isNotNull();
        assertThat(byId(svg, "dots")).isNotNull();
    }

    @Test
    void theMapImageComesAsPngTooWithTheSvgsLayoutAndColours() throws Exception {
        String query = "dataset=free-school-meals&level=S01&period=2021&measure=" + q(COUNT) + "&" + q(GENDER) + "="
                + q(FEMALE);
        HttpResponse<byte[]> r = get("/maps/choropleth.png?" + query);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"free-school-meals-map.png\"");
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(new ByteArrayInputStream(r.body()));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document svg = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(
                        get("/maps/choropleth.svg?" + query).body()));
        assertThat(png.getWidth())
                .isEqualTo(Integer.parseInt(svg.getDocumentElement().getAttribute("width")));
        assertThat(png.getHeight())
                .isEqualTo(Integer.parseInt(svg.getDocumentElement().getAttribute("height")));
        // inside an area as the SVG draws it, the PNG has the area's fill
        assertThat(pixel(png, byId(svg, "area-S01006507"))).isEqualTo(0x440154); // class 4
        assertThat(pixel(png, byId(svg, "area-S01006510"))).isEqualTo(0xfde725); // class 0
        assertThat(pixel(png, byId(svg, "area-S01006506"))).isIn(0xbdbdbd, 0x252525); // suppressed: the dots pattern
    }

    /** The PNG's colour at the interior point of an SVG path (its M/L points as one ring). */
    private static int pixel(java.awt.image.BufferedImage png, Element path) {
        List<org.locationtech.jts.geom.Coordinate> ring = new ArrayList<>();
        for (String part : path.getAttribute("d").split("(?=[MLZ])")) {
            if (part.startsWith("M") || part.startsWith("L")) {
                String[] xy = part.substring(1).trim().split(" ");
                ring.add(
                        new org.locationtech.jts.geom.Coordinate(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
            }
        }
        ring.add(ring.get(0));
        var gf = new org.locationtech.jts.geom.GeometryFactory();
        var point = gf.createPolygon(ring.toArray(org.locationtech.jts.geom.Coordinate[]::new))
                .getInteriorPoint();
        return png.getRGB((int) Math.round(point.getX()), (int) Math.round(point.getY())) & 0xffffff;
    }

    private static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    @Test
    void areasWithinAPolygonAreThoseWhoseInteriorPointItHolds() throws Exception {
        // a lasso drawn just outside Culter (its boundary grown by about 100 m) holds Culter's 7 data zones and no
        // other
        JsonNode culter = json.readTree(
                        get("/maps/boundaries/S02.geojson?within=S12000033").body())
                .get("features")
                .get(0);
        assertThat(culter.get("id").asText()).isEqualTo("S02001236");
        Geometry lasso = new org.locationtech.jts.io.geojson.GeoJsonReader()
                .read(culter.get("geometry").toString())
                .buffer(0.001);
        GeoJsonWriter w = new GeoJsonWriter();
        w.setEncodeCRS(false);
        HttpResponse<byte[]> r =
                get("/maps/areas-within?level=data-zones-2011&polygon=" + q(w.write(lasso.convexHull())));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        List<String> codes = new ArrayList<>();
        json.readTree(r.body()).get("codes").forEach(c -> codes.add(c.asText()));
        assertThat(codes).containsExactlyElementsOf(CULTER);
        // a rectangle around both Edinburgh intermediate zones (the schematic council near 3.22 W, 55.93 N)
        String box =
                "{\"type\":\"Polygon\",\"coordinates\":[[[-3.5,55.8],[-3.0,55.8],[-3.0,56.1],[-3.5,56.1],[-3.5,55.8]]]}";
        List<String> edinburgh = new ArrayList<>();
        json.readTree(get("/maps/areas-within?level=S02&polygon=" + q(box)).body())
                .get("codes")
                .forEach(c -> edinburgh.add(c.asText()));
        assertThat(edinburgh).containsExactly("S02001578", "S02001630");
        // a polygon far away holds none
        String sea = "{\"type\":\"Polygon\",\"coordinates\":[[[-10,50],[-9,50],[-9,51],[-10,50]]]}";
        assertThat(json.readTree(get("/maps/areas-within?level=S01&polygon=" + q(sea))
                                .body())
                        .get("codes"))
                .isEmpty();
    }

    @Test
    void aBadPolygonIsRefusedNamingTheProblem() throws Exception {
        HttpResponse<byte[]> point =
                get("/maps/areas-within?level=S01&polygon=" + q("{\"type\":\"Point\",\"coordinates\":[-2.2,57.1]}"));
        assertThat(point.statusCode()).isEqualTo(400);
        assertThat(text(point)).isEqualTo("polygon must be a GeoJSON Polygon or MultiPolygon, not a Point\n");
        HttpResponse<byte[]> junk = get("/maps/areas-within?level=S01&polygon=" + q("{not json"));
        assertThat(junk.statusCode()).isEqualTo(400);
        assertThat(text(junk)).startsWith("polygon is not a GeoJSON geometry: ");
        HttpResponse<byte[]> missing = get("/maps/areas-within?level=S01");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(text(missing)).startsWith("Missing parameter: polygon");
        HttpResponse<byte[]> flat = get("/maps/areas-within?level=S01&polygon="
                + q("{\"type\":\"Polygon\",\"coordinates\":[[[-2,57],[-2.1,57],[-2,57]]]}"));
        assertThat(flat.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> grid = get(
                "/maps/areas-within?level=S01&polygon="
                        + q(
                                "{\"type\":\"Polygon\",\"coordinates\":[[[380000,800000],[390000,800000],[390000,810000],[380000,800000]]]}"));
        assertThat(grid.statusCode()).isEqualTo(400);
        assertThat(text(grid)).isEqualTo("polygon coordinates must be longitude, latitude (WGS84)\n");
        // a lasso that crosses itself is repaired, not refused
        String bowtie =
                "{\"type\":\"Polygon\",\"coordinates\":[[[-2.4,57.0],[-2.0,57.3],[-2.0,57.0],[-2.4,57.3],[-2.4,57.0]]]}";
        assertThat(get("/maps/areas-within?level=S01&polygon=" + q(bowtie)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLocatorMapHoldsTheAreaItsParentAndTheParentsOtherChildren() throws Exception {
        HttpResponse<byte[]> r = get("/maps/locator/S01006506.geojson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/geo+json");
        Map<String, String> roles = new LinkedHashMap<>();
        json.readTree(r.body())
                .get("features")
                .forEach(f ->
                        roles.put(f.get("id").asText(), f.at("/properties/role").asText()));
        assertThat(roles)
                .containsEntry("S01006506", "area")
                .containsEntry("S02001236", "parent")
                .hasSize(8);
        assertThat(roles.entrySet())
                .filteredOn(e -> e.getValue().equals("sibling"))
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrderElementsOf(CULTER.subList(1, 7));
        // an intermediate zone within its council; a council has no parent with a boundary
        Map<String, String> iz = new LinkedHashMap<>();
        json.readTree(get("/maps/locator/S02001578.geojson").body())
                .get("features")
                .forEach(f ->
                        iz.put(f.get("id").asText(), f.at("/properties/role").asText()));
        assertThat(iz)
                .containsExactly(
                        Map.entry("S12000036", "parent"),
                        Map.entry("S02001630", "sibling"),
                        Map.entry("S02001578", "area"));
        JsonNode council = json.readTree(get("/maps/locator/S12000033.geojson").body());
        assertThat(ids(council)).containsExactly("S12000033");
        assertThat(council.get("attribution").asText()).isEqualTo(MapsTestApplication.EXAMPLE_BOUNDARIES);
        HttpResponse<byte[]> none = get("/maps/locator/S01013481.geojson");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(text(none)).isEqualTo("No boundary is loaded for S01013481\n");
    }
}
