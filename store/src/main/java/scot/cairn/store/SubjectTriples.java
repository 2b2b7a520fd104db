package scot.cairn.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.jena.atlas.iterator.Iter;
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
 */
final class SubjectTriples {
    private static final NodeId LOWEST = NodeIds.LOWEST;

    /** Quads of unwanted subjects read in a row before a scan is restarted at the next wanted subject. */
    static final int MAX_SKIPPED = 64;

    private SubjectTriples() {}

    /**
     * Calls {@code action} once per subject of {@code subjects} (sorted by node id, distinct) that
     * has triples, in that order, with its distinct (predicate, object) pairs in any graph.
     */
    static void read(TdbQuads quads, List<NodeId> subjects, BiConsumer<NodeId, List<NodeId[]>> action) {
        TupleIndexRecord spog = quads.index("SPOG");
        if (spog == null) {
            readEach(quads, subjects, action);
            return;
        }
        int next = 0;
        while (next < subjects.size()) {
            next = scan(spog, subjects, next, action);
        }
    }

    /** Without a subject-first index: one lookup per subject. */
    private static void readEach(TdbQuads quads, List<NodeId> subjects, BiConsumer<NodeId, List<NodeId[]>> action) {
        for (NodeId s : subjects) {
            List<NodeId[]> pairs = new ArrayList<>(16);
            Iterator<Tuple<NodeId>> it = quads.find(NodeId.NodeIdAny, s, NodeId.NodeIdAny, NodeId.NodeIdAny);
            it.forEachRemaining(q -> addDistinct(pairs, q));
            if (!pairs.isEmpty()) {
                action.accept(s, pairs);
            }
        }
    }

    /**
     * One range scan from {@code subjects[next]} towards the last wanted subject, stopped after
     * {@link #MAX_SKIPPED} unwanted quads in a row; returns where the next scan starts
     * ({@code subjects.size()} when every subject has been read).
     */
    private static int scan(
            TupleIndexRecord spog, List<NodeId> subjects, int next, BiConsumer<NodeId, List<NodeId[]>> action) {
        int n = subjects.size();
        Iterator<Tuple<NodeId>> it = TdbQuads.range(
                spog,
                TdbQuads.quad(LOWEST, subjects.get(next), LOWEST, LOWEST),
                TdbQuads.quad(LOWEST, NodeIds.nextPtr(subjects.get(n - 1)), LOWEST, LOWEST));
        int skipped = 0;
        NodeId current = null;
        List<NodeId[]> pairs = null;
        boolean stopped = false;
        try {
            while (it.hasNext()) {
                Tuple<NodeId> q = it.next();
                NodeId s = q.get(1);
                if (!NodeIds.same(s, current)) {
                    if (pairs != null) {
                        action.accept(current, pairs);
                        pairs = null;
                    }
                    current = s;
                    while (next < n && subjects.get(next).getPtrLocation() < s.getPtrLocation()) {
                        next++; // wanted, but without triples
                    }
                    if (next < n && NodeIds.same(subjects.get(next), s)) {
                        pairs = new ArrayList<>(16);
                        next++;
                        skipped = 0;
                    }
                }
                if (pairs != null) {
                    addDistinct(pairs, q);
                } else if (++skipped > MAX_SKIPPED) {
                    stopped = true;
                    break;
                }
            }
        } finally {
            Iter.close(it);
        }
        if (pairs != null) {
            action.accept(current, pairs);
        }
        return stopped ? next : n;
    }

    /** (S, P, O, G) order: a triple held by several graphs comes in a run. */
    private static void addDistinct(List<NodeId[]> pairs, Tuple<NodeId> q) {
        NodeId[] last = pairs.isEmpty() ? null : pairs.get(pairs.size() - 1);
        if (last == null || !NodeIds.same(last[0], q.get(2)) || !NodeIds.same(last[1], q.get(3))) {
            pairs.add(new NodeId[] {q.get(2), q.get(3)});
        }
    }
}
