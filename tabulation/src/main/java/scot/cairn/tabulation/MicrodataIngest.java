package scot.cairn.tabulation;

import static scot.cairn.tabulation.MicrodataStore.firstLine;
import static scot.cairn.tabulation.MicrodataStore.list;
import static scot.cairn.tabulation.MicrodataStore.literal;
import static scot.cairn.tabulation.MicrodataStore.quote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;

/**
 * One ingest of a microdata file into the store: the header checked against the definition, the
 * file staged as small integers in one pass (record keys from the secret seed and the position),
 * every value validated (problems with file, line and column), targeted swapping, then the
 * dataset's table, area codes and catalogue entry replaced in one transaction. Nothing stored
 * changes when the file is refused. Used once, by {@link MicrodataStore#ingest}.
 */
final class MicrodataIngest {
    private static final Logger LOG = LoggerFactory.getLogger(MicrodataStore.class);

    private final MicrodataStore store;
    private final MicrodataDefinition definition;
    private final Path csv;
    private final String source;
    private final String tag;
    private final String stage;
    private final String geo;
    private final String read;
    private final long start = System.nanoTime();

    MicrodataIngest(MicrodataStore store, MicrodataDefinition definition, Path csv) {
        this.store = store;
        this.definition = definition;
        this.csv = csv;
        this.source = csv.toString();
        this.tag = definition.name();
        this.stage = "stage_" + tag;
        this.geo = "geo_" + tag;
        this.read = "read_csv(" + literal(csv.toAbsolutePath().toString())
                + ", header = true, all_varchar = true, auto_detect = true)";
    }

    IngestReport run(AreaHierarchy hierarchy) {
        if (!Files.isReadable(csv)) {
            throw new InvalidMicrodataException(List.of(new InvalidMicrodataException.Problem(
                    source, 0, 0, "readable", "the microdata file cannot be read")));
        }
        try (Connection c = store.connection();
                Statement s = c.createStatement()) {
            List<String> header = header(s);
            loadGeography(c, geo, hierarchy);
            stageRecords(s, header);
            long total;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + stage)) {
                rs.next();
                total = rs.getLong(1);
            }
            TargetedSwapping.Result swap = definition.swapping() == null
                    ? TargetedSwapping.Result.NONE
                    : TargetedSwapping.swap(s, definition, stage, geo, store.swapSeed(definition));
            LOG.debug(
                    "ingest {}: swapping done at {} ms (cpu {})", tag, (System.nanoTime() - start) / 1_000_000, cpu());
            IngestReport report = new IngestReport(
                    definition.name(),
                    total,
                    swap.risky(),
                    swap.rare(),
                    swap.selected(),
                    swap.swappedRecords(),
                    swap.pairs(),
                    total == 0 ? 0 : (double) swap.swappedRecords() / total,
                    (System.nanoTime() - start) / 1e9);
            write(c, s, swap, report);
            for (String drop : List.of(
                    "VIEW IF EXISTS " + stage,
                    "TABLE IF EXISTS " + stage + "_codes",
                    "TABLE IF EXISTS swapped_" + tag,
                    "TABLE IF EXISTS " + geo)) {
                s.execute("DROP " + drop);
            }
            LOG.info(
                    "ingested {} records into dataset {} in {} s (swapped {})",
                    total,
                    tag,
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                    swap.swappedRecords());
            return new IngestReport(
                    report.dataset(),
                    report.records(),
                    report.riskyRecords(),
                    report.rareRecords(),
                    report.selectedForSwap(),
                    report.swappedRecords(),
                    report.swapPairs(),
                    report.swapRate(),
                    (System.nanoTime() - start) / 1e9);
        } catch (SQLException e) {
            throw new TabulationStoreException("ingest of " + source + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** The file's header, every column the definition names present. */
    private List<String> header(Statement s) throws SQLException {
        s.execute("DROP TABLE IF EXISTS raw_" + tag);
        List<String> header = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + read + " LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                header.add(rs.getMetaData().getColumnName(i));
            }
        } catch (SQLException e) {
            throw csvSyntax(source, e);
        }
        List<InvalidMicrodataException.Problem> problems = new ArrayList<>();
        for (String col : definition.requiredColumns()) {
            if (!header.contains(col)) {
                problems.add(new InvalidMicrodataException.Problem(
                        source,
                        1,
                        0,
                        "required-column",
                        "column '" + col + "' named in the definition is not in the header " + header));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMicrodataException(problems);
        }
        return header;
    }

    /**
     * One pass from the file's text to small integers: a category's index, the data zone's index
     * (through an ENUM of the zones in index order: a cast, not a join on text); NULL marks a value
     * that is not allowed, reported by {@link #validate}. The text itself is not kept. The table
     * keeps file order, so its rowid is the record's position (data row, from 0), from which the
     * record key is derived.
     */
    private void stageRecords(Statement s, List<String> header) throws SQLException {
        long phase = System.nanoTime();
        String zoneType = "zones_" + tag;
        s.execute("DROP TYPE IF EXISTS " + zoneType);
        s.execute("CREATE TYPE " + zoneType + " AS ENUM (SELECT dz FROM " + geo + " ORDER BY i_S01)");
        StringBuilder sel = new StringBuilder("SELECT CAST(enum_code(TRY_CAST(r." + quote(definition.geography())
                + " AS " + zoneType + ")) AS USMALLINT) AS dzi");
        for (MicrodataDefinition.Variable v : definition.variables()) {
            sel.append(", (list_position(")
                    .append(list(v.codes()))
                    .append(", r.")
                    .append(quote(v.column()))
                    .append(") - 1)::UTINYINT AS v_")
                    .append(v.name());
        }
        if (definition.weight() != null) {
            sel.append(", ").append(number("r." + quote(definition.weight()))).append(" AS w");
        }
        for (MicrodataDefinition.Magnitude m : definition.magnitudes()) {
            sel.append(", ")
                    .append(number("r." + quote(m.column())))
                    .append(" AS m_")
                    .append(m.name());
        }
        String codes0 = stage + "_codes";
        try {
            s.execute("CREATE OR REPLACE TEMP TABLE " + codes0 + " AS " + sel + " FROM " + read + " r");
        } catch (SQLException e) {
            throw csvSyntax(source, e);
        } finally {
            s.execute("DROP TYPE IF EXISTS " + zoneType);
        }
        s.execute("CREATE OR REPLACE TEMP VIEW " + stage + " AS SELECT rowid AS rid, (hash(rowid, "
                + store.recordKeySeed(tag) + "::BIGINT) & 4294967295)::UINTEGER AS rkey, * FROM " + codes0);
        LOG.debug("ingest {}: read and staged in {} ms (cpu {})", tag, (System.nanoTime() - phase) / 1_000_000, cpu());
        List<InvalidMicrodataException.Problem> problems = new ArrayList<>();
        validate(s, definition, "raw_" + tag, read, stage, header, source, problems);
        s.execute("DROP TABLE IF EXISTS raw_" + tag);
        if (!problems.isEmpty()) {
            s.execute("DROP VIEW IF EXISTS " + stage);
            s.execute("DROP TABLE IF EXISTS " + codes0);
            throw new InvalidMicrodataException(problems);
        }
    }

    /** Replaces the dataset's table, area codes and catalogue entry in one transaction. */
    private void write(Connection c, Statement s, TargetedSwapping.Result swap, IngestReport report)
            throws SQLException {
        Map<AreaLevel, List<String>> codes = levelCodes(s, geo);
        StringBuilder fin = new StringBuilder("SELECT st.rid, st.rkey");
        for (AreaLevel level : codes.keySet()) {
            fin.append(", g.i_").append(level.prefix()).append(" AS g_").append(level.prefix());
        }
        definition.variables().forEach(v -> fin.append(", st.v_").append(v.name()));
        if (definition.weight() != null) {
            fin.append(", st.w");
        }
        definition.magnitudes().forEach(m -> fin.append(", st.m_").append(m.name()));
        boolean swapped = swap != TargetedSwapping.Result.NONE;
        fin.append(" FROM ").append(stage).append(" st ");
        if (swapped) {
            fin.append("LEFT JOIN swapped_").append(tag).append(" sw ON sw.rid = st.rid ");
        }
        fin.append("JOIN ")
                .append(geo)
                .append(" g ON g.i_S01 = ")
                .append(swapped ? "COALESCE(sw.dzi, st.dzi)" : "st.dzi");
        c.setAutoCommit(false);
        try {
            s.execute("DROP TABLE IF EXISTS md_" + tag);
            s.execute("CREATE TABLE md_" + tag + " AS " + fin);
            LOG.debug(
                    "ingest {}: table written at {} ms (cpu {})", tag, (System.nanoTime() - start) / 1_000_000, cpu());
            writeCatalogue(c, s, codes, report);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void writeCatalogue(Connection c, Statement s, Map<AreaLevel, List<String>> codes, IngestReport report)
            throws SQLException {
        s.execute("DELETE FROM geo_codes WHERE dataset = " + literal(tag));
        try (DuckDBAppender app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "geo_codes")) {
            for (Map.Entry<AreaLevel, List<String>> e : codes.entrySet()) {
                for (int i = 0; i < e.getValue().size(); i++) {
                    app.beginRow();
                    app.append(tag);
                    app.append(e.getKey().prefix());
                    app.append(i);
                    app.append(e.getValue().get(i));
                    app.endRow();
                }
            }
        }
        s.execute("DELETE FROM datasets WHERE name = " + literal(tag));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO datasets VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, tag);
            ps.setString(2, definition.toJson());
            ps.setLong(3, report.records());
            ps.setObject(4, java.sql.Timestamp.from(store.clock().instant()));
            ps.setString(5, report.toJson());
            ps.execute();
        }
    }

    /** Process CPU seconds so far, for the debug log of the ingest phases (-1 where the JVM cannot say). */
    private static String cpu() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(java.util.Locale.ROOT, "%.1f s", os.getProcessCpuTime() / 1e9);
        }
        return "-1";
    }

    private static void loadGeography(Connection c, String geo, AreaHierarchy hierarchy) throws SQLException {
        List<AreaLevel> levels = new ArrayList<>();
        List<String> zones = hierarchy.dataZones();
        for (AreaLevel level : AreaLevel.values()) {
            if (level == AreaLevel.DATA_ZONE
                    || (!zones.isEmpty()
                            && zones.stream()
                                    .allMatch(z -> hierarchy.parent(z, level).isPresent()))) {
                levels.add(level);
            }
        }
        Map<AreaLevel, List<String>> sorted = new EnumMap<>(AreaLevel.class);
        for (AreaLevel level : levels) {
            sorted.put(
                    level,
                    zones.stream()
                            .map(z -> hierarchy.parent(z, level).orElseThrow())
                            .distinct()
                            .sorted()
                            .toList());
        }
        try (Statement s = c.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TEMP TABLE " + geo + " (dz VARCHAR");
            for (AreaLevel level : levels) {
                ddl.append(", i_")
                        .append(level.prefix())
                        .append(" USMALLINT, c_")
                        .append(level.prefix())
                        .append(" VARCHAR");
            }
            s.execute(ddl.append(")").toString());
        }
        Map<AreaLevel, Map<String, Integer>> index = new EnumMap<>(AreaLevel.class);
        sorted.forEach((level, codes) -> {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < codes.size(); i++) {
                m.put(codes.get(i), i);
            }
            index.put(level, m);
        });
        try (DuckDBAppender app = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, geo)) {
            for (String dz : zones) {
                app.beginRow();
                app.append(dz);
                for (AreaLevel level : levels) {
                    String code = hierarchy.parent(dz, level).orElseThrow();
                    app.append((short) (int) index.get(level).get(code));
                    app.append(code);
                }
                app.endRow();
            }
        }
    }

    private static InvalidMicrodataException csvSyntax(String source, SQLException e) {
        return new InvalidMicrodataException(
                List.of(new InvalidMicrodataException.Problem(source, 0, 0, "csv-syntax", firstLine(e.getMessage()))));
    }

    private static Map<AreaLevel, List<String>> levelCodes(Statement s, String geo) throws SQLException {
        Map<AreaLevel, List<String>> codes = new EnumMap<>(AreaLevel.class);
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + geo + " LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                cols.add(rs.getMetaData().getColumnName(i));
            }
        }
        for (String col : cols) {
            if (col.startsWith("c_")) {
                AreaLevel level = AreaLevel.ofCode(col.substring(2)).orElseThrow();
                List<String> list = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT DISTINCT i_" + level.prefix() + ", " + col + " FROM " + geo + " ORDER BY 1")) {
                    while (rs.next()) {
                        list.add(rs.getString(2));
                    }
                }
                codes.put(level, list);
            }
        }
        return codes;
    }

    private static String number(String column) {
        String v = "TRY_CAST(" + column + " AS DOUBLE)";
        return "CASE WHEN " + v + " >= 0 AND isfinite(" + v + ") THEN " + v + " END";
    }

    /** Reports (up to 50) values the staging pass could not map, with their line and column. */
    /** A stage column that is null where the CSV value broke a rule, with the rule and how to say so. */
    private record Check(
            String stageColumn, String csvColumn, String rule, java.util.function.Function<String, String> message) {}

    private static void validate(
            Statement s,
            MicrodataDefinition d,
            String raw,
            String read,
            String stage,
            List<String> header,
            String source,
            List<InvalidMicrodataException.Problem> problems)
            throws SQLException {
        List<Check> checks = checks(d);
        List<Long> badRows = badRows(s, stage, checks);
        if (badRows.isEmpty()) {
            return;
        }
        describeProblems(s, raw, read, stage, header, source, checks, badRows, problems);
    }

    /** The checks of a definition: known data zone and categories, non-negative weight and magnitudes. */
    private static List<Check> checks(MicrodataDefinition d) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(
                "dzi", d.geography(), "known-data-zone", v -> "'" + v + "' is not a 2011 data zone of the geography"));
        for (MicrodataDefinition.Variable v : d.variables()) {
            checks.add(new Check(
                    "v_" + v.name(),
                    v.column(),
                    "known-category",
                    val -> "'" + val + "' is not a category of " + v.name() + " " + v.codes()));
        }
        if (d.weight() != null) {
            checks.add(new Check(
                    "w",
                    d.weight(),
                    "non-negative-number",
                    val -> "the weight must be a non-negative number, got '" + val + "'"));
        }
        for (MicrodataDefinition.Magnitude m : d.magnitudes()) {
            checks.add(new Check(
                    "m_" + m.name(),
                    m.column(),
                    "non-negative-number",
                    val -> "the magnitude " + m.name() + " must be a non-negative number, got '" + val + "'"));
        }
        return checks;
    }

    /** The first 50 staged rows that broke a check. */
    private static List<Long> badRows(Statement s, String stage, List<Check> checks) throws SQLException {
        String anyNull =
                checks.stream().map(ch -> ch.stageColumn() + " IS NULL").collect(Collectors.joining(" OR "));
        List<Long> badRows = new ArrayList<>();
        try (ResultSet rs =
                s.executeQuery("SELECT rid FROM " + stage + " WHERE " + anyNull + " ORDER BY rid LIMIT 50")) {
            while (rs.next()) {
                badRows.add(rs.getLong(1));
            }
        }
        return badRows;
    }

    /** Adds a problem (file, line, column, rule, the value quoted) for each check each bad row broke, up to 50. */
    private static void describeProblems(
            Statement s,
            String raw,
            String read,
            String stage,
            List<String> header,
            String source,
            List<Check> checks,
            List<Long> badRows,
            List<InvalidMicrodataException.Problem> problems)
            throws SQLException {
        // Only now is the text of the file kept, to quote the bad values (same reader, same order).
        s.execute("CREATE OR REPLACE TEMP TABLE " + raw + " AS SELECT * FROM " + read);
        String rows = badRows.stream().map(String::valueOf).collect(Collectors.joining(", "));
        StringBuilder q = new StringBuilder("SELECT st.rid");
        for (Check ch : checks) {
            q.append(", st.").append(ch.stageColumn()).append(" IS NULL, r.").append(quote(ch.csvColumn()));
        }
        q.append(" FROM ")
                .append(stage)
                .append(" st JOIN ")
                .append(raw)
                .append(" r ON r.rowid = st.rid WHERE st.rid IN (")
                .append(rows)
                .append(") ORDER BY st.rid");
        try (ResultSet rs = s.executeQuery(q.toString())) {
            while (rs.next() && problems.size() < 50) {
                // The CSV reader keeps file order, so rowid + 2 is the line (header on line 1);
                // quoted values spanning lines would shift it, and microdata layouts have none.
                long line = rs.getLong(1) + 2;
                for (int i = 0; i < checks.size(); i++) {
                    if (rs.getBoolean(2 + 2 * i)) {
                        Check ch = checks.get(i);
                        problems.add(new InvalidMicrodataException.Problem(
                                source,
                                line,
                                header.indexOf(ch.csvColumn()) + 1,
                                ch.rule(),
                                ch.message().apply(rs.getString(3 + 2 * i))));
                    }
                }
            }
        }
    }
}
