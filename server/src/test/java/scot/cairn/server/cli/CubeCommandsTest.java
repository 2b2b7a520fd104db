package scot.cairn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import scot.cairn.server.Cairn;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** draft, validate, load and delete run from the command line against a store folder, with the bundled examples. */
class CubeCommandsTest {

    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Cairn()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void loadsValidatesRejectsAndDeletesADataset() throws Exception {
        String data = dir.resolve("data").toString();
        Path yaml = EXAMPLES.resolve("datasets/council-tax-collection.yaml");
        Path csv = EXAMPLES.resolve("datasets/council-tax-collection.csv");

        Run noGeography = run("validate", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(noGeography.code()).isEqualTo(1);
        assertThat(noGeography.err()).contains("no geography is loaded");

        assertThat(run("load-geography", "--data-dir", data, EXAMPLES.resolve("geography/example-lookup.csv").toString()).code()).isZero();
        Run valid = run("validate", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(valid.code()).isZero();
        assertThat(valid.out()).contains("council-tax-collection.csv: valid, 30 observations");

        Run load = run("load", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(load.code()).isZero();
        assertThat(load.out()).contains("council-tax-collection: 30 observations,").contains("triples in");
        assertThat(load.err()).contains("30 rows").contains("rows/s");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "FeatureCode,DateCode,Measurement,Units,Value\nS12999999,2019/2020,Count,Pounds (thousands),5\n");
        Run rejected = run("load", "--data-dir", data, yaml.toString(), bad.toString());
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains("bad.csv:2:1: unknown area code S12999999 (not in the loaded geography)")
                .contains("nothing was published");

        UriScheme uris = UriScheme.defaultScheme();
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            assertThat(store.size(uris.graph("council-tax-collection"))).isPositive();
        }
        Run delete = run("delete", "--data-dir", data, "council-tax-collection");
        assertThat(delete.code()).isZero();
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            assertThat(store.graphNames()).doesNotContain(uris.graph("council-tax-collection"), uris.metadataGraph("council-tax-collection"));
        }
    }

    @Test
    void draftWritesADefinitionBesideTheData() throws Exception {
        Path csv = dir.resolve("school_meals.csv");
        Files.copy(EXAMPLES.resolve("datasets/free-school-meals.csv"), csv);
        Run draft = run("draft", csv.toString());
        assertThat(draft.code()).isZero();
        String yaml = Files.readString(dir.resolve("school-meals.yaml"));
        assertThat(yaml).contains("slug: school-meals").contains("- data-zone").contains("measurement: Count");
        assertThat(run("draft", csv.toString()).code()).as("refuses to overwrite").isEqualTo(1);
    }
}
