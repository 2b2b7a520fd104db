package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.profiles.AreaProfile.Row;
import scot.cairn.store.TripleStore;

/** The example profile in cube-definitions/profiles over the bundled example datasets. */
class ExampleProfileTest {

    static final Path REPO = ExampleStore.MODULE.getParent();
    static final Path DATASETS = REPO.resolve("examples/data/datasets");

    static List<CSVRecord> rows(String file) throws Exception {
        try (Reader in = Files.newBufferedReader(DATASETS.resolve(file))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    @Test
    void aCouncilProfileFromTheBundledExamples() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            new GeographyLoader(ExampleStore.URIS)
                    .load(REPO.resolve("examples/data/geography/example-lookup.csv"), store);
            CubeLoader loader =
                    new CubeLoader(ExampleStore.URIS, AreaDirectory.of(Geography.fromStore(store, ExampleStore.URIS)));
            for (String slug : List.of("free-school-meals", "council-tax-collection")) {
                loader.load(
                        CubeDefinition.read(DATASETS.resolve(slug + ".yaml")), DATASETS.resolve(slug + ".csv"), store);
            }
            ProfileDefinition def =
                    ProfileDefinition.read(REPO.resolve("cube-definitions/profiles/example-local.yaml"));
            AreaProfile p = new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS))
                    .profile(def, "S12000033");

            // Independent figures from the CSV: the latest year's count over Aberdeen's data zones.
            List<CSVRecord> fsm = rows("free-school-meals.csv");
            String latest = fsm.stream()
                    .map(r -> r.get("DateCode"))
                    .max(String::compareTo)
                    .orElseThrow();
            double sum = 0;
            int stars = 0;
            List<String> aberdeen = new ArrayList<>();
            for (CSVRecord r : fsm) {
                if (r.get("FeatureCode").startsWith("S0100651")
                        || r.get("FeatureCode").startsWith("S0100650")) {
                    if (r.get("DateCode").equals(latest)
                            && r.get("Measurement").equals("Count")
                            && r.get("Sex").equals("All")) {
                        aberdeen.add(r.get("FeatureCode"));
                        if (r.get("Value").equals("*")) {
                            stars++;
                        } else {
                            sum += Double.parseDouble(r.get("Value"));
                        }
                    }
                }
            }
            Row count = p.rows().get(0);
            assertThat(count.period()).isEqualTo(latest);
            assertThat(count.value().value()).isEqualTo(sum);
            assertThat(count.value().suppressedDataZones()).isEqualTo(stars);
            assertThat(count.value().dataZones()).isEqualTo(12);

            Row percent = p.rows().get(1);
            assertThat(percent.value().value()).isNull();
            assertThat(percent.value().display()).isEqualTo("not published for this area");

            CSVRecord tax = rows("council-tax-collection.csv").stream()
                    .filter(r -> r.get("FeatureCode").equals("S12000033")
                            && r.get("Measurement").equals("Ratio"))
                    .max((a, b) -> a.get("DateCode").compareTo(b.get("DateCode")))
                    .orElseThrow();
            Row collected = p.rows().get(2);
            assertThat(collected.period()).isEqualTo(tax.get("DateCode"));
            assertThat(collected.value().value()).isEqualTo(Double.parseDouble(tax.get("Value")));
            assertThat(collected.value().published()).isTrue();
            assertThat(collected.scotland().published()).isTrue();
            assertThat(collected.trend().series()).hasSize(5);
            assertThat(collected.trend().test()).startsWith("least-squares slope over");
        }
    }
}
