package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.synthetic.SyntheticPopulation;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;

class SyntheticPopulationTest {
    @TempDir
    Path dir;

    @Test
    void generatedPersonsMatchTheRealDataZonePopulationsBySexAndAgeBand() throws Exception {
        Path population = RealData.require("population/population20_dz11.csv");
        Path teaching = RealData.require("microdata/Scotland_teaching_file_1PCT.csv");
        Set<String> zones = Set.of("S01006506", "S01006507", "S01008429");
        Path out = dir.resolve("persons.csv");
        long n = SyntheticPopulation.writePersons(population, teaching, out, zones, 1.0, 7);
        Map<String, Integer> expected = new HashMap<>();
        int[] bandOf = new int[91];
        for (int age = 0; age <= 90; age++) {
            bandOf[age] = age < 16 ? 1 : age < 25 ? 2 : Math.min(8, 3 + (age - 25) / 10);
        }
        try (Reader in = Files.newBufferedReader(population)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                if (zones.contains(r.get("dz11_code")) && !r.get("sex").equals("All")) {
                    String sex = r.get("sex").equals("Male") ? "1" : "2";
                    for (int age = 0; age <= 90; age++) {
                        expected.merge(
                                r.get("dz11_code") + "|" + sex + "|" + bandOf[age],
                                Integer.parseInt(r.get(age == 90 ? "90+" : String.valueOf(age))),
                                Integer::sum);
                    }
                }
            }
        }
        Map<String, Integer> actual = new HashMap<>();
        try (Reader in = Files.newBufferedReader(out)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                actual.merge(r.get("dz") + "|" + r.get("sex") + "|" + r.get("age"), 1, Integer::sum);
                assertThat(r.get("health")).isIn("1", "2", "3", "4", "5");
                if (r.get("age").equals("1")) {
                    assertThat(r.get("activity")).isEqualTo("X"); // children carry a child's attributes
                }
            }
        }
        expected.values().removeIf(v -> v == 0);
        assertThat(actual).isEqualTo(expected);
        assertThat(n)
                .isEqualTo(
                        expected.values().stream().mapToLong(Integer::longValue).sum());
        // Seeded: the same call writes the same file.
        Path again = dir.resolve("again.csv");
        SyntheticPopulation.writePersons(population, teaching, again, zones, 1.0, 7);
        assertThat(Files.mismatch(out, again)).isEqualTo(-1);
    }

    @Test
    void theWrittenDefinitionsCarryNoRecordKeySeedSoEveryInstallationHasItsOwnKeys() throws Exception {
        SyntheticPopulation.writeDefinitions(dir);
        for (String name : List.of("persons.yaml", "businesses.yaml")) {
            assertThat(Files.readString(dir.resolve(name))).doesNotContain("recordKeySeed");
            assertThat(MicrodataDefinition.load(dir.resolve(name)).name()).isEqualTo(name.replace(".yaml", ""));
        }
    }

    @Test
    void bundledExampleMicrodataIngestsAgainstTheExampleGeography() throws Exception {
        Path examples = Path.of("../examples/data").toAbsolutePath().normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(examples.resolve("microdata")), "SKIPPED: examples/data/microdata not found");
        AreaHierarchy h = TestGeography.fromLookup(examples.resolve("geography/example-lookup.csv"));
        try (MicrodataStore store = MicrodataStore.inMemory()) {
            IngestReport persons = store.ingest(
                    MicrodataDefinition.load(examples.resolve("microdata/persons.yaml")),
                    examples.resolve("microdata/persons.csv"),
                    h);
            IngestReport businesses = store.ingest(
                    MicrodataDefinition.load(examples.resolve("microdata/businesses.yaml")),
                    examples.resolve("microdata/businesses.csv"),
                    h);
            assertThat(persons.records()).isBetween(3000L, 6000L);
            assertThat(persons.swapPairs()).isGreaterThan(0);
            assertThat(businesses.records()).isGreaterThan(300);
            Tabulator t = new Tabulator(store, h, DisclosureSettings.defaults());
            TabulationResult r = t.tabulate(TabulationRequest.counts(
                    "persons", List.of("sex", "age"), TabulationRequest.Geography.level("council")));
            assertThat(r.areas()).hasSize(2);
            assertThat(r.cell("S12000033", Cell.TOTAL, Cell.TOTAL).orElseThrow().count())
                    .isGreaterThan(1000);
            TabulationResult b = t.tabulate(new TabulationRequest(
                    "businesses",
                    List.of("size"),
                    TabulationRequest.Geography.level("council"),
                    null,
                    "sum",
                    "employees"));
            assertThat(b.cells()).isNotEmpty();
            assertThat(AreaLevel.ofCode(r.areas().get(0).code())).contains(AreaLevel.COUNCIL);
        }
    }
}
