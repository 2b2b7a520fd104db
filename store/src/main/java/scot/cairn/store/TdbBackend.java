package scot.cairn.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Predicate;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.params.StoreParams;
import org.apache.jena.tdb2.sys.DatabaseConnection;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A store on a TDB2 database (in a folder or in memory), with the store's fast paths into its
 * quad indexes: publications written by one thread per index and merged into the B+trees
 * ({@link ParallelIndexWriter}), drops from sorted batches, publications by difference from
 * digests ({@link TdbSubjectChanges}).
 */
final class TdbBackend implements Backend {

    static {
        // Jena's subsystems must initialise in their own order before any TDB2 class is touched;
        // otherwise a JVM whose first Jena use is this class fails in SystemTDB's static setup.
        org.apache.jena.sys.JenaSystem.init();
    }

    /**
     * Quad indexes for a new database. Every dataset lives in a named graph and clients query the
     * union default graph, which TDB2 answers from the S/P/O-first quad indexes; GSPO serves
     * whole-graph scans and drops. The two other G-first indexes of the default set (GPOS, GOSP)
     * would cost a third more write time for queries no client sends.
     */
    static final String[] QUAD_INDEXES = {"GSPO", "SPOG", "POSG", "OSPG"};

    /** Entries in each node cache of a compact store. */
    static final int COMPACT_NODE_CACHE = 10_000;

    private final DatasetGraph dsg;
    private final String description;

    private TdbBackend(DatasetGraph dsg, String description) {
        this.dsg = dsg;
        this.description = description;
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
    }

    /** The database in {@code folder}: a new one gets the store's index set, an existing one keeps its own settings. */
    static TdbBackend open(Path folder, boolean fresh, ReorderTransformation reorder) {
        DatasetGraph dsg = DatabaseConnection.connectCreate(
                        Location.create(folder.toAbsolutePath()), fresh ? storeParams() : null, reorder)
                .getDatasetGraph();
        return new TdbBackend(dsg, folder.toAbsolutePath().toString());
    }

    /**
     * A new database in {@code folder} with TDB2's node caches cut from 200,000 and 1,000,000
     * entries to {@value #COMPACT_NODE_CACHE} each: a few MB of heap instead of up to about 100 MB.
     */
    static TdbBackend openCompact(Path folder, ReorderTransformation reorder) {
        StoreParams params = StoreParams.builder("cairn-compact", storeParams())
                .node2NodeIdCacheSize(COMPACT_NODE_CACHE)
                .nodeId2NodeCacheSize(COMPACT_NODE_CACHE)
                .nodeMissCacheSize(100)
                .build();
        DatasetGraph dsg = DatabaseConnection.connectCreate(Location.create(folder.toAbsolutePath()), params, reorder)
                .getDatasetGraph();
        return new TdbBackend(dsg, folder.toAbsolutePath().toString());
    }

    static TdbBackend inMemory(ReorderTransformation reorder) {
        DatasetGraph dsg = DatabaseConnection.connectCreate(Location.mem(), storeParams(), reorder)
                .getDatasetGraph();
        return new TdbBackend(dsg, "in-memory TDB2");
    }

    private static StoreParams storeParams() {
        return StoreParams.builder("cairn", StoreParams.getDftStoreParams())
                .quadIndexes(QUAD_INDEXES)
                .build();
    }

    /** The node cache sizes of this database (tests). */
    int[] nodeCacheSizes() {
        StoreParams p = TDBInternal.getDatasetGraphTDB(dsg).getStoreParams();
        return new int[] {p.getNode2NodeIdCacheSize(), p.getNodeId2NodeCacheSize()};
    }

    @Override
    public DatasetGraph datasetGraph() {
        return dsg;
    }

    @Override
    public String describe() {
        return description;
    }

    private TdbQuads quads() {
        TdbQuads quads = TdbQuads.of(dsg);
        if (quads == null) {
            throw new IllegalStateException("not a TDB2 database of B+tree indexes: " + description);
        }
        return quads;
    }

    @Override
    public BulkQuads bulkQuads(DatasetGraph txn, StoreTuning tuning) {
        return tuning.parallelIndexing() ? ParallelIndexWriter.start(quads(), tuning) : Backend.plainBulk(txn);
    }

    @Override
    public void drop(DatasetGraph txn, Collection<Node> graphs, StoreTuning tuning) {
        if (tuning.parallelIndexing()) {
            ParallelIndexWriter.dropGraphs(quads(), graphs, tuning.indexBatch());
            return;
        }
        for (Node g : graphs) {
            txn.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
        }
    }

    @Override
    public SubjectChanges subjectChanges(DatasetGraph txn, Node graph, Predicate<String> subjects, StoreTuning tuning) {
        return TdbSubjectChanges.open(quads(), graph, subjects, tuning.indexBatch());
    }

    /** Counted from the quad index as node ids: no term is decoded. */
    @Override
    public long countQuads(Node graph) {
        java.util.Iterator<?> it = quads().find(graph, Node.ANY, Node.ANY, Node.ANY);
        if (it == null) {
            return 0; // the graph's name was never stored
        }
        long n = 0;
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
        // With the flag on, TDB2 ignores FROM (in the text or from default-graph-uri), so it is off for such queries.
        builder.set(TDB2.symUnionDefaultGraph, !query.hasDatasetDescription());
    }

    @Override
    public void close() {
        if (dsg.isInTransaction()) {
            dsg.end();
        }
        // Release the folder (and its lock) so the same process or another can open it again.
        TDBInternal.expel(dsg);
    }
}
