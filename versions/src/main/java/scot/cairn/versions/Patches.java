package scot.cairn.versions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;

/**
 * The reverse patches of one dataset in {@code <versions dir>/<slug>/}: the file
 * {@code {newer}-{older}.rdfp} is an RDF Patch (text form) that turns the content of version
 * {@code newer} into that of version {@code older}; newer and older are consecutive in the
 * dataset's recorded versions. Files are written under a temporary name and renamed into place
 * before the publication that records them commits; a file whose versions are not both recorded is
 * ignored (and overwritten by the next publication).
 */
final class Patches {
    private Patches() {}

    static Path file(Path dir, int newer, int older) {
        return dir.resolve(newer + "-" + older + ".rdfp");
    }

    /** Receives the quads of a patch. */
    interface Visitor {
        void add(Node g, Node s, Node p, Node o);

        void delete(Node g, Node s, Node p, Node o);
    }

    /** Streams a patch file into a visitor. */
    static void read(Path file, Visitor visitor) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the version history is incomplete: " + file + " is missing");
        }
        RDFChanges changes = new RDFChangesBase() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                visitor.add(g, s, p, o);
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                visitor.delete(g, s, p, o);
            }
        };
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            new RDFPatchReaderText(in).apply(changes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
