package scot.cairn.tabulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import scot.cairn.tabulation.protection.CellGrid;
import scot.cairn.vocab.AreaLevel;

/** Counts a count table from a dataset's in-memory columns ({@link RecordColumns}): the same cells as {@link SqlCounts}. */
final class MemoryCounts {
    private MemoryCounts() {}

    static void count(TablePlan plan, RecordColumns cols, CellGrid grid) {
        int k = plan.variables().size();
        int[] sizes = plan.categoryCounts();
        int[] finestStride = new int[k];
        int perFinest = 1;
        for (int i = k - 1; i >= 0; i--) {
            finestStride[i] = perFinest;
            perFinest = Math.multiplyExact(perFinest, sizes[i]);
        }
        List<Integer> used = new ArrayList<>();
        List<int[]> offsets = new ArrayList<>();
        offsets(plan, finestStride, used, offsets);
        int[] usedArr = used.stream().mapToInt(Integer::intValue).toArray();
        int[][] offsetArr = offsets.toArray(new int[0][]);
        int areaOffset = 0;
        int[] coord = new int[k];
        for (TablePlan.Query q : plan.queries()) {
            int outAreas = q.outputCodes().length;
            int[] areaOf = areaOf(plan, q, cols);
            RecordColumns.Counts counts = cols.count(areaOf, usedArr, offsetArr, outAreas, perFinest);
            for (int a = 0; a < outAreas; a++) {
                int base = a * perFinest;
                for (int f = 0; f < perFinest; f++) {
                    long cn = counts.n()[base + f];
                    if (cn != 0) {
                        for (int i = 0; i < k; i++) {
                            coord[i] = (f / finestStride[i]) % sizes[i];
                        }
                        grid.add(areaOffset + a, coord, cn, counts.keys()[base + f], 0, 0, null);
                    }
                }
            }
            areaOffset += outAreas;
        }
    }

    /**
     * Crossed variables: category -> its offset in the finest cell index (-1: filtered out);
     * variables only filtered: 0 for an allowed category, -1 otherwise.
     */
    private static void offsets(TablePlan plan, int[] finestStride, List<Integer> used, List<int[]> offsets) {
        MicrodataDefinition def = plan.dataset().definition();
        int[][] position = plan.positions();
        for (int i = 0; i < plan.variables().size(); i++) {
            int[] o = new int[256];
            Arrays.fill(o, -1);
            for (int c = 0; c < position[i].length; c++) {
                if (position[i][c] >= 0) {
                    o[c] = position[i][c] * finestStride[i];
                }
            }
            used.add(def.variables().indexOf(plan.variables().get(i)));
            offsets.add(o);
        }
        for (Map.Entry<String, List<String>> f : plan.request().filters().entrySet()) {
            MicrodataDefinition.Variable v = def.variable(f.getKey());
            if (plan.variables().contains(v)) {
                continue;
            }
            int[] o = new int[256];
            Arrays.fill(o, -1);
            for (String code : f.getValue()) {
                o[v.codes().indexOf(code)] = 0;
            }
            used.add(def.variables().indexOf(v));
            offsets.add(o);
        }
    }

    /** Data zone index -> output area of this query (-1: not in the table). */
    private static int[] areaOf(TablePlan plan, TablePlan.Query q, RecordColumns cols) {
        int zones = plan.dataset().areaCodes().get(AreaLevel.DATA_ZONE).size();
        int[] areaOf = new int[zones];
        Arrays.fill(areaOf, -1);
        if (q.customZones() != null) {
            for (int z : q.areaIndexes()) {
                areaOf[z] = 0;
            }
            return areaOf;
        }
        int[] parent = cols.parentOf(q.level());
        int[] pos = null;
        if (q.areaIndexes() != null) {
            pos = new int[plan.dataset().areaCodes().get(q.level()).size()];
            Arrays.fill(pos, -1);
            for (int i = 0; i < q.areaIndexes().length; i++) {
                pos[q.areaIndexes()[i]] = i;
            }
        }
        for (int z = 0; z < zones; z++) {
            int p = parent[z];
            areaOf[z] = p < 0 ? -1 : pos == null ? p : pos[p];
        }
        return areaOf;
    }
}
