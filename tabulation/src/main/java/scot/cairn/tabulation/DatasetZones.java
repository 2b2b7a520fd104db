package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.differencing.ZoneGeography;
import scot.cairn.vocab.AreaLevel;

/**
 * Per dataset and ingest: the records in each data zone (one small {@code GROUP BY}, kept until
 * the next ingest) and the dataset's geography as the area registry needs it. Record counts per
 * data zone are what population estimates publish; they decide the minimum population of a
 * user-defined area before any table is counted. Thread-safe.
 */
final class DatasetZones {
    private final MicrodataStore store;
    private final AreaHierarchy hierarchy;
    private final Map<String, Counted> counted = new ConcurrentHashMap<>();

    private record Counted(java.time.Instant ingested, long[] records) {}

    DatasetZones(MicrodataStore store, AreaHierarchy hierarchy) {
        this.store = store;
        this.hierarchy = hierarchy;
    }

    /** Records per data zone index. */
    long[] records(MicrodataStore.Dataset ds) {
        Counted c = counted.get(ds.definition().name());
        if (c != null && c.ingested().equals(ds.ingested())) {
            return c.records();
        }
        long[] records = new long[ds.areaCodes().get(AreaLevel.DATA_ZONE).size()];
        try (Connection conn = store.connection();
                Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT g_" + AreaLevel.DATA_ZONE.prefix() + ", count(*) FROM " + ds.table() + " GROUP BY 1")) {
            while (rs.next()) {
                records[rs.getInt(1)] = rs.getLong(2);
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot count records per data zone: " + e.getMessage(), e);
        }
        counted.put(ds.definition().name(), new Counted(ds.ingested(), records));
        return records;
    }

    /** Records in the given data zone indexes. */
    long population(MicrodataStore.Dataset ds, int[] zones) {
        long[] records = records(ds);
        long total = 0;
        for (int z : zones) {
            total += records[z];
        }
        return total;
    }

    /** The zones, their records and their standard areas at every level above the data zone. */
    ZoneGeography geography(MicrodataStore.Dataset ds) {
        List<String> zones = ds.areaCodes().get(AreaLevel.DATA_ZONE);
        List<AreaLevel> levels =
                ds.levels().stream().filter(l -> l != AreaLevel.DATA_ZONE).toList();
        int[][] parents = new int[levels.size()][zones.size()];
        for (int l = 0; l < levels.size(); l++) {
            AreaLevel level = levels.get(l);
            for (int z = 0; z < zones.size(); z++) {
                parents[l][z] = hierarchy
                        .parent(zones.get(z), level)
                        .map(code -> ds.indexOf(level, code))
                        .orElse(-1);
            }
        }
        int izLevel = levels.indexOf(AreaLevel.INTERMEDIATE_ZONE);
        List<String> izCodes = izLevel < 0 ? zones : ds.areaCodes().get(AreaLevel.INTERMEDIATE_ZONE);
        int[] iz = new int[zones.size()];
        for (int z = 0; z < zones.size(); z++) {
            iz[z] = izLevel < 0 ? z : parents[izLevel][z];
        }
        return new ZoneGeography(zones, records(ds), parents, iz, new ArrayList<>(izCodes));
    }
}
