package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.Geography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** load-geography with a code history, and the code-check options of validate and load, from the command line. */
class LoadGeographyCommandTest {

    static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();
    static final String HISTORY_HEADER = "old_code,new_code,date,level,boundary_changed,old_name\n";

    @TempDir
    Path dir;

    Geography loaded() {
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            return Geography.fromStore(store, UriScheme.defaultScheme());
        }
    }

    @Test
    void aHistoryFileAddsArchivedCodesThatDatasetsMayThenUse() throws Exception {
        String data = dir.resolve("data").toString();
        Path history = dir.resolve("history.csv");
        Files.writeString(
                history,
                "# Aberdeen City's code before 2016, for this test\n" + HISTORY_HEADER
                        + "S12000099,S12000033,2016-04-01,council,no,\n");
        CliRun load = CliRun.of(
                "load-geography",
                "--data-dir",
                data,
                "--history",
                history.toString(),
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out()).contains("1 archived codes, with what replaced them, from history.csv (1 change)");
        assertThat(loaded().area("S12000099").orElseThrow().shownName()).isEqualTo("Aberdeen City (old code, to 2016)");

        Path yaml = EXAMPLES.resolve("datasets/council-tax-collection.yaml");
        Path csv = dir.resolve("old-code.csv");
        Files.writeString(
                csv,
                Files.readString(EXAMPLES.resolve("datasets/council-tax-collection.csv"))
                        .replace("S12000033", "S12000099"));
        CliRun valid = CliRun.of("validate", "--data-dir", data, yaml.toString(), csv.toString());
        assertThat(valid.code()).as(valid.err()).isZero();
    }

    @Test
    void aBadHistoryIsReportedByLineAndNothingIsLoaded() throws Exception {
        Path history = dir.resolve("history.csv");
        Files.writeString(
                history,
                HISTORY_HEADER + "S12000099,S12000077,2016-04-01,council,no,\nS12000098,S12000033,2016,council,no,\n");
        CliRun load = CliRun.of(
                "load-geography",
                "--data-dir",
                dir.resolve("data").toString(),
                "--history",
                history.toString(),
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(load.code()).isEqualTo(1);
        assertThat(load.err())
                .contains(
                        "history.csv:3:3: '2016' is not a date: write the first day the new code was in force as YYYY-MM-DD");
        assertThat(Files.exists(dir.resolve("data/tdb2")))
                .as("the store is not even opened")
                .isFalse();

        Files.writeString(history, HISTORY_HEADER + "S12000099,S12000077,2016-04-01,council,no,\n");
        CliRun unknown = CliRun.of(
                "load-geography",
                "--data-dir",
                dir.resolve("data").toString(),
                "--history",
                history.toString(),
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("history.csv:2:2: S12000077 is not in the lookup, and no row says what replaced it");
        assertThat(loaded().isEmpty()).isTrue();

        CliRun both = CliRun.of("load-geography", "--history", history.toString(), "--no-history", "lookup.csv");
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).isEqualTo("error: give --history FILE or --no-history, not both\n");
    }

    @Test
    void theHelpOfEveryCommandThatChecksCodesSaysHowToSkipTheCheckAndWhatThatCosts() {
        for (String command : new String[] {"validate", "load"}) {
            String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help)
                    .as(command)
                    .contains("--skip-geography-check")
                    .contains("no name, parent, page, profile or map")
                    .contains("load-geography --history");
        }
        String help = CliRun.of("load-geography", "--help").out().replaceAll("\\s+", " ");
        assertThat(help)
                .contains("--history=HISTORY.csv")
                .contains("--no-history")
                .contains("Scotland's 2018-2019 council, partnership and health board changes");
    }
}
