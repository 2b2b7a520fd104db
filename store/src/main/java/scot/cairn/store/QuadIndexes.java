package scot.cairn.store;

import java.util.Iterator;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.tdb2.lib.TupleLib;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/** Range reads on TDB2's quad indexes by key order, for the store's own fast paths. */
public final class QuadIndexes {

    /** The lowest node id in index order (a position at the start of the node table). */
    public static final NodeId LOWEST = NodeIdFactory.createPtr(0);

    private QuadIndexes() {
    }

    /** The B+tree quad index named {@code name} (its key order, e.g. "SPOG"), or null. */
    public static TupleIndexRecord index(NodeTupleTable quads, String name) {
        for (TupleIndex i : quads.getTupleTable().getIndexes()) {
            if (i instanceof TupleIndexRecord r && name.equalsIgnoreCase(i.getName())) {
                return r;
            }
        }
        return null;
    }

    /**
     * The quads of {@code index} from {@code from} (inclusive) to {@code to} (exclusive) in the
     * index's key order; both are given, and the quads come back, in (G, S, P, O) order.
     */
    public static Iterator<Tuple<NodeId>> range(TupleIndexRecord index, Tuple<NodeId> from, Tuple<NodeId> to) {
        var factory = index.getRangeIndex().getRecordFactory();
        Record min = TupleLib.record(factory, from, index.getMapping());
        Record max = TupleLib.record(factory, to, index.getMapping());
        return Iter.map(index.getRangeIndex().iterator(min, max), r -> TupleLib.tuple(r, index.getMapping()));
    }
}
