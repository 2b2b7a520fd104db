package scot.cairn.linkeddata;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;

import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Numbers;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.CubeTable;
import scot.cairn.formats.cube.Labels;
import scot.cairn.formats.cube.ObservationScan;

/**
 * The whole-cube CSV straight from TDB2's GSPO quad index, working on node ids: an observation's
 * subject URI is never decoded (that lookup, one per observation, is what makes the generic
 * scan slow), and each distinct area, period, code, unit and status is decoded and labelled once.
 * Produces exactly the rows of {@link CubeTable} over {@link ObservationScan}; used only when
 * the store is TDB2 and the download is the whole cube. Call inside a read transaction.
 */
final class TdbCubeTable {
    private static final int DATA_SET = 0;
    private static final int AREA = 1;
    private static final int PERIOD = 2;
    private static final int MEASURE_TYPE = 3;
    private static final int UNIT = 4;
    private static final int STATUS = 5;
    private static final int FIRST_OTHER = 6;

    private final NodeTable nodes;
    private final NodeTupleTable quads;
    private final Cube cube;
    private final Labels labels;
    private final Map<NodeId, String> codes = new HashMap<>();
    private final Map<NodeId, String> names = new HashMap<>();
    /** The last id and text per output column: consecutive observations mostly share area, period and codes. */
    private final NodeId[] lastIds = new NodeId[64];
    private final String[] lastTexts = new String[64];

    private TdbCubeTable(DatasetGraphTDB tdb, Cube cube, Labels labels) {
        this.quads = tdb.getQuadTable().getNodeTupleTable();
        this.nodes = quads.getNodeTable();
        this.cube = cube;
        this.labels = labels;
    }

    static boolean applies(DatasetGraph dsg) {
        return TDBInternal.isTDB2(dsg);
    }

    /** Writes one row per observation (the header is the caller's) and returns the row count. */
    static long write(DatasetGraph dsg, Cube cube, Labels labels, CsvWriter out) throws IOException {
        return new TdbCubeTable(TDBInternal.getDatasetGraphTDB(dsg), cube, labels).write(out);
    }

    private long write(CsvWriter out) throws IOException {
        NodeId graph = id(cube.dataGraph());
        NodeId dataset = id(cube.dataset());
        if (graph == null || dataset == null) {
            return 0;
        }
        List<Node> others = cube.otherDimensions();
        Map<NodeId, Integer> slots = new HashMap<>();
        slot(slots, Cube.DATA_SET, DATA_SET);
        slot(slots, Cube.REF_AREA, AREA);
        slot(slots, Cube.REF_PERIOD, PERIOD);
        slot(slots, Cube.MEASURE_TYPE, MEASURE_TYPE);
        slot(slots, Cube.UNIT, UNIT);
        slot(slots, Cube.STATUS, STATUS);
        for (int i = 0; i < others.size(); i++) {
            slot(slots, others.get(i), FIRST_OTHER + i);
        }
        NodeId[] slotValues = new NodeId[FIRST_OTHER + others.size()];
        // every (predicate, object) of the current observation, to find the value on its measure type
        NodeId[] predicates = new NodeId[32];
        NodeId[] objects = new NodeId[32];
        NodeId[] lastPredicates = new NodeId[32];
        int[] lastSlots = new int[32];
        int count = 0;
        Object[] row = new Object[7 + others.size()];
        long rows = 0;

        Iterator<Tuple<NodeId>> it = quads.find(TupleFactory.tuple(graph, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny));
        NodeId current = null;
        while (it.hasNext()) {
            Tuple<NodeId> t = it.next();
            NodeId s = t.get(1);
            if (!s.equals(current)) {
                if (current != null && dataset.equals(slotValues[DATA_SET])) {
                    emit(slotValues, predicates, objects, count, row, others.size(), out);
                    rows++;
                }
                current = s;
                java.util.Arrays.fill(slotValues, null);
                count = 0;
            }
            NodeId p = t.get(2);
            NodeId o = t.get(3);
            if (count == predicates.length) {
                predicates = java.util.Arrays.copyOf(predicates, count * 2);
                objects = java.util.Arrays.copyOf(objects, count * 2);
                lastPredicates = java.util.Arrays.copyOf(lastPredicates, count * 2);
                lastSlots = java.util.Arrays.copyOf(lastSlots, count * 2);
            }
            // Observations of one cube list the same predicates in the same (index) order, so the
            // previous observation's predicate at this position usually answers without hashing.
            int slot;
            if (p.equals(lastPredicates[count])) {
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
        if (current != null && dataset.equals(slotValues[DATA_SET])) {
            emit(slotValues, predicates, objects, count, row, others.size(), out);
            rows++;
        }
        return rows;
    }

    private void emit(NodeId[] v, NodeId[] predicates, NodeId[] objects, int count, Object[] row, int others, CsvWriter out)
            throws IOException {
        int i = 0;
        row[i++] = code(v[AREA]);
        row[i] = label(i++, v[AREA]);
        row[i] = label(i++, v[PERIOD]);
        row[i] = label(i++, v[MEASURE_TYPE]);
        for (int k = 0; k < others; k++) {
            row[i] = label(i++, v[FIRST_OTHER + k]);
        }
        row[i] = label(i++, v[UNIT]);
        NodeId value = null;
        if (v[MEASURE_TYPE] != null) {
            for (int k = 0; k < count; k++) {
                if (predicates[k].equals(v[MEASURE_TYPE])) {
                    value = objects[k];
                    break;
                }
            }
        }
        row[i++] = value == null ? "" : lexical(node(value));
        row[i] = label(i, v[STATUS]);
        out.row(row);
    }

    private String code(NodeId id) {
        if (id == null) {
            return "";
        }
        if (id.equals(lastIds[0])) {
            return lastTexts[0];
        }
        String code = codes.computeIfAbsent(id, k -> Labels.lastSegment(node(k)));
        lastIds[0] = id;
        lastTexts[0] = code;
        return code;
    }

    private String label(int column, NodeId id) {
        if (id == null) {
            return "";
        }
        if (column < lastIds.length && id.equals(lastIds[column])) {
            return lastTexts[column];
        }
        String cached = names.get(id);
        if (cached == null) {
            cached = labels.of(node(id));
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

    private Node node(NodeId id) {
        return NodeId.isInline(id) ? NodeId.extract(id) : nodes.getNodeForNodeId(id);
    }

    private NodeId id(Node n) {
        NodeId id = nodes.getNodeIdForNode(n);
        return id == null || NodeId.isDoesNotExist(id) ? null : id;
    }

    private void slot(Map<NodeId, Integer> slots, Node predicate, int slot) {
        NodeId id = id(predicate);
        if (id != null) {
            slots.putIfAbsent(id, slot);
        }
    }
}
