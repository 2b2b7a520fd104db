package scot.cairn.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.NodeId;

/**
 * Statistics the query optimizer needs and TDB2 does not keep: the distinct objects of a
 * predicate (dimension values) and the number of quads matching a (predicate, object) pair,
 * capped because only their relative size matters for ordering. Both are cached until the store's
 * version changes. Must be called inside a read (or write) transaction on the dataset. On TDB2 they
 * are read as node ids (no object decoded twice); on another dataset with its own {@code find}.
 */
final class ObjectCatalogue {

    /**
     * Counting (predicate, object) pairs stops here. It must be above the size of the largest
     * dataset, so that a dimension value (a few thousand observations) is told apart from the
     * dataset pattern (hundreds of thousands): with a low cap both count the same and the
     * client's dataset-first order is kept. Counting a million index entries takes tens of
     * milliseconds, once per pair and store version.
     */
    static final int COUNT_CAP = 1 << 20;

    /** Counting the quads of a constant subject stops here; only "few or many" matters. */
    static final int SUBJECT_COUNT_CAP = 4_096;

    private final DatasetGraph dsg;
    private final LongSupplier version;
    private final Cache<Key, List<Node>> objects =
            Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<Key, SuffixIndex> suffixes =
            Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<Key, Integer> counts =
            Caffeine.newBuilder().maximumSize(200_000).build();

    private record Key(long version, Node predicate, Node object) {}

    ObjectCatalogue(DatasetGraph dsg, LongSupplier version) {
        this.dsg = dsg;
        this.version = version;
    }

    /** Every distinct object of {@code predicate} in any named graph. */
    List<Node> distinctObjects(Node predicate) {
        return objects.get(new Key(version.getAsLong(), predicate, null), k -> scanObjects(predicate));
    }

    /**
     * The distinct objects of {@code predicate} whose string form ends with {@code suffix}: exactly
     * those for which {@code regex(str(?o), "suffix$")} holds when the suffix has no regex syntax.
     * Null when some object is a literal (a regex's {@code $} also matches before a final line
     * break, which an IRI cannot hold); the caller then evaluates the filter itself.
     */
    List<Node> objectsEndingWith(Node predicate, String suffix) {
        return suffixes.get(
                        new Key(version.getAsLong(), predicate, null), k -> new SuffixIndex(distinctObjects(predicate)))
                .endingWith(suffix);
    }

    /** Objects sorted by their reversed string form, so a suffix is a binary-searchable prefix. */
    private static final class SuffixIndex {
        private final String[] reversed;
        private final Node[] nodes;
        private final boolean allIris;

        SuffixIndex(List<Node> objects) {
            allIris = objects.stream().allMatch(Node::isURI);
            List<Map.Entry<String, Node>> entries = new ArrayList<>(objects.size());
            for (Node n : objects) {
                entries.add(Map.entry(new StringBuilder(stringOf(n)).reverse().toString(), n));
            }
            entries.sort(Map.Entry.comparingByKey());
            reversed = new String[entries.size()];
            nodes = new Node[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                reversed[i] = entries.get(i).getKey();
                nodes[i] = entries.get(i).getValue();
            }
        }

        List<Node> endingWith(String suffix) {
            if (!allIris) {
                return null;
            }
            String key = new StringBuilder(suffix).reverse().toString();
            int i = Arrays.binarySearch(reversed, key);
            if (i < 0) {
                i = -i - 1;
            }
            List<Node> out = new ArrayList<>();
            for (; i < reversed.length && reversed[i].startsWith(key); i++) {
                out.add(nodes[i]);
            }
            return out;
        }

        /** SPARQL's str(): the IRI, or a literal's lexical form. */
        private static String stringOf(Node n) {
            return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : "";
        }
    }

    /** The number of quads with this predicate and object, up to {@link #COUNT_CAP}. */
    int cappedCount(Node predicate, Node object) {
        return counts.get(
                new Key(version.getAsLong(), predicate, object), k -> countQuads(null, predicate, object, COUNT_CAP));
    }

    /** The number of quads with this subject, up to {@link #SUBJECT_COUNT_CAP}. */
    int cappedSubjectCount(Node subject) {
        return counts.get(
                new Key(version.getAsLong(), subject, Node.ANY),
                k -> countQuads(subject, null, null, SUBJECT_COUNT_CAP));
    }

    private List<Node> scanObjects(Node predicate) {
        TdbQuads quads = TdbQuads.of(dsg);
        if (quads == null) {
            return plainObjects(predicate);
        }
        NodeId p = quads.idOf(predicate);
        if (p == null) {
            return List.of();
        }
        // POSG order: objects arrive grouped, so comparing with the previous id removes most
        // duplicates without decoding every quad's object; the set removes the rest (an object
        // in several graphs). Ids are compared with their type: inline 5 is not pointer 5.
        Iterator<Tuple<NodeId>> it = quads.find(NodeId.NodeIdAny, NodeId.NodeIdAny, p, NodeId.NodeIdAny);
        java.util.Set<Long> seen = new java.util.LinkedHashSet<>();
        List<NodeId> ids = new ArrayList<>();
        NodeId last = null;
        try {
            while (it.hasNext()) {
                NodeId o = it.next().get(3);
                if (!NodeIds.same(o, last) && seen.add(NodeIds.bits(o))) {
                    ids.add(o);
                }
                last = o;
            }
        } finally {
            Iter.close(it);
        }
        List<Node> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(quads.node(id)));
        return List.copyOf(result);
    }

    private List<Node> plainObjects(Node predicate) {
        java.util.Set<Node> objects = new java.util.LinkedHashSet<>();
        Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, predicate, Node.ANY);
        try {
            it.forEachRemaining(q -> objects.add(q.getObject()));
        } finally {
            Iter.close(it);
        }
        return List.copyOf(objects);
    }

    private int countQuads(Node subject, Node predicate, Node object, int cap) {
        TdbQuads quads = TdbQuads.of(dsg);
        Iterator<?> it;
        if (quads == null) {
            it = dsg.find(
                    Node.ANY,
                    anyIfNull(subject),
                    anyIfNull(predicate),
                    object == null || object == Node.ANY ? Node.ANY : NodeIds.storedForm(object));
        } else {
            it = quads.find(Node.ANY, anyIfNull(subject), anyIfNull(predicate), anyIfNull(object));
            if (it == null) {
                return 0; // a node of the pattern is not in the store
            }
        }
        int n = 0;
        try {
            while (n < cap && it.hasNext()) {
                it.next();
                n++;
            }
        } finally {
            Iter.close(it);
        }
        return n;
    }

    private static Node anyIfNull(Node n) {
        return n == null ? Node.ANY : n;
    }
}
