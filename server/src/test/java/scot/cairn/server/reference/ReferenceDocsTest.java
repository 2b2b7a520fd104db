package scot.cairn.server.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The committed docs/configuration.md and docs/cli.md are what {@link ReferenceDocs} writes today.
 * With {@code -Dcairn.regenerate-docs=true} the test rewrites them instead (the command is
 * {@link ReferenceDocs#REGENERATE}).
 */
class ReferenceDocsTest {
    private static final Path DOCS = Path.of("../docs");

    @Test
    void configurationReferenceIsUpToDate() throws IOException {
        check("configuration.md", ReferenceDocs::configuration);
    }

    @Test
    void commandLineReferenceIsUpToDate() throws IOException {
        check("cli.md", ReferenceDocs::cli);
    }

    @Test
    void theReferencesNameWhatTheyDocument() {
        assertThat(ReferenceDocs.configuration())
                .contains("| `cairn.data-dir` | Path | `cairn-data` |")
                .contains(
                        "`cairn.sparql.timeout`",
                        "`cairn.tabulation.",
                        "`cairn.versions.",
                        "`cairn.replication.role`",
                        "`cairn.profiles.dir`");
        assertThat(ReferenceDocs.cli())
                .contains("\n## cairn\n", "\n## cairn serve\n", "\n## cairn versions diff\n", "\n## cairn tabulate\n")
                .contains("Usage: cairn load ");
    }

    private static void check(String name, Supplier<String> generator) throws IOException {
        Path file = DOCS.resolve(name);
        String expected = generator.get();
        if (Boolean.getBoolean("cairn.regenerate-docs")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as(
                        "docs/%s differs from what the code documents; regenerate it with: %s",
                        name, ReferenceDocs.REGENERATE)
                .isEqualTo(expected);
    }
}
