package scot.cairn.store;

import java.util.Arrays;
import java.util.Iterator;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * The triples of many subjects read from the subject-first quad index (SPOG) in few range scans.
 *
 * <p>The observations of a slice usually have neighbouring node ids (they were written together),
 * so one scan from the first subject to the last reads them all, where a lookup per subject costs
 * a B+tree descent each. A scan that meets more than {@link #MAX_SKIPPED} quads of other subjects
 * in a row stops and the next one starts at the next wanted subject, so scattered subjects cost
 * at most that much more than one lookup each.
 *
 * <p>The ids are read from the index's records in their stored form ({@link NodeIds#bits}), with
 * no node id or tuple object per quad: a whole data zone dataset is some fifteen million quads.
 */
final class SubjectTriples {
    private static final NodeId LOWEST = NodeIds.LOWEST;

    /** Quads of unwanted subjects read in a row before a scan is restarted at the next wanted subject. */
    static final int MAX_SKIPPED = 64;

    /** What is done with each subject's triples. */
    interface Visitor {
        /**
         * The subject's distinct (predicate, object) pairs in any graph, as stored forms:
         * {@code pairs[2i]} and {@code pairs[2i + 1]} for {@code i < n}. The array is reused for
         * the next subject.
         */
        void accept(long subject, long[] pairs, int n);
    }

    private SubjectTriples() {}

    /**
     * Calls {@code visitor} once per subject of {@code subjects[from..to)} (pointer positions,
     * ascending, distinct) that has triples, in that order.
     */
    static void read(TdbQuads quads, long[] subjects, int from, int to, Visitor visitor) {
        TupleIndexRecord spog = quads.index("SPOG");
        Pairs pairs = new Pairs();
        if (spog == null || !"SPOG".equals(spog.getName())) {
            readEach(quads, subjects, from, to, pairs, visitor);
            return;
        }
        int next = from;
        while (next < to) {
            next = scan(spog, subjects, next, to, pairs, visitor);
        }
    }

    /** Without a subject-first index: one lookup per subject. */
    private static void readEach(TdbQuads quads, long[] subjects, int from, int to, Pairs pairs, Visitor visitor) {
        for (int i = from; i < to; i++) {
            pairs.clear();
            Iterator<Tuple<NodeId>> it =
                    quads.find(NodeId.NodeIdAny, NodeIds.ptr(subjects[i]), NodeId.NodeIdAny, NodeId.NodeIdAny);
            it.forEachRemaining(q -> pairs.add(NodeIds.bits(q.get(2)), NodeIds.bits(q.get(3))));
            if (pairs.n > 0) {
                visitor.accept(subjects[i], pairs.ids, pairs.n);
            }
        }
    }

    /**
     * One range scan from {@code subjects[next]} towards {@code subjects[to - 1]}, stopped after
     * {@link #MAX_SKIPPED} unwanted quads in a row; returns where the next scan starts ({@code to}
     * when every subject has been read).
     */
    private static int scan(TupleIndexRecord spog, long[] subjects, int from, int to, Pairs pairs, Visitor visitor) {
        Scan scan = new Scan(subjects, from, to, pairs, visitor);
        TdbQuads.scanFrom(spog, TdbQuads.quad(LOWEST, NodeIds.ptr(subjects[from]), LOWEST, LOWEST), scan);
        scan.finish();
        return scan.stopped ? scan.next : to;
    }

    /** One range scan's state: the subject being read, whether it is wanted, the unwanted run. */
    private static final class Scan implements TdbQuads.StoredQuad {
        private final long[] subjects;
        private final int to;
        private final long last;
        private final Pairs pairs;
        private final Visitor visitor;
        int next;
        boolean stopped;
        private long current = NodeIds.NONE;
        private boolean wanted;
        private int skipped;

        Scan(long[] subjects, int from, int to, Pairs pairs, Visitor visitor) {
            this.subjects = subjects;
            this.next = from;
            this.to = to;
            this.last = subjects[to - 1];
            this.pairs = pairs;
            this.visitor = visitor;
        }

        /** (S, P, O, G): the ids in the index's order. */
        @Override
        public boolean accept(long s, long p, long o, long g) {
            if (s != current) {
                finish();
                if (s > last) {
                    return false;
                }
                current = s;
                while (next < to && subjects[next] < s) {
                    next++; // wanted, but without triples
                }
                wanted = next < to && subjects[next] == s;
                if (wanted) {
                    pairs.clear();
                    next++;
                    skipped = 0;
                }
            }
            if (wanted) {
                pairs.add(p, o);
            } else if (++skipped > MAX_SKIPPED) {
                stopped = true;
                return false;
            }
            return true;
        }

        /** Hands over the subject read so far, if it was wanted. */
        void finish() {
            if (wanted) {
                visitor.accept(current, pairs.ids, pairs.n);
                wanted = false;
            }
        }
    }

    /** One subject's distinct pairs; (S, P, O, G) order puts a triple held by several graphs in a run. */
    private static final class Pairs {
        long[] ids = new long[32];
        int n;

        void clear() {
            n = 0;
        }

        void add(long p, long o) {
            if (n > 0 && ids[2 * n - 2] == p && ids[2 * n - 1] == o) {
                return;
            }
            if (2 * n + 2 > ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[2 * n] = p;
            ids[2 * n + 1] = o;
            n++;
        }
    }
}
