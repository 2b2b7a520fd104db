package scot.cairn.store;

import java.util.Collections;
import java.util.Iterator;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.store.NodeId;

/** {@link TermIds} on TDB2: a term's id is its node id's stored form ({@link NodeIds#bits}), type included. */
final class TdbTermIds implements TermIds {
    private final TdbQuads quads;

    TdbTermIds(TdbQuads quads) {
        this.quads = quads;
    }

    @Override
    public long id(Node term) {
        NodeId inline = NodeIds.inline(term);
        if (inline != null) {
            return NodeIds.bits(inline);
        }
        NodeId id = quads.idOf(term);
        return id == null ? NONE : NodeIds.bits(id);
    }

    @Override
    public Node node(long id) {
        return quads.node(NodeIds.fromBits(id));
    }

    @Override
    public Cursor graph(Node graph) {
        NodeId g = quads.idOf(graph);
        return new TupleCursor(
                g == null
                        ? Collections.emptyIterator()
                        : quads.find(g, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny));
    }

    @Override
    public Cursor match(Node graph, Node predicate, Node object) {
        Iterator<Tuple<NodeId>> it = quads.find(graph, Node.ANY, predicate, object);
        return new TupleCursor(
                it == null ? Collections.emptyIterator() : it); // null: a term of the pattern is not stored
    }

    /** Quads (G, S, P, O) of node ids, each id encoded when read. */
    private static final class TupleCursor implements Cursor {
        private final Iterator<Tuple<NodeId>> it;
        private Tuple<NodeId> quad;

        TupleCursor(Iterator<Tuple<NodeId>> it) {
            this.it = it;
        }

        @Override
        public boolean next() {
            if (!it.hasNext()) {
                quad = null;
                return false;
            }
            quad = it.next();
            return true;
        }

        @Override
        public long subject() {
            return NodeIds.bits(quad.get(1));
        }

        @Override
        public long predicate() {
            return NodeIds.bits(quad.get(2));
        }

        @Override
        public long object() {
            return NodeIds.bits(quad.get(3));
        }

        @Override
        public void close() {
            Iter.close(it);
        }
    }
}
