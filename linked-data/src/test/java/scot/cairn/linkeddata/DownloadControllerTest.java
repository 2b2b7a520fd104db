package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.store.TripleStore;

/**
 * Downloads ({@link DownloadController} alone, in a {@code @WebMvcTest} slice) against the fixture. Expected CSV rows come from
 * {@code expected-*.csv}, written from the same plain specification as the fixture (not by this
 * code); row order follows the store's index, so rows are compared sorted.
 */
@WebMvcTest
@ContextConfiguration(classes = {LinkedDataFixture.class, DownloadController.class})
class DownloadControllerTest {
    private static final String B = LinkedDataTestApplication.BASE;
    private static final String WASTE = B + "data/household-waste";
    private static final String POPULATION = B + "data/population-estimates";
    private static final String REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea";
    private static final String REF_PERIOD = "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod";
    private static final String MEASURE_TYPE = "http://purl.org/linked-data/cube#measureType";
    private static final String GENDER = B + "def/dimension/gender";

    @Autowired
    MockMvc mvc;

    @Autowired
    TripleStore store;

    SliceHttp http() {
        return new SliceHttp(mvc);
    }

    @Test
    void wholeCubeCsvHasOneLabelledRowPerObservation() {
        for (String slug : List.of("household-waste", "population-estimates")) {
            HttpResponse<String> r = http().get("/downloads/cube-table?uri=" + Links.enc(B + "data/" + slug));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                    .isEqualTo("attachment; filename=\"" + slug + ".csv\"");
            List<String> expected = expected(slug);
            List<String> lines = lines(r.body());
            assertThat(lines.get(0)).isEqualTo(expected.get(0));
            assertThat(sortedRows(lines)).containsExactlyElementsOf(expected.subList(1, expected.size()));
        }
    }

    @Test
    void markerObservationsKeepTheirRowWithStatusAndNoValue() {
        List<String> lines = lines(
                http().get("/downloads/cube-table?uri=" + Links.enc(WASTE)).body());
        assertThat(lines).contains("S08000015,Ayrshire & Arran,2017,Count,Recycled,Tonnes,,Suppressed (confidential)");
    }

    @Test
    void sliceCsvFiltersByAreaAndOtherDimensions() {
        HttpResponse<String> r = http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION)
                + "&" + Links.enc(REF_AREA) + "=" + Links.enc(B + "id/statistical-geography/S01006507")
                + "&" + Links.enc(GENDER) + "=" + Links.enc(B + "def/concept/gender/female"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"population-estimates-slice.csv\"");
        List<String> expected = expected("population-estimates");
        List<String> lines = lines(r.body());
        assertThat(lines.get(0)).isEqualTo(expected.get(0));
        assertThat(sortedRows(lines))
                .containsExactlyElementsOf(rows(expected, l -> l.startsWith("S01006507,") && l.contains(",Female,")))
                .hasSize(2);
    }

    @Test
    void sliceCsvFiltersByPeriodAndMeasureTypeWithoutArea() {
        HttpResponse<String> r = http().get("/slice/observations.csv?dataset=" + Links.enc(WASTE)
                + "&" + Links.enc(REF_PERIOD) + "=" + Links.enc("http://reference.data.gov.uk/id/year/2017")
                + "&" + Links.enc(MEASURE_TYPE) + "=" + Links.enc(B + "def/measure-properties/count"));
        List<String> expected = expected("household-waste");
        assertThat(sortedRows(lines(r.body())))
                .containsExactlyElementsOf(rows(expected, l -> l.contains(",2017,Count,")))
                .hasSize(7);
    }

    @Test
    void sliceWithSeveralValuesOfOneDimensionReturnsTheirUnion() {
        String areas = Links.enc(REF_AREA);
        HttpResponse<String> r = http().get("/slice/observations.csv?dataset=" + Links.enc(WASTE)
                + "&" + areas + "=" + Links.enc(B + "id/statistical-geography/S12000008")
                + "&" + areas + "=" + Links.enc(B + "id/statistical-geography/S12000021"));
        assertThat(sortedRows(lines(r.body())))
                .containsExactlyElementsOf(rows(
                        expected("household-waste"), l -> l.startsWith("S12000008,") || l.startsWith("S12000021,")))
                .hasSize(8);
    }

    @Test
    void theDataZonesOfACouncilAreOneSliceByLevelAndWithin() {
        for (String within : List.of("S12000008", B + "id/statistical-geography/S12000008")) {
            HttpResponse<String> r = http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION)
                    + "&level=data-zones-2011&within=" + Links.enc(within) + "&" + Links.enc(GENDER) + "="
                    + Links.enc(B + "def/concept/gender/female"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(sortedRows(lines(r.body())))
                    .containsExactlyElementsOf(
                            rows(expected("population-estimates"), l -> l.startsWith("S01") && l.contains(",Female,")))
                    .isNotEmpty();
        }
        HttpResponse<String> izs =
                http().get("/slice/observations.json?dataset=" + Links.enc(POPULATION) + "&level=S02&within=S08000015");
        assertThat(izs.statusCode()).isEqualTo(200);
        assertThat(izs.body()).contains("S02001236").doesNotContain("S01006507");
        HttpResponse<String> none = http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION)
                + "&level=data-zones-2011&within=S12000021");
        assertThat(lines(none.body())).hasSize(1);
        HttpResponse<String> alone =
                http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION) + "&within=S12000008");
        assertThat(alone.statusCode()).isEqualTo(400);
        assertThat(alone.body()).contains("level and within go together");
        assertThat(http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION)
                                + "&level=parishes&within=S12000008")
                        .body())
                .startsWith("Unknown level: parishes");
    }

    @Test
    void unknownDatasetIs404WithPlainMessage() {
        String unknown = B + "data/no-such-dataset";
        for (String path : List.of(
                "/downloads/cube-table?uri=",
                "/slice/observations.csv?dataset=",
                "/slice/observations.json?dataset=",
                "/downloads/dataset.nt?uri=")) {
            HttpResponse<String> r = http().get(path + Links.enc(unknown));
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(r.body().strip()).isEqualTo("Unknown dataset: " + unknown);
        }
        // a minted URI that is not a dataset is not a dataset either
        assertThat(http().get("/downloads/cube-table?uri=" + Links.enc(B + "def/dimension/gender"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void badSliceParametersAre400WithTheReason() {
        HttpResponse<String> missing = http().get("/downloads/cube-table");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("Missing parameter: uri");
        HttpResponse<String> notDimension = http().get("/slice/observations.csv?dataset=" + Links.enc(WASTE) + "&"
                + Links.enc(GENDER) + "=" + Links.enc(B + "def/concept/gender/male"));
        assertThat(notDimension.statusCode()).isEqualTo(400);
        assertThat(notDimension.body()).startsWith("Not a dimension of " + WASTE + ": " + GENDER);
        HttpResponse<String> notUri =
                http().get("/slice/observations.csv?dataset=" + Links.enc(WASTE) + "&area=S12000008");
        assertThat(notUri.statusCode()).isEqualTo(400);
        assertThat(notUri.body()).startsWith("Unknown parameter: area");
    }

    @Test
    void wholeDatasetAsNTriplesIsTheDataAndMetadataGraphs() {
        HttpResponse<String> r = http().get("/downloads/dataset.nt?uri=" + Links.enc(POPULATION));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/n-triples");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"population-estimates.nt\"");
        Model m = LinkedDataIT.parse(r.body(), Lang.NTRIPLES);
        long expected =
                store.size(B + "graph/population-estimates") + store.size(B + "graph/population-estimates/metadata");
        assertThat(m.size()).isEqualTo(expected).isGreaterThan(30 * 8);
    }

    @Test
    void namedGraphDownloadStreamsOneGraph() {
        HttpResponse<String> r = http().get("/downloads/graph?uri=" + Links.enc(B + "graph/statistical-geography"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(LinkedDataIT.parse(r.body(), Lang.NTRIPLES).size())
                .isEqualTo(store.size(B + "graph/statistical-geography"));
        assertThat(http().get("/downloads/graph?uri=" + Links.enc(B + "graph/nothing"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void jsonStatOfWholeCubeIsConsistentAndMatchesTheCsv() throws IOException {
        HttpResponse<String> r = http().get("/slice/observations.json?dataset=" + Links.enc(POPULATION));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode js = new ObjectMapper().readTree(r.body());
        assertThat(js.get("version").asText()).isEqualTo("2.0");
        assertThat(js.get("class").asText()).isEqualTo("dataset");
        assertThat(js.get("label").asText()).isEqualTo("Population estimates");
        assertThat(texts(js.get("id"))).containsExactly("refArea", "refPeriod", "measureType", "gender");
        assertThat(ints(js.get("size"))).containsExactly(5, 2, 1, 3);
        assertConsistent(js);
        assertThat(js.get("role").get("geo").get(0).asText()).isEqualTo("refArea");
        assertThat(js.get("role").get("time").get(0).asText()).isEqualTo("refPeriod");
        assertThat(js.get("dimension").get("gender").get("label").asText()).isEqualTo("Gender");
        assertThat(js.get("dimension")
                        .get("refArea")
                        .get("category")
                        .get("label")
                        .get("S02001236")
                        .asText())
                .isEqualTo("Cumnock South");

        // every CSV row is the JSON-stat cell with the same categories
        JsonNode value = js.get("value");
        assertThat(value.size()).isEqualTo(30);
        List<String> rows = expected("population-estimates");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            long cell = cell(
                    js,
                    Map.of("refArea", f[0], "refPeriod", f[2], "measureType", "count", "gender", f[4].toLowerCase()));
            JsonNode v = value.get(Long.toString(cell));
            assertThat(v).as(row).isNotNull();
            if (f[6].isEmpty()) {
                assertThat(v.isNull()).isTrue();
                // a code of the shared status vocabulary, its label (the CSV's Status) under extension.status
                String status = js.get("status").get(Long.toString(cell)).asText();
                assertThat(status).isIn("suppressed", "not-available", "nil", "provisional", "estimated");
                assertThat(js.at("/extension/status/" + status).asText()).isEqualTo(f[7]);
            } else {
                assertThat(v.asLong()).as(row).isEqualTo(Long.parseLong(f[6]));
            }
        }
    }

    @Test
    void jsonStatCarriesTheUnitOfEachMeasureTypeOnItsMetricDimension() throws IOException {
        JsonNode js = new ObjectMapper()
                .readTree(http().get("/slice/observations.json?dataset=" + Links.enc(WASTE))
                        .body());
        assertThat(js.at("/role/metric").toString()).isEqualTo("[\"measureType\"]");
        // one unit per measure type: on the measure type's category, with the decimals its values have
        assertThat(js.at("/dimension/measureType/category/unit/count/label").asText())
                .isEqualTo("Tonnes");
        assertThat(js.at("/dimension/measureType/category/unit/count/decimals").asInt())
                .isZero();
        assertThat(js.has("extension")).isTrue();
    }

    @Test
    void sliceCsvTakesTheFormulasParameterBesideItsFilters() {
        HttpResponse<String> r = http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION)
                + "&formulas=keep&" + Links.enc(REF_AREA) + "=" + Links.enc(B + "id/statistical-geography/S01006507"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(lines(r.body()).get(0)).startsWith("FeatureCode,");
        HttpResponse<String> unknown =
                http().get("/slice/observations.csv?dataset=" + Links.enc(POPULATION) + "&colour=red");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("formulas=keep");
    }

    @Test
    void jsonStatOfASliceHasOnlyTheSliceCategories() throws IOException {
        HttpResponse<String> r = http().get("/slice/observations.json?dataset=" + Links.enc(WASTE) + "&"
                + Links.enc(REF_AREA) + "=" + Links.enc(B + "id/statistical-geography/S12000021"));
        JsonNode js = new ObjectMapper().readTree(r.body());
        assertThat(texts(js.get("id"))).containsExactly("refArea", "refPeriod", "measureType", "wasteCategory");
        assertThat(ints(js.get("size"))).containsExactly(1, 2, 1, 2);
        assertConsistent(js);
        long cell = cell(
                js,
                Map.of(
                        "refArea",
                        "S12000021",
                        "refPeriod",
                        "2017",
                        "measureType",
                        "count",
                        "wasteCategory",
                        "landfilled"));
        assertThat(js.get("value").get(Long.toString(cell)).asLong()).isEqualTo(2107);
        assertThat(js.get("value").size()).isEqualTo(4);
    }

    /** id, size and dimension agree; every value key is a cell inside the cube. */
    private static void assertConsistent(JsonNode js) {
        List<String> ids = texts(js.get("id"));
        List<Integer> sizes = ints(js.get("size"));
        assertThat(sizes).hasSameSizeAs(ids);
        long cells = 1;
        for (int i = 0; i < ids.size(); i++) {
            JsonNode category = js.get("dimension").get(ids.get(i)).get("category");
            assertThat(category.get("index").size()).isEqualTo(sizes.get(i));
            assertThat(category.get("label").size()).isEqualTo(sizes.get(i));
            List<Integer> positions = new ArrayList<>();
            category.get("index").forEach(n -> positions.add(n.asInt()));
            assertThat(positions).containsExactlyInAnyOrderElementsOf(range(sizes.get(i)));
            cells *= sizes.get(i);
        }
        for (Iterator<String> keys = js.get("value").fieldNames(); keys.hasNext(); ) {
            assertThat(Long.parseLong(keys.next())).isBetween(0L, cells - 1);
        }
    }

    private static long cell(JsonNode js, Map<String, String> categories) {
        List<String> ids = texts(js.get("id"));
        List<Integer> sizes = ints(js.get("size"));
        long cell = 0;
        for (int i = 0; i < ids.size(); i++) {
            JsonNode index = js.get("dimension")
                    .get(ids.get(i))
                    .get("category")
                    .get("index")
                    .get(categories.get(ids.get(i)));
            assertThat(index)
                    .as("category %s of %s", categories.get(ids.get(i)), ids.get(i))
                    .isNotNull();
            cell = cell * sizes.get(i) + index.asInt();
        }
        return cell;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    static List<String> expected(String slug) {
        try (InputStream in = DownloadControllerTest.class.getResourceAsStream("expected-" + slug + ".csv")) {
            return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> rows(List<String> expected, Predicate<String> keep) {
        return expected.subList(1, expected.size()).stream().filter(keep).toList();
    }

    static List<String> lines(String body) {
        assertThat(body).endsWith("\r\n");
        return List.of(body.split("\r\n"));
    }

    private static List<String> sortedRows(List<String> lines) {
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }
}
