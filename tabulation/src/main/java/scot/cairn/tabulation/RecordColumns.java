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
 * <p>A count table is one pass over the records that adds each record's count and key to its
 * finest cell (area x kept categories), split over the available cores with one accumulator per
 * slice; the slices are added afterwards. For 5.47 M persons this is a few tens of milliseconds,
 * where a DuckDB {@code GROUP BY} over the same records costs a few hundred (see
 * docs/BENCHMARKS.md, "Tabulation"). About 6 + (number of variables) bytes per record.
 */
final class RecordColumns {
    /** Slices smaller than this are not worth a thread. */
    private static final int MIN_SLICE = 250_000;
    /** Per-slice accumulators above this many finest cells are not duplicated (memory). */
    private static final int MAX_PARALLEL_CELLS = 2_000_000;

    final Instant ingested;
    final int size;
    /** Per record: index of its data zone among the dataset's data zone codes. */
    private final char[] zone;
    /** Per record: record key, 32-bit fixed point (unsigned, held in an int). */
    private final int[] key;
    /** Per variable (definition order), per record: category index. */
    private final byte[][] category;
    /** Per level: data zone index -> the level's area index (-1 for a zone that holds no record). */
    private final Map<AreaLevel, int[]> parent;
    /** Per data zone index: number of records. */
    private final int[] zoneCount;

    private RecordColumns(Instant ingested, int size, char[] zone, int[] key, byte[][] category,
                          Map<AreaLevel, int[]> parent, int[] zoneCount) {
        this.ingested = ingested;
        this.size = size;
        this.zone = zone;
        this.key = key;
        this.category = category;
        this.parent = parent;
        this.zoneCount = zoneCount;
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
        StringBuilder sql = new StringBuilder("SELECT g_").append(AreaLevel.DATA_ZONE.prefix()).append(", rkey");
        for (MicrodataDefinition.Variable v : vars) {
            sql.append(", v_").append(v.name());
        }
        sql.append(" FROM ").append(ds.table());
        int r = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                if (r == n) {
                    throw new IllegalStateException("dataset " + def.name() + " holds more records than its catalogue entry says");
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
            throw new IllegalStateException("dataset " + def.name() + " holds " + r + " records, its catalogue entry says " + n);
        }
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
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q.toString())) {
            while (rs.next()) {
                int z = rs.getInt(1);
                for (int i = 0; i < levels.size(); i++) {
                    parent.get(levels.get(i))[z] = rs.getInt(2 + i);
                }
            }
        }
        return new RecordColumns(ds.ingested(), n, zone, key, category, parent, zoneCount);
    }

    /** Bytes held (approximately). */
    long bytes() {
        return (long) size * (2 + 4 + category.length) + (long) zoneCount.length * 4 * (1 + parent.size());
    }

    /** Data zone index -> the area index at {@code level} (-1 where no record lives). */
    int[] parentOf(AreaLevel level) {
        return parent.get(level);
    }

    /** Records in the given data zones. */
    long population(int[] zones) {
        long total = 0;
        for (int z : zones) {
            total += zoneCount[z];
        }
        return total;
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
        int slices = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), size / MIN_SLICE));
        if (cells > MAX_PARALLEL_CELLS) {
            slices = 1;
        }
        byte[][] cols = new byte[variables.length][];
        for (int j = 0; j < variables.length; j++) {
            cols[j] = category[variables[j]];
        }
        int per = (size + slices - 1) / slices;
        int sliceCount = slices;
        Counts[] parts = IntStream.range(0, sliceCount).parallel()
                .mapToObj(sl -> countSlice(areaOf, cols, offset, perArea, cells, sl * per, Math.min(size, (sl + 1) * per)))
                .toArray(Counts[]::new);
        Counts total = parts[0];
        for (int p = 1; p < parts.length; p++) {
            for (int i = 0; i < cells; i++) {
                total.n[i] += parts[p].n[i];
                total.keys[i] += parts[p].keys[i];
            }
        }
        for (int i = 0; i < cells; i++) {
            total.keys[i] = CellKeys.reduce(total.keys[i]);
        }
        return total;
    }

    private Counts countSlice(int[] areaOf, byte[][] cols, int[][] offset, int perArea, int cells, int from, int to) {
        long[] n = new long[cells];
        long[] keys = new long[cells];
        char[] zone = this.zone;
        int[] key = this.key;
        int m = cols.length;
        // Specialised loops for the usual shapes keep the inner loop free of the variable loop.
        switch (m) {
            case 0 -> {
                for (int r = from; r < to; r++) {
                    int a = areaOf[zone[r]];
                    if (a >= 0) {
                        n[a]++;
                        keys[a] += key[r] & 0xFFFFFFFFL;
                    }
                }
            }
            case 1 -> {
                byte[] c0 = cols[0];
                int[] o0 = offset[0];
                for (int r = from; r < to; r++) {
                    int a = areaOf[zone[r]];
                    int p0 = o0[c0[r] & 0xFF];
                    if (a >= 0 && p0 >= 0) {
                        int idx = a * perArea + p0;
                        n[idx]++;
                        keys[idx] += key[r] & 0xFFFFFFFFL;
                    }
                }
            }
            case 2 -> {
                byte[] c0 = cols[0];
                byte[] c1 = cols[1];
                int[] o0 = offset[0];
                int[] o1 = offset[1];
                for (int r = from; r < to; r++) {
                    int a = areaOf[zone[r]];
                    int p0 = o0[c0[r] & 0xFF];
                    int p1 = o1[c1[r] & 0xFF];
                    if ((a | p0 | p1) >= 0) {
                        int idx = a * perArea + p0 + p1;
                        n[idx]++;
                        keys[idx] += key[r] & 0xFFFFFFFFL;
                    }
                }
            }
            case 3 -> {
                byte[] c0 = cols[0];
                byte[] c1 = cols[1];
                byte[] c2 = cols[2];
                int[] o0 = offset[0];
                int[] o1 = offset[1];
                int[] o2 = offset[2];
                for (int r = from; r < to; r++) {
                    int a = areaOf[zone[r]];
                    int p0 = o0[c0[r] & 0xFF];
                    int p1 = o1[c1[r] & 0xFF];
                    int p2 = o2[c2[r] & 0xFF];
                    if ((a | p0 | p1 | p2) >= 0) {
                        int idx = a * perArea + p0 + p1 + p2;
                        n[idx]++;
                        keys[idx] += key[r] & 0xFFFFFFFFL;
                    }
                }
            }
            default -> {
                for (int r = from; r < to; r++) {
                    int a = areaOf[zone[r]];
                    if (a < 0) {
                        continue;
                    }
                    int idx = a * perArea;
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
                        keys[idx] += key[r] & 0xFFFFFFFFL;
                    }
                }
            }
        }
        return new Counts(n, keys);
    }

    /** Per finest cell: the record count and the cell key (fixed point, reduced modulo 2^32 after {@link #count}). */
    record Counts(long[] n, long[] keys) {}
}
