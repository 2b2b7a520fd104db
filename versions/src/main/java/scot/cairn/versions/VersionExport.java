package scot.cairn.versions;

import java.io.OutputStream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.cube.CubeCsv;
import scot.cairn.vocab.UriScheme;

/**
 * Any version of a dataset as a file: canonical N-Triples (the bytes its content checksum is
 * computed over) or the whole-cube CSV of the live download.
 */
final class VersionExport {
    private final EarlierVersions versions;
    private final UriScheme uris;

    VersionExport(EarlierVersions versions, UriScheme uris) {
        this.versions = versions;
        this.uris = uris;
    }

    /**
     * Writes a version's data graph as canonical N-Triples: one {@link ContentChecksum#line} per
     * triple, sorted, each ended by a line feed. The same version always gives the same bytes. The
     * lines are sorted in bounded memory ({@link SortedLines}); building the version must end by
     * the deadline.
     */
    long writeNTriples(String slug, int n, OutputStream out, Deadline deadline) {
        Node data = NodeFactory.createURI(uris.graph(slug));
        return versions.read(
                slug,
                n,
                deadline,
                dsg -> SortedLines.write(
                        Iter.map(dsg.find(data, Node.ANY, Node.ANY, Node.ANY), q -> ContentChecksum.line(q.asTriple())),
                        out));
    }

    /**
     * Writes a version as the whole-cube CSV (the live download's columns), rows in observation URI
     * order, cells as {@code formulas} says.
     */
    long writeCsv(String slug, int n, OutputStream out, Formulas formulas, Deadline deadline) {
        return versions.read(
                slug, n, deadline, dsg -> CubeCsv.writeSorted(dsg, uris, uris.dataset(slug), out, formulas));
    }
}
