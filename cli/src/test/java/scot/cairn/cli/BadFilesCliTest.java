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
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * A corpus of bad files, generated here, each run through {@code validate} and {@code load}: exit
 * code 1, the problem as FILE:LINE:COLUMN in plain words (never a Java exception's name or a stack
 * trace), at most the error limit, and nothing published. The loaders' own tests (BadInputTest,
 * CubeDefinitionTest, TextInputTest) cover each rule in detail; this one checks what the publisher sees.
 */
class BadFilesCliTest {

    static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();
    static final Path YAML = EXAMPLES.resolve("datasets/council-tax-collection.yaml");
    static final String HEADER = "FeatureCode,DateCode,Measurement,Units,Value\n";
    static final String GOOD = "S12000033,2019/2020,Count,Pounds (thousands),118000\n";

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

    @Test
    void aLatin1PoundSignIsRefusedAtItsLineAndColumnWithWhatToDo() throws Exception {
        Path csv = file(
                "latin1.csv",
                (HEADER + GOOD + "S12000033,2020/2021,Count,\u00a3 (thousands),119000\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        refused(
                YAML,
                csv,
                "latin1.csv:3:27: byte 0xA3 is not UTF-8: the file is in another encoding (in Windows-1252 or Latin-1, "
                        + "0xA3 is '\u00a3'); save it as UTF-8 and try again");
    }

    @Test
    void aUtf16FileIsNamedAsSuch() throws Exception {
        byte[] body = (HEADER + GOOD).getBytes(StandardCharsets.UTF_16BE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFE;
        bytes[1] = (byte) 0xFF;
        System.arraycopy(body, 0, bytes, 2, body.length);
        refused(
                YAML,
                file("utf16.csv", bytes),
                "utf16.csv:1:1: the file is UTF-16 (big-endian: it starts with the byte-order mark FE FF), "
                        + "not UTF-8: save it as UTF-8 and try again");
    }

    @Test
    void anUnterminatedQuoteIsReportedWhereItOpens() throws Exception {
        refused(
                YAML,
                file("quote.csv", HEADER + GOOD + "S12000033,\"2020/2021,Count,Pounds (thousands),1\n" + GOOD),
                "quote.csv:3:11: a quoted field opens here and is never closed: add the missing \" (or remove this one)");
    }

    @Test
    void aNulByteIsRefused() throws Exception {
        refused(
                YAML,
                file("nul.csv", HEADER + GOOD + "S12000033,2020/2021,Count,Pounds\u0000 (thousands),1\n"),
                "nul.csv:3:33: the file holds a NUL character (byte 0x00)");
    }

    @Test
    void aLineOverTheLimitIsRefusedThere() throws Exception {
        refused(
                YAML,
                file("long.csv", HEADER + GOOD + "S12000033,2020/2021,Count," + "x".repeat(2 << 20) + ",1\n"),
                "long.csv:3:1048577: this line is longer than 1,048,576 characters, the most one line may hold (is this the right file?)");
    }

    @Test
    void aMillionColumnsGiveAtMostTheErrorLimit() throws Exception {
        StringBuilder header = new StringBuilder(HEADER.strip());
        for (int i = 0; i < 1_000_000; i++) {
            header.append(",c").append(i);
        }
        String err = refused(YAML, file("columns.csv", header + "\n" + GOOD), "columns.csv:1:", "--max-errors", "5");
        assertThat(err.lines()
                        .filter(l -> l.startsWith(dir.resolve("columns.csv").toString()) || l.startsWith("columns.csv"))
                        .count())
                .isLessThanOrEqualTo(5);
        assertThat(err.lines().count()).isLessThan(12);
    }

    @Test
    void aDuplicateKeyInTheDefinitionIsRefusedAtTheSecondOne() throws Exception {
        String yaml = Files.readString(YAML).replace("issued: 2024-06-01\n", "issued: 2024-06-01\ntitle: Again\n");
        Path definition = file("duplicate.yaml", yaml);
        Path csv = file("ok.csv", HEADER + GOOD);
        long line = yaml.lines().takeWhile(l -> !l.equals("title: Again")).count() + 1;
        refused(
                definition,
                csv,
                "duplicate.yaml:" + line + ":6: the key 'title' appears twice: each key may be given once");
    }

    @Test
    void theDraftsTodoPlaceholdersAreErrors() throws Exception {
        String yaml = Files.readString(YAML).replaceFirst("publisher: \\{[^}]*}", "publisher: TODO publisher");
        Path definition = file("todo.yaml", yaml);
        long line = yaml.lines().takeWhile(l -> !l.startsWith("publisher:")).count() + 1;
        refused(definition, file("ok2.csv", HEADER + GOOD), "todo.yaml:" + line + ":12:");
    }
}
