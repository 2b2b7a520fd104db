package scot.cairn.store;

import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;

/**
 * {@link SubjectChanges} inside an observed write transaction ({@link TripleStore#observeChanges}):
 * each triple deleted or added through it is reported to the transaction's recorder as it is
 * queued, whichever backend writes it.
 */
final class RecordedSubjectChanges implements SubjectChanges {
    private final SubjectChanges changes;
    private final Node graph;
    private final ChangeSink sink;

    RecordedSubjectChanges(SubjectChanges changes, Node graph, ChangeSink sink) {
        this.changes = changes;
        this.graph = graph;
        this.sink = sink;
    }

    @Override
    public int subjects() {
        return changes.subjects();
    }

    @Override
    public Stored compare(Node subject, Collection<Triple> now) {
        Stored stored = changes.compare(subject, now);
        return stored == null
                ? null
                : new Stored() {
                    @Override
                    public List<Triple> triples() {
                        return stored.triples();
                    }

                    @Override
                    public void delete(Triple t) {
                        stored.delete(t);
                        sink.delete(Quad.create(graph, t));
                    }

                    @Override
                    public void add(Triple t) {
                        stored.add(t);
                        sink.add(Quad.create(graph, t));
                    }
                };
    }

    @Override
    public void finish() {
        changes.finish();
    }

    @Override
    public void cancel() {
        changes.cancel();
    }
}
