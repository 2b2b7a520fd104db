package scot.cairn.tabulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
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
    // stamps each ingest; the stamp is the dataset's version for the in-memory columns and caches
    private final Clock clock;
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();

    /** A dataset as stored: its definition, size, the area codes of each level and when it was ingested. */
    public record Dataset(
            MicrodataDefinition definition,
            long records,
            Instant ingested,
            Map<AreaLevel, List<String>> areaCodes,
            IngestReport report) {
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
            return areaCodes.keySet().stream()
                    .sorted(java.util.Comparator.comparingInt(AreaLevel::rank))
                    .toList();
        }
    }

    /** A named set of data zones. */
    public record Locality(String slug, String name, List<String> dataZones, Instant created) {
        public Locality {
            dataZones = List.copyOf(new TreeSet<>(dataZones));
        }
    }

    private MicrodataStore(DuckDBConnection root, String location, RecordKeySecret secret, Clock clock) {
        this.root = root;
        this.location = location;
        this.secret = secret;
        this.clock = clock;
        try (Statement s = root.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS datasets (name VARCHAR PRIMARY KEY, definition VARCHAR, records BIGINT, "
                            + "ingested TIMESTAMP, report VARCHAR)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS geo_codes (dataset VARCHAR, level VARCHAR, idx INTEGER, code VARCHAR)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS localities (slug VARCHAR PRIMARY KEY, name VARCHAR, data_zones VARCHAR[], created TIMESTAMP)");
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
            return new MicrodataStore(
                    (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()),
                    file.toString(),
                    RecordKeySecret.beside(parent),
                    Clock.systemUTC());
        } catch (Exception e) {
            throw new TabulationStoreException("cannot open the microdata store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The clock that stamps ingests. */
    Clock clock() {
        return clock;
    }

    /** A store in memory (tests), with a secret of its own. */
    public static MicrodataStore inMemory() {
        return inMemory(RecordKeySecret.random());
    }

    /** A store in memory with a given secret (tests that compare keys across stores). */
    static MicrodataStore inMemory(RecordKeySecret secret) {
        return inMemory(secret, Clock.systemUTC());
    }

    /** A store in memory whose ingests are stamped by {@code clock} (tests of what an ingest's time versions). */
    static MicrodataStore inMemory(RecordKeySecret secret, Clock clock) {
        try {
            return new MicrodataStore(
                    (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:"), "memory", secret, clock);
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
        return datasets.values().stream()
                .sorted(java.util.Comparator.comparing(d -> d.definition().name()))
                .toList();
    }

    public Optional<Dataset> dataset(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /**
     * Ingests a CSV of records described by {@code definition}, replacing any dataset of the same
     * name in one transaction. Every record gets its record key here (from the installation's
     * secret and the record's position), and, if the definition asks for it, targeted record
     * swapping is applied (seeded from the secret, so the same file gives the same result here).
     *
     * @throws InvalidMicrodataException naming file, line, column and rule for every problem found
     *                                   (up to 50); nothing stored changes
     */
    public IngestReport ingest(MicrodataDefinition definition, Path csv, AreaHierarchy hierarchy) {
        IngestReport report = new MicrodataIngest(this, definition, csv).run(hierarchy);
        reloadDatasets();
        return report;
    }

    /** The seed of a dataset's swap selection (the definition's seed varies it, the secret keeps it unguessable). */
    long swapSeed(MicrodataDefinition definition) {
        return (secret.seed(definition.name(), "swap") ^ definition.swapping().seed()) & 0x3FFFFFFFFFFFFFFFL;
    }

    private void reloadDatasets() {
        Map<String, Dataset> fresh = new LinkedHashMap<>();
        try (Connection c = connection();
                Statement s = c.createStatement()) {
            Map<String, Map<AreaLevel, List<String>>> codes = new HashMap<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT dataset, level, code FROM geo_codes ORDER BY dataset, level, idx")) {
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
                        fresh.put(
                                name,
                                new Dataset(
                                        MicrodataDefinition.fromJson(rs.getString(2)),
                                        rs.getLong(3),
                                        rs.getTimestamp(4).toInstant(),
                                        codes.getOrDefault(name, Map.of()),
                                        IngestReport.fromJson(rs.getString(5))));
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
                PreparedStatement ps =
                        c.prepareStatement("SELECT slug, name, data_zones, created FROM localities WHERE slug = ?")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> zones = new ArrayList<>();
                for (Object z : (Object[]) rs.getArray(3).getArray()) {
                    zones.add((String) z);
                }
                return Optional.of(new Locality(
                        rs.getString(1),
                        rs.getString(2),
                        zones,
                        rs.getTimestamp(4).toInstant()));
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

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
