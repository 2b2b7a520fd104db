package scot.cairn.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * {@link TermIds} on any Jena dataset: ids from a dictionary filled as terms are read, each term
 * in its stored form ({@link NodeIds#storedForm}), so the answers are those of TDB2's ids.
 */
final class PlainTermIds implements TermIds {
    private final DatasetGraph dsg;
    private final Map<Node, Long> ids = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();

    PlainTermIds(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    @Override
    public long id(Node term) {
        Node stored = NodeIds.storedForm(term);
        Long id = ids.get(stored);
        if (id == null) {
            id = (long) nodes.size();
            nodes.add(stored);
            ids.put(stored, id);
        }
        return id;
    }

    @Override
    public Node node(long id) {
        return nodes.get((int) id);
    }

    /** A subject's quads together: the distinct subjects first, then each one's quads. */
    @Override
    public Cursor graph(Node graph) {
        Set<Node> subjects = new LinkedHashSet<>();
        Iterator<Quad> all = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        try {
            all.forEachRemaining(q -> subjects.add(q.getSubject()));
        } finally {
            Iter.close(all);
        }
        Iterator<Node> s = subjects.iterator();
        return new QuadCursor(Iter.flatMap(s, subject -> dsg.find(graph, subject, Node.ANY, Node.ANY)));
    }

    @Override
    public Cursor match(Node graph, Node predicate, Node object) {
        return new QuadCursor(
                dsg.find(graph, Node.ANY, predicate, object == Node.ANY ? Node.ANY : NodeIds.storedForm(object)));
    }

    private final class QuadCursor implements Cursor {
        private final Iterator<Quad> it;
        private long s;
        private long p;
        private long o;

        QuadCursor(Iterator<Quad> it) {
            this.it = it;
        }

        @Override
        public boolean next() {
            if (!it.hasNext()) {
                return false;
            }
            Quad q = it.next();
            s = id(q.getSubject());
            p = id(q.getPredicate());
            o = id(q.getObject());
            return true;
        }

        @Override
        public long subject() {
            return s;
        }

        @Override
        public long predicate() {
            return p;
        }

        @Override
        public long object() {
            return o;
        }

        @Override
        public void close() {
            Iter.close(it);
        }
    }
}
