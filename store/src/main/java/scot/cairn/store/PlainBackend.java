package scot.cairn.store;

import java.util.Collection;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExecBuilder;

/**
 * A store on Jena's transactional in-memory dataset, seen through {@link StoredFormDataset} so that
 * it answers as TDB2 does: the fallback that needs none of TDB2's internals. Everything is written
 * with the dataset's own methods; queries run on ARQ's own engine.
 */
final class PlainBackend implements Backend {
    private final DatasetGraph dsg = new StoredFormDataset(DatasetGraphFactory.createTxnMem());

    @Override
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    @Override
    public String describe() {
        return "in-memory Jena dataset";
    }

    @Override
    public BulkQuads bulkQuads(DatasetGraph txn, StoreTuning tuning) {
        return Backend.plainBulk(txn);
    }

    @Override
    public void drop(DatasetGraph txn, Collection<Node> graphs, StoreTuning tuning) {
        for (Node g : graphs) {
            txn.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
        }
    }

    @Override
    public SubjectChanges subjectChanges(DatasetGraph txn, Node graph, Predicate<String> subjects, StoreTuning tuning) {
        return new PlainSubjectChanges(txn, graph, subjects);
    }

    @Override
    public long countQuads(Node graph) {
        long n = 0;
        var it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        try {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        } finally {
            org.apache.jena.atlas.iterator.Iter.close(it);
        }
        return n;
    }

    @Override
    public void unionDefaultGraph(QueryExecBuilder builder, Query query) {
        // the dataset's default graph is the union already (StoredFormDataset)
    }

    @Override
    public void close() {
        dsg.close();
    }
}
