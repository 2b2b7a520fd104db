package scot.cairn.linkeddata;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Numbers;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.CubeTable;
import scot.cairn.formats.cube.Labels;
import scot.cairn.formats.cube.ObservationScan;
import scot.cairn.store.TermIds;

/**
 * The whole-cube CSV from one scan of the cube's graph through the store's term ids
 * ({@link TermIds}): an observation's subject URI is never decoded (that lookup, one per
 * observation, is what makes the generic scan slow), and each distinct area, period, code, unit
 * and status is decoded and labelled once. Produces exactly the rows of {@link CubeTable} over
 * {@link ObservationScan}, in the store's order. Call inside a read transaction.
 */
final class IdCubeTable {
    private static final int DATA_SET = 0;
    private static final int AREA = 1;
    private static final int PERIOD = 2;
    private static final int MEASURE_TYPE = 3;
    private static final int UNIT = 4;
    private static final int STATUS = 5;
    private static final int FIRST_OTHER = 6;
    private static final long NONE = TermIds.NONE;

    private final TermIds ids;
    private final Cube cube;
    private final Labels labels;
    /** Texts by term id (ids tell types apart: the integer 2015 is not the node at offset 2015). */
    private final Map<Long, String> codes = new HashMap<>();

    private final Map<Long, String> names = new HashMap<>();
    /** The last id and text per output column: consecutive observations mostly share area, period and codes. */
    private final long[] lastIds = new long[64];

    private final String[] lastTexts = new String[64];

    private IdCubeTable(TermIds ids, Cube cube, Labels labels) {
        this.ids = ids;
        this.cube = cube;
        this.labels = labels;
        Arrays.fill(lastIds, NONE);
    }

    /** Writes one row per observation (the header is the caller's) and returns the row count. */
    static long write(DatasetGraph dsg, Cube cube, Labels labels, CsvWriter out) throws IOException {
        return new IdCubeTable(TermIds.over(dsg), cube, labels).write(out);
    }

    /** One observation's (predicate, object) ids as they are read, and its values by output slot. */
    private final class Observation {
        final long[] slotValues;
        long[] predicates = new long[32];
        long[] objects = new long[32];
        /** The previous observation's predicate and slot at each position. */
        long[] lastPredicates = new long[32];

        int[] lastSlots = new int[32];
        int count;

        Observation(int slots) {
            slotValues = new long[slots];
            Arrays.fill(slotValues, NONE);
            Arrays.fill(lastPredicates, NONE);
        }

        void reset() {
            Arrays.fill(slotValues, NONE);
            count = 0;
        }

        void add(long p, long o, Map<Long, Integer> slots) {
            if (count == predicates.length) {
                predicates = Arrays.copyOf(predicates, count * 2);
                objects = Arrays.copyOf(objects, count * 2);
                lastPredicates = Arrays.copyOf(lastPredicates, count * 2);
                Arrays.fill(lastPredicates, count, count * 2, NONE);
                lastSlots = Arrays.copyOf(lastSlots, count * 2);
            }
            // Observations of one cube list the same predicates in the same (index) order, so the
            // previous observation's predicate at this position usually answers without hashing.
            int slot;
            if (p == lastPredicates[count]) {
                slot = lastSlots[count];
            } else {
                Integer found = slots.get(p);
                slot = found == null ? -1 : found;
                lastPredicates[count] = p;
                lastSlots[count] = slot;
            }
            if (slot >= 0) {
                slotValues[slot] = o;
            }
            predicates[count] = p;
            objects[count] = o;
            count++;
        }

        /** The object on the predicate named by the measure type, or NONE. */
        long value() {
            long measureType = slotValues[MEASURE_TYPE];
            for (int k = 0; measureType != NONE && k < count; k++) {
                if (predicates[k] == measureType) {
                    return objects[k];
                }
            }
            return NONE;
        }
    }

    private long write(CsvWriter out) throws IOException {
        long graph = ids.id(cube.dataGraph());
        long dataset = ids.id(cube.dataset());
        if (graph == NONE || dataset == NONE) {
            return 0;
        }
        List<Node> others = cube.otherDimensions();
        Map<Long, Integer> slots = slots(others);
        Observation obs = new Observation(FIRST_OTHER + others.size());
        Object[] row = new Object[7 + others.size()];
        long rows = 0;
        long current = NONE;
        boolean any = false;
        try (TermIds.Cursor quads = ids.graph(cube.dataGraph())) {
            while (quads.next()) {
                long s = quads.subject();
                if (!any || s != current) {
                    if (any && obs.slotValues[DATA_SET] == dataset) {
                        emit(obs, row, others.size(), out);
                        rows++;
                    }
                    any = true;
                    current = s;
                    obs.reset();
                }
                obs.add(quads.predicate(), quads.object(), slots);
            }
        }
        if (any && obs.slotValues[DATA_SET] == dataset) {
            emit(obs, row, others.size(), out);
            rows++;
        }
        return rows;
    }

    /** The output slot of each cube component's predicate id. */
    private Map<Long, Integer> slots(List<Node> others) {
        Map<Long, Integer> slots = new HashMap<>();
        slot(slots, Cube.DATA_SET, DATA_SET);
        slot(slots, Cube.REF_AREA, AREA);
        slot(slots, Cube.REF_PERIOD, PERIOD);
        slot(slots, Cube.MEASURE_TYPE, MEASURE_TYPE);
        slot(slots, Cube.UNIT, UNIT);
        slot(slots, Cube.STATUS, STATUS);
        for (int i = 0; i < others.size(); i++) {
            slot(slots, others.get(i), FIRST_OTHER + i);
        }
        return slots;
    }

    private void emit(Observation obs, Object[] row, int others, CsvWriter out) throws IOException {
        long[] v = obs.slotValues;
        int i = 0;
        row[i++] = code(v[AREA]);
        row[i] = label(i++, v[AREA]);
        row[i] = label(i++, v[PERIOD]);
        row[i] = label(i++, v[MEASURE_TYPE]);
        for (int k = 0; k < others; k++) {
            row[i] = label(i++, v[FIRST_OTHER + k]);
        }
        row[i] = label(i++, v[UNIT]);
        long value = obs.value();
        row[i++] = value == NONE ? "" : lexical(ids.node(value));
        row[i] = label(i, v[STATUS]);
        out.row(row);
    }

    private String code(long id) {
        if (id == NONE) {
            return "";
        }
        if (id == lastIds[0]) {
            return lastTexts[0];
        }
        String code = codes.computeIfAbsent(id, k -> Labels.lastSegment(ids.node(k)));
        lastIds[0] = id;
        lastTexts[0] = code;
        return code;
    }

    private String label(int column, long id) {
        if (id == NONE) {
            return "";
        }
        if (column < lastIds.length && id == lastIds[column]) {
            return lastTexts[column];
        }
        String cached = names.get(id);
        if (cached == null) {
            cached = labels.of(ids.node(id));
            names.put(id, cached);
        }
        if (column < lastIds.length) {
            lastIds[column] = id;
            lastTexts[column] = cached;
        }
        return cached;
    }

    private String lexical(Node n) {
        return n.isLiteral() ? Numbers.text(n) : labels.of(n);
    }

    private void slot(Map<Long, Integer> slots, Node predicate, int slot) {
        long id = ids.id(predicate);
        if (id != NONE) {
            slots.putIfAbsent(id, slot);
        }
    }
}
