package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.disclosure.CellKeys;
import scot.cairn.vocab.AreaLevel;

/**
 * The flexible-tabulation service: turns a {@link TabulationRequest} into a disclosure-controlled
 * {@link TabulationResult}.
 *
 * <p>For every area and combination of categories, the count and the cell key (sum of record keys
 * modulo 2^32) come from one pass over the dataset's count columns held in memory
 * ({@link RecordColumns}, for counts of datasets up to the configured size) or from one DuckDB
 * {@code GROUP BY} (weighted counts, magnitudes, larger datasets, and until the columns are read);
 * both are integer sums, so both give the same cells. Totals and subtotals are rolled up from those
 * cells in Java, which is exact because cell keys add modulo 2^32. Then: counts are perturbed by
 * the cell key method; magnitudes by the magnitude cell key method, with minimum-frequency,
 * dominance and secondary suppression; the sparsity rule blocks only offending areas; custom areas
 * and localities below the minimum population and requests over the limits are refused. The same
 * set of records gives the same cell key, hence the same published value, in every table.
 *
 * <p>Each request writes one line to the logger {@code cairn.audit} (when, what, which rules
 * fired; never record-level data). Results are cached by normalised request. Thread-safe.
 */
public final class Tabulator {
    private static final Logger AUDIT = LoggerFactory.getLogger("cairn.audit");
    private static final Logger LOG = LoggerFactory.getLogger(Tabulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String NOTE_TOTALS = "Every cell, including totals and subtotals, is perturbed independently by the cell key "
            + "method, so cells may not add up to their totals. The same group of records always gets the same value, in every table.";
    static final String NOTE_SMALL = "Counts of 1 and 2 are never published: small counts appear as 0 or as 3 or more.";
    static final String NOTE_MEAN = "Means are perturbed sums divided by perturbed counts.";

    private final MicrodataStore store;
    private final AreaHierarchy hierarchy;
    private final DisclosureSettings settings;
    private final Cache<String, TabulationResult> cache;
    private final long memoryRecords;
    private final Map<String, RecordColumns> columns = new java.util.concurrent.ConcurrentHashMap<>();
    private final Object columnsLock = new Object();
    private final java.util.Set<String> loading = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, java.time.Instant> asked = new java.util.concurrent.ConcurrentHashMap<>();

    /** Default for {@link #Tabulator(MicrodataStore, AreaHierarchy, DisclosureSettings, long, long)}: datasets of up to 20 M records are counted in memory. */
    public static final long DEFAULT_MEMORY_RECORDS = 20_000_000L;

    /** A tabulator caching up to 2,000 results. */
    public Tabulator(MicrodataStore store, AreaHierarchy hierarchy, DisclosureSettings settings) {
        this(store, hierarchy, settings, 2_000);
    }

    /** A tabulator caching up to {@code cacheSize} results (0: no cache, as benchmarks need). */
    public Tabulator(MicrodataStore store, AreaHierarchy hierarchy, DisclosureSettings settings, long cacheSize) {
        this(store, hierarchy, settings, cacheSize, DEFAULT_MEMORY_RECORDS);
    }

    /**
     * A tabulator caching up to {@code cacheSize} results (0: no cache) that counts datasets of up
     * to {@code memoryRecords} records from a copy of their count columns held in memory (about
     * 4 + number-of-variables bytes per record, read from the store on a background thread started
     * by the second count table of the dataset after each ingest, or by {@link #preload}); until then, and for
     * larger datasets, weighted counts and magnitudes, tables are computed by DuckDB. Both ways
     * give the same cells. 0 keeps everything in DuckDB.
     */
    public Tabulator(MicrodataStore store, AreaHierarchy hierarchy, DisclosureSettings settings, long cacheSize, long memoryRecords) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.settings = settings;
        this.cache = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).expireAfterAccess(Duration.ofHours(6)).build();
        if (memoryRecords < 0) {
            throw new IllegalArgumentException("memoryRecords must be 0 or more");
        }
        this.memoryRecords = memoryRecords;
    }

    public MicrodataStore store() {
        return store;
    }

    public DisclosureSettings settings() {
        return settings;
    }

    /**
     * Produces the table.
     *
     * @throws InvalidRequestException     when the request names unknown things
     * @throws TabulationRefusedException  when a limit or the minimum population refuses it
     */
    public TabulationResult tabulate(TabulationRequest request) {
        long start = System.nanoTime();
        Plan plan;
        try {
            plan = plan(request);
        } catch (TabulationRefusedException e) {
            audit(request, "refused rule=" + e.rule(), start, false);
            throw e;
        }
        String key = plan.cacheKey();
        TabulationResult cached = cache == null ? null : cache.getIfPresent(key);
        if (cached != null) {
            audit(request, summary(cached), start, true);
            return cached;
        }
        TabulationResult result;
        try {
            result = execute(plan);
        } catch (TabulationRefusedException e) {
            audit(request, "refused rule=" + e.rule(), start, false);
            throw e;
        }
        if (cache != null) {
            cache.put(key, result);
        }
        audit(request, summary(result), start, false);
        return result;
    }

    private static String summary(TabulationResult r) {
        String fired = r.rules().stream().filter(x -> x.fired() > 0).map(x -> x.rule() + "(" + x.fired() + ")")
                .collect(Collectors.joining(",", "[", "]"));
        return "cells=" + r.cells().size() + " areas=" + r.areas().size() + " blockedAreas=" + r.blocked().size() + " fired=" + fired;
    }

    private void audit(TabulationRequest request, String outcome, long start, boolean cached) {
        if (AUDIT.isInfoEnabled()) {
            String geo;
            TabulationRequest.Geography g = request.geography();
            if (g.level() != null) {
                geo = "level:" + g.level();
            } else if (g.areas() != null) {
                geo = "areas:" + g.areas().size();
            } else if (g.dataZones() != null) {
                geo = "custom:" + g.dataZones().size() + "dz";
            } else {
                geo = "locality:" + g.locality();
            }
            AUDIT.info("tabulate dataset={} variables={} geography={} filters={} measure={}{} {} cached={} ms={}",
                    request.dataset(), request.variables(), geo, request.filters(), request.measure(),
                    request.magnitude() == null ? "" : ":" + request.magnitude(), outcome, cached,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e6));
        }
    }

    // ---- planning ----

    /** One GROUP BY over one geography level (or a custom set of data zones as one area). */
    private record Query(AreaLevel level, int[] areaIndexes, String[] outputCodes, List<String> customZones) {}

    private record Plan(TabulationRequest request, MicrodataStore.Dataset dataset, List<MicrodataDefinition.Variable> variables,
                        int[][] keptCategories, List<Query> queries, List<TabulationResult.AreaInfo> areas, String geography,
                        boolean custom, String cacheKey) {}

    private Plan plan(TabulationRequest r) {
        MicrodataStore.Dataset ds = store.dataset(r.dataset())
                .orElseThrow(() -> new InvalidRequestException("no dataset named '" + r.dataset() + "'; datasets: "
                        + store.datasets().stream().map(d -> d.definition().name()).toList()));
        MicrodataDefinition def = ds.definition();
        if (r.variables().size() > settings.maxVariables()) {
            throw new TabulationRefusedException("max-variables", "the request crosses " + r.variables().size()
                    + " variables; at most " + settings.maxVariables() + " may be crossed",
                    "cross fewer variables (use filters instead of crossing)");
        }
        List<MicrodataDefinition.Variable> vars = new ArrayList<>();
        for (String name : r.variables()) {
            MicrodataDefinition.Variable v = def.variable(name);
            if (v == null) {
                throw new InvalidRequestException("dataset " + def.name() + " has no variable '" + name + "'; variables: "
                        + def.variables().stream().map(MicrodataDefinition.Variable::name).toList());
            }
            if (vars.contains(v)) {
                throw new InvalidRequestException("variable '" + name + "' is crossed twice");
            }
            vars.add(v);
        }
        for (Map.Entry<String, List<String>> f : r.filters().entrySet()) {
            MicrodataDefinition.Variable v = def.variable(f.getKey());
            if (v == null) {
                throw new InvalidRequestException("filter on unknown variable '" + f.getKey() + "'");
            }
            for (String code : f.getValue()) {
                if (!v.categories().containsKey(code)) {
                    throw new InvalidRequestException("filter on " + v.name() + ": no category '" + code + "'; categories: " + v.codes());
                }
            }
        }
        if (!r.measure().equals("count") && !r.measure().equals("weighted-count")) {
            if (def.magnitude(r.magnitude()) == null) {
                throw new InvalidRequestException("dataset " + def.name() + " has no numeric variable '" + r.magnitude() + "'; numeric variables: "
                        + def.magnitudes().stream().map(MicrodataDefinition.Magnitude::name).toList());
            }
        }
        if (r.measure().equals("weighted-count") && def.weight() == null) {
            throw new InvalidRequestException("dataset " + def.name() + " has no weights; ask for measure count");
        }
        int[][] kept = new int[vars.size()][];
        for (int i = 0; i < vars.size(); i++) {
            MicrodataDefinition.Variable v = vars.get(i);
            List<String> allowed = r.filters().get(v.name());
            kept[i] = java.util.stream.IntStream.range(0, v.codes().size())
                    .filter(k -> allowed == null || allowed.contains(v.codes().get(k))).toArray();
            if (kept[i].length > settings.maxCategories()) {
                throw new TabulationRefusedException("max-categories", "variable " + v.name() + " has " + kept[i].length
                        + " categories; at most " + settings.maxCategories() + " per variable", "filter " + v.name() + " to fewer categories");
            }
        }
        // Geography.
        TabulationRequest.Geography g = r.geography();
        List<Query> queries = new ArrayList<>();
        List<TabulationResult.AreaInfo> areas = new ArrayList<>();
        String geography;
        boolean custom = false;
        String geoKey;
        if (g.level() != null) {
            AreaLevel level = AreaLevel.parse(g.level())
                    .or(() -> Arrays.stream(AreaLevel.values()).filter(l -> l.label().equalsIgnoreCase(g.level())
                            || l.name().replace("_", "").equalsIgnoreCase(g.level().replace("-", "").replace(" ", ""))).findFirst())
                    .orElseThrow(() -> new InvalidRequestException("unknown geography level '" + g.level() + "'; levels: "
                            + ds.levels().stream().map(l -> l.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()));
            List<String> codes = ds.areaCodes().get(level);
            if (codes == null) {
                throw new InvalidRequestException("dataset " + def.name() + " has no areas at level " + level.label());
            }
            queries.add(new Query(level, null, codes.toArray(new String[0]), null));
            codes.forEach(c -> areas.add(areaInfo(c, level)));
            geography = level.collectionName();
            geoKey = "L" + level.prefix();
        } else if (g.areas() != null) {
            Map<AreaLevel, List<String>> byLevel = new LinkedHashMap<>();
            for (String code : g.areas()) {
                AreaLevel level = AreaLevel.ofCode(code).orElse(null);
                if (level == null || ds.indexOf(level, code) < 0) {
                    throw new InvalidRequestException("unknown area '" + code + "' (give GSS codes of areas in the dataset's geography)");
                }
                byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(code);
            }
            byLevel.forEach((level, codes) -> {
                queries.add(new Query(level, codes.stream().mapToInt(c -> ds.indexOf(level, c)).toArray(), codes.toArray(new String[0]), null));
                codes.forEach(c -> areas.add(areaInfo(c, level)));
            });
            geography = "areas";
            geoKey = "A" + g.areas();
        } else {
            List<String> zones;
            String code;
            String name;
            if (g.locality() != null) {
                MicrodataStore.Locality loc = store.locality(g.locality())
                        .orElseThrow(() -> new InvalidRequestException("no locality '" + Localities.abbreviate(g.locality(), 100) + "'"));
                zones = loc.dataZones();
                code = "locality:" + loc.slug();
                name = loc.name();
                geography = "locality";
            } else {
                zones = g.dataZones();
                code = "custom";
                name = g.name() == null ? "Custom area" : g.name();
                geography = "custom";
            }
            for (String dz : zones) {
                if (ds.indexOf(AreaLevel.DATA_ZONE, dz) < 0) {
                    throw new InvalidRequestException("'" + dz + "' is not a data zone of the dataset's geography");
                }
            }
            queries.add(new Query(AreaLevel.DATA_ZONE, zones.stream().mapToInt(c -> ds.indexOf(AreaLevel.DATA_ZONE, c)).toArray(),
                    new String[] {code}, zones));
            areas.add(new TabulationResult.AreaInfo(code, name, geography));
            custom = true;
            geoKey = "C" + code + "|" + name + "|" + zones;
        }
        long cellsPerArea = 1;
        for (int[] k : kept) {
            cellsPerArea *= k.length + 1;
        }
        long cells = cellsPerArea * areas.size();
        if (cells > settings.maxCells()) {
            throw new TabulationRefusedException("max-cells", "the table would have " + cells + " cells (" + areas.size()
                    + " areas x " + cellsPerArea + " cells each, totals included); at most " + settings.maxCells(),
                    "ask for fewer areas (a larger geography level), fewer variables or fewer categories");
        }
        String key;
        try {
            key = ds.ingested() + "|" + JSON.writeValueAsString(List.of(r.dataset(), r.variables(), r.filters(), r.measure(),
                    String.valueOf(r.magnitude()))) + "|" + geoKey;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Plan(r, ds, vars, kept, queries, areas, geography, custom, key);
    }

    private TabulationResult.AreaInfo areaInfo(String code, AreaLevel level) {
        return new TabulationResult.AreaInfo(code, hierarchy.name(code).orElse(code), level.collectionName());
    }

    // ---- execution ----

    /** Dense accumulators for areas x (categories + total) per variable. */
    private static final class Grid {
        final int[] extent;
        final int[] stride;
        final int perArea;
        final long[] n;
        final long[] key;
        final double[] weight;
        final double[] sum;
        final double[][] top;
        final int[] delta;
        final boolean[] interior;

        Grid(int areas, int[][] kept, boolean weights, boolean magnitude, int topN) {
            extent = new int[kept.length];
            stride = new int[kept.length];
            int p = 1;
            for (int i = kept.length - 1; i >= 0; i--) {
                extent[i] = kept[i].length + 1;
                stride[i] = p;
                p *= extent[i];
            }
            perArea = p;
            int size = Math.multiplyExact(areas, p);
            n = new long[size];
            key = new long[size];
            weight = weights ? new double[size] : null;
            sum = magnitude ? new double[size] : null;
            top = magnitude ? new double[size][] : null;
            delta = new int[kept.length];
            interior = new boolean[p];
            for (int cell = 0; cell < p; cell++) {
                boolean in = true;
                for (int i = 0; i < kept.length; i++) {
                    in &= (cell / stride[i]) % extent[i] != extent[i] - 1;
                }
                interior[cell] = in;
            }
        }
    }

    private TabulationResult execute(Plan plan) {
        MicrodataDefinition def = plan.dataset().definition();
        TabulationRequest r = plan.request();
        boolean magnitude = r.measure().equals("sum") || r.measure().equals("mean");
        boolean weighted = r.measure().equals("weighted-count");
        int topN = Math.max(2, settings.dominance().contributorsNeeded());
        int k = plan.variables().size();
        Grid grid = new Grid(plan.areas().size(), plan.keptCategories(), weighted, magnitude, topN);
        // category index in the dataset -> position among kept categories
        int[][] position = new int[k][];
        for (int i = 0; i < k; i++) {
            position[i] = new int[plan.variables().get(i).codes().size()];
            Arrays.fill(position[i], -1);
            for (int j = 0; j < plan.keptCategories()[i].length; j++) {
                position[i][plan.keptCategories()[i][j]] = j;
            }
        }
        if (!magnitude && !weighted) {
            RecordColumns cols = columns(plan.dataset());
            if (cols != null) {
                countInMemory(plan, cols, grid, position);
                return protect(plan, grid, false, false);
            }
        }
        String table = plan.dataset().table();
        StringBuilder where = new StringBuilder(" WHERE true");
        for (Map.Entry<String, List<String>> f : r.filters().entrySet()) {
            MicrodataDefinition.Variable v = def.variable(f.getKey());
            where.append(" AND v_").append(v.name()).append(" IN (")
                    .append(f.getValue().stream().map(c -> String.valueOf(v.codes().indexOf(c))).collect(Collectors.joining(", ")))
                    .append(")");
        }
        int areaOffset = 0;
        try (Connection c = store.connection(); Statement s = c.createStatement()) {
            for (Query q : plan.queries()) {
                String g = "g_" + q.level().prefix();
                String areaExpr = q.customZones() != null ? "0" : g;
                // Group on the small-integer columns themselves (DuckDB's perfect-hash aggregation
                // applies), then pack each finest cell into one BIGINT (area, then each variable's
                // category index, mixed radix) so only a few numbers per cell cross JDBC.
                StringBuilder packed = new StringBuilder("CAST(a AS BIGINT)");
                StringBuilder groupCols = new StringBuilder(areaExpr).append(" AS a");
                int[] radix = new int[k];
                for (int i = 0; i < k; i++) {
                    MicrodataDefinition.Variable v = plan.variables().get(i);
                    radix[i] = v.codes().size();
                    packed.insert(0, "(").append(" * ").append(radix[i]).append(" + v_").append(v.name()).append(")");
                    groupCols.append(", v_").append(v.name());
                }
                StringBuilder sql = new StringBuilder("SELECT ").append(groupCols);
                sql.append(", count(*) AS n, CAST(sum(rkey) % 4294967296 AS BIGINT) AS ck");
                if (weighted) {
                    sql.append(", sum(w) AS w");
                }
                if (magnitude) {
                    String m = "m_" + r.magnitude();
                    sql.append(", sum(").append(m).append(") AS msum, max(").append(m).append(", ").append(topN).append(") AS top");
                }
                sql.append(" FROM ").append(table).append(where);
                if (q.areaIndexes() != null) {
                    sql.append(" AND ").append(g).append(" IN (")
                            .append(Arrays.stream(q.areaIndexes()).mapToObj(String::valueOf).collect(Collectors.joining(", "))).append(")");
                }
                sql.append(" GROUP BY ALL");
                String outer = "SELECT " + packed + " AS cell, n, ck" + (weighted ? ", w" : "") + (magnitude ? ", msum, top" : "")
                        + " FROM (" + sql + ")";
                Map<Integer, Integer> areaPos = new HashMap<>();
                if (q.areaIndexes() != null && q.customZones() == null) {
                    for (int i = 0; i < q.areaIndexes().length; i++) {
                        areaPos.put(q.areaIndexes()[i], areaOffset + i);
                    }
                }
                if (plan.custom()) {
                    long population = population(s, table, g, q.areaIndexes());
                    if (population < settings.minCustomPopulation()) {
                        throw refusedMinPopulation(plan);
                    }
                }
                try (ResultSet rs = s.executeQuery(outer)) {
                    int[] coord = new int[k];
                    while (rs.next()) {
                        long cell = rs.getLong(1);
                        for (int i = k - 1; i >= 0; i--) {
                            coord[i] = position[i][(int) (cell % radix[i])];
                            cell /= radix[i];
                        }
                        int area;
                        if (q.customZones() != null) {
                            area = areaOffset;
                        } else if (q.areaIndexes() == null) {
                            area = areaOffset + (int) cell;
                        } else {
                            area = areaPos.get((int) cell);
                        }
                        int col = 2;
                        long n = rs.getLong(col++);
                        long ck = rs.getLong(col++);
                        double w = weighted ? rs.getDouble(col++) : 0;
                        double msum = 0;
                        double[] top = null;
                        if (magnitude) {
                            msum = rs.getDouble(col++);
                            Object[] arr = (Object[]) rs.getArray(col).getArray();
                            top = new double[arr.length];
                            for (int i = 0; i < arr.length; i++) {
                                top[i] = ((Number) arr[i]).doubleValue();
                            }
                        }
                        rollUp(grid, area, coord, n, ck, w, msum, top, topN);
                    }
                }
                areaOffset += q.outputCodes().length;
            }
        } catch (SQLException e) {
            throw new TabulationStoreException("tabulation query failed: " + e.getMessage(), e);
        }
        return protect(plan, grid, magnitude, weighted);
    }

    /**
     * The in-memory count columns of a dataset, or null (count in DuckDB) when the dataset is too
     * large, counting in memory is off, or its columns are not read yet: the second count table
     * of a dataset after an ingest or a start starts reading them on a background thread and is
     * itself computed by DuckDB, so no request waits for the copy.
     */
    private RecordColumns columns(MicrodataStore.Dataset ds) {
        if (!inMemoryEligible(ds)) {
            return null;
        }
        RecordColumns have = columns.get(ds.definition().name());
        if (have != null && have.ingested.equals(ds.ingested())) {
            return have;
        }
        String name = ds.definition().name();
        // The copy pays off only for a dataset asked for more than once (not for a one-off table
        // from the command line): the first count table of each ingest only marks the dataset.
        if (!ds.ingested().equals(asked.put(name, ds.ingested()))) {
            return null;
        }
        if (loading.add(name)) {
            Thread t = new Thread(() -> {
                try {
                    load(ds);
                } finally {
                    loading.remove(name);
                }
            }, "cairn-tabulation-columns-" + name);
            t.setDaemon(true);
            t.start();
        }
        return null;
    }

    private boolean inMemoryEligible(MicrodataStore.Dataset ds) {
        return ds.records() <= memoryRecords && ds.records() > 0 && ds.areaCodes().containsKey(AreaLevel.DATA_ZONE);
    }

    /**
     * Reads a dataset's count columns into memory now, if it is eligible (at most the configured
     * number of records), so that the next count tables use them.
     *
     * @return whether count tables of the dataset are now computed in memory
     * @throws InvalidRequestException when there is no such dataset
     */
    public boolean preload(String dataset) {
        MicrodataStore.Dataset ds = store.dataset(dataset)
                .orElseThrow(() -> new InvalidRequestException("no dataset named '" + dataset + "'"));
        return inMemoryEligible(ds) && load(ds) != null;
    }

    private RecordColumns load(MicrodataStore.Dataset ds) {
        String name = ds.definition().name();
        synchronized (columnsLock) {
            RecordColumns have = columns.get(name);
            if (have != null && have.ingested.equals(ds.ingested())) {
                return have;
            }
            long t = System.nanoTime();
            RecordColumns loaded;
            try (Connection c = store.connection()) {
                loaded = RecordColumns.load(c, ds);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("dataset {}: counting in DuckDB, the in-memory columns could not be read: {}", name, e.getMessage());
                return null;
            }
            // An ingest may have replaced the table while it was read: keep the copy only if not.
            MicrodataStore.Dataset now = store.dataset(name).orElse(null);
            if (now == null || !now.ingested().equals(ds.ingested())) {
                return null;
            }
            columns.put(name, loaded);
            LOG.debug("dataset {}: {} records' count columns read into memory ({} MB) in {} ms", name, loaded.size,
                    loaded.bytes() >> 20, (System.nanoTime() - t) / 1_000_000);
            return loaded;
        }
    }

    /** The finest cells of a count table from the in-memory columns, rolled up into the grid (same cells as the SQL path). */
    private void countInMemory(Plan plan, RecordColumns cols, Grid grid, int[][] position) {
        MicrodataDefinition def = plan.dataset().definition();
        TabulationRequest r = plan.request();
        int k = plan.variables().size();
        int[][] kept = plan.keptCategories();
        int[] finestStride = new int[k];
        int perFinest = 1;
        for (int i = k - 1; i >= 0; i--) {
            finestStride[i] = perFinest;
            perFinest = Math.multiplyExact(perFinest, kept[i].length);
        }
        // Crossed variables: category -> its offset in the finest cell index (-1: filtered out);
        // variables only filtered: 0 for an allowed category, -1 otherwise.
        List<Integer> used = new ArrayList<>();
        List<int[]> offsets = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            MicrodataDefinition.Variable v = plan.variables().get(i);
            int[] o = new int[256];
            Arrays.fill(o, -1);
            for (int c = 0; c < position[i].length; c++) {
                if (position[i][c] >= 0) {
                    o[c] = position[i][c] * finestStride[i];
                }
            }
            used.add(def.variables().indexOf(v));
            offsets.add(o);
        }
        for (Map.Entry<String, List<String>> f : r.filters().entrySet()) {
            MicrodataDefinition.Variable v = def.variable(f.getKey());
            if (plan.variables().contains(v)) {
                continue;
            }
            int[] o = new int[256];
            Arrays.fill(o, -1);
            for (String code : f.getValue()) {
                o[v.codes().indexOf(code)] = 0;
            }
            used.add(def.variables().indexOf(v));
            offsets.add(o);
        }
        int[] usedArr = used.stream().mapToInt(Integer::intValue).toArray();
        int[][] offsetArr = offsets.toArray(new int[0][]);
        int zones = plan.dataset().areaCodes().get(AreaLevel.DATA_ZONE).size();
        int areaOffset = 0;
        int[] coord = new int[k];
        for (Query q : plan.queries()) {
            int[] areaOf = new int[zones];
            Arrays.fill(areaOf, -1);
            int outAreas = q.outputCodes().length;
            if (q.customZones() != null) {
                int[] distinct = Arrays.stream(q.areaIndexes()).distinct().toArray();
                if (cols.population(distinct) < settings.minCustomPopulation()) {
                    throw refusedMinPopulation(plan);
                }
                for (int z : distinct) {
                    areaOf[z] = 0;
                }
            } else {
                int[] parent = cols.parentOf(q.level());
                int[] pos = null;
                if (q.areaIndexes() != null) {
                    pos = new int[plan.dataset().areaCodes().get(q.level()).size()];
                    Arrays.fill(pos, -1);
                    for (int i = 0; i < q.areaIndexes().length; i++) {
                        pos[q.areaIndexes()[i]] = i;
                    }
                }
                for (int z = 0; z < zones; z++) {
                    int p = parent[z];
                    areaOf[z] = p < 0 ? -1 : pos == null ? p : pos[p];
                }
            }
            RecordColumns.Counts counts = cols.count(areaOf, usedArr, offsetArr, outAreas, perFinest);
            long[] n = counts.n();
            long[] keys = counts.keys();
            for (int a = 0; a < outAreas; a++) {
                int base = a * perFinest;
                for (int f = 0; f < perFinest; f++) {
                    long cn = n[base + f];
                    if (cn == 0) {
                        continue;
                    }
                    for (int i = 0; i < k; i++) {
                        coord[i] = (f / finestStride[i]) % kept[i].length;
                    }
                    rollUp(grid, areaOffset + a, coord, cn, keys[base + f], 0, 0, null, 0);
                }
            }
            areaOffset += outAreas;
        }
    }

    private TabulationRefusedException refusedMinPopulation(Plan plan) {
        return new TabulationRefusedException("min-custom-population", "the " + plan.geography()
                + " area holds fewer than " + settings.minCustomPopulation() + " " + plan.dataset().definition().unit()
                + ", the minimum for an area defined by the user",
                "add data zones to the area (or ask for a standard area such as its intermediate zone or council)");
    }

    private static long population(Statement s, String table, String g, int[] zones) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + g + " IN ("
                + Arrays.stream(zones).mapToObj(String::valueOf).collect(Collectors.joining(", ")) + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Adds a finest cell to itself and to every total and subtotal it belongs to (2^k targets). */
    private static void rollUp(Grid grid, int area, int[] coord, long n, long ck, double w, double msum, double[] top, int topN) {
        int k = coord.length;
        int base = area * grid.perArea;
        int[] delta = grid.delta;
        for (int i = 0; i < k; i++) {
            base += coord[i] * grid.stride[i];
            // moving coordinate i from its category to the total
            delta[i] = (grid.extent[i] - 1 - coord[i]) * grid.stride[i];
        }
        for (int mask = 0; mask < (1 << k); mask++) {
            int idx = base;
            for (int bits = mask, i = 0; bits != 0; bits >>>= 1, i++) {
                if ((bits & 1) != 0) {
                    idx += delta[i];
                }
            }
            grid.n[idx] += n;
            grid.key[idx] = CellKeys.add(grid.key[idx], ck);
            if (grid.weight != null) {
                grid.weight[idx] += w;
            }
            if (grid.sum != null) {
                grid.sum[idx] += msum;
                grid.top[idx] = mergeTop(grid.top[idx], top, topN);
            }
        }
    }

    private static double[] mergeTop(double[] a, double[] b, int topN) {
        if (a == null) {
            return b.clone();
        }
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        int m = Math.min(topN, all.length);
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = all[all.length - 1 - i];
        }
        return out;
    }

    private TabulationResult protect(Plan plan, Grid grid, boolean magnitude, boolean weighted) {
        TabulationRequest r = plan.request();
        int k = plan.variables().size();
        int areas = plan.areas().size();
        int per = grid.perArea;
        // Sparsity, per area, on interior cells only.
        boolean[] blockedArea = new boolean[areas];
        List<TabulationResult.BlockedArea> blocked = new ArrayList<>();
        int sparsityFired = 0;
        if (k > 0) {
            for (int a = 0; a < areas; a++) {
                int nonEmpty = 0;
                int small = 0;
                for (int cell = 0; cell < per; cell++) {
                    if (grid.interior[cell]) {
                        long n = grid.n[a * per + cell];
                        if (n > 0) {
                            nonEmpty++;
                            if (n < settings.sparseCount()) {
                                small++;
                            }
                        }
                    }
                }
                if (nonEmpty > 0 && small > settings.maxSparseShare() * nonEmpty) {
                    blockedArea[a] = true;
                    sparsityFired++;
                    blocked.add(new TabulationResult.BlockedArea(plan.areas().get(a).code(), "sparsity",
                            "too many of this area's cells hold very few " + plan.dataset().definition().unit()
                                    + " for the table to be released safely",
                            "ask for less detail (fewer variables or categories) or a larger area"));
                }
            }
        }
        // Magnitude primary and secondary suppression.
        byte[] suppression = magnitude ? new byte[grid.n.length] : null; // 0 none, 1 min-freq, 2 dominance, 3 secondary
        int minFreqFired = 0;
        int dominanceFired = 0;
        int secondaryFired = 0;
        if (magnitude) {
            for (int idx = 0; idx < grid.n.length; idx++) {
                long n = grid.n[idx];
                if (n == 0) {
                    continue;
                }
                if (n < settings.minFrequency()) {
                    suppression[idx] = 1;
                    minFreqFired++;
                } else if (settings.dominance().sensitive(grid.sum[idx], grid.top[idx])) {
                    suppression[idx] = 2;
                    dominanceFired++;
                }
            }
            secondaryFired = secondary(grid, suppression, areas);
        }
        // Publish.
        List<TabulationResult.VariableInfo> vinfo = new ArrayList<>();
        String[][] codes = new String[k][];
        for (int i = 0; i < k; i++) {
            MicrodataDefinition.Variable v = plan.variables().get(i);
            List<TabulationResult.CategoryInfo> cats = new ArrayList<>();
            codes[i] = new String[plan.keptCategories()[i].length + 1];
            for (int j = 0; j < plan.keptCategories()[i].length; j++) {
                String code = v.codes().get(plan.keptCategories()[i][j]);
                codes[i][j] = code;
                cats.add(new TabulationResult.CategoryInfo(code, v.categories().get(code)));
            }
            codes[i][codes[i].length - 1] = Cell.TOTAL;
            cats.add(new TabulationResult.CategoryInfo(Cell.TOTAL, "Total"));
            vinfo.add(new TabulationResult.VariableInfo(v.name(), v.label(), cats));
        }
        // The categories and total-ness of each cell position repeat in every area: build them once.
        List<List<String>> catLists = new ArrayList<>(per);
        boolean[] totalAt = new boolean[per];
        for (int cell = 0; cell < per; cell++) {
            String[] cats = new String[k];
            for (int i = 0; i < k; i++) {
                int ci = (cell / grid.stride[i]) % grid.extent[i];
                cats[i] = codes[i][ci];
                totalAt[cell] |= ci == grid.extent[i] - 1;
            }
            catLists.add(List.of(cats));
        }
        List<String> plain = List.of();
        List<String> totalFlags = List.of(Cell.FLAG_TOTAL);
        List<String> blockedFlags = List.of(Cell.FLAG_BLOCKED_SPARSITY);
        List<String> blockedTotalFlags = List.of(Cell.FLAG_TOTAL, Cell.FLAG_BLOCKED_SPARSITY);
        List<Cell> cells = new ArrayList<>(grid.n.length);
        for (int a = 0; a < areas; a++) {
            String area = plan.areas().get(a).code();
            for (int cell = 0; cell < per; cell++) {
                int idx = a * per + cell;
                boolean total = totalAt[cell];
                if (blockedArea[a]) {
                    cells.add(new Cell(area, catLists.get(cell), null, null, total ? blockedTotalFlags : blockedFlags));
                    continue;
                }
                List<String> flags = total ? totalFlags : plain;
                long n = grid.n[idx];
                double ck = CellKeys.toUnit(grid.key[idx]);
                long published = settings.countPtable().publish(n, ck);
                Double value = null;
                if (weighted) {
                    value = n == 0 ? 0.0 : published * grid.weight[idx] / n;
                } else if (magnitude) {
                    if (suppression[idx] != 0) {
                        String flag = switch (suppression[idx]) {
                            case 1 -> Cell.FLAG_MIN_FREQUENCY;
                            case 2 -> Cell.FLAG_DOMINANCE;
                            default -> Cell.FLAG_SECONDARY;
                        };
                        flags = total ? List.of(Cell.FLAG_TOTAL, flag) : List.of(flag);
                    } else if (n == 0) {
                        value = 0.0;
                    } else {
                        double psum = settings.magnitude().perturb(grid.sum[idx], grid.top[idx][0], ck);
                        if (r.measure().equals("sum")) {
                            value = psum;
                        } else {
                            value = published == 0 ? null : psum / published;
                        }
                    }
                }
                cells.add(new Cell(area, catLists.get(cell), published, value, flags));
            }
        }
        List<TabulationResult.RuleReport> rules = new ArrayList<>();
        rules.add(new TabulationResult.RuleReport("cell-key-perturbation",
                "every count is perturbed by the cell key method (maximum change 5; no published 1s or 2s; zeros stay zero)", 0));
        if (plan.custom()) {
            rules.add(new TabulationResult.RuleReport("min-custom-population",
                    "an area defined by the user must hold at least " + settings.minCustomPopulation() + " " + plan.dataset().definition().unit(), 0));
        }
        if (k > 0) {
            rules.add(new TabulationResult.RuleReport("sparsity", "an area is withheld when more than "
                    + Math.round(settings.maxSparseShare() * 100) + "% of its non-empty cells hold fewer than "
                    + settings.sparseCount() + " " + plan.dataset().definition().unit(), sparsityFired));
        }
        rules.add(new TabulationResult.RuleReport("limits", "at most " + settings.maxVariables() + " variables, "
                + settings.maxCategories() + " categories per variable and " + settings.maxCells() + " cells per table", 0));
        if (magnitude) {
            rules.add(new TabulationResult.RuleReport("magnitude-perturbation",
                    "sums are perturbed by the magnitude cell key method, scaled by the largest contribution", 0));
            rules.add(new TabulationResult.RuleReport("min-frequency", "a sum or mean over fewer than " + settings.minFrequency()
                    + " " + plan.dataset().definition().unit() + " is suppressed", minFreqFired));
            rules.add(new TabulationResult.RuleReport("dominance",
                    "a sum or mean dominated by its largest contributors is suppressed (parameters are not published)", dominanceFired));
            rules.add(new TabulationResult.RuleReport("secondary-suppression",
                    "further sums are suppressed so that a suppressed one cannot be derived from its totals", secondaryFired));
        }
        List<String> notes = new ArrayList<>();
        notes.add(NOTE_TOTALS);
        notes.add(NOTE_SMALL);
        if (r.measure().equals("mean")) {
            notes.add(NOTE_MEAN);
        }
        if (weighted) {
            notes.add("Weighted counts are the perturbed count scaled by the cell's mean weight.");
        }
        if (!blocked.isEmpty()) {
            notes.add(blocked.size() + " area(s) withheld by the sparsity rule: ask for less detail or a larger area to see them.");
        }
        if (magnitude && minFreqFired + dominanceFired + secondaryFired > 0) {
            notes.add("Some sums are suppressed to protect individual contributors: ask for fewer categories or a larger area.");
        }
        MicrodataDefinition def = plan.dataset().definition();
        return new TabulationResult(def.name(), def.title(), def.unit(), r.measure(), r.magnitude(), vinfo, plan.geography(),
                plan.areas(), cells, rules, blocked, notes);
    }

    /**
     * Along every line of the table (one variable varying, the others fixed, total included), a
     * line with exactly one suppressed cell gets a second: the non-empty unsuppressed cell with
     * the smallest total, so the suppressed value cannot be recovered by subtraction. Repeated
     * until no line has a single suppression.
     */
    private static int secondary(Grid grid, byte[] suppression, int areas) {
        int fired = 0;
        int k = grid.extent.length;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int a = 0; a < areas; a++) {
                for (int i = 0; i < k; i++) {
                    for (int cell = 0; cell < grid.perArea; cell++) {
                        if ((cell / grid.stride[i]) % grid.extent[i] != 0) {
                            continue; // visit each line once, from its first cell
                        }
                        int count = 0;
                        int best = -1;
                        for (int j = 0; j < grid.extent[i]; j++) {
                            int idx = a * grid.perArea + cell + j * grid.stride[i];
                            if (suppression[idx] != 0) {
                                count++;
                            } else if (grid.n[idx] > 0 && j < grid.extent[i] - 1
                                    && (best < 0 || grid.sum[idx] < grid.sum[best])) {
                                best = idx;
                            }
                        }
                        if (count == 1 && best >= 0) {
                            suppression[best] = 3;
                            fired++;
                            changed = true;
                        }
                    }
                }
            }
        }
        return fired;
    }

    /** Empties the result cache and drops the in-memory columns (after an ingest; both are also keyed by ingest time). */
    public void invalidateCache() {
        if (cache != null) {
            cache.invalidateAll();
        }
        columns.clear();
    }
}
