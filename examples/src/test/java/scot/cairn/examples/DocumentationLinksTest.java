package scot.cairn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and the guides in {@code docs/} (and every other Markdown file of the repository)
 * link only to files and headings that exist, so moving or renaming a file or a section cannot
 * silently break the documentation; the README links every guide and still shows how to run and
 * test the project.
 */
class DocumentationLinksTest {

    static final Path ROOT = repositoryRoot();

    /** The checkout's root: the nearest folder above the working directory with pom.xml, README.md and docs/. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml, README.md and docs/) above "
                + Path.of("").toAbsolutePath());
    }

    @Test
    void everyRelativeLinkPointsAtAFileOrHeadingThatExists() {
        MarkdownLinks links = new MarkdownLinks(ROOT);
        assertThat(links.markdownFiles()).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/BENCHMARKS.md"));

        assertThat(links.brokenLinks()).as("links that do not resolve").isEmpty();
    }

    @Test
    void theReadmeLinksEveryGuide() throws IOException {
        List<String> readmeLinks = new MarkdownLinks(ROOT)
                .links(ROOT.resolve("README.md")).stream()
                        .map(l -> l.destination().replaceFirst("#.*", ""))
                        .toList();
        List<String> guides;
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            guides = files.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> "docs/" + p.getFileName())
                    .sorted()
                    .toList();
        }

        assertThat(guides).contains("docs/BENCHMARKS.md");
        assertThat(readmeLinks).as("the README's links").containsAll(guides);
    }

    @Test
    void theReadmeShowsTheRunAndTestCommands() {
        List<String> codeLines = new ArrayList<>();
        new MarkdownLinks(ROOT).parse(ROOT.resolve("README.md")).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock code) {
                codeLines.addAll(code.getLiteral().lines().map(String::strip).toList());
            }
        });

        assertThat(codeLines).contains("mvn verify");
        assertThat(codeLines)
                .anyMatch(line -> line.startsWith("mvn -q -DskipTests package && java ")
                        && line.endsWith(" -jar server/target/cairn-exec.jar serve"));
    }

    @Test
    void aBrokenFileLinkOrHeadingIsReportedWithItsLine(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/guide.md"), "# A guide\n\n## Set up (two commands)\n\ntext\n");
        Files.writeString(
                repo.resolve("README.md"),
                String.join(
                        "\n",
                        "# Title",
                        "",
                        "[fine](docs/guide.md) and [fine too](docs/guide.md#set-up-two-commands) and [here](#title)",
                        "[gone](docs/missing.md)",
                        "![image](docs/images/missing.png)",
                        "[no such heading](docs/guide.md#set-up)",
                        "[outside](../elsewhere.md) [web](https://example.org/x.md) [mail](mailto:a@example.org)",
                        "",
                        "    [in an indented code block](docs/nothing.md)",
                        "",
                        "```",
                        "[in a fenced code block](docs/nothing.md)",
                        "```",
                        "`[in a code span](docs/nothing.md)`",
                        "[a folder](docs)",
                        ""));
        Files.writeString(repo.resolve("docs/target-ignored.md"), "[fine](guide.md)\n");
        Files.createDirectories(repo.resolve("docs/target"));
        Files.writeString(repo.resolve("docs/target/build-output.md"), "[not checked](nothing.md)\n");

        List<String> broken = new MarkdownLinks(repo)
                .brokenLinks().stream().map(MarkdownLinks.Broken::toString).toList();

        assertThat(broken)
                .containsExactly(
                        "README.md:4: (docs/missing.md) no such file or folder: docs/missing.md",
                        "README.md:5: (docs/images/missing.png) no such file or folder: docs/images/missing.png",
                        "README.md:6: (docs/guide.md#set-up) no heading #set-up in docs/guide.md (its headings: [a-guide, set-up-two-commands])",
                        "README.md:7: (../elsewhere.md) points outside the repository");
    }
}
