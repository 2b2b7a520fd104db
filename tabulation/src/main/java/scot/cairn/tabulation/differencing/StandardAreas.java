package scot.cairn.tabulation.differencing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard areas of a dataset's geography (every level above the data zone), with the zones
 * and records of each, to measure how much a user-defined area differs from each standard area it
 * overlaps.
 */
final class StandardAreas {
    private final int[][] parent;
    private final List<Map<Integer, long[]>> sizes;

    StandardAreas(ZoneGeography g) {
        parent = g.standardParents();
        sizes = new ArrayList<>(parent.length);
        for (int l = 0; l < parent.length; l++) {
            sizes.add(new HashMap<>());
            for (int z = 0; z < parent[l].length; z++) {
                if (parent[l][z] >= 0) {
                    long[] s = sizes.get(l).computeIfAbsent(parent[l][z], k -> new long[2]);
                    s[0]++;
                    s[1] += g.zoneRecords()[z];
                }
            }
        }
    }

    /**
     * For every standard area the user-defined area overlaps: {zones, records} of their symmetric
     * difference.
     */
    List<long[]> differences(int[] area, boolean[] in, long areaRecords, long[] zoneRecords) {
        List<long[]> out = new ArrayList<>();
        for (int l = 0; l < parent.length; l++) {
            Map<Integer, long[]> common = new HashMap<>();
            for (int z : area) {
                int a = parent[l][z];
                if (a >= 0) {
                    long[] c = common.computeIfAbsent(a, k -> new long[2]);
                    c[0]++;
                    c[1] += zoneRecords[z];
                }
            }
            for (Map.Entry<Integer, long[]> e : common.entrySet()) {
                long[] size = sizes.get(l).get(e.getKey());
                long[] c = e.getValue();
                out.add(new long[] {size[0] + area.length - 2 * c[0], size[1] + areaRecords - 2 * c[1]});
            }
        }
        return out;
    }
}
