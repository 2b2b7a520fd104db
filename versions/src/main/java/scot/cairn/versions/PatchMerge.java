package scot.cairn.versions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.Quad;

/**
 * Joins the reverse patches on either side of a version that goes (deleted, or beyond the
 * retention setting) into one, so that the versions around it stay readable: the net change of
 * applying one patch and then the other, in a file renamed into place before the caller's
 * transaction commits. Until then the old files stay, so a crash leaves a valid chain.
 */
final class PatchMerge {
    private PatchMerge() {}

    /**
     * Removes {@code records[i]} (not the current version) from the list; when an older version
     * stays, the patches on either side are merged into {@code {newer}-{older}.rdfp}.
     */
    static void removeFromChain(Path folder, List<VersionRecord> records, int i) {
        int n = records.get(i).number();
        if (i > 0) {
            int newer = records.get(i + 1).number();
            int older = records.get(i - 1).number();
            Path temp = merge(folder, Patches.file(folder, newer, n), Patches.file(folder, n, older));
            try {
                Patches.moveIntoPlace(temp, Patches.file(folder, newer, older));
            } catch (IOException e) {
                Patches.deleteQuietly(temp);
                throw new UncheckedIOException(e);
            }
        }
        records.remove(i);
    }

    /** The net change of applying {@code first} then {@code second}, written to a temporary file in {@code folder}. */
    static Path merge(Path folder, Path first, Path second) {
        Map<Quad, Boolean> net = new HashMap<>(); // true: add, false: delete
        Patches.Visitor v = new Patches.Visitor() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                Quad q = Quad.create(g, s, p, o);
                if (Boolean.FALSE.equals(net.get(q))) {
                    net.remove(q);
                } else {
                    net.put(q, true);
                }
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                Quad q = Quad.create(g, s, p, o);
                if (Boolean.TRUE.equals(net.get(q))) {
                    net.remove(q);
                } else {
                    net.put(q, false);
                }
            }
        };
        Patches.read(first, v);
        Patches.read(second, v);
        try {
            Path tmp = Files.createTempFile(folder, ".merge-", Patches.TEMP_SUFFIX);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                RDFChangesWriterText w = RDFChangesWriterText.create(os);
                w.start();
                net.forEach((q, add) -> {
                    if (add) {
                        w.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                    } else {
                        w.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
                    }
                });
                w.finish();
                w.close();
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
