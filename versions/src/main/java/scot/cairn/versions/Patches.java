package scot.cairn.versions;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.changes.RDFChangesBase;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse patches of one dataset in {@code <versions dir>/<slug>/}: the file
 * {@code {newer}-{older}.rdfp} is an RDF Patch (text form) that turns the content of version
 * {@code newer} into that of version {@code older}; newer and older are consecutive in the
 * dataset's recorded versions. Files are written under a temporary name and renamed into place
 * before the publication that records them commits; a file whose versions are not both recorded is
 * ignored (and overwritten by the next publication).
 */
final class Patches {
    /** Patches being written have this suffix until they are moved into place. */
    static final String TEMP_SUFFIX = ".rdfp.tmp";

    private static final Logger LOG = LoggerFactory.getLogger(Patches.class);

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

    /**
     * Puts a patch written to {@code temp} in place as {@code target}: forced to disk first, then
     * renamed in one step, so a crash leaves either the old file or the whole new one.
     */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes a file if it exists; a leftover file is ignored by every reader. */
    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover file is ignored by every reader
            }
        }
    }

    /**
     * Deletes the half-written patches a killed publication left in every dataset's folder under
     * {@code versionsDir}. Run before any publication can start: no patch is being written now.
     */
    static void sweepAllLeftovers(Path versionsDir) {
        if (!Files.isDirectory(versionsDir)) {
            return;
        }
        int swept = 0;
        try (var folders = Files.list(versionsDir)) {
            for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)
                    .filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
                swept += sweepLeftovers(folder);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not look for leftover patches in {}: {}", versionsDir, e.getMessage());
        }
        if (swept > 0) {
            LOG.info(
                    "Removed {} half-written patch file(s) left by an interrupted publication in {}",
                    swept,
                    versionsDir);
        }
    }

    /**
     * Deletes the half-written patches ({@value #TEMP_SUFFIX}) in one dataset's folder. Called
     * inside the store's write transaction (or before any can start), so none belongs to a live
     * publication: writes are serialised and the store has one process.
     */
    static int sweepLeftovers(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> leftovers;
        try (var s = Files.list(folder)) {
            leftovers = s.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not look for leftover patches in {}: {}", folder, e.getMessage());
            return 0;
        }
        leftovers.forEach(Patches::deleteQuietly);
        return leftovers.size();
    }
}
