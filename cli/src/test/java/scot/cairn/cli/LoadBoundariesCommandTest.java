package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/** {@code cairn load-boundaries} into a store folder: the level and the code property, and its errors. */
class LoadBoundariesCommandTest {

    static final Path EXAMPLES = Path.of("../examples/data");

    @Test
    void loadsALevelIntoTheStoreFolderAfterTheGeography(@TempDir Path dir) {
        String dataDir = dir.resolve("data").toString();
        CliRun none = CliRun.of(
                "load-boundaries",
                "--data-dir",
                dataDir,
                "--level",
                "S01",
                EXAMPLES.resolve("boundaries/data-zones-2011.geojson").toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err())
                .startsWith("error: there is no store in " + dataDir)
                .contains("'cairn load-geography' starts a new one");
        assertThat(dir.resolve("data")).as("no empty store is left behind").doesNotExist();

        assertThat(CliRun.of(
                                "load-geography",
                                "--data-dir",
                                dataDir,
                                EXAMPLES.resolve("geography/example-lookup.csv").toString())
                        .code())
                .isZero();
        CliRun ok = CliRun.of(
                "load-boundaries",
                "--data-dir",
                dataDir,
                "--level",
                "data-zones-2011",
                EXAMPLES.resolve("boundaries/data-zones-2011.geojson").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out())
                .contains(
                        "21 Data Zones 2011 boundaries (63 quads, codes from 'code') from data-zones-2011.geojson into "
                                + "http://statistics.gov.scot/graph/boundaries/data-zones-2011\nloaded into ");
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            assertThat(store.size(UriScheme.defaultScheme().boundaryGraph(AreaLevel.DATA_ZONE)))
                    .isEqualTo(63);
        }
    }

    @Test
    void aWrongLevelAnUnknownLevelAndAMissingCodePropertyAreReported(@TempDir Path dir) throws Exception {
        String dataDir = dir.resolve("data").toString();
        assertThat(CliRun.of(
                                "load-geography",
                                "--data-dir",
                                dataDir,
                                EXAMPLES.resolve("geography/example-lookup.csv").toString())
                        .code())
                .isZero();
        CliRun wrong = CliRun.of(
                "load-boundaries",
                "--data-dir",
                dataDir,
                "--level",
                "S12",
                EXAMPLES.resolve("boundaries/intermediate-zones-2011.geojson").toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err())
                .startsWith("reading " + EXAMPLES.resolve("boundaries/intermediate-zones-2011.geojson") + "\n"
                        + "intermediate-zones-2011.geojson:feature 1 (code S02001236): S02001236 is an Intermediate Zone 2011 code (S02); "
                        + "this file is loaded as Council Areas (S12)\n");
        CliRun unknown = CliRun.of(
                "load-boundaries",
                "--data-dir",
                dataDir,
                "--level",
                "parishes",
                EXAMPLES.resolve("boundaries/council-areas.geojson").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: unknown level 'parishes'");
        Path noCode = dir.resolve("no-code.geojson");
        Files.writeString(
                noCode,
                Files.readString(EXAMPLES.resolve("boundaries/council-areas.geojson"))
                        .replace("\"code\"", "\"LAD24CD\""));
        CliRun missing = CliRun.of("load-boundaries", "--data-dir", dataDir, "--level", "S12", noCode.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err())
                .isEqualTo("reading " + noCode
                        + "\nno-code.geojson: feature 1 has none of the code properties dz11_code, iz11_code, ltla24_code, code "
                        + "(its properties: LAD24CD, name); name the code property (--code-property)\n");
        CliRun named = CliRun.of(
                "load-boundaries",
                "--data-dir",
                dataDir,
                "--level",
                "S12",
                "--code-property",
                "LAD24CD",
                noCode.toString());
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("2 Council Areas boundaries (6 quads, codes from 'LAD24CD')");
    }
}
