package scot.cairn.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * {@link SubjectChanges} on TDB2: the subjects whose triples have not changed cost no store access
 * at all, and the changes are written to each quad index by its own thread.
 *
 * <p>How: {@link #open} reads the graph once, in subject order, and keeps for each subject that
 * {@code subjects} accepts its node id and a 128-bit digest of its (predicate, object) node ids (40
 * bytes a slot, about 80 a subject with the table's free slots, keyed by two 64-bit hashes of the
 * subject's URI). {@link #compare}
 * computes the digest of the new triples from the node table's cache (values inline in node ids,
 * dimension codes and predicates cached), so an unchanged subject needs neither a node-table
 * lookup of its URI nor an index read; a changed one is read by its known node id. Deletions and
 * additions are queued as node-id quads and written in sorted batches by {@link ParallelIndexWriter}'s
 * index threads; between batches nothing else runs, so reads always see the indexes as written.
 *
 * <p>Used by one thread, the one holding the write transaction. Call {@link #finish()} (writes what
 * is queued) before reading the graph by other means; on failure call {@link #cancel()} and abort.
 */
final class TdbSubjectChanges implements SubjectChanges {
    private static final long EMPTY = 0;

    private final TdbQuads quads;
    private final NodeTable nodes;
    private final NodeId graph;
    private final int batch;
    // open addressing: two 64-bit hashes of the URI -> (subject node id, digest a, digest b)
    private long[] keys;
    private long[] keys2;
    private long[] ids;
    private long[] digestA;
    private long[] digestB;
    private int size;
    private List<Tuple<NodeId>> deletes = new ArrayList<>();
    private List<Tuple<NodeId>> adds = new ArrayList<>();

    /** A subject's triples as stored, when they differ from the new ones; changes are queued. */
    private final class TdbStored implements Stored {
        private final NodeId subject;
        private final List<Triple> triples;
        private final Map<Triple, NodeId[]> idsOf;

        private TdbStored(NodeId subject, List<Triple> triples, Map<Triple, NodeId[]> idsOf) {
            this.subject = subject;
            this.triples = triples;
            this.idsOf = idsOf;
        }

        @Override
        public List<Triple> triples() {
            return triples;
        }

        @Override
        public void delete(Triple t) {
            NodeId[] po = idsOf.get(t);
            if (po == null) {
                throw new IllegalArgumentException("not a stored triple of this subject: " + t);
            }
            queue(deletes, TdbQuads.quad(graph, subject, po[0], po[1]));
        }

        @Override
        public void add(Triple t) {
            NodeId s = subject != null ? subject : nodes.getAllocateNodeId(t.getSubject());
            queue(adds, TdbQuads.quad(graph, s, allocatedIdOf(t.getPredicate()), allocatedIdOf(t.getObject())));
        }
    }

    private TdbSubjectChanges(TdbQuads quads, NodeId graph, int batch) {
        this.quads = quads;
        this.nodes = quads.nodes();
        this.graph = graph;
        this.batch = batch;
        this.keys = new long[1 << 10];
        this.keys2 = new long[keys.length];
        this.ids = new long[keys.length];
        this.digestA = new long[keys.length];
        this.digestB = new long[keys.length];
    }

    /**
     * Reads the digests of the subjects of {@code graph} that {@code subjects} accepts (URIs only);
     * changes are written in batches of {@code batch} quads.
     */
    static TdbSubjectChanges open(TdbQuads quads, Node graph, Predicate<String> subjects, int batch) {
        NodeId g = quads.nodes().getAllocateNodeId(graph);
        TdbSubjectChanges changes = new TdbSubjectChanges(quads, g, batch);
        changes.scan(subjects);
        return changes;
    }

    private void scan(Predicate<String> subjects) {
        Iterator<Tuple<NodeId>> it = quads.find(graph, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny);
        NodeId current = null;
        boolean wanted = false;
        long uriHash = 0;
        long uriHash2 = 0;
        long a = 0;
        long b = 0;
        try {
            while (it.hasNext()) {
                Tuple<NodeId> q = it.next(); // (G, S, P, O) order: a subject's triples in a run
                NodeId s = q.get(1);
                if (!NodeIds.same(s, current)) {
                    if (wanted) {
                        put(uriHash, uriHash2, current, a, b);
                    }
                    current = s;
                    Node n = s.isPtr() ? nodes.getNodeForNodeId(s) : null;
                    wanted = n != null && n.isURI() && subjects.test(n.getURI());
                    uriHash = wanted ? hash(n.getURI()) : 0;
                    uriHash2 = wanted ? hash2(n.getURI()) : 0;
                    a = 0;
                    b = 0;
                }
                if (wanted) {
                    long x = pairHash(q.get(2), q.get(3));
                    a += x;
                    b += mix(x ^ 0x9E3779B97F4A7C15L);
                }
            }
            if (wanted) {
                put(uriHash, uriHash2, current, a, b);
            }
        } finally {
            Iter.close(it);
        }
    }

    @Override
    public int subjects() {
        return size;
    }

    /** Compared by digest: no store read for an unchanged subject. */
    @Override
    public Stored compare(Node subject, Collection<Triple> now) {
        int slot = subject.isURI() ? find(hash(subject.getURI()), hash2(subject.getURI())) : -1;
        if (slot < 0) {
            return new TdbStored(null, List.of(), Map.of());
        }
        NodeId s = NodeIds.ptr(ids[slot]);
        long a = 0;
        long b = 0;
        boolean known = true;
        for (Triple t : now) {
            NodeId p = idOf(t.getPredicate());
            NodeId o = idOf(t.getObject());
            if (NodeIds.doesNotExist(p) || NodeIds.doesNotExist(o)) {
                known = false; // a node the store has never held: certainly a change
                break;
            }
            long x = pairHash(p, o);
            a += x;
            b += mix(x ^ 0x9E3779B97F4A7C15L);
        }
        if (known && a == digestA[slot] && b == digestB[slot]) {
            return null;
        }
        List<Triple> triples = new ArrayList<>();
        Map<Triple, NodeId[]> idsOf = new HashMap<>();
        for (Tuple<NodeId> q : stored(s)) {
            Triple t = Triple.create(subject, nodes.getNodeForNodeId(q.get(2)), nodes.getNodeForNodeId(q.get(3)));
            triples.add(t);
            idsOf.put(t, new NodeId[] {q.get(2), q.get(3)});
        }
        if (triples.isEmpty()) {
            return new TdbStored(null, List.of(), Map.of()); // deleted since it was read
        }
        return new TdbStored(s, triples, idsOf);
    }

    /** Node ids of the URIs seen (predicates, codes, units: few and repeated), ahead of the node table's shared cache. */
    private final Map<Node, NodeId> known = new HashMap<>();

    /** The node's id, or {@link NodeId#NodeDoesNotExist}: values from the id itself, URIs through {@link #known}. */
    private NodeId idOf(Node n) {
        NodeId inline = NodeIds.inline(n);
        if (inline != null) {
            return inline;
        }
        NodeId id = known.get(n);
        if (id == null) {
            id = nodes.getNodeIdForNode(n);
            if (!NodeIds.doesNotExist(id)) {
                remember(n, id);
            }
        }
        return id;
    }

    private NodeId allocatedIdOf(Node n) {
        NodeId id = idOf(n);
        if (NodeIds.doesNotExist(id)) {
            id = nodes.getAllocateNodeId(n);
            remember(n, id);
        }
        return id;
    }

    private void remember(Node n, NodeId id) {
        if (n.isURI()) {
            if (known.size() >= 100_000) {
                known.clear();
            }
            known.put(n, id);
        }
    }

    /** Quads of other subjects passed over before a read starts again from the wanted subject. */
    private static final int MAX_SKIPPED = 256;

    // A read position in the graph's GSPO range, kept between subjects: new content usually comes in
    // the order the observations were first written, which is their node-id order, so the next
    // changed subject is a little further on and needs no B+tree descent. Invalid once anything
    // is written.
    private Iterator<Tuple<NodeId>> cursor;
    private Tuple<NodeId> ahead;

    /** The quads of subject {@code s} in the graph, read from the cursor when it is just behind {@code s}. */
    private List<Tuple<NodeId>> stored(NodeId s) {
        if (cursor == null || ahead == null || ahead.get(1).getPtrLocation() > s.getPtrLocation()) {
            reposition(s);
        }
        int skipped = 0;
        while (ahead != null && ahead.get(1).getPtrLocation() < s.getPtrLocation()) {
            if (++skipped > MAX_SKIPPED) {
                reposition(s);
                break;
            }
            advance();
        }
        List<Tuple<NodeId>> out = new ArrayList<>(8);
        while (ahead != null && NodeIds.same(ahead.get(1), s)) {
            out.add(ahead);
            advance();
        }
        return out;
    }

    private void reposition(NodeId s) {
        closeCursor();
        TupleIndexRecord gspo = quads.index("GSPO");
        if (gspo == null || !graph.isPtr() || !s.isPtr()) {
            cursor = quads.find(graph, s, NodeId.NodeIdAny, NodeId.NodeIdAny);
        } else {
            cursor = TdbQuads.range(
                    gspo,
                    TdbQuads.quad(graph, s, NodeIds.LOWEST, NodeIds.LOWEST),
                    TdbQuads.quad(NodeIds.nextPtr(graph), NodeIds.LOWEST, NodeIds.LOWEST, NodeIds.LOWEST));
        }
        advance();
    }

    private void advance() {
        ahead = cursor.hasNext() ? cursor.next() : null;
    }

    private void closeCursor() {
        if (cursor != null) {
            Iter.close(cursor);
        }
        cursor = null;
        ahead = null;
    }

    private void queue(List<Tuple<NodeId>> list, Tuple<NodeId> quad) {
        list.add(quad);
        if (deletes.size() + adds.size() >= batch) {
            write();
        }
    }

    @Override
    public void finish() {
        write();
    }

    @Override
    public void cancel() {
        closeCursor();
        deletes = new ArrayList<>();
        adds = new ArrayList<>();
    }

    private void write() {
        closeCursor(); // the indexes are about to change under it
        if (deletes.isEmpty() && adds.isEmpty()) {
            return;
        }
        List<Tuple<NodeId>> d = deletes;
        List<Tuple<NodeId>> a = adds;
        deletes = new ArrayList<>();
        adds = new ArrayList<>();
        ParallelIndexWriter.apply(quads, d, a);
    }

    private long pairHash(NodeId p, NodeId o) {
        return mix(bits(p) * 0xC2B2AE3D27D4EB4FL + bits(o));
    }

    /** The id's stored 64 bits, type included. */
    private static long bits(NodeId id) {
        return NodeIds.bits(id);
    }

    private static long mix(long k) {
        return Hashes.mix64(k);
    }

    /** 64-bit FNV-1a of the URI's chars, never {@link #EMPTY}. */
    static long hash(String s) {
        long h = Hashes.fnv1a64(s);
        return h == EMPTY ? 1 : h;
    }

    /**
     * A second, independent 64-bit hash of the URI's chars: a subject is found only when both
     * match, so two URIs are confused only if they collide in 128 bits.
     */
    static long hash2(String s) {
        long h = 0x27D4EB2F165667C5L;
        for (int i = 0; i < s.length(); i++) {
            h = (h + s.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        return mix(h);
    }

    private int find(long key, long key2) {
        int mask = keys.length - 1;
        for (int i = (int) mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key && keys2[i] == key2) {
                return i;
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    private void put(long key, long key2, NodeId subject, long a, long b) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (keys[i] != EMPTY && !(keys[i] == key && keys2[i] == key2)) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = key;
        keys2[i] = key2;
        ids[i] = subject.getPtrLocation();
        digestA[i] = a;
        digestB[i] = b;
    }

    private void grow() {
        long[] k = keys;
        long[] k2 = keys2;
        long[] s = ids;
        long[] a = digestA;
        long[] b = digestB;
        keys = new long[k.length * 2];
        keys2 = new long[keys.length];
        ids = new long[keys.length];
        digestA = new long[keys.length];
        digestB = new long[keys.length];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != EMPTY) {
                put(k[i], k2[i], NodeIds.ptr(s[i]), a[i], b[i]);
            }
        }
    }
}
