package scot.cairn.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.tdb2.store.NodeId;

/**
 * Which subjects belong to a data cube dataset: the subjects of {@code ?obs qb:dataSet <ds>} in
 * any named graph, kept as a sorted array of node table positions, so that "is this observation in
 * the dataset?" is a binary search in memory rather than an index lookup in the store.
 *
 * <p>Built from one range scan of the (predicate, object) index and cached per dataset and per
 * TDB2 data version: the version of the read transaction asking, so an answer built from one
 * snapshot is never used for another. Must be called inside a transaction on the dataset.
 */
final class DatasetMembers {

    /** Subject positions kept in memory across all cached datasets (8 bytes each): 256 MB. */
    static final long MAX_ENTRIES = 32L << 20;

    /** The dataset by its node id's stored form ({@link NodeIds#bits}). */
    private record Key(Object database, long dataVersion, long dataset) {}

    private final Cache<Key, long[]> members = Caffeine.newBuilder()
            .maximumWeight(MAX_ENTRIES)
            .weigher((Key k, long[] v) -> Math.max(1, v.length))
            .build();

    /**
     * The sorted node table positions of the subjects of {@code ?s <dataSetPredicate> <dataset>},
     * for the snapshot of the calling thread's transaction.
     */
    long[] of(TdbQuads quads, NodeId dataSetPredicate, NodeId dataset) {
        Key key = new Key(quads.database(), quads.dataVersion(), NodeIds.bits(dataset));
        return members.get(key, k -> scan(quads, dataSetPredicate, dataset));
    }

    private static long[] scan(TdbQuads quads, NodeId dataSetPredicate, NodeId dataset) {
        long[] found = new long[1024];
        int n = 0;
        for (Iterator<Tuple<NodeId>> it = quads.find(NodeId.NodeIdAny, NodeId.NodeIdAny, dataSetPredicate, dataset);
                it.hasNext(); ) {
            NodeId s = it.next().get(1);
            if (!s.isPtr()) {
                continue; // not a URI or blank node; cannot be an observation
            }
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = s.getPtrLocation();
        }
        long[] sorted = Arrays.copyOf(found, n);
        Arrays.sort(sorted);
        // the same subject in several graphs appears once
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
    }
}
