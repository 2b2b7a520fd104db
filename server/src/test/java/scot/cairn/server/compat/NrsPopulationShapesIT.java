package scot.cairn.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static scot.cairn.server.PublisherUnderTest.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.server.PublisherUnderTest;
import scot.cairn.server.compat.OdsShapes.Filter;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;

/**
 * Every filter combination ods_dataset() builds (an area level, an area, the period, the measure
 * type, sex, age) on the real NRS data zone population file, loaded through the command line with
 * its cube definition and the official lookup, answers exactly as plain ARQ on the same store
 * ({@link OdsShapes}). The file is loaded once, for the data zones of one council (Na h-Eileanan
 * Siar: 36 data zones x 3 sexes x 91 ages, 9,828 observations), to keep the class to a minute or
 * two on the shared build machine (with two councils, 87,087 observations, it ran past five); the
 * speed of the same shapes on the whole file (1.9 M observations, row counts checked against plain
 * ARQ) is measured by the benchmark {@code QueryShapesBenchmark}. The query time limit is raised:
 * this class checks answers, not speed.
 */
class NrsPopulationShapesIT {
    static final Set<String> COUNCILS = Set.of("S12000013");
    static final String SLUG = "population-estimates-2020";

    static Path dataDir;
    static ConfigurableApplicationContext app;
    static OdsShapes shapes;

    @BeforeAll
    static void loadTheFileOnceAndStart() throws IOException {
        Path lookupFile = RealData.require("geography/Datazone2011lookup.csv");
        Path population = RealData.require("population/population20_dz11.csv");
        Set<String> dataZones = RealSources.read(lookupFile).stream()
                .filter(r -> COUNCILS.contains(r.get("LA_Code")))
                .map(r -> r.get("DZ2011_Code"))
                .collect(Collectors.toSet());

        dataDir = Path.of("target/nrs-shapes-it", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        Path subset = dataDir.resolve("population-two-councils.csv");
        List<CSVRecord> rows = RealSources.read(population);
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(subset), CSVFormat.RFC4180)) {
            out.printRecord(rows.get(0).getParser().getHeaderNames());
            for (CSVRecord r : rows) {
                if (dataZones.contains(r.get("dz11_code"))) {
                    out.printRecord(r.toList());
                }
            }
        }
        org.apache.jena.sys.JenaSystem.init();
        String dir = dataDir.toString();
        cli("load-geography", "--data-dir", dir, lookupFile.toString());
        cli("load", "--quiet", "--data-dir", dir, "../cube-definitions/" + SLUG + ".yaml", subset.toString());
        app = PublisherUnderTest.start(
                dataDir,
                "--cairn.examples=false",
                "--cairn.sparql.cache-bytes=0",
                "--cairn.sparql.max-rows=100000",
                "--cairn.sparql.timeout=300s");
        shapes = new OdsShapes(new RClientHttp(PublisherUnderTest.port(app)), app.getBean(TripleStore.class));
    }

    @AfterAll
    static void stop() throws IOException {
        PublisherUnderTest.stop(app, dataDir);
    }

    @Test
    void everyFilterCombinationOfOdsDatasetAnswersAsPlainArq() {
        List<String> dims = shapes.dimensions(SLUG);
        List<Filter> filters = List.of(
                Filter.level("S01"),
                new Filter("refArea", List.of("S01006506")),
                new Filter("refPeriod", List.of("2020")),
                new Filter("measureType", List.of("count")),
                new Filter("gender", List.of("female")),
                new Filter("age", List.of("90-plus")));
        for (List<Filter> combination : OdsShapes.combinations(filters)) {
            shapes.assertSameAsPlainArq(SLUG, dims, combination);
        }
        // the reporter's query: one sex and one age for every data zone (36 here)
        assertThat(shapes.assertSameAsPlainArq(
                        SLUG,
                        dims,
                        List.of(
                                Filter.level("S01"),
                                new Filter("gender", List.of("female")),
                                new Filter("age", List.of("90-plus")))))
                .isEqualTo(36);
        // several codes of a dimension, as an OR chain; a suffix match, as on statistics.gov.scot:
        // '0$' and '1$' also select 10, 20, ... 80 and 11, 21, ... 81, so 9 + 9 + 1 ages
        assertThat(shapes.assertSameAsPlainArq(
                        SLUG, dims, List.of(new Filter("age", List.of("0", "1", "90-plus")), Filter.level("S01"))))
                .isEqualTo(36 * 3 * 19);
    }
}
