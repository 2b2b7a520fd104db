package scot.cairn.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static scot.cairn.server.PublisherUnderTest.cli;
import static scot.cairn.server.compat.RealSources.BASE;
import static scot.cairn.server.compat.RealSources.GEOGRAPHY;
import static scot.cairn.server.compat.RealSources.MEASURE_TYPE;
import static scot.cairn.server.compat.RealSources.QB;
import static scot.cairn.server.compat.RealSources.REF_AREA;
import static scot.cairn.server.compat.RealSources.REF_PERIOD;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.server.PublisherUnderTest;
import scot.cairn.server.compat.RealSources.Observation;
import scot.cairn.testsupport.RealData;

/**
 * The running server answers the R client opendatascot, and other clients, as statistics.gov.scot
 * does. Real data are loaded once for the class through the command line a publisher uses (the
 * full 2011 geography; the SIMD 2020 indicators at data-zone level for the 319 data zones of two
 * councils; recycling and employment at council level), then the real app starts on port
 * 0. Each query shape opendatascot sends goes in exactly its request form (multipart/form-data
 * with a {@code query} part, {@code Accept: text/csv}); the CSV that comes back is checked
 * against values read independently from the source files, and its form (header, CR LF lines,
 * bare URI cells, numbers) against answers recorded from statistics.gov.scot.
 *
 * <p>The SIMD file is loaded for two councils rather than all 6,976 data zones (1.9 M triples,
 * 40 s or more to load on the shared build machine) to keep the class well under two minutes.
 */
class OpendatascotCompatibilityIT {

    /** The councils whose data zones are loaded from the SIMD file: Aberdeen City and Na h-Eileanan Siar. */
    static final Set<String> SIMD_COUNCILS = Set.of("S12000033", "S12000013");
    /** The endpoint's row limit in this class: above every answer here but one, which must be refused. */
    static final int MAX_ROWS = 2_000;

    static final Path DEFINITIONS = Path.of("../cube-definitions");
    static final String FIXTURES = "statistics_gov_scot/opendatascot_sparql_fixtures/";

    static Path dataDir;
    static ConfigurableApplicationContext app;
    static RClientHttp http;

    static List<CSVRecord> lookup;
    static Set<String> simdDataZones;
    static List<Observation> recycling;
    static List<Observation> employment;
    static List<Observation> simd;
    static Map<String, JsonNode> definitions = new LinkedHashMap<>();

    @BeforeAll
    static void loadRealDataThroughTheCliAndStartTheServer() throws IOException {
        Path lookupFile = RealData.require("geography/Datazone2011lookup.csv");
        Path simdFile = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        Path recyclingFile = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        Path employmentFile = RealData.require("rdf/table2qb_employment/csv/input.csv");
        RealData.require(FIXTURES + "sparql-8f1321-POST.csv");

        for (String slug : List.of("simd-2020-indicators", "recycling", "employment")) {
            definitions.put(slug, RealSources.definition(DEFINITIONS.resolve(slug + ".yaml")));
        }
        lookup = RealSources.read(lookupFile);
        simdDataZones = lookup.stream()
                .filter(r -> SIMD_COUNCILS.contains(r.get("LA_Code")))
                .map(r -> r.get("DZ2011_Code"))
                .collect(Collectors.toCollection(TreeSet::new));
        recycling = RealSources.recycling(recyclingFile);
        employment = RealSources.employment(employmentFile);
        simd = RealSources.simd(simdFile, simdDataZones, definitions.get("simd-2020-indicators"));

        dataDir = Path.of("target/compat-it-data", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Path simdSubset = dataDir.resolve("simd-two-councils.csv");
        writeRows(simdFile, simdSubset, r -> simdDataZones.contains(r.get("dz11_code")));

        org.apache.jena.sys.JenaSystem.init();
        String dir = dataDir.toString();
        cli("load-geography", "--data-dir", dir, lookupFile.toString());
        cli(
                "load",
                "--quiet",
                "--data-dir",
                dir,
                DEFINITIONS.resolve("simd-2020-indicators.yaml").toString(),
                simdSubset.toString());
        // Both council files use the pre-2019 codes of Glasgow and North Lanarkshire: the lookup's
        // built-in code history has them as archived areas, so the files load as published.
        cli(
                "load",
                "--quiet",
                "--data-dir",
                dir,
                DEFINITIONS.resolve("recycling.yaml").toString(),
                recyclingFile.toString());
        cli(
                "load",
                "--quiet",
                "--data-dir",
                dir,
                DEFINITIONS.resolve("employment.yaml").toString(),
                employmentFile.toString());

        app = PublisherUnderTest.start(dataDir, "--cairn.examples=false", "--cairn.sparql.max-rows=" + MAX_ROWS);
        http = new RClientHttp(PublisherUnderTest.port(app));
    }

    @AfterAll
    static void stopServerAndDeleteItsStore() throws IOException {
        PublisherUnderTest.stop(app, dataDir);
    }

    private static void writeRows(Path from, Path to, Predicate<CSVRecord> keep) throws IOException {
        List<CSVRecord> rows = RealSources.read(from);
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(to), CSVFormat.RFC4180)) {
            out.printRecord(rows.get(0).getParser().getHeaderNames());
            for (CSVRecord r : rows) {
                if (keep.test(r)) {
                    out.printRecord(r.toList());
                }
            }
        }
    }

    // ---- the client's requests ----

    /** A query file of src/test/resources/compat with its [placeholders] filled in. */
    static String queryFile(String name, String... placeholderValues) {
        try (InputStream in = OpendatascotCompatibilityIT.class.getResourceAsStream("/compat/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < placeholderValues.length; i += 2) {
                text = text.replace("[" + placeholderValues[i] + "]", placeholderValues[i + 1]);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs as opendatascot does and returns the CSV; fails with the body on any other answer. */
    static CsvAnswer ask(String query) {
        HttpResponse<String> r = http.postMultipart("/sparql", query);
        assertThat(r.statusCode())
                .as("status of %s%n-> %s", query, CsvAnswer.abbreviate(r.body()))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return CsvAnswer.parse(r.body());
    }

    /** The dimension URIs of a dataset as ods_schemes() reads them: qb:dimension rows of the structure, in answer order. */
    static List<String> dimensions(String slug) {
        CsvAnswer structure = ask(queryFile("schemes.rq", "dataset", slug));
        List<String> dims = new ArrayList<>();
        for (List<String> row : structure.rows()) {
            if (row.get(0).equals(QB + "dimension")) {
                dims.add(row.get(1));
            }
        }
        return dims;
    }

    /** ods_names(): the last segment of a URI after '/' or '#', without ( ) % -. */
    static String columnName(String dimensionUri) {
        String name =
                dimensionUri.substring(Math.max(dimensionUri.lastIndexOf('/'), dimensionUri.lastIndexOf('#')) + 1);
        return name.replaceAll("[()%-]", "");
    }

    /**
     * The observation query ods_print_query() generates: every dimension bound on {@code ?data},
     * {@code ?data ?measureType ?value}, an optional area-level filter, one regex filter per
     * argument (an OR chain for several values), ordered by period and area, on one line.
     */
    static String observationQuery(
            String slug, List<String> dimensions, String levelPrefix, Map<String, List<String>> filters) {
        List<String> names =
                dimensions.stream().map(OpendatascotCompatibilityIT::columnName).toList();
        StringBuilder q = new StringBuilder("PREFIX qb: <http://purl.org/linked-data/cube#>                 "
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>                 "
                + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> select   "
                + names.stream().map(n -> "?" + n).collect(Collectors.joining(" ")) + " ?value where {");
        q.append(" ?data qb:dataSet <")
                .append(BASE)
                .append("data/")
                .append(slug)
                .append(">.");
        for (int i = 0; i < dimensions.size(); i++) {
            q.append(" ?data <")
                    .append(dimensions.get(i))
                    .append("> ?")
                    .append(names.get(i))
                    .append(".");
        }
        q.append(" ?data ?measureType ?value.");
        if (levelPrefix != null) {
            q.append(" filter (strstarts(strafter(str(?refArea),'")
                    .append(GEOGRAPHY)
                    .append("'),'")
                    .append(levelPrefix)
                    .append("')).");
        }
        if (!filters.isEmpty()) {
            StringBuilder f = new StringBuilder();
            filters.forEach((name, values) -> f.append("filter (")
                    .append(values.stream()
                            .map(v -> "regex(str(?" + name + " ), '" + v + "$')")
                            .collect(Collectors.joining("||")))
                    .append(") "));
            q.append(" ").append(f);
        }
        q.append(" } order by ?refPeriod ?refArea");
        return q.toString();
    }

    // ---- checks of form, against statistics.gov.scot's recorded answers ----

    static String fixture(String name) {
        try {
            return Files.readString(RealData.require(FIXTURES + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same header as statistics.gov.scot's answer to the same query shape, and the same line form. */
    static void assertSameFormAs(String fixtureName, CsvAnswer ours) {
        String theirs = fixture(fixtureName);
        assertThat(CsvAnswer.crlfLines(theirs))
                .as("line form of the recorded %s", fixtureName)
                .isTrue();
        assertThat(CsvAnswer.crlfLines(ours.body()))
                .as("every line of our answer ends with CR LF")
                .isTrue();
        assertThat(ours.header()).isEqualTo(CsvAnswer.parse(theirs).header());
    }

    static final Pattern AREA_CELL = Pattern.compile("http://statistics\\.gov\\.scot/id/statistical-geography/S\\d{8}");
    static final Pattern PERIOD_CELL = Pattern.compile("http://reference\\.data\\.gov\\.uk/id/[a-z-]+/[0-9QT:/P-]+");
    static final Pattern MEASURE_CELL =
            Pattern.compile("http://statistics\\.gov\\.scot/def/measure-properties/[a-z-]+");
    /** A number readr reads as one: statistics.gov.scot writes doubles as 2.29E0, integers as 568. */
    static final Pattern NUMBER_CELL = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?");

    /**
     * An observation answer has the form of statistics.gov.scot's (recorded for average household
     * size by council, sparql-8f1321): a column per dimension and value last, URI cells bare
     * (no angle brackets, no quotes), values plain numbers. Each rule is checked on the recording
     * too, so it is one statistics.gov.scot's own answer keeps. (The order of the dimension
     * columns is the order of the rows of the structure answer, from which the client builds its
     * SELECT; SPARQL leaves that order open, so it is not checked.)
     */
    static void assertObservationForm(CsvAnswer ours) {
        for (CsvAnswer answer : List.of(CsvAnswer.parse(fixture("sparql-8f1321-POST.csv")), ours)) {
            assertThat(CsvAnswer.crlfLines(answer.body())).isTrue();
            assertThat(answer.header())
                    .contains("refArea", "refPeriod", "measureType")
                    .last()
                    .isEqualTo("value");
            assertThat(answer.column("refArea"))
                    .isNotEmpty()
                    .allMatch(c -> AREA_CELL.matcher(c).matches());
            assertThat(answer.column("refPeriod"))
                    .allMatch(c -> PERIOD_CELL.matcher(c).matches());
            assertThat(answer.column("measureType"))
                    .allMatch(c -> MEASURE_CELL.matcher(c).matches());
            assertThat(answer.column("value"))
                    .allMatch(c -> NUMBER_CELL.matcher(c).matches());
        }
        assertThat(ours.body()).doesNotContain("<http").doesNotContain("\"http");
    }

    /** The rows as the source says they should be, with numbers compared by value. */
    static void assertRows(CsvAnswer answer, List<Observation> expected) {
        List<String> dimensionColumns =
                answer.header().subList(0, answer.header().size() - 1);
        List<String> actual = answer.rows().stream()
                .map(r -> {
                    List<String> cells = new ArrayList<>(r.subList(0, r.size() - 1));
                    cells.add(RealSources.number(new BigDecimal(r.get(r.size() - 1))));
                    return String.join(",", cells);
                })
                .sorted()
                .toList();
        List<String> wanted =
                expected.stream().map(o -> o.key(dimensionColumns)).sorted().toList();
        assertThat(actual).hasSize(wanted.size()).isEqualTo(wanted);
    }

    /** ORDER BY ?refPeriod ?refArea: periods, then areas within a period, in ascending URI order. */
    static void assertOrderedByPeriodThenArea(CsvAnswer answer) {
        Comparator<List<String>> byPeriodThenArea = Comparator.<List<String>, String>comparing(
                        r -> r.get(answer.header().indexOf("refPeriod")))
                .thenComparing(r -> r.get(answer.header().indexOf("refArea")));
        assertThat(answer.rows()).isSortedAccordingTo(byPeriodThenArea);
    }

    static List<String> columnNames(List<String> dimensions) {
        List<String> names = new ArrayList<>(
                dimensions.stream().map(OpendatascotCompatibilityIT::columnName).toList());
        names.add("value");
        return names;
    }

    // ---- the query shapes ----

    @Test
    void catalogueListsEachDatasetWithItsNameAndPublisherOrderedByName() {
        CsvAnswer answer = ask(queryFile("all-datasets.rq"));

        assertSameFormAs("sparql-fd2e51-POST.csv", answer);
        List<List<String>> expected = definitions.entrySet().stream()
                .map(e -> List.of(
                        BASE + "data/" + e.getKey(),
                        e.getValue().get("title").asText(),
                        RealSources.publisherLabel(e.getValue())))
                .sorted(Comparator.comparing(row -> row.get(1)))
                .toList();
        assertThat(answer.rows()).isEqualTo(expected);
    }

    @Test
    void structureListsTheDimensionsMeasuresAndAttributesOfEachDataset() {
        Map<String, List<String>> otherDimensions = Map.of(
                "recycling", List.of(BASE + "def/dimension/wasteIndicator"),
                "employment", List.of(BASE + "def/dimension/gender"),
                "simd-2020-indicators", List.of(BASE + "def/dimension/simdIndicator"));
        for (var entry : definitions.entrySet()) {
            CsvAnswer answer = ask(queryFile("schemes.rq", "dataset", entry.getKey()));
            assertSameFormAs("sparql-49cf2c-POST.csv", answer);

            List<String> expectedDimensions = new ArrayList<>(List.of(REF_AREA, REF_PERIOD, MEASURE_TYPE));
            expectedDimensions.addAll(otherDimensions.get(entry.getKey()));
            Set<String> expectedMeasures = new TreeSet<>();
            entry.getValue()
                    .get("measures")
                    .forEach(m -> expectedMeasures.add(
                            RealSources.measure(m.get("measurement").asText())));

            assertThat(references(answer, QB + "dimension"))
                    .as(entry.getKey())
                    .containsExactlyInAnyOrderElementsOf(expectedDimensions);
            assertThat(references(answer, QB + "measure"))
                    .as(entry.getKey())
                    .containsExactlyInAnyOrderElementsOf(expectedMeasures);
            assertThat(references(answer, QB + "attribute"))
                    .as(entry.getKey())
                    .contains("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure");
            // As on statistics.gov.scot, every component specification says what it is.
            int components = references(answer, QB + "dimension").size()
                    + references(answer, QB + "measure").size()
                    + references(answer, QB + "attribute").size();
            assertThat(references(answer, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))
                    .hasSize(components)
                    .containsOnly(QB + "ComponentSpecification");
        }
    }

    private static List<String> references(CsvAnswer structure, String property) {
        return structure.rows().stream()
                .filter(r -> r.get(0).equals(property))
                .map(r -> r.get(1))
                .toList();
    }

    @Test
    void codesOfADimensionAsLabelsAndAsUris() {
        List<CSVRecord> source =
                RealSources.read(RealData.require("statistics_gov_scot/sg_training/recycling_data.csv"));
        String dim = BASE + "def/dimension/wasteIndicator";

        CsvAnswer labels = ask(queryFile("concepts.rq", "dataset", "recycling", "scheme", dim));
        CsvAnswer uris = ask(queryFile("concepts-raw.rq", "dataset", "recycling", "scheme", dim));
        assertSameFormAs("sparql-4cea46-POST.csv", labels);
        assertSameFormAs("sparql-4cea46-POST.csv", uris);
        Set<String> sourceLabels = source.stream().map(r -> r.get(5)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(sourceLabels).hasSize(4);
        assertThat(labels.column("concept")).containsExactlyInAnyOrderElementsOf(sourceLabels);
        assertThat(uris.column("concept"))
                .containsExactlyInAnyOrderElementsOf(sourceLabels.stream()
                        .map(l -> BASE + "def/concept/waste-indicator/" + RealSources.slug(l))
                        .toList());

        // Periods: the intervals as URIs (as statistics.gov.scot lists them, sparql-c275d0) and labelled as typed.
        CsvAnswer periods = ask(queryFile("concepts-raw.rq", "dataset", "recycling", "scheme", REF_PERIOD));
        CsvAnswer periodLabels = ask(queryFile("concepts.rq", "dataset", "recycling", "scheme", REF_PERIOD));
        Set<String> dateCodes =
                source.stream().map(r -> r.get("DateCode")).collect(Collectors.toCollection(TreeSet::new));
        assertSameFormAs("sparql-c275d0-POST.csv", periods);
        assertThat(periods.column("concept"))
                .containsExactlyInAnyOrderElementsOf(
                        dateCodes.stream().map(RealSources::periodUri).toList());
        assertThat(periodLabels.column("concept")).containsExactlyInAnyOrderElementsOf(dateCodes);

        // Areas: every code in the file, labelled with the lookup's official names; the two codes
        // replaced in 2019 are not in the lookup, and are labelled from the code history.
        Set<String> codes =
                source.stream().map(r -> r.get("FeatureCode")).collect(Collectors.toCollection(TreeSet::new));
        CsvAnswer areas = ask(queryFile("concepts-raw.rq", "dataset", "recycling", "scheme", REF_AREA));
        CsvAnswer areaLabels = ask(queryFile("concepts.rq", "dataset", "recycling", "scheme", REF_AREA));
        assertSameFormAs("sparql-294882-POST.csv", areas);
        assertThat(areas.column("concept"))
                .containsExactlyInAnyOrderElementsOf(
                        codes.stream().map(c -> GEOGRAPHY + c).toList());
        Map<String, String> names = officialNames();
        assertThat(codes.stream().filter(c -> !names.containsKey(c)))
                .containsExactlyInAnyOrder("S12000044", "S12000046");
        names.put("S12000044", "North Lanarkshire");
        names.put("S12000046", "Glasgow City");
        assertThat(areaLabels.column("concept"))
                .containsExactlyInAnyOrderElementsOf(
                        codes.stream().map(names::get).toList());

        CsvAnswer measures = ask(queryFile("concepts-raw.rq", "dataset", "recycling", "scheme", MEASURE_TYPE));
        assertSameFormAs("sparql-19edf8-POST.csv", measures);
        assertThat(measures.column("concept"))
                .containsExactlyInAnyOrder(
                        BASE + "def/measure-properties/count", BASE + "def/measure-properties/ratio");
    }

    @Test
    void archivedCouncilCodesKeepEveryRowWhenTheClientLabelsTheAnswer() {
        // ods_dataset("recycling", geography = "la", refPeriod = "2009-2010", wasteIndicator = "waste-recycled"),
        // labelled as the client labels it (ods_label_dataset): for each column but value, the
        // distinct URIs go into one VALUES query for their rdfs:label (ods_create_label_lookup),
        // and the labels are joined back into the rows, so a URI without a label loses its rows.
        List<String> dims = dimensions("recycling");
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("refPeriod", List.of("2009-2010"));
        filters.put("wasteIndicator", List.of("waste-recycled"));
        CsvAnswer answer = ask(observationQuery("recycling", dims, "S12", filters));
        assertThat(answer.rows()).hasSize(32);
        assertThat(answer.column("refArea"))
                .contains(GEOGRAPHY + "S12000044", GEOGRAPHY + "S12000046", GEOGRAPHY + "S12000047");

        List<List<String>> labelled = new ArrayList<>(answer.rows());
        for (String column : answer.header().subList(0, answer.header().size() - 1)) {
            Set<String> uris = new TreeSet<>(answer.column(column));
            CsvAnswer lookup = ask(labelLookupQuery(uris));
            assertThat(lookup.header()).containsExactly("uri", "labled_uri");
            Map<String, String> labels = new LinkedHashMap<>();
            lookup.rows().forEach(r -> labels.putIfAbsent(r.get(0), r.get(1)));
            int at = answer.header().indexOf(column);
            labelled = labelled.stream()
                    .filter(r -> labels.containsKey(r.get(at)))
                    .map(r -> {
                        List<String> copy = new ArrayList<>(r);
                        copy.set(at, labels.get(r.get(at)));
                        return copy;
                    })
                    .toList();
        }
        assertThat(labelled)
                .as("rows left after joining every column to its labels")
                .hasSize(32);
        int area = answer.header().indexOf("refArea");
        int value = answer.header().size() - 1;
        Map<String, String> byArea =
                labelled.stream().collect(Collectors.toMap(r -> r.get(area), r -> r.get(value), (a, b) -> a));
        assertThat(byArea).containsKeys("Glasgow City", "North Lanarkshire", "Fife", "Perth and Kinross");
        Observation glasgow = recycling.stream()
                .filter(o -> o.dimensions().get("refArea").equals(GEOGRAPHY + "S12000046")
                        && o.dimensions().get("refPeriod").endsWith("/2009-2010")
                        && o.dimensions().get("wasteIndicator").endsWith("/waste-recycled"))
                .findFirst()
                .orElseThrow();
        assertThat(RealSources.number(new BigDecimal(byArea.get("Glasgow City"))))
                .isEqualTo(RealSources.number(glasgow.value()));
        assertThat(labelled.stream()
                        .map(r -> r.get(answer.header().indexOf("refPeriod")))
                        .distinct())
                .containsExactly("2009/2010");
    }

    /** ods_create_label_lookup's query, newlines removed as the client removes them. */
    static String labelLookupQuery(Set<String> uris) {
        return ("PREFIX qb: <http://purl.org/linked-data/cube#>\n        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                        + "        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n\n    select ?uri ?labled_uri\n    where {\n"
                        + "      values ?uri{<" + String.join("> <", uris)
                        + ">\n    }\n    ?uri rdfs:label ?labled_uri.}")
                .replace("\n", "");
    }

    /** Council, country and data zone names from the lookup, by code. */
    private static Map<String, String> officialNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (CSVRecord r : lookup) {
            names.put(r.get("DZ2011_Code"), r.get("DZ2011_Name"));
            names.put(r.get("LA_Code"), r.get("LA_Name"));
            names.put(r.get("Country_Code"), r.get("Country_Name"));
        }
        return names;
    }

    @Test
    void metadataGraphCarriesTheDefinitionsTitleDescriptionDatesAndLicence() {
        JsonNode def = definitions.get("recycling");
        CsvAnswer answer = ask(queryFile("metadata.rq", "dataset", "recycling"));
        assertThat(answer.header()).containsExactly("metadata", "value");
        assertThat(CsvAnswer.crlfLines(answer.body())).isTrue();

        Map<String, List<String>> byProperty = answer.rows().stream()
                .collect(Collectors.groupingBy(
                        r -> r.get(0), LinkedHashMap::new, Collectors.mapping(r -> r.get(1), Collectors.toList())));
        String dcterms = "http://purl.org/dc/terms/";
        // The query asks for every subject of the graph, so the distributions' titles come too.
        assertThat(byProperty.get(dcterms + "title")).contains(def.get("title").asText());
        assertThat(byProperty.get(dcterms + "description"))
                .contains(def.get("description").asText());
        assertThat(byProperty.get(dcterms + "issued"))
                .contains(def.get("issued").asText());
        assertThat(byProperty.get("http://publishmydata.com/def/dataset#nextUpdateDue"))
                .contains(def.get("nextUpdateDue").asText());
        assertThat(byProperty.get("http://publishmydata.com/def/dataset#qualityNotes"))
                .contains(def.get("qualityNotes").asText());
        assertThat(byProperty.get(dcterms + "license"))
                .containsExactly("http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/");
        // A cell with commas is quoted, as RFC 4180 and readr expect.
        assertThat(def.get("description").asText()).contains(",");
        assertThat(answer.body()).contains("," + '"' + def.get("description").asText() + '"' + "\r\n");
    }

    @Test
    void councilLevelSliceOfOneIndicatorHasEverySourceValue() {
        // ods_dataset("recycling", geography = "la", wasteIndicator = "waste-recycled")
        List<String> dims = dimensions("recycling");
        CsvAnswer answer =
                ask(observationQuery("recycling", dims, "S12", Map.of("wasteIndicator", List.of("waste-recycled"))));

        assertThat(answer.header()).isEqualTo(columnNames(dims));
        assertObservationForm(answer);
        List<Observation> expected = recycling.stream()
                .filter(o -> o.dimensions().get("refArea").startsWith(GEOGRAPHY + "S12"))
                .filter(o -> o.dimensions().get("wasteIndicator").endsWith("/waste-recycled"))
                .toList();
        assertThat(expected).hasSize(256);
        assertRows(answer, expected);
        assertOrderedByPeriodThenArea(answer);
    }

    @Test
    void severalCodesOfOneDimensionAreAnOrChainOfRegexFilters() {
        // ods_dataset("recycling", wasteIndicator = c("waste-recycled", "waste-arisings-tonnes")): councils and
        // Scotland
        List<String> dims = dimensions("recycling");
        CsvAnswer answer = ask(observationQuery(
                "recycling", dims, null, Map.of("wasteIndicator", List.of("waste-recycled", "waste-arisings-tonnes"))));

        List<Observation> expected = recycling.stream()
                .filter(o -> o.dimensions().get("wasteIndicator").endsWith("/waste-recycled")
                        || o.dimensions().get("wasteIndicator").endsWith("/waste-arisings-tonnes"))
                .toList();
        assertThat(expected).hasSize(528);
        assertRows(answer, expected);
        assertThat(answer.column("refArea")).contains(GEOGRAPHY + "S92000003");
        assertOrderedByPeriodThenArea(answer);
    }

    @Test
    void filtersOnPeriodIndicatorAndLevelCombine() {
        // ods_dataset("recycling", geography = "la", refPeriod = "2009-2010", wasteIndicator = "waste-arisings-tonnes")
        List<String> dims = dimensions("recycling");
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put("refPeriod", List.of("2009-2010"));
        filters.put("wasteIndicator", List.of("waste-arisings-tonnes"));
        CsvAnswer answer = ask(observationQuery("recycling", dims, "S12", filters));

        List<Observation> expected = recycling.stream()
                .filter(o -> o.dimensions().get("refArea").startsWith(GEOGRAPHY + "S12"))
                .filter(o -> o.dimensions().get("refPeriod").endsWith("/government-year/2009-2010"))
                .filter(o -> o.dimensions().get("wasteIndicator").endsWith("/waste-arisings-tonnes"))
                .toList();
        assertThat(expected).hasSize(32);
        assertRows(answer, expected);
        assertOrderedByPeriodThenArea(answer);
    }

    @Test
    void aFilterOnTheMeasureTypeWhichIsAlsoThePredicateOfTheValue() {
        // ods_dataset("recycling", geography = "la", measureType = "ratio"): ?measureType is bound by
        // qb:measureType and used as the predicate of ?value in the same pattern.
        List<String> dims = dimensions("recycling");
        CsvAnswer answer = ask(observationQuery("recycling", dims, "S12", Map.of("measureType", List.of("ratio"))));

        List<Observation> expected = recycling.stream()
                .filter(o -> o.dimensions().get("refArea").startsWith(GEOGRAPHY + "S12"))
                .filter(o -> o.dimensions().get("measureType").endsWith("/ratio"))
                .toList();
        assertThat(expected).hasSize(256);
        assertRows(answer, expected);
        assertThat(answer.column("measureType")).containsOnly(BASE + "def/measure-properties/ratio");
    }

    @Test
    void aCodeFilterIsASuffixMatchSoMaleAlsoSelectsFemale() {
        // ods_dataset("employment", geography = "la", gender = "male"): regex 'male$' matches .../female too,
        // on statistics.gov.scot and here; the answer is what the query says, not what the user meant.
        List<String> dims = dimensions("employment");
        CsvAnswer answer = ask(observationQuery("employment", dims, "S12", Map.of("gender", List.of("male"))));

        assertObservationForm(answer);
        List<Observation> expected = employment.stream()
                .filter(o -> o.dimensions().get("gender").endsWith("male"))
                .toList();
        assertThat(expected).hasSize(256);
        assertRows(answer, expected);
        assertThat(answer.column("gender"))
                .containsOnly(BASE + "def/concept/gender/female", BASE + "def/concept/gender/male");
        // Integers, as declared for this cube, are written as statistics.gov.scot writes them (568, not 568.0).
        assertThat(answer.column("value")).allMatch(v -> v.matches("\\d+"));
        assertOrderedByPeriodThenArea(answer);
    }

    @Test
    void oneDataZoneHasEveryIndicatorThatIsNotSuppressed() {
        // ods_dataset("simd-2020-indicators", refArea = "S01006506")
        List<String> dims = dimensions("simd-2020-indicators");
        CsvAnswer answer =
                ask(observationQuery("simd-2020-indicators", dims, null, Map.of("refArea", List.of("S01006506"))));

        assertObservationForm(answer);
        List<Observation> expected = simd.stream()
                .filter(o -> o.dimensions().get("refArea").equals(GEOGRAPHY + "S01006506"))
                .toList();
        assertThat(expected).hasSizeBetween(20, 34);
        assertRows(answer, expected);
    }

    @Test
    void dataZoneLevelSliceOfOneIndicatorHasEveryDataZone() {
        // ods_dataset("simd-2020-indicators", geography = "dz", simdIndicator = "income-rate")
        List<String> dims = dimensions("simd-2020-indicators");
        CsvAnswer answer = ask(
                observationQuery("simd-2020-indicators", dims, "S01", Map.of("simdIndicator", List.of("income-rate"))));

        List<Observation> expected = simd.stream()
                .filter(o -> o.dimensions().get("simdIndicator").endsWith("/income-rate"))
                .toList();
        assertThat(expected).hasSizeGreaterThan(simdDataZones.size() - 10);
        assertRows(answer, expected);
        assertOrderedByPeriodThenArea(answer);
    }

    @Test
    void periodsLabelledAsTypedWhenTheQueryAsksForTheLabel() {
        // The conventions document's form of the observation query: the period through its rdfs:label.
        String query = """
                PREFIX qb: <http://purl.org/linked-data/cube#>
                PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
                SELECT ?refArea ?refPeriod ?measureType ?wasteIndicator ?value WHERE {
                  ?data qb:dataSet <http://statistics.gov.scot/data/recycling> ;
                        sdmx-dimension:refArea ?refArea ;
                        sdmx-dimension:refPeriod ?refPeriodURI .
                  ?refPeriodURI rdfs:label ?refPeriod .
                  ?data qb:measureType ?measureType ;
                        <http://statistics.gov.scot/def/dimension/wasteIndicator> ?wasteIndicator .
                  ?data ?measureType ?value .
                  FILTER(regex(str(?refArea), 'S12000033$'))
                } ORDER BY ?refPeriod ?wasteIndicator""";
        CsvAnswer answer = ask(query);

        List<CSVRecord> source =
                RealSources.read(RealData.require("statistics_gov_scot/sg_training/recycling_data.csv"));
        List<String> expected = source.stream()
                .filter(r -> r.get("FeatureCode").equals("S12000033"))
                .map(r -> String.join(
                        ",",
                        GEOGRAPHY + "S12000033",
                        r.get("DateCode"),
                        RealSources.measure(r.get("Measurement")),
                        BASE + "def/concept/waste-indicator/" + RealSources.slug(r.get(5)),
                        RealSources.number(new BigDecimal(r.get("Value")))))
                .sorted()
                .toList();
        assertThat(expected).hasSize(31); // 8 years x 4 indicators, but no landfill figure for 2011/2012
        List<String> actual = answer.rows().stream()
                .map(r -> String.join(
                        ",", r.get(0), r.get(1), r.get(2), r.get(3), RealSources.number(new BigDecimal(r.get(4)))))
                .sorted()
                .toList();
        assertThat(actual).isEqualTo(expected);
        assertThat(answer.column("refPeriod")).first().isEqualTo("2004/2005");
    }

    @Test
    void higherGeographiesOfADataZoneAreTheAreasContainingItThatHaveData() {
        // ods_find_higher_geographies("S01006506")
        CsvAnswer answer = ask(queryFile("higher-geographies.rq", "geography", "S01006506"));
        assertThat(answer.header()).containsExactly("geography", "description");
        assertThat(CsvAnswer.crlfLines(answer.body())).isTrue();

        CSVRecord row = lookup.stream()
                .filter(r -> r.get("DZ2011_Code").equals("S01006506"))
                .findFirst()
                .orElseThrow();
        Set<String> containing = new LinkedHashSet<>();
        row.toMap().forEach((column, value) -> {
            if (column.endsWith("_Code") && !column.equals("DZ2011_Code") && value.matches("S\\d{8}")) {
                containing.add(value);
            }
        });
        Set<String> withData = areasWithData();
        List<String> expected =
                containing.stream().filter(withData::contains).sorted().toList();
        assertThat(expected).containsExactly("S12000033", "S92000003");
        assertThat(answer.column("geography")).isEqualTo(expected);
        assertThat(answer.column("description"))
                .containsExactly(collectionLabel("council-areas"), collectionLabel("countries"));
    }

    @Test
    void lowerGeographiesOfACouncilAreItsDataZonesWithData() {
        // ods_find_lower_geographies("S12000033")
        CsvAnswer answer = ask(queryFile("lower-geographies.rq", "geography", "S12000033"));
        assertThat(answer.header()).containsExactly("geography", "description");

        List<String> expected = lookup.stream()
                .filter(r -> r.get("LA_Code").equals("S12000033"))
                .map(r -> r.get("DZ2011_Code"))
                .filter(areasWithData()::contains)
                .sorted()
                .toList();
        assertThat(expected).hasSize(283);
        assertThat(answer.column("geography")).isEqualTo(expected);
        assertThat(answer.column("description")).containsOnly(collectionLabel("data-zones-2011"));
    }

    /** Every area code some source file has an observation for. */
    private static Set<String> areasWithData() {
        Set<String> codes = new TreeSet<>();
        for (List<Observation> list : List.of(recycling, employment, simd)) {
            list.forEach(o -> codes.add(o.dimensions().get("refArea").substring(GEOGRAPHY.length())));
        }
        return codes;
    }

    /** The label of a geography collection ({base}def/foi/collection/{name}), as a client would look it up. */
    private static String collectionLabel(String name) {
        CsvAnswer a = ask("SELECT ?label WHERE { <" + BASE + "def/foi/collection/" + name
                + "> <http://www.w3.org/2000/01/rdf-schema#label> ?label }");
        assertThat(a.rows()).as("label of collection %s", name).hasSize(1);
        return a.rows().get(0).get(0);
    }

    // ---- the other request forms ----

    @Test
    void getFormAndCsvSuffixGiveTheSameCsvAsTheRClientsMultipartPost() {
        String query = observationQuery(
                "recycling", dimensions("recycling"), "S12", Map.of("wasteIndicator", List.of("waste-recycled")));
        String reference = ask(query).body();
        assertThat(CsvAnswer.parse(reference).rows()).hasSize(256);

        Map<String, HttpResponse<String>> forms = new LinkedHashMap<>();
        forms.put("GET /sparql?query= with Accept: text/csv", http.get("/sparql", query, "text/csv"));
        forms.put("GET /sparql.csv?query= without Accept", http.get("/sparql.csv", query, null));
        forms.put(
                "GET /sparql.csv?query= with a browser's Accept",
                http.get("/sparql.csv", query, "text/html,application/xhtml+xml,*/*;q=0.8"));
        forms.put("POST /sparql form-encoded with Accept: text/csv", http.postForm("/sparql", query, "text/csv"));
        forms.put("POST /sparql.csv form-encoded without Accept", http.postForm("/sparql.csv", query, null));
        forms.put("POST /sparql.csv multipart", http.postMultipart("/sparql.csv", query));
        forms.forEach((form, r) -> {
            assertThat(r.statusCode()).as(form).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(form)
                    .startsWith("text/csv");
            assertThat(r.body()).as(form).isEqualTo(reference);
        });
    }

    @Test
    void aWholeDatasetOverTheRowLimitGetsExactlyTheTextTheClientTestsFor() {
        // ods_dataset("simd-2020-indicators", geography = "dz"): 34 indicators for every data zone,
        // far over this server's row limit. opendatascot compares the whole body with "Response too large".
        String query = observationQuery("simd-2020-indicators", dimensions("simd-2020-indicators"), "S01", Map.of());
        assertThat(simd).hasSizeGreaterThan(MAX_ROWS);

        HttpResponse<String> r = http.postMultipart("/sparql", query);
        assertThat(r.body()).isEqualTo("Response too large");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }
}
