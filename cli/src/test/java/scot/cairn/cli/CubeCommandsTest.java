package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** draft, validate, load and delete run from the command line against a store folder, with the bundled examples. */
class CubeCommandsTest {

    static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();

    @TempDir
    Path dir;

    @Test
    void loadsValidatesRejectsAndDeletesADataset() throws Exception {
        String data = dir.resolve("data").toString();
        Path yaml = EXAMPLES.resolve("datasets/council-tax-collection.yaml");
        Path csv = EXAMPLES.resolve("datasets/council-tax-collection.csv");

        CliRun noGeography = CliRun.of("validate", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(noGeography.code()).isEqualTo(1);
        assertThat(noGeography.err()).contains("no geography is loaded");

        assertThat(CliRun.of(
                                "load-geography",
                                "--data-dir",
                                data,
                                EXAMPLES.resolve("geography/example-lookup.csv").toString())
                        .code())
                .isZero();
        CliRun valid = CliRun.of("validate", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(valid.code()).isZero();
        assertThat(valid.out()).contains("council-tax-collection.csv: valid, 30 observations");

        CliRun load = CliRun.of("load", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(load.code()).isZero();
        assertThat(load.out())
                .contains("council-tax-collection: 30 observations,")
                .contains("triples in");
        assertThat(load.err()).contains("30 rows").contains("rows/s");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(
                bad, "FeatureCode,DateCode,Measurement,Units,Value\nS12999999,2019/2020,Count,Pounds (thousands),5\n");
        CliRun rejected = CliRun.of("load", "--data-dir", data, yaml.toString(), bad.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err())
                .contains("bad.csv:2:1: unknown area code S12999999 (not in the loaded geography)")
                .contains("nothing was published");

        UriScheme uris = UriScheme.defaultScheme();
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            assertThat(store.size(uris.graph("council-tax-collection"))).isPositive();
        }
        CliRun delete = CliRun.of("delete", "--data-dir", data, "council-tax-collection");
        assertThat(delete.code()).isZero();
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            assertThat(store.graphNames())
                    .doesNotContain(uris.graph("council-tax-collection"), uris.metadataGraph("council-tax-collection"));
        }
    }

    @Test
    void draftWritesADefinitionBesideTheData() throws Exception {
        Path csv = dir.resolve("school_meals.csv");
        Files.copy(EXAMPLES.resolve("datasets/free-school-meals.csv"), csv);
        CliRun draft = CliRun.of("draft", csv.toString());
        assertThat(draft.code()).isZero();
        assertThat(draft.out())
                .contains("then run 'cairn validate " + dir.resolve("school-meals.yaml") + " " + csv + "'");
        String yaml = Files.readString(dir.resolve("school-meals.yaml"));
        assertThat(yaml).contains("slug: school-meals").contains("- data-zone").contains("measurement: Count");
        assertThat(CliRun.of("draft", csv.toString()).code())
                .as("refuses to overwrite")
                .isEqualTo(1);
    }
}
