package scot.cairn.store.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Statistics the query optimizer needs and TDB2 does not keep: the distinct objects of a
 * predicate (dimension values) and the number of quads matching a (predicate, object) pair,
 * capped because only their relative size matters for ordering. Both are cached until the store's
 * version changes. Must be called inside a read (or write) transaction on the dataset.
 */
final class ObjectCatalogue {

    /** Counting stops here: enough to tell a selective pattern from a bulky one. */
    static final int COUNT_CAP = 4_096;

    private final DatasetGraph dsg;
    private final LongSupplier version;
    private final Cache<Key, List<Node>> objects = Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<Key, Integer> counts = Caffeine.newBuilder().maximumSize(200_000).build();

    private record Key(long version, Node predicate, Node object) {
    }

    ObjectCatalogue(DatasetGraph dsg, LongSupplier version) {
        this.dsg = dsg;
        this.version = version;
    }

    /** Every distinct object of {@code predicate} in any named graph. */
    List<Node> distinctObjects(Node predicate) {
        return objects.get(new Key(version.getAsLong(), predicate, null), k -> scanObjects(predicate));
    }

    /** The number of quads with this predicate and object, up to {@link #COUNT_CAP}. */
    int cappedCount(Node predicate, Node object) {
        return counts.get(new Key(version.getAsLong(), predicate, object), k -> countQuads(null, predicate, object));
    }

    /** The number of quads with this subject, up to {@link #COUNT_CAP}. */
    int cappedSubjectCount(Node subject) {
        return counts.get(new Key(version.getAsLong(), subject, Node.ANY), k -> countQuads(subject, null, null));
    }

    private List<Node> scanObjects(Node predicate) {
        NodeTupleTable quads = quadTable();
        NodeId p = quads.getNodeTable().getNodeIdForNode(predicate);
        List<Node> result = new ArrayList<>();
        if (NodeId.isDoesNotExist(p)) {
            return result;
        }
        // POSG order: objects arrive grouped, so comparing with the previous id removes duplicates
        // without decoding every quad's object.
        Iterator<Tuple<NodeId>> it = quads.find(NodeId.NodeIdAny, NodeId.NodeIdAny, p, NodeId.NodeIdAny);
        NodeId last = null;
        List<NodeId> ids = new ArrayList<>();
        while (it.hasNext()) {
            NodeId o = it.next().get(3);
            if (!o.equals(last)) {
                ids.add(o);
                last = o;
            }
        }
        ids.stream().distinct().forEach(id -> result.add(quads.getNodeTable().getNodeForNodeId(id)));
        return List.copyOf(result);
    }

    private int countQuads(Node subject, Node predicate, Node object) {
        NodeTupleTable quads = quadTable();
        NodeId s = idOrAny(quads, subject);
        NodeId p = idOrAny(quads, predicate);
        NodeId o = idOrAny(quads, object);
        if (s == null || p == null || o == null) {
            return 0;
        }
        Iterator<Tuple<NodeId>> it = quads.find(NodeId.NodeIdAny, s, p, o);
        int n = 0;
        while (n < COUNT_CAP && it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** The NodeId of a concrete node, ANY for a wildcard, or null when the node is not in the store. */
    private static NodeId idOrAny(NodeTupleTable quads, Node n) {
        if (n == null || n == Node.ANY) {
            return NodeId.NodeIdAny;
        }
        NodeId id = quads.getNodeTable().getNodeIdForNode(n);
        return NodeId.isDoesNotExist(id) ? null : id;
    }

    private NodeTupleTable quadTable() {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        return tdb.getQuadTable().getNodeTupleTable();
    }
}
