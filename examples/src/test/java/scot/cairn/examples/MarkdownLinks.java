package scot.cairn.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The relative links of a repository's Markdown files, and whether each one resolves: the file or
 * folder it names exists inside the repository and, for a link into a Markdown file with a
 * {@code #fragment}, that file has a heading with that id (GitHub's ids, as commonmark's
 * heading-anchor extension makes them). Markdown is parsed with commonmark, so text in code spans
 * and code blocks is never taken for a link; links written as raw HTML are not checked.
 */
final class MarkdownLinks {

    /** A link or image as written: the file it is in, its 1-based line and its destination. */
    record Reference(Path file, int line, String destination) {}

    /** A link that does not resolve, and why. */
    record Broken(Reference link, String reason) {
        @Override
        public String toString() {
            return link.file() + ":" + link.line() + ": (" + link.destination() + ") " + reason;
        }
    }

    private final Path root;
    private final Parser parser = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    private final Map<Path, Set<String>> headingIds = new HashMap<>();

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every {@code *.md} file of the repository, outside build output ({@code target}) and hidden folders. */
    List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> !skipped(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The links and images of one Markdown file, with their lines. */
    List<Reference> links(Path file) {
        List<Reference> found = new ArrayList<>();
        parse(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                found.add(new Reference(file, line(link), link.getDestination()));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                found.add(new Reference(file, line(image), image.getDestination()));
                visitChildren(image);
            }
        });
        return found;
    }

    /** The links of every Markdown file that do not resolve. */
    List<Broken> brokenLinks() {
        List<Broken> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (Reference link : links(file)) {
                problem(link)
                        .ifPresent(reason -> broken.add(new Broken(
                                new Reference(root.relativize(file), link.line(), link.destination()), reason)));
            }
        }
        return broken;
    }

    /**
     * Why {@code link} does not resolve, or empty when it does (or is not relative: a scheme such as
     * {@code https:} or {@code mailto:}, or a {@code //host} link, is not checked).
     */
    Optional<String> problem(Reference link) {
        URI uri;
        try {
            uri = new URI(link.destination());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid link: " + e.getReason() + " (write a space as %20)");
        }
        if (uri.isAbsolute() || uri.getRawAuthority() != null) {
            return Optional.empty();
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        Path target = path.isEmpty()
                ? link.file()
                : path.startsWith("/")
                        ? root.resolve(path.substring(1))
                        : link.file().toAbsolutePath().getParent().resolve(path);
        target = target.toAbsolutePath().normalize();
        if (!target.startsWith(root)) {
            return Optional.of("points outside the repository");
        }
        if (!Files.exists(target)) {
            return Optional.of("no such file or folder: " + root.relativize(target));
        }
        String fragment = uri.getFragment();
        if (fragment == null
                || fragment.isEmpty()
                || !Files.isRegularFile(target)
                || !target.toString().endsWith(".md")) {
            return Optional.empty();
        }
        Set<String> ids = headingIds.computeIfAbsent(target, this::headingIds);
        return ids.contains(fragment)
                ? Optional.empty()
                : Optional.of(
                        "no heading #" + fragment + " in " + root.relativize(target) + " (its headings: " + ids + ")");
    }

    /** The ids GitHub gives the headings of a Markdown file, in order (a repeated heading gets -1, -2, ...). */
    Set<String> headingIds(Path file) {
        IdGenerator ids = IdGenerator.builder().build();
        Set<String> found = new LinkedHashSet<>();
        parse(file).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code code) {
                        text.append(code.getLiteral());
                    }
                });
                found.add(ids.generateId(text.toString()));
            }
        });
        return found;
    }

    Node parse(Path file) {
        try {
            return parser.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int line(Node node) {
        return node.getSourceSpans().isEmpty()
                ? 0
                : node.getSourceSpans().get(0).getLineIndex() + 1;
    }
}
