package scot.cairn.formats.cube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Streams the observations of one cube, optionally filtered by dimension values, straight from
 * the quad indexes: the whole cube is one scan of its graph in GSPO order (all triples of an
 * observation are adjacent), a slice starts from the index of its most selective bound value.
 * Memory is one observation at a time. Call inside a read transaction.
 */
public final class ObservationScan {

    /** Receives each observation; the {@link Observation} instance is reused, so copy what you keep. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Observation obs) throws IOException;
    }

    /** The triples of one observation, by predicate (one object each, as in the cube shape). */
    public static final class Observation {
        private final Map<Node, Node> values = new HashMap<>();
        private Node subject;

        public Node subject() {
            return subject;
        }

        public Node get(Node predicate) {
            return values.get(predicate);
        }

        /** The value on the measure property named by qb:measureType; null for a marker observation. */
        public Node value() {
            Node mt = values.get(Cube.MEASURE_TYPE);
            return mt == null ? null : values.get(mt);
        }

        private void reset(Node s) {
            subject = s;
            values.clear();
        }
    }

    private final DatasetGraph dsg;
    private final Cube cube;
    private final Map<Node, Set<Node>> filters;

    /** @param filters dimension property to accepted values; empty for the whole cube */
    public ObservationScan(DatasetGraph dsg, Cube cube, Map<Node, Set<Node>> filters) {
        this.dsg = dsg;
        this.cube = cube;
        this.filters = new LinkedHashMap<>(filters);
    }

    /** Visits every matching observation and returns how many there were. */
    public long run(Visitor visitor) {
        try {
            return filters.isEmpty() ? scanGraph(visitor) : scanSlice(visitor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Visits every observation of the cube (no filters) in the order of their URIs, so the same
     * content always gives the same sequence whatever the store's internal order. Holds the
     * observation URIs in memory.
     */
    public long runSorted(Visitor visitor) {
        java.util.List<Node> subjects = new java.util.ArrayList<>();
        dsg.find(cube.dataGraph(), Node.ANY, Cube.DATA_SET, cube.dataset())
                .forEachRemaining(q -> subjects.add(q.getSubject()));
        subjects.sort(java.util.Comparator.comparing(Node::toString));
        Observation obs = new Observation();
        long n = 0;
        try {
            for (Node s : subjects) {
                obs.reset(s);
                dsg.find(cube.dataGraph(), s, Node.ANY, Node.ANY)
                        .forEachRemaining(q -> obs.values.put(q.getPredicate(), q.getObject()));
                if (emit(obs, visitor)) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private long scanGraph(Visitor visitor) throws IOException {
        Observation obs = new Observation();
        long n = 0;
        Iterator<Quad> it = dsg.find(cube.dataGraph(), Node.ANY, Node.ANY, Node.ANY);
        Node current = null;
        while (it.hasNext()) {
            Quad q = it.next();
            Node s = q.getSubject();
            if (!s.equals(current)) {
                if (current != null && emit(obs, visitor)) {
                    n++;
                }
                current = s;
                obs.reset(s);
            }
            obs.values.put(q.getPredicate(), q.getObject());
        }
        if (current != null && emit(obs, visitor)) {
            n++;
        }
        return n;
    }

    private long scanSlice(Visitor visitor) throws IOException {
        // Drive from the area when it is bound (a few hundred observations per area), else from the first filter.
        Node driver = filters.containsKey(Cube.REF_AREA)
                ? Cube.REF_AREA
                : filters.keySet().iterator().next();
        Observation obs = new Observation();
        long n = 0;
        for (Node value : filters.get(driver)) {
            Iterator<Quad> subjects = dsg.find(cube.dataGraph(), Node.ANY, driver, value);
            while (subjects.hasNext()) {
                Node s = subjects.next().getSubject();
                obs.reset(s);
                Iterator<Quad> triples = dsg.find(cube.dataGraph(), s, Node.ANY, Node.ANY);
                while (triples.hasNext()) {
                    Quad q = triples.next();
                    obs.values.put(q.getPredicate(), q.getObject());
                }
                if (emit(obs, visitor)) {
                    n++;
                }
            }
        }
        return n;
    }

    private boolean emit(Observation obs, Visitor visitor) throws IOException {
        if (!cube.dataset().equals(obs.values.get(Cube.DATA_SET))) {
            return false;
        }
        for (Map.Entry<Node, Set<Node>> f : filters.entrySet()) {
            if (!f.getValue().contains(obs.values.get(f.getKey()))) {
                return false;
            }
        }
        visitor.visit(obs);
        return true;
    }
}
