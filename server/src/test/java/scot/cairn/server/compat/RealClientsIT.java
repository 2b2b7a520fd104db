package scot.cairn.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.server.Cairn;
import scot.cairn.server.PublisherApplication;
import scot.cairn.server.compat.RealSources.Observation;
import scot.cairn.testsupport.Folders;
import scot.cairn.testsupport.RealData;

/**
 * The real Python and JavaScript clients of statistics.gov.scot against a server loaded with real
 * files through the command line: SPARQLWrapper (SELECT as JSON and as CSV), rdflib (an area's
 * Turtle, a dataset's N-Triples download and a DESCRIBE) and jsonstat-toolkit (the JSON-stat of a
 * slice), the scripts of {@code examples/clients}, each run as a process. Their answers are checked
 * against values read from the source files here, never from the server.
 *
 * <p>Loaded: the official 2011 geography with its built-in code history, the recycling file as
 * published (with the archived council codes), and the SIMD 2020v2 indicators and NRS population
 * 2020 by single year of age for the 36 data zones of Na h-Eileanan Siar (the whole files, 237,184
 * and 1.9 M observations, take minutes to load on the shared build machine; the whole store is
 * what {@code LargeStoreStartBenchmark} builds, and the same scripts were run against it by hand,
 * docs/endpoint.md). The clients are installed by {@code examples/clients/install.sh}
 * (Debian's python3-sparqlwrapper and python3-rdflib, jsonstat-toolkit from npm into target/);
 * when that cannot be done, or {@code ../shared} is absent, the class is skipped with the reason.
 */
class RealClientsIT {

    static final String COUNCIL = "S12000013";
    static final Path CLIENTS = Path.of("../examples/clients").toAbsolutePath().normalize();
    static final Path DEFINITIONS = Path.of("../cube-definitions");
    static final String PYTHON = "/usr/bin/python3";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path dataDir;
    static Path clientsDir;
    static ConfigurableApplicationContext app;
    static String base;

    static List<CSVRecord> lookup;
    static Set<String> dataZones;
    static List<Observation> recycling;
    static List<CSVRecord> simdRows;
    static List<CSVRecord> populationRows;

    @BeforeAll
    static void installClientsLoadRealFilesAndStart() throws Exception {
        Path lookupFile = RealData.require("geography/Datazone2011lookup.csv");
        Path recyclingFile = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        Path simdFile = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        Path populationFile = RealData.require("population/population20_dz11.csv");
        clientsDir = Path.of("target/clients").toAbsolutePath();
        installClients();

        lookup = RealSources.read(lookupFile);
        dataZones = lookup.stream()
                .filter(r -> r.get("LA_Code").equals(COUNCIL))
                .map(r -> r.get("DZ2011_Code"))
                .collect(Collectors.toCollection(TreeSet::new));
        recycling = RealSources.recycling(recyclingFile);
        simdRows = rowsOf(simdFile, "dz11_code");
        populationRows = rowsOf(populationFile, "dz11_code");

        dataDir =
                Path.of("target/real-clients-it", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Path simdSubset = writeRows(simdFile, dataDir.resolve("simd-one-council.csv"), simdRows);
        Path populationSubset =
                writeRows(populationFile, dataDir.resolve("population-one-council.csv"), populationRows);

        org.apache.jena.sys.JenaSystem.init();
        String dir = dataDir.toString();
        cli("load-geography", "--data-dir", dir, lookupFile.toString());
        load(dir, "recycling", recyclingFile);
        load(dir, "simd-2020-indicators", simdSubset);
        load(dir, "population-estimates-2020", populationSubset);

        app = PublisherApplication.start(
                "--server.port=0", "--cairn.data-dir=" + dir, "--cairn.fuseki.port=0", "--cairn.examples=false");
        base = "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Runs the project's install script; skips the class with its reason when it fails. */
    private static void installClients() throws Exception {
        Process p = new ProcessBuilder("sh", CLIENTS.resolve("install.sh").toString(), clientsDir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        Assumptions.assumeTrue(
                done && p.exitValue() == 0,
                "SKIPPED: the Python and JavaScript clients could not be installed by examples/clients/install.sh: "
                        + out.strip());
    }

    @AfterAll
    static void stopServerAndDeleteItsStore() throws IOException {
        if (app != null) {
            app.close();
        }
        Folders.delete(dataDir);
    }

    @Test
    void sparqlWrapperCountsTheDataZonesAndReadsScotlandsRecyclingAsCsv() throws Exception {
        String period = "http://reference.data.gov.uk/id/government-year/2009-2010";
        JsonNode answer = run(PYTHON, CLIENTS.resolve("sparqlwrapper_client.py"), base, "S92000003", period);

        long expectedZones =
                lookup.stream().map(r -> r.get("DZ2011_Code")).distinct().count();
        assertThat(answer.get("dataZones").asLong()).isEqualTo(expectedZones).isEqualTo(6976);
        List<Observation> expected = recycling.stream()
                .filter(o -> o.dimensions().get("refArea").endsWith("/S92000003")
                        && o.dimensions().get("refPeriod").equals(period))
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(answer.get("rows").asInt()).isEqualTo(expected.size());
        List<String> got = new ArrayList<>();
        answer.get("observations")
                .forEach(r -> got.add(r.get("indicator").asText() + " "
                        + RealSources.number(new BigDecimal(r.get("value").asText()))));
        assertThat(got)
                .containsExactlyInAnyOrderElementsOf(expected.stream()
                        .map(o -> o.dimensions().get("wasteIndicator") + " " + RealSources.number(o.value()))
                        .toList());
    }

    @Test
    void rdflibReadsAnArchivedCouncilTheRecyclingDownloadAndADescribe() throws Exception {
        JsonNode answer = run(PYTHON, CLIENTS.resolve("rdflib_client.py"), base, "S12000046", "recycling");

        assertThat(answer.get("label").asText()).isEqualTo("Glasgow City");
        assertThat(answer.get("replacedBy").toString()).contains(RealSources.GEOGRAPHY + "S12000049");
        assertThat(answer.get("pageTriples").asInt()).isPositive();
        assertThat(answer.get("observations").asInt())
                .isEqualTo(recycling.size())
                .isEqualTo(1023);
        assertThat(answer.get("downloadTriples").asInt()).isGreaterThan(8 * recycling.size());
        assertThat(answer.get("describeTriples").asInt()).isPositive();
        assertThat(answer.get("describeLabel").asText()).isEqualTo("Glasgow City");
    }

    @Test
    void jsonstatToolkitReadsADataZonesPopulationByAgeAndSex() throws Exception {
        String zone = dataZones.iterator().next();
        JsonNode answer = node(zone, "population-estimates-2020");

        List<CSVRecord> rows = populationRows.stream()
                .filter(r -> r.get("dz11_code").equals(zone))
                .toList();
        int ages = rows.get(0).size() - 3; // dz11_code, total_population, sex, then 0 ... 89, 90+
        assertThat(ages).isEqualTo(91);
        assertThat(answer.get("n").asInt()).isEqualTo(rows.size() * ages).isEqualTo(273);
        Map<String, String> byKey = new LinkedHashMap<>();
        answer.get("values")
                .forEach(v -> byKey.put(
                        lastSegment(v.get("gender").asText()) + "/"
                                + lastSegment(v.get("age").asText()),
                        v.get("value").asText()));
        for (CSVRecord r : rows) {
            String sex = r.get("sex").toLowerCase(java.util.Locale.ROOT);
            assertThat(byKey.get(sex + "/90-plus")).as("%s %s 90+", zone, sex).isEqualTo(r.get("90+"));
            assertThat(byKey.get(sex + "/0")).as("%s %s age 0", zone, sex).isEqualTo(r.get("0"));
        }
    }

    @Test
    void jsonstatToolkitReadsADataZonesSimdIndicatorsWithTheirMarkersAsNulls() throws Exception {
        String zone = dataZones.iterator().next();
        JsonNode answer = node(zone, "simd-2020-indicators");

        CSVRecord row = simdRows.stream()
                .filter(r -> r.get("dz11_code").equals(zone))
                .findFirst()
                .orElseThrow();
        // a JSON-stat cube has a cell for every combination: indicators that are not measured in a
        // measure type are null cells, so each indicator has exactly one non-null value, or none for a marker
        int indicators = row.size() - 1;
        int at = indexOf(answer, "simdIndicator");
        assertThat(answer.get("sizes").get(at).asInt()).isEqualTo(indicators).isEqualTo(34);
        Map<String, List<String>> byIndicator = new LinkedHashMap<>();
        answer.get("values").forEach(v -> {
            List<String> values = byIndicator.computeIfAbsent(
                    lastSegment(v.get("simdIndicator").asText()), k -> new ArrayList<>());
            if (!v.get("value").isNull()) {
                values.add(v.get("value").asText());
            }
        });
        assertThat(byIndicator).hasSize(indicators);
        for (Map.Entry<String, String> cell : row.toMap().entrySet()) {
            if (cell.getKey().equals("dz11_code")) {
                continue;
            }
            List<String> v = byIndicator.get(
                    cell.getKey().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            assertThat(v).as("indicator %s of %s", cell.getKey(), zone).isNotNull();
            if (Set.of("*", "NA").contains(cell.getValue())) {
                assertThat(v).as("marker %s of %s", cell.getKey(), zone).isEmpty();
            } else {
                assertThat(v).as("indicator %s of %s", cell.getKey(), zone).hasSize(1);
                // JSON-stat values are JSON numbers: the source's 0.84563999999999995 reads as the double 0.84564
                assertThat(Double.parseDouble(v.get(0)))
                        .as("indicator %s of %s", cell.getKey(), zone)
                        .isEqualTo(Double.parseDouble(cell.getValue()));
            }
        }
    }

    private static int indexOf(JsonNode answer, String dimension) {
        for (int i = 0; i < answer.get("dimensions").size(); i++) {
            if (answer.get("dimensions").get(i).asText().equals(dimension)) {
                return i;
            }
        }
        throw new AssertionError("no dimension " + dimension + " in " + answer.get("dimensions"));
    }

    private static JsonNode node(String zone, String slug) throws Exception {
        Path toolkit = clientsDir.resolve("node_modules/jsonstat-toolkit/module.mjs");
        return run(
                Map.of("JSONSTAT_TOOLKIT", toolkit.toUri().toString()),
                "node",
                CLIENTS.resolve("jsonstat_client.mjs"),
                base,
                slug,
                zone);
    }

    private static String lastSegment(String id) {
        return id.substring(Math.max(id.lastIndexOf('/'), id.lastIndexOf('#')) + 1);
    }

    private static JsonNode run(String program, Path script, String... args) throws Exception {
        return run(Map.of(), program, script, args);
    }

    /** Runs one client script to its end (two minutes at most) and reads the JSON it prints. */
    private static JsonNode run(Map<String, String> env, String program, Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(program, script.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "client", ".out");
        Path err = Files.createTempFile(dataDir, "client", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(2, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        assertThat(done)
                .as("%s finished within two minutes", script.getFileName())
                .isTrue();
        assertThat(p.exitValue())
                .as("exit code of %s; stderr:%n%s", String.join(" ", cmd), Files.readString(err))
                .isZero();
        return JSON.readTree(out.toFile());
    }

    private static List<CSVRecord> rowsOf(Path csv, String zoneColumn) {
        return RealSources.read(csv).stream()
                .filter(r -> dataZones.contains(r.get(zoneColumn)))
                .toList();
    }

    private static void load(String dir, String slug, Path csv) {
        cli(
                "load",
                "--quiet",
                "--data-dir",
                dir,
                DEFINITIONS.resolve(slug + ".yaml").toString(),
                csv.toString());
    }

    private static void cli(String... args) {
        int code = Cairn.commandLine().execute(args);
        assertThat(code).as("cairn %s", String.join(" ", args)).isZero();
    }

    private static Path writeRows(Path from, Path to, List<CSVRecord> rows) throws IOException {
        List<String> header = RealSources.read(from).get(0).getParser().getHeaderNames();
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(to), CSVFormat.RFC4180)) {
            out.printRecord(header);
            for (CSVRecord r : rows) {
                out.printRecord(r.toList());
            }
        }
        return to;
    }
}
