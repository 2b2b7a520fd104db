package scot.cairn.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * Writes a replicated change inside {@link TripleStore#applyReplicated}'s transaction. Deletes go
 * straight to the dataset; adds are held back a little, and a run of at least {@link #BULK_RUN}
 * adds (a new dataset, a whole geography) goes to the index threads ({@link TripleStore#bulkQuads}),
 * which write it several times faster than one add at a time. A delete ends a bulk run first: the
 * index threads own the indexes until they finish. A graph dropped whole on the publisher is
 * dropped here the same way ({@link #dropGraph}), not deleted quad by quad.
 */
final class ReplicatedChanges implements ChangeSink {
    /** Adds in a row from which the index threads are worth starting (they cost a few milliseconds). */
    static final int BULK_RUN = 20_000;

    private final TripleStore store;
    private final DatasetGraph dsg;
    private final List<Quad> pending = new ArrayList<>();
    private BulkQuads bulk;
    private long count;

    ReplicatedChanges(TripleStore store, DatasetGraph dsg) {
        this.store = store;
        this.dsg = dsg;
    }

    @Override
    public void add(Quad quad) {
        count++;
        if (bulk != null) {
            bulk.add(quad);
            return;
        }
        pending.add(quad);
        if (pending.size() >= BULK_RUN) {
            bulk = store.bulkQuads(dsg);
            if (bulk == null) {
                pending.forEach(dsg::add);
            } else {
                pending.forEach(bulk::add);
            }
            pending.clear();
        }
    }

    @Override
    public void delete(Quad quad) {
        count++;
        endRun();
        dsg.delete(quad);
    }

    /** Drops a whole graph the way the publisher did ({@link Backend#drop}: the index threads on TDB2). */
    void dropGraph(Node graph) {
        endRun();
        store.dropReplicated(dsg, graph);
        count++;
    }

    private void endRun() {
        if (bulk != null) {
            bulk.finish();
            bulk = null;
        }
        if (!pending.isEmpty()) {
            pending.forEach(dsg::add);
            pending.clear();
        }
    }

    /** Writes whatever is held back; the transaction may then commit. */
    void finish() {
        endRun();
    }

    /** Stops the index threads before the caller aborts. */
    void cancel() {
        if (bulk != null) {
            bulk.cancel();
            bulk = null;
        }
        pending.clear();
    }

    long count() {
        return count;
    }
}
