package scot.cairn.replication;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.TripleStore;

/**
 * Which rows of a publication's RDF Patch are a whole graph dropped on the publisher
 * ({@code TripleStore.drop}, as when a dataset or a geography is replaced): the patch keeps every
 * one of those {@code D} rows (it stays a complete RDF Patch), and this note, sent with it in the
 * {@value Events#DROPS} header, lets a replica drop the graph with the index threads in one pass
 * per index, as the publisher did, instead of deleting its quads one by one
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
     * A sink that hands the rows of a patch to {@code target}, with the rows of each noted drop
     * replaced by one {@link TripleStore.ReplicaSink#dropGraph}: each of those rows must delete a
     * quad of that graph, or the patch and its note disagree and the publication is refused.
     */
    static TripleStore.ReplicaSink applying(List<Drop> drops, TripleStore.ReplicaSink target) {
        if (drops.isEmpty()) {
            return target;
        }
        return new TripleStore.ReplicaSink() {
            private long row;
            private int index;
            private Node dropping;
            private long dropEnd = -1;

            /** True when the row is part of a noted drop (and so already applied). */
            private boolean dropped(boolean add, Quad quad) {
                long r = row++;
                if (dropping == null && index < drops.size() && drops.get(index).first() == r) {
                    Drop d = drops.get(index++);
                    dropping = NodeFactory.createURI(d.graph());
                    dropEnd = d.first() + d.rows();
                    target.dropGraph(dropping);
                }
                if (dropping == null) {
                    return false;
                }
                if (add || !dropping.equals(quad.getGraph())) {
                    throw new IllegalStateException("row " + r + " of the patch is not a delete in " + dropping
                            + ", which its " + Events.DROPS + " header says is dropped whole");
                }
                if (row == dropEnd) {
                    dropping = null;
                }
                return true;
            }

            @Override
            public void add(Quad quad) {
                if (!dropped(true, quad)) {
                    target.add(quad);
                }
            }

            @Override
            public void delete(Quad quad) {
                if (!dropped(false, quad)) {
                    target.delete(quad);
                }
            }

            @Override
            public void dropGraph(Node graph) {
                target.dropGraph(graph);
            }
        };
    }
}
