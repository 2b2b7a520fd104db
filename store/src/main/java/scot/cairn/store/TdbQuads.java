package scot.cairn.store;

import java.util.Iterator;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.base.record.RecordMapper;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.lib.TupleLib;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The quad table of a TDB2 database, for the store's own fast paths: its node table, its quad
 * indexes (each a B+tree) and range reads on them by key order.
 *
 * <p>Why a class of its own: these are TDB2's internals, not Jena API; every path that reaches
 * them from a {@code DatasetGraph} goes through {@link #of}, so the set of internals the store
 * relies on stays small and is pinned in one test ({@code JenaInternalsTest}).
 */
final class TdbQuads {
    private final DatasetGraphTDB tdb;
    private final NodeTupleTable quads;
    private final TupleIndexRecord[] indexes;

    private TdbQuads(DatasetGraphTDB tdb, NodeTupleTable quads, TupleIndexRecord[] indexes) {
        this.tdb = tdb;
        this.quads = quads;
        this.indexes = indexes;
    }

    /**
     * The quad table under {@code dsg} when it is a TDB2 database whose quad indexes are all
     * B+trees; null otherwise (an in-memory Jena dataset, or another kind of index).
     */
    static TdbQuads of(DatasetGraph dsg) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(CaptureView.tdbUnder(dsg));
        if (tdb == null) {
            return null;
        }
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        TupleIndex[] all = quads.getTupleTable().getIndexes();
        TupleIndexRecord[] records = new TupleIndexRecord[all.length];
        for (int i = 0; i < all.length; i++) {
            if (!(all[i] instanceof TupleIndexRecord r) || !(r.getRangeIndex() instanceof BPlusTree)) {
                return null;
            }
            records[i] = r;
        }
        return new TdbQuads(tdb, quads, records);
    }

    DatasetGraphTDB database() {
        return tdb;
    }

    NodeTable nodes() {
        return quads.getNodeTable();
    }

    /** The quad indexes, GSPO first. */
    TupleIndexRecord[] indexes() {
        return indexes.clone();
    }

    /** The data version of the calling thread's transaction: one per committed state. */
    long dataVersion() {
        return tdb.getTxnSystem().getThreadTransaction().getDataVersion();
    }

    /** The quads matching a pattern of ids ({@link NodeId#NodeIdAny} for a wildcard), from the best index. */
    Iterator<Tuple<NodeId>> find(NodeId g, NodeId s, NodeId p, NodeId o) {
        return quads.find(g, s, p, o);
    }

    /** As {@link #find(NodeId, NodeId, NodeId, NodeId)} with nodes; null when a node of the pattern is not stored. */
    Iterator<Tuple<NodeId>> find(Node g, Node s, Node p, Node o) {
        return quads.findAsNodeIds(g, s, p, o);
    }

    /** The node's id, or null when the store has never held it. */
    NodeId idOf(Node n) {
        NodeId id = quads.getNodeTable().getNodeIdForNode(n);
        return NodeIds.doesNotExist(id) ? null : id;
    }

    Node node(NodeId id) {
        return NodeIds.isInline(id) ? NodeIds.extract(id) : quads.getNodeTable().getNodeForNodeId(id);
    }

    /** The B+tree quad index named {@code name} (its key order, e.g. "SPOG"), or null. */
    TupleIndexRecord index(String name) {
        for (TupleIndexRecord i : indexes) {
            if (name.equalsIgnoreCase(i.getName())) {
                return i;
            }
        }
        return null;
    }

    /**
     * The quads of {@code index} from {@code from} (inclusive) to {@code to} (exclusive) in the
     * index's key order; both are given, and the quads come back, in (G, S, P, O) order.
     */
    static Iterator<Tuple<NodeId>> range(TupleIndexRecord index, Tuple<NodeId> from, Tuple<NodeId> to) {
        var factory = index.getRangeIndex().getRecordFactory();
        Record min = TupleLib.record(factory, from, index.getMapping());
        Record max = TupleLib.record(factory, to, index.getMapping());
        return Iter.map(index.getRangeIndex().iterator(min, max), r -> TupleLib.tuple(r, index.getMapping()));
    }

    /** A stored quad seen by {@link #scanFrom}: its four ids' stored forms ({@link NodeIds#bits}) in the index's key order. */
    interface StoredQuad {
        /** False to stop. */
        boolean accept(long a, long b, long c, long d);
    }

    /**
     * Each quad of {@code index} from {@code from} (given in (G, S, P, O) order, inclusive) onwards
     * in the index's key order, until {@code visitor} returns false or the index ends.
     *
     * <p>The ids are read from the B+tree's leaf buffers as they lie there: no record, key copy or
     * node id object per quad, and no comparison with an upper bound (the visitor knows where to
     * stop, on one {@code long}). A whole data zone dataset is some fifteen million quads.
     */
    static void scanFrom(TupleIndexRecord index, Tuple<NodeId> from, StoredQuad visitor) {
        long[] quad = new long[4];
        // Fills the one array and returns it: the iterator maps each entry only when asked for the next
        RecordMapper<long[]> read = (bb, idx, key, factory) -> {
            int at = idx * factory.recordLength();
            for (int i = 0; i < 4; i++) {
                quad[i] = bb.getLong(at + i * NodeId.SIZE);
            }
            return quad;
        };
        Record min = TupleLib.record(index.getRangeIndex().getRecordFactory(), from, index.getMapping());
        Iterator<long[]> it = tree(index).iterator(min, null, read);
        try {
            while (it.hasNext()) {
                long[] q = it.next();
                if (!visitor.accept(q[0], q[1], q[2], q[3])) {
                    return;
                }
            }
        } finally {
            Iter.close(it);
        }
    }

    /** A stored triple seen by {@link #eachOfGraph}: its ids in their stored 64-bit form ({@link NodeIds#bits}). */
    interface StoredTriple {
        /** False to stop. */
        boolean accept(long s, long p, long o);
    }

    /**
     * Each quad of graph {@code g} in (S, P, O) order, read from the GSPO index's records without
     * making node id objects; false when {@code visitor} stopped or the store has no GSPO index.
     */
    boolean eachOfGraph(NodeId g, StoredTriple visitor) {
        TupleIndexRecord gspo = index("GSPO");
        if (gspo == null || !"GSPO".equals(gspo.getName())) {
            return false;
        }
        long graph = NodeIds.bits(g);
        boolean[] stopped = {false};
        scanFrom(gspo, quad(g, NodeIds.LOWEST, NodeIds.LOWEST, NodeIds.LOWEST), (qg, s, p, o) -> {
            if (qg != graph) {
                return false;
            }
            stopped[0] = !visitor.accept(s, p, o);
            return !stopped[0];
        });
        return !stopped[0];
    }

    static Tuple<NodeId> quad(NodeId g, NodeId s, NodeId p, NodeId o) {
        return TupleFactory.create4(g, s, p, o);
    }

    /** The index's B+tree. */
    static BPlusTree tree(TupleIndexRecord index) {
        return (BPlusTree) index.getRangeIndex();
    }

    /** A quad (G, S, P, O) as a record of {@code index}, its key in the index's order. */
    static Record record(TupleIndexRecord index, Tuple<NodeId> quad) {
        return TupleLib.record(index.getRangeIndex().getRecordFactory(), quad, index.getMapping());
    }
}
