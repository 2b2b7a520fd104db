package scot.cairn.tabulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Slugs;

/**
 * The tabulation service's private store of microdata: an embedded DuckDB database (a file, or
 * memory for tests). Microdata never leaves it as records; only aggregates are read out.
 *
 * <p>Each dataset is one table {@code md_<name>}: the record's position in the source file
 * ({@code rid}), its record key ({@code rkey}, 32-bit fixed point, see
 * {@link scot.cairn.tabulation.disclosure.CellKeys}), one small-integer column per geography level
 * ({@code g_S01}, {@code g_S02}, ...: indexes into the level's sorted area codes, stored in
 * {@code geo_codes}), one small-integer column per categorical variable ({@code v_<name>}: index of
 * the category in definition order), the weight ({@code w}) and magnitudes ({@code m_<name>}).
 * Localities (named sets of data zones) are kept in {@code localities}.
 *
 * <p>Thread-safe: every operation runs on its own duplicate of the connection; ingest replaces a
 * dataset in one transaction, so readers see the old or the new table, never a mixture.
 */
public final class MicrodataStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MicrodataStore.class);

    private final DuckDBConnection root;
    private final String location;
    private final RecordKeySecret secret;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();

    /** A dataset as stored: its definition, size, the area codes of each level and when it was ingested. */
    public record Dataset(MicrodataDefinition definition, long records, Instant ingested,
                          Map<AreaLevel, List<String>> areaCodes, IngestReport report) {
        public Dataset {
            areaCodes = Map.copyOf(areaCodes);
        }

        String table() {
            return "md_" + definition.name();
        }

        /** The index of an area code at its level, or -1. */
        int indexOf(AreaLevel level, String code) {
            List<String> codes = areaCodes.get(level);
            if (codes == null) {
                return -1;
            }
            int i = java.util.Collections.binarySearch(codes, code);
            return i < 0 ? -1 : i;
        }

        /** Levels present, smallest first. */
        public List<AreaLevel> levels() {
            return areaCodes.keySet().stream().sorted(java.util.Comparator.comparingInt(AreaLevel::rank)).toList();
        }
    }

    /** A named set of data zones. */
    public record Locality(String slug, String name, List<String> dataZones, Instant created) {
        public Locality {
            dataZones = List.copyOf(new TreeSet<>(dataZones));
        }
    }

    private MicrodataStore(DuckDBConnection root, String location, RecordKeySecret secret) {
        this.root = root;
        this.location = location;
        this.secret = secret;
        try (Statement s = root.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS datasets (name VARCHAR PRIMARY KEY, definition VARCHAR, records BIGINT, "
                    + "ingested TIMESTAMP, report VARCHAR)");
            s.execute("CREATE TABLE IF NOT EXISTS geo_codes (dataset VARCHAR, level VARCHAR, idx INTEGER, code VARCHAR)");
            s.execute("CREATE TABLE IF NOT EXISTS localities (slug VARCHAR PRIMARY KEY, name VARCHAR, data_zones VARCHAR[], created TIMESTAMP)");
            // Owner and creator, added when localities got owners (stores made earlier gain them empty):
            // the API-key client that created it, the SHA-256 of an anonymous creator's owner token,
            // and the quota key of the creator (see Localities).
            s.execute("ALTER TABLE localities ADD COLUMN IF NOT EXISTS owner_client VARCHAR");
            s.execute("ALTER TABLE localities ADD COLUMN IF NOT EXISTS owner_token VARCHAR");
            s.execute("ALTER TABLE localities ADD COLUMN IF NOT EXISTS creator VARCHAR");
            // The number of data zones, so that the list need not read every locality's zones.
            s.execute("ALTER TABLE localities ADD COLUMN IF NOT EXISTS zone_count INTEGER");
            s.execute("UPDATE localities SET zone_count = len(data_zones) WHERE zone_count IS NULL");
            s.execute("CREATE TABLE IF NOT EXISTS secrets (name VARCHAR PRIMARY KEY, value VARCHAR)");
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot initialise the microdata store at " + location, e);
        }
        reloadDatasets();
    }

    /**
     * Opens (creating if needed) a store in a DuckDB database file. The secret record keys are
     * derived from ({@value RecordKeySecret#FILE_NAME}, owner-only) is kept beside it, created at the first ingest.
     */
    public static MicrodataStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return new MicrodataStore((DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()),
                    file.toString(), RecordKeySecret.beside(parent));
        } catch (Exception e) {
            throw new TabulationStoreException("cannot open the microdata store " + file + ": " + e.getMessage(), e);
        }
    }

    /** A store in memory (tests), with a secret of its own. */
    public static MicrodataStore inMemory() {
        return inMemory(RecordKeySecret.random());
    }

    /** A store in memory with a given secret (tests that compare keys across stores). */
    static MicrodataStore inMemory(RecordKeySecret secret) {
        try {
            return new MicrodataStore((DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:"), "memory", secret);
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot open an in-memory DuckDB", e);
        }
    }

    /** The seed a dataset's record keys are derived from (tests check the derivation; never published). */
    long recordKeySeed(String dataset) {
        return secret.seed(dataset, "record-keys");
    }

    /** A connection for one unit of work (DuckDB connections are not shared between threads). */
    Connection connection() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot open a DuckDB connection", e);
        }
    }

    /** Every dataset, by name. */
    public List<Dataset> datasets() {
        return datasets.values().stream().sorted(java.util.Comparator.comparing(d -> d.definition().name())).toList();
    }

    public Optional<Dataset> dataset(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /**
     * Ingests a CSV of records described by {@code definition}, replacing any dataset of the same
     * name in one transaction. Every record gets its record key here (from the definition's seed
     * and the record's position), and, if the definition asks for it, targeted record swapping is
     * applied (seeded, so the same file and seeds give the same result).
     *
     * @throws InvalidMicrodataException naming file, line, column and rule for every problem found
     *                                   (up to 50); nothing stored changes
     */
    public IngestReport ingest(MicrodataDefinition definition, Path csv, AreaHierarchy hierarchy) {
        long start = System.nanoTime();
        String source = csv.toString();
        if (!Files.isReadable(csv)) {
            throw new InvalidMicrodataException(List.of(new InvalidMicrodataException.Problem(source, 0, 0, "readable",
                    "the microdata file cannot be read")));
        }
        String tag = definition.name();
        String raw = "raw_" + tag;
        String stage = "stage_" + tag;
        String geo = "geo_" + tag;
        String read = "read_csv(" + literal(csv.toAbsolutePath().toString()) + ", header = true, all_varchar = true, auto_detect = true)";
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + raw);
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
                    problems.add(new InvalidMicrodataException.Problem(source, 1, 0, "required-column",
                            "column '" + col + "' named in the definition is not in the header " + header));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidMicrodataException(problems);
            }
            loadGeography(c, geo, hierarchy);
            long phase = System.nanoTime();
            // One pass from the file's text to small integers: a category's index, the data zone's
            // index (through an ENUM of the zones in index order: a cast, not a join on text); NULL
            // marks a value that is not allowed, reported below. The text itself is not kept. The
            // table keeps file order, so its rowid is the record's position (data row, from 0),
            // from which the record key is derived.
            long seed = recordKeySeed(definition.name());
            String zoneType = "zones_" + tag;
            s.execute("DROP TYPE IF EXISTS " + zoneType);
            s.execute("CREATE TYPE " + zoneType + " AS ENUM (SELECT dz FROM " + geo + " ORDER BY i_S01)");
            StringBuilder sel = new StringBuilder("SELECT CAST(enum_code(TRY_CAST(r." + quote(definition.geography()) + " AS "
                    + zoneType + ")) AS USMALLINT) AS dzi");
            for (MicrodataDefinition.Variable v : definition.variables()) {
                sel.append(", (list_position(").append(list(v.codes())).append(", r.").append(quote(v.column()))
                        .append(") - 1)::UTINYINT AS v_").append(v.name());
            }
            if (definition.weight() != null) {
                sel.append(", ").append(number("r." + quote(definition.weight()))).append(" AS w");
            }
            for (MicrodataDefinition.Magnitude m : definition.magnitudes()) {
                sel.append(", ").append(number("r." + quote(m.column()))).append(" AS m_").append(m.name());
            }
            String codes0 = stage + "_codes";
            try {
                s.execute("CREATE OR REPLACE TEMP TABLE " + codes0 + " AS " + sel + " FROM " + read + " r");
            } catch (SQLException e) {
                throw csvSyntax(source, e);
            } finally {
                s.execute("DROP TYPE IF EXISTS " + zoneType);
            }
            s.execute("CREATE OR REPLACE TEMP VIEW " + stage + " AS SELECT rowid AS rid, (hash(rowid, " + seed
                    + "::BIGINT) & 4294967295)::UINTEGER AS rkey, * FROM " + codes0);
            LOG.debug("ingest {}: read and staged in {} ms (cpu {})", tag, (System.nanoTime() - phase) / 1_000_000, cpu());
            validate(s, definition, raw, read, stage, header, source, problems);
            s.execute("DROP TABLE IF EXISTS " + raw);
            if (!problems.isEmpty()) {
                s.execute("DROP VIEW IF EXISTS " + stage);
                s.execute("DROP TABLE IF EXISTS " + codes0);
                throw new InvalidMicrodataException(problems);
            }
            LOG.debug("ingest {}: staged and validated in {} ms", tag, (System.nanoTime() - phase) / 1_000_000);
            long total;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + stage)) {
                rs.next();
                total = rs.getLong(1);
            }
            TargetedSwapping.Result swap = definition.swapping() == null ? TargetedSwapping.Result.NONE
                    : TargetedSwapping.swap(s, definition, stage, geo, (secret.seed(tag, "swap") ^ definition.swapping().seed()) & 0x3FFFFFFFFFFFFFFFL);
            LOG.debug("ingest {}: swapping done at {} ms (cpu {})", tag, (System.nanoTime() - start) / 1_000_000, cpu());
            Map<AreaLevel, List<String>> codes = levelCodes(s, geo);
            StringBuilder fin = new StringBuilder("SELECT st.rid, st.rkey");
            for (AreaLevel level : codes.keySet()) {
                fin.append(", g.i_").append(level.prefix()).append(" AS g_").append(level.prefix());
            }
            for (MicrodataDefinition.Variable v : definition.variables()) {
                fin.append(", st.v_").append(v.name());
            }
            if (definition.weight() != null) {
                fin.append(", st.w");
            }
            for (MicrodataDefinition.Magnitude m : definition.magnitudes()) {
                fin.append(", st.m_").append(m.name());
            }
            String dzExpr = swap == TargetedSwapping.Result.NONE ? "st.dzi" : "COALESCE(sw.dzi, st.dzi)";
            fin.append(" FROM ").append(stage).append(" st ");
            if (swap != TargetedSwapping.Result.NONE) {
                fin.append("LEFT JOIN swapped_").append(tag).append(" sw ON sw.rid = st.rid ");
            }
            fin.append("JOIN ").append(geo).append(" g ON g.i_S01 = ").append(dzExpr);
            String table = "md_" + tag;
            IngestReport report = new IngestReport(definition.name(), total, swap.risky(), swap.rare(), swap.selected(), swap.swappedRecords(),
                    swap.pairs(), total == 0 ? 0 : (double) swap.swappedRecords() / total,
                    (System.nanoTime() - start) / 1e9);
            c.setAutoCommit(false);
            try {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute("CREATE TABLE " + table + " AS " + fin);
                LOG.debug("ingest {}: table written at {} ms (cpu {})", tag, (System.nanoTime() - start) / 1_000_000, cpu());
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
                    ps.setLong(3, total);
                    ps.setObject(4, java.sql.Timestamp.from(Instant.now()));
                    ps.setString(5, report.toJson());
                    ps.execute();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            LOG.debug("ingest {}: committed at {} ms", tag, (System.nanoTime() - start) / 1_000_000);
            s.execute("DROP VIEW IF EXISTS " + stage);
            s.execute("DROP TABLE IF EXISTS " + stage + "_codes");
            s.execute("DROP TABLE IF EXISTS swapped_" + tag);
            s.execute("DROP TABLE IF EXISTS " + geo);
            reloadDatasets();
            IngestReport finished = new IngestReport(report.dataset(), report.records(), report.riskyRecords(), report.rareRecords(),
                    report.selectedForSwap(), report.swappedRecords(), report.swapPairs(), report.swapRate(),
                    (System.nanoTime() - start) / 1e9);
            LOG.info("ingested {} records into dataset {} in {} s (swapped {})", total, tag,
                    String.format(java.util.Locale.ROOT, "%.1f", finished.seconds()), swap.swappedRecords());
            return finished;
        } catch (SQLException e) {
            throw new TabulationStoreException("ingest of " + source + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** Process CPU seconds so far, for the debug log of the ingest phases (-1 where the JVM cannot say). */
    private static String cpu() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(java.util.Locale.ROOT, "%.1f s", os.getProcessCpuTime() / 1e9);
        }
        return "-1";
    }

    private void loadGeography(Connection c, String geo, AreaHierarchy hierarchy) throws SQLException {
        List<AreaLevel> levels = new ArrayList<>();
        List<String> zones = hierarchy.dataZones();
        for (AreaLevel level : AreaLevel.values()) {
            if (level == AreaLevel.DATA_ZONE || (!zones.isEmpty() && zones.stream().allMatch(z -> hierarchy.parent(z, level).isPresent()))) {
                levels.add(level);
            }
        }
        Map<AreaLevel, List<String>> sorted = new EnumMap<>(AreaLevel.class);
        for (AreaLevel level : levels) {
            sorted.put(level, zones.stream().map(z -> hierarchy.parent(z, level).orElseThrow()).distinct().sorted().toList());
        }
        try (Statement s = c.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TEMP TABLE " + geo + " (dz VARCHAR");
            for (AreaLevel level : levels) {
                ddl.append(", i_").append(level.prefix()).append(" USMALLINT, c_").append(level.prefix()).append(" VARCHAR");
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
        return new InvalidMicrodataException(List.of(new InvalidMicrodataException.Problem(source, 0, 0, "csv-syntax",
                firstLine(e.getMessage()))));
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
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT i_" + level.prefix() + ", " + col + " FROM " + geo + " ORDER BY 1")) {
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
    private static void validate(Statement s, MicrodataDefinition d, String raw, String read, String stage, List<String> header,
                                 String source, List<InvalidMicrodataException.Problem> problems) throws SQLException {
        record Check(String stageColumn, String csvColumn, String rule, java.util.function.Function<String, String> message) {}
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("dzi", d.geography(), "known-data-zone", v -> "'" + v + "' is not a 2011 data zone of the geography"));
        for (MicrodataDefinition.Variable v : d.variables()) {
            checks.add(new Check("v_" + v.name(), v.column(), "known-category",
                    val -> "'" + val + "' is not a category of " + v.name() + " " + v.codes()));
        }
        if (d.weight() != null) {
            checks.add(new Check("w", d.weight(), "non-negative-number", val -> "the weight must be a non-negative number, got '" + val + "'"));
        }
        for (MicrodataDefinition.Magnitude m : d.magnitudes()) {
            checks.add(new Check("m_" + m.name(), m.column(), "non-negative-number",
                    val -> "the magnitude " + m.name() + " must be a non-negative number, got '" + val + "'"));
        }
        String anyNull = checks.stream().map(ch -> ch.stageColumn() + " IS NULL").collect(Collectors.joining(" OR "));
        List<Long> badRows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT rid FROM " + stage + " WHERE " + anyNull + " ORDER BY rid LIMIT 50")) {
            while (rs.next()) {
                badRows.add(rs.getLong(1));
            }
        }
        if (badRows.isEmpty()) {
            return;
        }
        // Only now is the text of the file kept, to quote the bad values (same reader, same order).
        s.execute("CREATE OR REPLACE TEMP TABLE " + raw + " AS SELECT * FROM " + read);
        String rows = badRows.stream().map(String::valueOf).collect(Collectors.joining(", "));
        StringBuilder q = new StringBuilder("SELECT st.rid");
        for (Check ch : checks) {
            q.append(", st.").append(ch.stageColumn()).append(" IS NULL, r.").append(quote(ch.csvColumn()));
        }
        q.append(" FROM ").append(stage).append(" st JOIN ").append(raw).append(" r ON r.rowid = st.rid WHERE st.rid IN (")
                .append(rows).append(") ORDER BY st.rid");
        try (ResultSet rs = s.executeQuery(q.toString())) {
            while (rs.next() && problems.size() < 50) {
                // The CSV reader keeps file order, so rowid + 2 is the line (header on line 1);
                // quoted values spanning lines would shift it, and microdata layouts have none.
                long line = rs.getLong(1) + 2;
                for (int i = 0; i < checks.size(); i++) {
                    if (rs.getBoolean(2 + 2 * i)) {
                        Check ch = checks.get(i);
                        problems.add(new InvalidMicrodataException.Problem(source, line, header.indexOf(ch.csvColumn()) + 1,
                                ch.rule(), ch.message().apply(rs.getString(3 + 2 * i))));
                    }
                }
            }
        }
    }

    private void reloadDatasets() {
        Map<String, Dataset> fresh = new LinkedHashMap<>();
        try (Connection c = connection(); Statement s = c.createStatement()) {
            Map<String, Map<AreaLevel, List<String>>> codes = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT dataset, level, code FROM geo_codes ORDER BY dataset, level, idx")) {
                while (rs.next()) {
                    codes.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(AreaLevel.class))
                            .computeIfAbsent(AreaLevel.ofCode(rs.getString(2)).orElseThrow(), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT name, definition, records, ingested, report FROM datasets")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    try {
                        fresh.put(name, new Dataset(MicrodataDefinition.fromJson(rs.getString(2)), rs.getLong(3),
                                rs.getTimestamp(4).toInstant(), codes.getOrDefault(name, Map.of()), IngestReport.fromJson(rs.getString(5))));
                    } catch (IllegalStateException e) {
                        // A definition stored under older rules must not take the other datasets down with it.
                        LOG.warn("dataset {} is not served: {}; ingest it again", name, firstLine(e.getMessage()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot read the dataset catalogue", e);
        }
        datasets.keySet().retainAll(fresh.keySet());
        datasets.putAll(fresh);
    }

    // ---- localities (written by Localities) ----

    /** A named set of data zones, by one keyed lookup of its slug. */
    public Optional<Locality> locality(String slug) {
        if (!Slugs.isSlug(slug)) {
            return Optional.empty();
        }
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("SELECT slug, name, data_zones, created FROM localities WHERE slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> zones = new ArrayList<>();
                for (Object z : (Object[]) rs.getArray(3).getArray()) {
                    zones.add((String) z);
                }
                return Optional.of(new Locality(rs.getString(1), rs.getString(2), zones, rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot read locality " + slug, e);
        }
    }

    /**
     * A random secret of this store, made on first use and kept in it (never shipped, never
     * shown): for values that must not be recomputable outside the service.
     */
    synchronized String secret(String name) {
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM secrets WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            String value = java.util.HexFormat.of().formatHex(bytes);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO secrets VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.execute();
            }
            return value;
        } catch (SQLException e) {
            throw new TabulationStoreException("cannot read or make the store's secret " + name, e);
        }
    }

    public String location() {
        return location;
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            LOG.warn("closing the microdata store: {}", e.getMessage());
        }
    }

    // ---- SQL text helpers: identifiers and literals come from validated definitions, quoted anyway ----

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String list(List<String> values) {
        return values.stream().map(MicrodataStore::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
