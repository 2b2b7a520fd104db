package scot.cairn.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * {@link SubjectChanges} on any transactional Jena dataset: each subject compared by reading its
 * triples, changes written at once with {@code add} and {@code delete}. The fallback for a store
 * that is not TDB2; same results as {@link TdbSubjectChanges}, one read per subject.
 */
final class PlainSubjectChanges implements SubjectChanges {
    private final DatasetGraph dsg;
    private final Node graph;
    private final int subjects;

    PlainSubjectChanges(DatasetGraph dsg, Node graph, Predicate<String> accepted) {
        this.dsg = dsg;
        this.graph = graph;
        Set<Node> seen = new HashSet<>();
        dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node s = q.getSubject();
            if (s.isURI() && accepted.test(s.getURI())) {
                seen.add(s);
            }
        });
        this.subjects = seen.size();
    }

    @Override
    public int subjects() {
        return subjects;
    }

    @Override
    public Stored compare(Node subject, Collection<Triple> now) {
        List<Triple> stored = new ArrayList<>();
        dsg.find(graph, subject, Node.ANY, Node.ANY).forEachRemaining(q -> stored.add(q.asTriple()));
        if (stored.size() == now.size() && new HashSet<>(stored).equals(new HashSet<>(now))) {
            return null;
        }
        List<Triple> triples = List.copyOf(stored);
        return new Stored() {
            @Override
            public List<Triple> triples() {
                return triples;
            }

            @Override
            public void delete(Triple t) {
                if (!triples.contains(t)) {
                    throw new IllegalArgumentException("not a stored triple of this subject: " + t);
                }
                dsg.delete(graph, t.getSubject(), t.getPredicate(), t.getObject());
            }

            @Override
            public void add(Triple t) {
                dsg.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
            }
        };
    }

    @Override
    public void finish() {
        // every change is written when it is made
    }

    @Override
    public void cancel() {
        // the caller's abort undoes what was written
    }
}
