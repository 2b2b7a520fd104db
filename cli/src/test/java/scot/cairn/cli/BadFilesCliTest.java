package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.BadFiles;
import scot.cairn.vocab.UriScheme;

/**
 * The corpus of bad files ({@link BadFiles}, shared with the fault suite), each run through {@code validate} and {@code load}: exit
 * code 1, the problem as FILE:LINE:COLUMN in plain words (never a Java exception's name or a stack
 * trace), at most the error limit, and nothing published. The loaders' own tests (BadInputTest,
 * CubeDefinitionTest, TextInputTest) cover each rule in detail; this one checks what the publisher sees.
 */
class BadFilesCliTest {

    static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();
    static final Path YAML = EXAMPLES.resolve("datasets/council-tax-collection.yaml");
    static final String HEADER = BadFiles.HEADER;
    static final String GOOD = BadFiles.GOOD;

    @TempDir
    static Path dir;

    static String data;

    @BeforeAll
    static void loadGeography() {
        data = dir.resolve("data").toString();
        CliRun geography = CliRun.of(
                "load-geography",
                "--data-dir",
                data,
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(geography.code()).as(geography.err()).isZero();
    }

    /** Runs validate and load on the files; both must fail with {@code expected} and publish nothing. Returns load's error text. */
    private static String refused(Path definition, Path csv, String expected, String... options) {
        String err = "";
        for (String command : List.of("validate", "load")) {
            List<String> args = new ArrayList<>(List.of(command, "--data-dir", data));
            args.addAll(List.of(options));
            args.addAll(List.of(definition.toString(), csv.toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(1);
            assertThat(run.err())
                    .as(command)
                    .contains(expected)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("\r");
            assertThat(run.out()).as(command).isEmpty();
            err = run.err();
        }
        assertThat(err).contains("nothing was published");
        UriScheme uris = UriScheme.defaultScheme();
        try (TripleStore store = TripleStore.open(dir.resolve("data/tdb2"))) {
            assertThat(store.graphNames())
                    .doesNotContain(uris.graph("council-tax-collection"), uris.metadataGraph("council-tax-collection"));
        }
        return err;
    }

    private static Path file(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static Path file(String name, String text) throws Exception {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<BadFiles.Case> corpus() throws Exception {
        return BadFiles.corpus(Files.readString(YAML));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadFileIsRefusedAtItsLineAndColumnInPlainWords(BadFiles.Case bad) throws Exception {
        Path written = file(bad.file(), bad.bytes());
        Path definition = bad.definition() ? written : YAML;
        Path csv = bad.definition() ? file("ok-" + bad.file() + ".csv", HEADER + GOOD) : written;
        String err = refused(definition, csv, bad.expected(), bad.options().toArray(String[]::new));
        if (bad.maxErrorLines() > 0) {
            assertThat(err.lines()
                            .filter(l -> l.startsWith(written.toString()) || l.startsWith(bad.file()))
                            .count())
                    .isLessThanOrEqualTo(bad.maxErrorLines());
            assertThat(err.lines().count()).isLessThan(bad.maxErrorLines() + 7L);
        }
    }

    @Test
    void theCorpusHoldsEveryKindOfBadFile() throws Exception {
        assertThat(corpus())
                .extracting(BadFiles.Case::file)
                .contains(
                        "latin1.csv", "utf16.csv", "quote.csv", "nul.csv", "long.csv", "columns.csv", "duplicate.yaml");
    }
}
