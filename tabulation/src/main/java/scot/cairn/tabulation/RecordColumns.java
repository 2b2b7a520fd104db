package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import scot.cairn.tabulation.disclosure.CellKeys;
import scot.cairn.vocab.AreaLevel;

/**
 * A dataset's count-relevant columns held in primitive arrays inside the tabulation service: per
 * record its data zone index, its record key and the category index of each categorical variable
 * (no weights, no magnitudes, nothing else). Read once from the private DuckDB store after an
 * ingest (lazily, at the first count table) and never written back; it is a copy of what the store
 * holds, so a table computed from it has exactly the counts and cell keys the SQL path computes
 * (integer sums; cell keys add modulo 2^32 in any order).
 *
 * <p>The records are held sorted by data zone. A count table is one pass over the records of the
 * data zones it needs (all of them for a level, a few for a custom area or locality) that adds
 * each record's count and key to its finest cell (area x kept categories), split over the
 * available cores in runs of whole zones with one accumulator per slice; the slices are added
 * afterwards. For 5.47 M persons this is a few tens of milliseconds,
 * where a DuckDB {@code GROUP BY} over the same records costs a few hundred (see
 * docs/BENCHMARKS.md, "Tabulation"). About 4 + (number of variables) bytes per record.
 */
final class RecordColumns {
    /** Slices smaller than this are not worth a thread. */
    private static final int MIN_SLICE = 250_000;
    /** Per-slice accumulators above this many finest cells are not duplicated (memory). */
    private static final int MAX_PARALLEL_CELLS = 2_000_000;

    final Instant ingested;
    final int size;
    /** Records are held sorted by data zone: those of zone z are {@code zoneStart[z]} to {@code zoneStart[z + 1] - 1}. */
    private final int[] zoneStart;
    /** Per record: record key, 32-bit fixed point (unsigned, held in an int). */
    private final int[] key;
    /** Per variable (definition order), per record: category index. */
    private final byte[][] category;
    /** Per level: data zone index -> the level's area index (-1 for a zone that holds no record). */
    private final Map<AreaLevel, int[]> parent;

    private RecordColumns(
            Instant ingested, int size, int[] zoneStart, int[] key, byte[][] category, Map<AreaLevel, int[]> parent) {
        this.ingested = ingested;
        this.size = size;
        this.zoneStart = zoneStart;
        this.key = key;
        this.category = category;
        this.parent = parent;
    }

    /** Reads the columns of a stored dataset. */
    static RecordColumns load(Connection c, MicrodataStore.Dataset ds) throws SQLException {
        MicrodataDefinition def = ds.definition();
        List<MicrodataDefinition.Variable> vars = def.variables();
        int zones = ds.areaCodes().get(AreaLevel.DATA_ZONE).size();
        if (zones > Character.MAX_VALUE + 1) {
            throw new IllegalStateException("more than 65,536 data zones");
        }
        int n = Math.toIntExact(ds.records());
        char[] zone = new char[n];
        int[] key = new int[n];
        byte[][] category = new byte[vars.size()][n];
        int[] zoneCount = new int[zones];
        readRecords(c, ds, zone, key, category, zoneCount);
        Map<AreaLevel, int[]> parent = readParents(c, ds, zones);
        // Counting sort by data zone (stable): a table then visits each zone's records as one run.
        int[] zoneStart = new int[zones + 1];
        for (int z = 0; z < zones; z++) {
            zoneStart[z + 1] = zoneStart[z] + zoneCount[z];
        }
        int[] next = Arrays.copyOf(zoneStart, zones);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[zone[i]]++] = i;
        }
        int[] sortedKey = new int[n];
        for (int i = 0; i < n; i++) {
            sortedKey[i] = key[order[i]];
        }
        for (int v = 0; v < category.length; v++) {
            byte[] sorted = new byte[n];
            byte[] col = category[v];
            for (int i = 0; i < n; i++) {
                sorted[i] = col[order[i]];
            }
            category[v] = sorted;
        }
        return new RecordColumns(ds.ingested(), n, zoneStart, sortedKey, category, parent);
    }

    /** Reads every record's data zone, key and categories, counting the records of each zone. */
    private static void readRecords(
            Connection c, MicrodataStore.Dataset ds, char[] zone, int[] key, byte[][] category, int[] zoneCount)
            throws SQLException {
        MicrodataDefinition def = ds.definition();
        List<MicrodataDefinition.Variable> vars = def.variables();
        int n = zone.length;
        StringBuilder sql = new StringBuilder("SELECT g_")
                .append(AreaLevel.DATA_ZONE.prefix())
                .append(", rkey");
        for (MicrodataDefinition.Variable v : vars) {
            sql.append(", v_").append(v.name());
        }
        sql.append(" FROM ").append(ds.table());
        int r = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                if (r == n) {
                    throw new IllegalStateException(
                            "dataset " + def.name() + " holds more records than its catalogue entry says");
                }
                int z = rs.getInt(1);
                zone[r] = (char) z;
                zoneCount[z]++;
                key[r] = (int) rs.getLong(2);
                for (int i = 0; i < category.length; i++) {
                    category[i][r] = (byte) rs.getInt(3 + i);
                }
                r++;
            }
        }
        if (r != n) {
            throw new IllegalStateException(
                    "dataset " + def.name() + " holds " + r + " records, its catalogue entry says " + n);
        }
    }

    /** For each area level, data zone index -> the area index it lies in (-1 where no record lives). */
    private static Map<AreaLevel, int[]> readParents(Connection c, MicrodataStore.Dataset ds, int zones)
            throws SQLException {
        Map<AreaLevel, int[]> parent = new EnumMap<>(AreaLevel.class);
        List<AreaLevel> levels = ds.levels();
        StringBuilder q = new StringBuilder("SELECT DISTINCT g_").append(AreaLevel.DATA_ZONE.prefix());
        for (AreaLevel level : levels) {
            int[] p = new int[zones];
            Arrays.fill(p, -1);
            parent.put(level, p);
            q.append(", g_").append(level.prefix());
        }
        q.append(" FROM ").append(ds.table());
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(q.toString())) {
            while (rs.next()) {
                int z = rs.getInt(1);
                for (int i = 0; i < levels.size(); i++) {
                    parent.get(levels.get(i))[z] = rs.getInt(2 + i);
                }
            }
        }
        return parent;
    }

    /** Bytes held (approximately). */
    long bytes() {
        return (long) size * (4 + category.length) + (long) zoneStart.length * 4 * (1 + parent.size());
    }

    /** Data zone index -> the area index at {@code level} (-1 where no record lives). */
    int[] parentOf(AreaLevel level) {
        return parent.get(level);
    }

    /**
     * Counts and cell keys of the finest cells: {@code areaOf[zone]} is the record's output area
     * (or -1 to leave it out); for each used variable {@code variables[j]}, {@code offset[j][c]} is
     * what category {@code c} adds to the cell index (-1 leaves the record out: a filter). The cell
     * index is {@code area * perArea + sum of offsets}.
     *
     * @return {@code n[cell]} and, in {@code keys[cell]}, the sum of record keys modulo 2^32
     */
    Counts count(int[] areaOf, int[] variables, int[][] offset, int areas, int perArea) {
        int cells = Math.multiplyExact(areas, perArea);
        int zones = zoneStart.length - 1;
        // Only the records of zones that belong to an output area are visited.
        long visited = 0;
        for (int z = 0; z < zones; z++) {
            if (areaOf[z] >= 0) {
                visited += zoneStart[z + 1] - zoneStart[z];
            }
        }
        int slices = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), visited / MIN_SLICE));
        if (cells > MAX_PARALLEL_CELLS) {
            slices = 1;
        }
        byte[][] cols = new byte[variables.length][];
        for (int j = 0; j < variables.length; j++) {
            cols[j] = category[variables[j]];
        }
        // Slice boundaries on zone boundaries, with about the same number of records in each.
        int[] bound = new int[slices + 1];
        bound[slices] = zones;
        for (int sl = 1, z = 0; sl < slices; sl++) {
            long target = (long) size * sl / slices;
            while (z < zones && zoneStart[z] < target) {
                z++;
            }
            bound[sl] = z;
        }
        int[][][] parts = IntStream.range(0, slices)
                .parallel()
                .mapToObj(sl -> countZones(areaOf, cols, offset, perArea, cells, bound[sl], bound[sl + 1]))
                .toArray(int[][][]::new);
        long[] n = new long[cells];
        long[] keys = new long[cells];
        for (int[][] part : parts) {
            for (int i = 0; i < cells; i++) {
                n[i] += part[0][i];
                keys[i] += part[1][i] & 0xFFFFFFFFL;
            }
        }
        for (int i = 0; i < cells; i++) {
            keys[i] = CellKeys.reduce(keys[i]);
        }
        return new Counts(n, keys);
    }

    /**
     * Per slice: counts (int: a dataset holds fewer than 2^31 records) and key sums in int
     * arithmetic, whose wrap-around is exactly the sum modulo 2^32 a cell key is.
     */
    private int[][] countZones(
            int[] areaOf, byte[][] cols, int[][] offset, int perArea, int cells, int fromZone, int toZone) {
        int[] n = new int[cells];
        int[] keys = new int[cells];
        for (int z = fromZone; z < toZone; z++) {
            int a = areaOf[z];
            if (a >= 0) {
                countRun(cols, offset, a * perArea, zoneStart[z], zoneStart[z + 1], n, keys);
            }
        }
        return new int[][] {n, keys};
    }

    /** Adds records {@code from} to {@code to - 1}, all of one area (cell index base {@code base}). */
    private void countRun(byte[][] cols, int[][] offset, int base, int from, int to, int[] n, int[] keys) {
        int[] key = this.key;
        int m = cols.length;
        // Specialised loops for the usual shapes keep the inner loop free of the variable loop.
        switch (m) {
            case 0 -> countAll(base, from, to, n, keys, key);
            case 1 -> countBy1(cols, offset, base, from, to, n, keys, key);
            case 2 -> countBy2(cols, offset, base, from, to, n, keys, key);
            case 3 -> countBy3(cols, offset, base, from, to, n, keys, key);
            default -> countByAny(cols, offset, base, from, to, n, keys, key);
        }
    }

    private static void countAll(int base, int from, int to, int[] n, int[] keys, int[] key) {
        int k = 0;
        for (int r = from; r < to; r++) {
            k += key[r];
        }
        n[base] += to - from;
        keys[base] += k;
    }

    private static void countBy1(
            byte[][] cols, int[][] offset, int base, int from, int to, int[] n, int[] keys, int[] key) {
        byte[] c0 = cols[0];
        int[] o0 = offset[0];
        for (int r = from; r < to; r++) {
            int p0 = o0[c0[r] & 0xFF];
            if (p0 >= 0) {
                int idx = base + p0;
                n[idx]++;
                keys[idx] += key[r];
            }
        }
    }

    private static void countBy2(
            byte[][] cols, int[][] offset, int base, int from, int to, int[] n, int[] keys, int[] key) {
        byte[] c0 = cols[0];
        byte[] c1 = cols[1];
        int[] o0 = offset[0];
        int[] o1 = offset[1];
        for (int r = from; r < to; r++) {
            int p0 = o0[c0[r] & 0xFF];
            int p1 = o1[c1[r] & 0xFF];
            if ((p0 | p1) >= 0) {
                int idx = base + p0 + p1;
                n[idx]++;
                keys[idx] += key[r];
            }
        }
    }

    private static void countBy3(
            byte[][] cols, int[][] offset, int base, int from, int to, int[] n, int[] keys, int[] key) {
        byte[] c0 = cols[0];
        byte[] c1 = cols[1];
        byte[] c2 = cols[2];
        int[] o0 = offset[0];
        int[] o1 = offset[1];
        int[] o2 = offset[2];
        for (int r = from; r < to; r++) {
            int p0 = o0[c0[r] & 0xFF];
            int p1 = o1[c1[r] & 0xFF];
            int p2 = o2[c2[r] & 0xFF];
            if ((p0 | p1 | p2) >= 0) {
                int idx = base + p0 + p1 + p2;
                n[idx]++;
                keys[idx] += key[r];
            }
        }
    }

    private static void countByAny(
            byte[][] cols, int[][] offset, int base, int from, int to, int[] n, int[] keys, int[] key) {
        int m = cols.length;
        for (int r = from; r < to; r++) {
            int idx = base;
            boolean in = true;
            for (int j = 0; j < m; j++) {
                int p = offset[j][cols[j][r] & 0xFF];
                if (p < 0) {
                    in = false;
                    break;
                }
                idx += p;
            }
            if (in) {
                n[idx]++;
                keys[idx] += key[r];
            }
        }
    }

    /** Per finest cell: the record count and the cell key (fixed point, reduced modulo 2^32 after {@link #count}). */
    record Counts(long[] n, long[] keys) {}
}
