package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code serve} runs from a command line holding that command alone (a start builds no other
 * command), and every other command line from the whole one.
 */
class CairnCommandLineTest {

    @Test
    void serveBuildsOnlyItsOwnCommand() {
        CommandLine serve = Cairn.commandLine("serve", "--port=0");
        assertThat(serve.getSubcommands().keySet()).containsExactlyInAnyOrder("serve", "help");

        StringWriter help = new StringWriter();
        serve.setOut(new PrintWriter(help));
        assertThat(serve.execute("serve", "--help")).isZero();
        assertThat(help.toString()).contains("Usage: cairn serve").contains("--data-dir");
    }

    @Test
    void otherCommandsSeeTheWholeCommandLine() {
        assertThat(Cairn.commandLine("load", "--help").getSubcommands().keySet())
                .contains("serve", "snapshot", "load", "load-geography", "validate", "help")
                .isEqualTo(Cairn.commandLine().getSubcommands().keySet());
        assertThat(Cairn.commandLine().getSubcommands()).hasSizeGreaterThan(3);
    }
}
