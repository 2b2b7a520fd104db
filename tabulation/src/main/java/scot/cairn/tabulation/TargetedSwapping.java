package scot.cairn.tabulation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import scot.cairn.vocab.AreaLevel;

/**
 * Targeted record swapping at ingest (the method NRS and ONS used for their censuses, Handbook
 * section 5.6). Risky records are those unique on the key variables in their data zone; the rarest
 * of them, unique in their whole intermediate zone too, are selected at the higher {@code rareRate}
 * (default 1: all), the others at {@code rate}, by a secret seeded hash. Each selected record is
 * paired with an unselected record of the same council and the same match variables (seeded random
 * rank within that group) that lives in another intermediate zone, and the two exchange data zones:
 * a differencing of intermediate zones then points to the wrong one for every swapped record. Pairs
 * that find no such partner are not swapped; the rate achieved is reported.
 */
final class TargetedSwapping {
    private TargetedSwapping() {}

    /** What swapping did. */
    record Result(long risky, long rare, long selected, long swappedRecords, long pairs) {
        static final Result NONE = new Result(0, 0, 0, 0, 0);
    }

    /**
     * Writes {@code swapped_<name>} (rid, new data zone index) for the staged records of
     * {@code stage}, with the geography table {@code geo} (columns i_/c_ per level).
     */
    static Result swap(Statement s, MicrodataDefinition d, String stage, String geo, long seed) throws SQLException {
        MicrodataDefinition.Swapping sw = d.swapping();
        String tag = d.name();
        String iz = hasColumn(s, geo, "i_" + AreaLevel.INTERMEDIATE_ZONE.prefix())
                ? "i_" + AreaLevel.INTERMEDIATE_ZONE.prefix()
                : "i_S01";
        String partition =
                "council" + sw.matchVariables().stream().map(k -> ", m_" + k).collect(Collectors.joining());
        selectRisky(s, d, stage, geo, iz, seed);
        long[] counts = counts(s, "risky_" + tag, partition);
        if (counts[2] == 0) {
            s.execute("DROP TABLE risky_" + tag);
            s.execute("CREATE OR REPLACE TEMP TABLE swapped_" + tag + " (rid BIGINT, dzi USMALLINT)");
            return new Result(counts[0], counts[1], 0, 0, 0);
        }
        pair(s, d, stage, geo, iz, partition, counts[3], seed);
        long pairs;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pairs_" + tag)) {
            rs.next();
            pairs = rs.getLong(1);
        }
        s.execute("CREATE OR REPLACE TEMP TABLE swapped_" + tag + " AS SELECT a AS rid, dz_b AS dzi FROM pairs_" + tag
                + " UNION ALL SELECT b AS rid, dz_a AS dzi FROM pairs_" + tag);
        for (String t : List.of("risky_", "cand_", "pairs_")) {
            s.execute("DROP TABLE " + t + tag);
        }
        return new Result(counts[0], counts[1], counts[2], 2 * pairs, pairs);
    }

    /**
     * {@code risky_<name>}: records alone in their (data zone, keys) group, whether they are alone
     * in their (intermediate zone, keys) group too, and whether they are selected. Two GROUP BYs
     * find them without ordering millions of records.
     */
    private static void selectRisky(Statement s, MicrodataDefinition d, String stage, String geo, String iz, long seed)
            throws SQLException {
        MicrodataDefinition.Swapping sw = d.swapping();
        String tag = d.name();
        List<String> keyCols = sw.keyVariables().stream().map(k -> "v_" + k).toList();
        StringBuilder uniq = new StringBuilder("SELECT any_value(rid) AS rid, any_value(dzi) AS dz");
        for (String k : keyCols) {
            uniq.append(", any_value(").append(k).append(") AS ").append(k);
        }
        for (String m : sw.matchVariables()) {
            uniq.append(", any_value(v_").append(m).append(") AS m_").append(m);
        }
        uniq.append(" FROM ")
                .append(stage)
                .append(" GROUP BY dzi, ")
                .append(String.join(", ", keyCols))
                .append(" HAVING count(*) = 1");
        String izUnique = "SELECT g." + iz + " AS iz, "
                + keyCols.stream().map(k -> "st." + k).collect(Collectors.joining(", ")) + " FROM " + stage
                + " st JOIN " + geo + " g ON g.i_S01 = st.dzi GROUP BY ALL HAVING count(*) = 1";
        s.execute("CREATE OR REPLACE TEMP TABLE rare_" + tag + " AS " + izUnique);
        String join = keyCols.stream().map(k -> "r." + k + " = u." + k).collect(Collectors.joining(" AND "));
        long threshold = Math.round(sw.rate() * 1_000_000);
        long rareThreshold = Math.round(sw.rareRate() * 1_000_000);
        s.execute("CREATE OR REPLACE TEMP TABLE risky_" + tag + " AS SELECT u.*, g.c_" + AreaLevel.COUNCIL.prefix()
                + " AS council, g." + iz
                + " AS iz, r.iz IS NOT NULL AS rare, (hash(u.rid, " + seed
                + "::BIGINT) % 1000000) < CASE WHEN r.iz IS NOT NULL THEN "
                + rareThreshold + " ELSE " + threshold + " END AS selected FROM (" + uniq + ") u JOIN " + geo
                + " g ON g.i_S01 = u.dz"
                + " LEFT JOIN rare_" + tag + " r ON r.iz = g." + iz + " AND " + join);
        s.execute("DROP TABLE rare_" + tag);
    }

    /** {risky, rare, selected, the most selected in one pairing partition}. */
    private static long[] counts(Statement s, String risky, String partition) throws SQLException {
        try (ResultSet rs =
                s.executeQuery("SELECT count(*), count(*) FILTER (WHERE rare), count(*) FILTER (WHERE selected), "
                        + "(SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM " + risky
                        + " WHERE selected GROUP BY " + partition + ")) FROM " + risky)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    /**
     * {@code pairs_<name>}: each selected record with the candidate of the same rank in its
     * partition, if that candidate lives in another intermediate zone. Candidates are every record
     * not selected, ranked within the partition by a seeded hash (ties by rid); only the first
     * {@code most} of each partition can be paired, so a top-n aggregate keeps those.
     */
    private static void pair(
            Statement s,
            MicrodataDefinition d,
            String stage,
            String geo,
            String iz,
            String partition,
            long most,
            long seed)
            throws SQLException {
        String tag = d.name();
        StringBuilder c = new StringBuilder("SELECT g.c_")
                .append(AreaLevel.COUNCIL.prefix())
                .append(" AS council");
        for (String m : d.swapping().matchVariables()) {
            c.append(", st.v_").append(m).append(" AS m_").append(m);
        }
        c.append(", arg_min({'rid': st.rid, 'dz': st.dzi, 'iz': g.")
                .append(iz)
                .append("}, {'h': hash(st.rid, ")
                .append(seed + 2)
                .append("::BIGINT), 'r': st.rid}, ")
                .append(most)
                .append(") AS ranked FROM ")
                .append(stage)
                .append(" st JOIN ")
                .append(geo)
                .append(" g ON g.i_S01 = st.dzi WHERE st.rid NOT IN (SELECT rid FROM risky_")
                .append(tag)
                .append(" WHERE selected) GROUP BY ALL");
        s.execute("CREATE OR REPLACE TEMP TABLE cand_" + tag + " AS " + c);
        s.execute("CREATE OR REPLACE TEMP TABLE pairs_" + tag + " AS WITH sel AS (SELECT rid, dz, iz, " + partition
                + ", row_number() OVER (PARTITION BY " + partition + " ORDER BY hash(rid, " + (seed + 1)
                + "::BIGINT), rid) AS n FROM risky_" + tag
                + " WHERE selected) SELECT sel.rid AS a, cand.ranked[sel.n].rid AS b, sel.dz AS dz_a, cand.ranked[sel.n].dz AS dz_b FROM sel JOIN cand_"
                + tag + " cand USING (" + partition
                + ") WHERE sel.n <= len(cand.ranked) AND sel.iz <> cand.ranked[sel.n].iz");
    }

    private static boolean hasColumn(Statement s, String table, String column) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cols.add(rs.getMetaData().getColumnName(i));
            }
        }
        return cols.contains(column);
    }
}
