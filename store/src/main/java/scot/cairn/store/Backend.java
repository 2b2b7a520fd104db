package scot.cairn.store;

import java.util.Collection;
import java.util.function.Predicate;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExecBuilder;

/**
 * What a {@link TripleStore} is made of: a TDB2 database with the store's fast paths
 * ({@link TdbBackend}), or any other transactional Jena dataset written with its own methods
 * ({@link PlainBackend}). Both give the same answers; the plain one is the fallback when TDB2's
 * internals are not available, and the tests run against both.
 *
 * <p>The write methods run inside the store's write transaction; {@code txn} is the dataset that
 * transaction's action was given (the store's own, or a view of it that records changes), used
 * wherever a quad is added or deleted through the dataset's own methods.
 */
interface Backend {

    /** The dataset every read and write goes through. */
    DatasetGraph datasetGraph();

    String describe();

    /** A writer of many new quads. */
    BulkQuads bulkQuads(DatasetGraph txn, StoreTuning tuning);

    /** Deletes every quad of {@code graphs}. */
    void drop(DatasetGraph txn, Collection<Node> graphs, StoreTuning tuning);

    SubjectChanges subjectChanges(DatasetGraph txn, Node graph, Predicate<String> subjects, StoreTuning tuning);

    /**
     * The number of quads in the named graph, in the calling thread's transaction (the store's
     * per-graph figures, {@link GraphStatistics}).
     */
    long countQuads(Node graph);

    /** Makes the default graph of {@code query} the union of the named graphs, unless it names its own dataset. */
    void unionDefaultGraph(QueryExecBuilder builder, Query query);

    /** Releases the dataset (a folder's lock). */
    void close();

    /** Adds through the dataset's own methods. */
    static BulkQuads plainBulk(DatasetGraph txn) {
        return new BulkQuads() {
            @Override
            public void add(org.apache.jena.sparql.core.Quad quad) {
                txn.add(quad);
            }

            @Override
            public void finish() {
                // written as added
            }

            @Override
            public void cancel() {
                // the caller's abort undoes what was written
            }
        };
    }
}
