package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command shares: its help, where it publishes, and how it says what went wrong. */
class CommandLineTest {

    static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();

    @TempDir
    Path dir;

    @Test
    void onlyThePublishingCommandsOfferAnEndpoint() {
        assertThat(CliRun.of("tabulate", "--help").out())
                .doesNotContain("--endpoint")
                .doesNotContain("Publish");
        assertThat(CliRun.of("validate", "--help").out()).doesNotContain("--endpoint");
        for (String command : new String[] {"load", "load-geography", "load-boundaries", "delete"}) {
            assertThat(CliRun.of(command, "--help").out())
                    .as(command)
                    .contains("--endpoint=URL")
                    .contains("--password=PASSWORD");
        }
    }

    @Test
    void theRootHelpSaysEachCommandsSummaryWhole() {
        String help = CliRun.of("--help").out();
        assertThat(help)
                .contains(
                        "Publish official statistics as linked open data, serve them, and tabulate microdata safely.");
        assertThat(help).contains("CAIRN_LOG_LEVEL");
        String commands = help.substring(help.indexOf("Commands:") + "Commands:".length());
        for (String summary : commands.strip().split("\n(?=  \\S)")) {
            assertThat(summary.strip().replaceAll("\\s+", " "))
                    .as("a whole sentence")
                    .endsWith(".");
        }
    }

    @Test
    void aCommandThatReadsAStoreNeverCreatesOne() {
        Path missing = dir.resolve("no-such-folder");
        CliRun validate = CliRun.of(
                "validate",
                "--data-dir",
                missing.toString(),
                EXAMPLES.resolve("datasets/council-tax-collection.yaml").toString(),
                EXAMPLES.resolve("datasets/council-tax-collection.csv").toString());
        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.err()).contains("no geography is loaded: there is no store in " + missing);
        CliRun delete = CliRun.of("delete", "--data-dir", missing.toString(), "recycling");
        assertThat(delete.code()).isEqualTo(1);
        assertThat(delete.err())
                .startsWith("error: there is no store in " + missing)
                .contains("--data-dir");
        CliRun tabulate = CliRun.of("tabulate", "--data-dir", missing.toString(), "--dataset", "census");
        assertThat(tabulate.code()).isEqualTo(1);
        assertThat(tabulate.err().strip())
                .startsWith("error: there is no store in " + missing)
                .doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aPublishingCommandSaysWhenItStartsANewStore() {
        Path fresh = dir.resolve("fresh");
        CliRun first = CliRun.of(
                "load-geography",
                "--data-dir",
                fresh.toString(),
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err())
                .contains("note: there was no store in " + fresh + ", so a new one was created in "
                        + fresh.resolve("tdb2").toAbsolutePath());
        assertThat(first.err()).contains("reading ").contains("committing ").doesNotContain("\r");
        CliRun again = CliRun.of(
                "load-geography",
                "--data-dir",
                fresh.toString(),
                EXAMPLES.resolve("geography/example-lookup.csv").toString());
        assertThat(again.code()).isZero();
        assertThat(again.err()).doesNotContain("new one was created");
        assertThat(CliRun.of(
                                "load-geography",
                                "--quiet",
                                "--data-dir",
                                fresh.toString(),
                                EXAMPLES.resolve("geography/example-lookup.csv").toString())
                        .err())
                .isEmpty();
    }

    @Test
    void aRemotePublishRefusesTheOptionsItCannotHonour() {
        // --skip-geography-check is sent to the server, which honours it (VersionedPublishingIT).
        CliRun run = CliRun.of(
                "load",
                "--endpoint",
                "http://127.0.0.1:1/publish",
                "--geography",
                EXAMPLES.resolve("geography/example-lookup.csv").toString(),
                EXAMPLES.resolve("datasets/council-tax-collection.yaml").toString(),
                EXAMPLES.resolve("datasets/council-tax-collection.csv").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("error: --geography cannot be used with --endpoint");
    }

    @Test
    void anEndpointThatDoesNotAnswerIsSaidInWords() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of(
                "load",
                "--endpoint",
                "http://127.0.0.1:" + port + "/publish",
                "--password",
                "x",
                EXAMPLES.resolve("datasets/council-tax-collection.yaml").toString(),
                EXAMPLES.resolve("datasets/council-tax-collection.csv").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("cannot reach http://127.0.0.1:" + port + "/")
                .contains("nothing answers there")
                .doesNotContain("null");
    }

    @Test
    void aServerThatDropsTheConnectionIsSaidInWords() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread dropper = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        s.getInputStream().read(); // the request starts, then the "server" dies
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            dropper.setDaemon(true);
            dropper.start();
            CliRun run = CliRun.of(
                    "load",
                    "--endpoint",
                    "http://127.0.0.1:" + server.getLocalPort() + "/publish",
                    "--password",
                    "x",
                    EXAMPLES.resolve("datasets/council-tax-collection.yaml").toString(),
                    EXAMPLES.resolve("datasets/council-tax-collection.csv").toString());
            assertThat(run.code()).isEqualTo(1);
            String error = run.err()
                    .lines()
                    .filter(l -> l.startsWith("error:"))
                    .findFirst()
                    .orElseThrow();
            assertThat(error)
                    .startsWith("error: cannot reach http://127.0.0.1:" + server.getLocalPort() + "/cairn/publish: "
                            + "the connection closed without an answer (is the server running")
                    .contains("nothing was published");
            assertThat(run.err()).doesNotContain("null").doesNotContain("Exception");
        }
    }

    @Test
    void progressInAPipeIsLinesNeverCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.step("reading x.csv");
        for (int i = 1; i <= 1000; i++) {
            p.count("rows", i, 10, i == 1000);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .doesNotContain("\r")
                .isEqualTo("reading x.csv\n1,000 rows          10 rows/s\n");
    }

    @Test
    void anExceptionWithoutAMessageIsDescribedByItsKindAndCause() {
        assertThat(CairnCommand.describe(new IllegalStateException(
                        null, new java.io.UncheckedIOException("disk full", new java.io.IOException()))))
                .isEqualTo("illegal state exception: disk full");
    }
}
