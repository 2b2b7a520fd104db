package scot.cairn.replication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.TripleStore;

/**
 * Which rows of a publication's RDF Patch are a whole graph dropped on the publisher
 * ({@code TripleStore.drop}, as when a dataset or a geography is replaced): the patch keeps every
 * one of those {@code D} rows (it stays a complete RDF Patch), and this note, sent with it in the
 * {@value Events#DROPS} header, lets a replica drop the graph with the index threads in one pass
 * per index, as the publisher did, instead of parsing and deleting its quads one by one
 * ({@link TripleStore.ReplicaSink#dropGraph}).
 *
 * <p>One line per drop: the number of the first of its rows (from 0, in patch order), how many
 * rows, and the graph's IRI. Only drops of at least {@link #MIN_ROWS} rows are noted (a few
 * deletes cost less one by one), and at most {@link #MAX_DROPS} (a Kafka header must stay small).
 */
final class GraphDrops {
    static final long MIN_ROWS = 1_000;
    static final int MAX_DROPS = 100;

    /** One graph dropped whole: rows {@code first} to {@code first + rows - 1} of the patch delete all its quads. */
    record Drop(long first, long rows, String graph) {
        Drop {
            if (first < 0 || rows <= 0 || graph == null || graph.isBlank() || graph.contains(" ")) {
                throw new IllegalArgumentException("not a graph drop: " + first + " " + rows + " " + graph);
            }
        }

        String line() {
            return first + " " + rows + " " + graph;
        }
    }

    private GraphDrops() {}

    /** Whether a drop of {@code rows} rows is worth noting, given {@code noted} already noted. */
    static boolean worthNoting(long rows, int noted) {
        return rows >= MIN_ROWS && noted < MAX_DROPS;
    }

    /**
     * The drops of a header's text, in row order, not overlapping.
     *
     * @throws IllegalStateException when the text is not such a list
     */
    static List<Drop> parse(String text) {
        List<Drop> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        long next = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            Drop d;
            try {
                if (f.length != 3) {
                    throw new IllegalArgumentException("three fields expected");
                }
                d = new Drop(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("malformed " + Events.DROPS + " header line '" + line + "'", e);
            }
            if (d.first() < next) {
                throw new IllegalStateException(Events.DROPS + " header lines out of order at '" + line + "'");
            }
            next = d.first() + d.rows();
            out.add(d);
        }
        return out;
    }

    /**
     * The patch text with the rows of each noted drop replaced by one row that names the graph to
     * drop ({@link #applying} turns it into {@link TripleStore.ReplicaSink#dropGraph}), so they are
     * neither parsed nor applied one by one. Each row left out must be a delete in that graph
     * ({@code D s p o <graph> .}), or the patch and its note disagree and the publication is refused.
     * Rows are counted as the publisher counted them: {@code A} and {@code D} lines (RDF Patch text
     * writes one per line; a literal's line breaks are escaped).
     */
    static InputStream filtered(InputStream patch, List<Drop> drops, Node marker) {
        if (drops.isEmpty()) {
            return patch;
        }
        return new DropFilter(patch, drops, marker);
    }

    /** A sink that turns the rows {@link #filtered} wrote for drops into {@link TripleStore.ReplicaSink#dropGraph}. */
    static TripleStore.ReplicaSink applying(Node marker, TripleStore.ReplicaSink target) {
        return new TripleStore.ReplicaSink() {
            @Override
            public void add(Quad quad) {
                target.add(quad);
            }

            @Override
            public void delete(Quad quad) {
                if (marker.equals(quad.getGraph()) && marker.equals(quad.getSubject())) {
                    target.dropGraph(quad.getObject());
                } else {
                    target.delete(quad);
                }
            }

            @Override
            public void dropGraph(Node graph) {
                target.dropGraph(graph);
            }
        };
    }

    /** A marker no publication contains: a fresh URN for each patch applied. */
    static Node newMarker() {
        return NodeFactory.createURI("urn:x-cairn-drop:" + UUID.randomUUID());
    }

    /** The line filter of {@link #filtered}. */
    private static final class DropFilter extends InputStream {
        private final InputStream in;
        private final List<Drop> drops;
        private final String marker;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private final byte[] buf = new byte[1 << 16];
        private int bufPos;
        private int bufLen;
        private byte[] out = new byte[0];
        private int pos;
        private long row;
        private int next;
        private byte[] expected;
        private long dropEnd = -1;

        DropFilter(InputStream in, List<Drop> drops, Node marker) {
            this.in = in;
            this.drops = drops;
            this.marker = marker.getURI();
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return out[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, out.length - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        /** Makes sure there are bytes to hand out; false at the end. */
        private boolean fill() throws IOException {
            while (pos >= out.length) {
                line.reset();
                for (boolean ended = false; !ended; ) {
                    if (bufPos >= bufLen) {
                        bufLen = in.read(buf);
                        bufPos = 0;
                        if (bufLen < 0) {
                            bufLen = 0;
                            break;
                        }
                    }
                    int start = bufPos;
                    while (bufPos < bufLen && buf[bufPos] != '\n') {
                        bufPos++;
                    }
                    if (bufPos < bufLen) {
                        bufPos++; // the line break belongs to the line
                        ended = true;
                    }
                    line.write(buf, start, bufPos - start);
                }
                if (line.size() == 0) {
                    if (row < dropEnd || next < drops.size()) {
                        throw new IllegalStateException("the patch ends at row " + row + ", before the graphs its "
                                + Events.DROPS + " header says it drops");
                    }
                    return false;
                }
                out = filter(line.toByteArray());
                pos = 0;
            }
            return true;
        }

        private byte[] filter(byte[] l) {
            boolean isRow = l.length > 1 && (l[0] == 'A' || l[0] == 'D') && (l[1] == ' ' || l[1] == '\t');
            if (!isRow) {
                return l;
            }
            long r = row++;
            if (r >= dropEnd && next < drops.size() && drops.get(next).first() == r) {
                Drop d = drops.get(next++);
                dropEnd = d.first() + d.rows();
                expected = (" <" + d.graph() + "> .\n").getBytes(StandardCharsets.UTF_8);
                check(l, r);
                // D subject predicate object graph: the marker as subject, predicate and graph; the graph to drop as
                // object
                return ("D <" + marker + "> <" + marker + "> <" + d.graph() + "> <" + marker + "> .\n")
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (r < dropEnd) {
                check(l, r);
                return new byte[0];
            }
            return l;
        }

        private void check(byte[] l, long r) {
            int from = l.length - expected.length;
            if (from < 2 || l[0] != 'D' || !Arrays.equals(l, from, l.length, expected, 0, expected.length)) {
                throw new IllegalStateException("row " + r + " of the patch is not a delete in the graph its "
                        + Events.DROPS + " header says is dropped whole");
            }
        }
    }
}
