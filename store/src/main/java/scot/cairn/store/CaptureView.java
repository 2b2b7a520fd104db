package scot.cairn.store;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.changes.RDFChangesNoOp;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * The store as seen by code inside an observed write transaction ({@link TripleStore#write}): every
 * add and delete made through it, graph views and {@code deleteAny} included (Jena's
 * {@link DatasetGraphChanges} routes them all through one monitor), is reported to the
 * transaction's recorder. The store's bulk writers unwrap it ({@link #tdbUnder}) and report their
 * quads themselves.
 */
final class CaptureView extends DatasetGraphChanges {
    private final ChangeSink sink;

    CaptureView(DatasetGraph dsg, ChangeSink sink) {
        super(dsg, new Monitor(sink));
        this.sink = sink;
    }

    ChangeSink sink() {
        return sink;
    }

    /** The TDB2 dataset under a capture view, or {@code dsg} itself. */
    static DatasetGraph tdbUnder(DatasetGraph dsg) {
        DatasetGraph d = dsg instanceof BudgetedView b ? b.getWrapped() : dsg;
        return d instanceof CaptureView v ? v.getWrapped() : d;
    }

    /** The recorder behind a capture view, or null. */
    static ChangeSink sinkOf(DatasetGraph dsg) {
        return dsg instanceof CaptureView v ? v.sink : null;
    }

    /** Forwards quad changes; transaction and prefix events are the store's business. */
    private static final class Monitor extends RDFChangesNoOp {
        private final ChangeSink sink;

        Monitor(ChangeSink sink) {
            this.sink = sink;
        }

        @Override
        public void add(Node g, Node s, Node p, Node o) {
            sink.add(Quad.create(g == null ? Quad.defaultGraphIRI : g, s, p, o));
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            sink.delete(Quad.create(g == null ? Quad.defaultGraphIRI : g, s, p, o));
        }
    }
}
