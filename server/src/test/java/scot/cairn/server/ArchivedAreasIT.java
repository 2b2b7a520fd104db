package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static scot.cairn.server.PublisherUnderTest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.cli.CliRun;
import scot.cairn.testsupport.RealData;

/**
 * Real files published under the council codes that were replaced in 2018 and 2019, as a
 * publisher would load them: the official lookup with the built-in code history, the council
 * boundaries, then the statistics.gov.scot recycling download exactly as published (S12000044
 * and S12000046 beside the 2018 codes of Fife and Perth and Kinross), with no skip flag; the SIMD
 * and NRS population files validate against the same geography. The running server then names,
 * dereferences, pages, profiles and maps the archived areas, keeping each one apart from the area
 * that replaced it (every 2018-2019 change moved a boundary) and saying so. Skipped when
 * {@code ../shared/data/real} is absent.
 */
class ArchivedAreasIT {

    static final String GEO = "http://statistics.gov.scot/id/statistical-geography/";
    static final Path DEFINITIONS = Path.of("../cube-definitions");

    static Path dataDir;
    static ConfigurableApplicationContext app;
    static int port;
    static CliRun geography;
    static List<CSVRecord> recycling;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void publishTheRealFilesAndStartTheServer() throws IOException {
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        Path councils = RealData.require("boundaries/boundaries_ltla24_scotland.geojson");
        Path recyclingFile = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(Files.newBufferedReader(recyclingFile))) {
            recycling = parser.getRecords();
        }
        dataDir = Path.of("target/archived-areas-it", UUID.randomUUID().toString())
                .toAbsolutePath();
        Path profiles = Files.createDirectories(dataDir.resolve("profiles"));
        Files.writeString(profiles.resolve("waste.yaml"), """
                name: waste
                title: Household waste
                indicators:
                  - id: recycled
                    label: Household waste recycled
                    type: value
                    better: higher
                    unit: "%"
                    value: {dataset: recycling, measure: ratio, dimensions: {wasteIndicator: waste-recycled}}
                """);
        String dir = dataDir.toString();
        org.apache.jena.sys.JenaSystem.init();

        geography = cli("load-geography", "--data-dir", dir, lookup.toString());
        cli("load-boundaries", "--data-dir", dir, "--level", "council-areas", councils.toString());
        cli("validate", "--data-dir", dir, DEFINITIONS.resolve("recycling.yaml").toString(), recyclingFile.toString());
        cli(
                "load",
                "--quiet",
                "--data-dir",
                dir,
                DEFINITIONS.resolve("recycling.yaml").toString(),
                recyclingFile.toString());

        app = PublisherUnderTest.start(dataDir, "--cairn.examples=false", "--cairn.profiles.dir=" + profiles);
        port = PublisherUnderTest.port(app);
    }

    @AfterAll
    static void stopAndDelete() throws IOException {
        PublisherUnderTest.stop(app, dataDir);
    }

    static HttpResponse<String> get(String path, String accept) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Accept", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String ok(String path, String accept) {
        HttpResponse<String> r = get(path, accept);
        assertThat(r.statusCode()).as("GET %s%n%s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The recycling file's value for an area, period and indicator. */
    static double value(String code, String period, String indicator) {
        return recycling.stream()
                .filter(r -> r.get("FeatureCode").equals(code)
                        && r.get("DateCode").equals(period)
                        && r.get(5).equals(indicator))
                .mapToDouble(r -> Double.parseDouble(r.get("Value")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void loadGeographyAddsTheTwelveArchivedCodesOfTheBuiltInHistory() {
        assertThat(geography.out())
                .contains("12 archived codes, with what replaced them, from built-in history of Scotland's "
                        + "2018-2019 code changes (12 changes)");
    }

    @Test
    void theRecyclingFileIsPublishedUnderTheCodesItUses() {
        String csv = ok("/sparql?query=" + enc("""
                SELECT ?code (COUNT(?o) AS ?n) WHERE { ?o <http://purl.org/linked-data/cube#dataSet> <http://statistics.gov.scot/data/recycling> ;
                  <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?a . ?a <http://publishmydata.com/def/ontology/foi/code> ?code
                  FILTER (?code IN ("S12000044", "S12000046", "S12000047", "S12000049")) } GROUP BY ?code ORDER BY ?code"""), "text/csv");
        assertThat(csv).isEqualTo("code,n\r\nS12000044,31\r\nS12000046,31\r\nS12000047,31\r\n");
    }

    @Test
    void theSimdAndPopulationFilesValidateAgainstTheSameGeography() {
        Path simd = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        Path population = RealData.require("population/population20_dz11.csv");
        // The server holds the store; the lookup file gives validate the same geography with its history.
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        CliRun s = cli(
                "validate",
                "--geography",
                lookup.toString(),
                DEFINITIONS.resolve("simd-2020-indicators.yaml").toString(),
                simd.toString());
        assertThat(s.out()).contains("valid, 237,184 observations");
        CliRun p = cli(
                "validate",
                "--geography",
                lookup.toString(),
                DEFINITIONS.resolve("population-estimates-2020.yaml").toString(),
                population.toString());
        assertThat(p.out()).contains("valid, 1,904,448 observations");
    }

    @Test
    void anArchivedCodeIsLabelledAndDereferencesWithItsStatusDatesAndSuccessor() {
        String label = ok(
                "/sparql?query="
                        + enc("SELECT ?l WHERE { <" + GEO
                                + "S12000046> <http://www.w3.org/2000/01/rdf-schema#label> ?l }"),
                "text/csv");
        assertThat(label).isEqualTo("l\r\nGlasgow City\r\n");
        String turtle = ok("/id/statistical-geography/S12000046", "application/n-triples");
        assertThat(turtle)
                .contains("<" + GEO
                        + "S12000046> <http://statistics.data.gov.uk/def/statistical-geography#status> \"Archive\"")
                .contains("<" + GEO + "S12000046> <http://statistics.data.gov.uk/def/boundary-change/terminateddate> "
                        + "<http://reference.data.gov.uk/id/day/2019-03-31>")
                .contains("<" + GEO + "S12000046> <http://purl.org/dc/terms/isReplacedBy> <" + GEO + "S12000049>")
                .contains("<" + GEO + "S12000046> <http://publishmydata.com/def/ontology/foi/within> <" + GEO
                        + "S08000021>");
        String html = ok("/id/statistical-geography/S12000046", "text/html");
        assertThat(html)
                .contains("<h1>Glasgow City (to 2019; boundary changed)</h1>")
                .contains(
                        "It was replaced by Glasgow City (S12000049), whose boundary is different, so figures published for this "
                                + "code are kept apart from theirs.")
                .contains("Household Waste and Recycling");
        assertThat(ok("/id/statistical-geography/S12000049", "application/n-triples"))
                .contains("<" + GEO + "S12000049> <http://purl.org/dc/terms/replaces> <" + GEO + "S12000046>");
    }

    @Test
    void pagesShowTheArchivedAreaWithItsHistoryAndTheDatasetsPublishedForIt() {
        String page = ok("/areas/S12000046", "text/html");
        assertThat(page)
                .contains("Glasgow City (to 2019; boundary changed)")
                .contains(
                        "This code was in force until 31 March 2019. On 1 April 2019 it was replaced by Glasgow City (S12000049), "
                                + "whose boundary is different, so the figures published for this code are kept apart from theirs.")
                .contains("href=\"/areas/S12000049\"")
                .contains("Household Waste and Recycling");
        assertThat(ok("/areas/S12000049", "text/html"))
                .contains("In force since 1 April 2019, when it replaced Glasgow City (S12000046).")
                .contains("Replaced <a href=\"/areas/S12000046\">Glasgow City (to 2019; boundary changed)</a>");
        assertThat(ok("/areas", "text/html"))
                .contains("Former areas")
                .contains("North Lanarkshire (to 2019; boundary changed)")
                .contains("Fife (to 2018; boundary changed)");
        assertThat(ok("/datasets/recycling", "text/html"))
                .contains("Glasgow City (to 2019; boundary changed)")
                .contains("North Lanarkshire (to 2019; boundary changed)");
    }

    @Test
    void anUnknownAreaIsA404ThatSaysNeitherACurrentNorAnArchivedCode() throws IOException {
        String said = "No area S12999999 in the loaded geography (neither a current nor an archived code)";
        HttpResponse<String> page = get("/areas/S12999999", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Page not found", said).doesNotContain("Whitelabel");
        HttpResponse<String> json = get("/areas/S12999999", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(json.body()).path("message").asText()).isEqualTo(said);
        // an archived code is an area: its page, not a 404
        assertThat(get("/areas/S12000046", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void theProfileOfAnArchivedAreaUsesItsPublishedFiguresAndItsSuccessorsDoesNot() throws IOException {
        JsonNode old = JSON.readTree(ok("/profiles/waste/areas/S12000046.json", "application/json"));
        assertThat(old.at("/area/name").asText()).isEqualTo("Glasgow City (to 2019; boundary changed)");
        assertThat(old.at("/rows/0/period").asText()).isEqualTo("2011/2012");
        assertThat(old.at("/rows/0/value/value").asDouble())
                .isEqualTo(value("S12000046", "2011/2012", "Waste Recycled"));
        // Kept apart: the area that replaced it has no figures of its own in this file.
        JsonNode now = JSON.readTree(ok("/profiles/waste/areas/S12000049.json", "application/json"));
        assertThat(now.at("/area/name").asText()).isEqualTo("Glasgow City");
        assertThat(now.at("/rows/0/value/value").isNull()
                        || now.at("/rows/0/value/value").isMissingNode())
                .isTrue();
        assertThat(ok("/profiles/waste/areas/S12000046.html", "text/html"))
                .contains("Glasgow City (to 2019; boundary changed)");
    }

    @Test
    void aMapListsTheArchivedAreasItCannotDrawWithTheirFigures() throws IOException {
        String query = "dataset=recycling&level=council-areas&period=" + enc("2009/2010")
                + "&measure=" + enc("http://statistics.gov.scot/def/measure-properties/ratio")
                + "&" + enc("http://statistics.gov.scot/def/dimension/wasteIndicator") + "="
                + enc("http://statistics.gov.scot/def/concept/waste-indicator/waste-recycled");
        JsonNode map = JSON.readTree(ok("/maps/choropleth.json?" + query, "application/json"));
        assertThat(map.get("areas").size()).isEqualTo(32);
        assertThat(map.at("/areas/S12000047/value").asDouble())
                .isEqualTo(value("S12000047", "2009/2010", "Waste Recycled"));
        assertThat(map.at("/areas/S12000049/status").asText()).isEqualTo("no-data");
        assertThat(map.get("notDrawn")).hasSize(2);
        assertThat(map.at("/notDrawn/1/code").asText()).isEqualTo("S12000046");
        assertThat(map.at("/notDrawn/1/name").asText()).isEqualTo("Glasgow City (to 2019; boundary changed)");
        assertThat(map.at("/notDrawn/1/value").asDouble()).isEqualTo(value("S12000046", "2009/2010", "Waste Recycled"));
        assertThat(map.at("/notDrawnNote").asText())
                .startsWith("Not drawn, because the area's boundary has changed since: "
                        + "North Lanarkshire (to 2019; boundary changed) (S12000044): ");
        assertThat(ok("/maps/choropleth.svg?" + query, "image/svg+xml")).contains("Not drawn, because the area");
    }
}
