package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import scot.cairn.tabulation.protection.CellGrid;

/**
 * Counts a table in DuckDB: one {@code GROUP BY} per query of the plan over the dataset's table,
 * each finest cell (area, categories) coming back as one packed number with its count, cell key
 * (sum of record keys modulo 2^32), and weight or magnitude sum and largest contributions; the
 * finest cells are rolled up into the grid. Weighted counts and magnitudes always come this way.
 */
final class SqlCounts {
    private SqlCounts() {}

    static void count(MicrodataStore store, TablePlan plan, CellGrid grid, int topN) {
        int[][] position = plan.positions();
        String where = where(plan);
        int areaOffset = 0;
        try (Connection c = store.connection();
                Statement s = c.createStatement()) {
            for (TablePlan.Query q : plan.queries()) {
                int[] radix = plan.variables().stream()
                        .mapToInt(v -> v.codes().size())
                        .toArray();
                try (ResultSet rs = s.executeQuery(sql(plan, q, where, topN))) {
                    read(rs, plan, q, grid, position, radix, areaOffset);
                }
                areaOffset += q.outputCodes().length;
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("tabulation query failed: " + e.getMessage(), e);
        }
    }

    private static String where(TablePlan plan) {
        MicrodataDefinition def = plan.dataset().definition();
        StringBuilder where = new StringBuilder(" WHERE true");
        for (Map.Entry<String, List<String>> f : plan.recordFilters().entrySet()) {
            MicrodataDefinition.Variable v = def.variable(f.getKey());
            where.append(" AND v_")
                    .append(v.name())
                    .append(" IN (")
                    .append(f.getValue().stream()
                            .map(c -> String.valueOf(v.codes().indexOf(c)))
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        return where.toString();
    }

    /**
     * Groups on the small-integer columns themselves (DuckDB's perfect-hash aggregation applies),
     * then packs each finest cell into one BIGINT (area, then each variable's category index, mixed
     * radix) so only a few numbers per cell cross JDBC.
     */
    private static String sql(TablePlan plan, TablePlan.Query q, String where, int topN) {
        String g = "g_" + q.level().prefix();
        StringBuilder packed = new StringBuilder("CAST(a AS BIGINT)");
        StringBuilder groupCols = new StringBuilder(q.customZones() != null ? "0" : g).append(" AS a");
        for (MicrodataDefinition.Variable v : plan.variables()) {
            packed.insert(0, "(")
                    .append(" * ")
                    .append(v.codes().size())
                    .append(" + v_")
                    .append(v.name())
                    .append(")");
            groupCols.append(", v_").append(v.name());
        }
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(groupCols)
                .append(", count(*) AS n, CAST(sum(rkey) % 4294967296 AS BIGINT) AS ck");
        if (plan.weighted()) {
            sql.append(", sum(w) AS w");
        }
        if (plan.magnitude()) {
            String m = "m_" + plan.request().magnitude();
            sql.append(", sum(")
                    .append(m)
                    .append(") AS msum, max(")
                    .append(m)
                    .append(", ")
                    .append(topN)
                    .append(") AS top");
        }
        sql.append(" FROM ").append(plan.dataset().table()).append(where);
        if (q.areaIndexes() != null) {
            sql.append(" AND ")
                    .append(g)
                    .append(" IN (")
                    .append(Arrays.stream(q.areaIndexes())
                            .mapToObj(String::valueOf)
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        sql.append(" GROUP BY ALL");
        return "SELECT " + packed + " AS cell, n, ck" + (plan.weighted() ? ", w" : "")
                + (plan.magnitude() ? ", msum, top" : "") + " FROM (" + sql + ")";
    }

    private static void read(
            ResultSet rs,
            TablePlan plan,
            TablePlan.Query q,
            CellGrid grid,
            int[][] position,
            int[] radix,
            int areaOffset)
            throws SQLException {
        int k = radix.length;
        Map<Integer, Integer> areaPos = new HashMap<>();
        if (q.areaIndexes() != null && q.customZones() == null) {
            for (int i = 0; i < q.areaIndexes().length; i++) {
                areaPos.put(q.areaIndexes()[i], areaOffset + i);
            }
        }
        int[] coord = new int[k];
        while (rs.next()) {
            long cell = rs.getLong(1);
            for (int i = k - 1; i >= 0; i--) {
                coord[i] = position[i][(int) (cell % radix[i])];
                cell /= radix[i];
            }
            int area = q.customZones() != null
                    ? areaOffset
                    : q.areaIndexes() == null ? areaOffset + (int) cell : areaPos.get((int) cell);
            int col = 2;
            long n = rs.getLong(col++);
            long ck = rs.getLong(col++);
            double w = plan.weighted() ? rs.getDouble(col++) : 0;
            double msum = 0;
            double[] top = null;
            if (plan.magnitude()) {
                msum = rs.getDouble(col++);
                Object[] arr = (Object[]) rs.getArray(col).getArray();
                top = new double[arr.length];
                for (int i = 0; i < arr.length; i++) {
                    top[i] = ((Number) arr[i]).doubleValue();
                }
            }
            grid.add(area, coord, n, ck, w, msum, top);
        }
    }
}
