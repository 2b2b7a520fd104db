package scot.cairn.tabulation.differencing;

import java.util.List;

/**
 * What the area registry needs to know of a dataset's geography: its data zones (in index order),
 * the records in each, the standard areas every zone belongs to (one array per standard level above
 * the data zone: area index per zone, -1 for none) and the intermediate zone of each zone (an index into {@code intermediateZoneCodes}).
 */
public record ZoneGeography(
        List<String> zoneCodes,
        long[] zoneRecords,
        int[][] standardParents,
        int[] intermediateZone,
        List<String> intermediateZoneCodes) {
    public ZoneGeography {
        zoneCodes = List.copyOf(zoneCodes);
        intermediateZoneCodes = List.copyOf(intermediateZoneCodes);
        int n = zoneCodes.size();
        if (zoneRecords.length != n || intermediateZone.length != n) {
            throw new IllegalArgumentException("one record count and one intermediate zone per data zone are needed");
        }
        for (int[] p : standardParents) {
            if (p.length != n) {
                throw new IllegalArgumentException("one parent per data zone is needed at every level");
            }
        }
    }
}
