package scot.cairn.tabulation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.audit.AuditLog;
import scot.cairn.tabulation.differencing.AreaRegistry;
import scot.cairn.tabulation.differencing.ClientLimitException;
import scot.cairn.tabulation.differencing.ClientLimits;
import scot.cairn.tabulation.protection.CellGrid;
import scot.cairn.tabulation.protection.TableProtector;

/**
 * The flexible-tabulation service: turns a {@link TabulationRequest} into a disclosure-controlled
 * {@link TabulationResult}. The steps have their own classes: {@link TablePlanner} checks the
 * request and the limits; for a user-defined area the minimum population and the
 * {@link AreaRegistry} (differencing against every area released before) decide whether it may be
 * tabulated at all; {@link MemoryCounts} or {@link SqlCounts} count the true cells into a
 * {@link CellGrid}; {@link TableProtector} perturbs and withholds; {@link AuditLog} writes one
 * line. Results are cached by normalised request. Thread-safe.
 */
public final class Tabulator {
    /** The note on means (see {@link TableProtector#NOTE_MEAN}). */
    public static final String NOTE_MEAN = TableProtector.NOTE_MEAN;
    /** Default for {@link #Tabulator(MicrodataStore, AreaHierarchy, DisclosureSettings, long, long)}: datasets of up to 20 M records are counted in memory. */
    public static final long DEFAULT_MEMORY_RECORDS = 20_000_000L;
    /** The client when the caller names none (the command line, tests): trusted, as if it had an API key. */
    public static final Client LOCAL_CLIENT = Client.withApiKey("local");

    private final MicrodataStore store;
    private final DisclosureSettings settings;
    private final Cache<String, Released> cache;
    private final TablePlanner planner;
    private final CountColumns columns;
    private final DatasetZones zones;
    private final AreaRegistry registry;
    private final TableProtector protector;

    private record Released(TabulationResult result, Map<String, Integer> withheldBy) {}

    private final String addressSalt;

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
     * 4 + number-of-variables bytes per record, read on a background thread started by the second
     * count table of the dataset after each ingest, or by {@link #preload}); until then, and for
     * larger datasets, weighted counts and magnitudes, tables are computed by DuckDB. Both ways
     * give the same cells. 0 keeps everything in DuckDB.
     */
    public Tabulator(
            MicrodataStore store,
            AreaHierarchy hierarchy,
            DisclosureSettings settings,
            long cacheSize,
            long memoryRecords) {
        this(store, hierarchy, settings, cacheSize, memoryRecords, ClientLimits.defaults());
    }

    /** The same, with the limits on what clients may release as user-defined areas. */
    public Tabulator(
            MicrodataStore store,
            AreaHierarchy hierarchy,
            DisclosureSettings settings,
            long cacheSize,
            long memoryRecords,
            ClientLimits clientLimits) {
        this.store = store;
        this.settings = settings;
        this.cache = cacheSize == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(cacheSize)
                        .expireAfterAccess(Duration.ofHours(6))
                        .build();
        this.columns = new CountColumns(store, memoryRecords);
        this.planner = new TablePlanner(store, hierarchy, settings);
        this.zones = new DatasetZones(store, hierarchy);
        this.registry = new AreaRegistry(settings.differencing(), clientLimits, new ReleasedAreaTable(store));
        this.addressSalt = store.secret("client-address-salt");
        this.protector = new TableProtector(settings);
    }

    public MicrodataStore store() {
        return store;
    }

    public DisclosureSettings settings() {
        return settings;
    }

    /** Produces the table for a local caller (the command line, tests); see {@link #tabulate(TabulationRequest, String)}. */
    public TabulationResult tabulate(TabulationRequest request) {
        return tabulate(request, LOCAL_CLIENT);
    }

    /**
     * Produces the table.
     *
     * @param who who asks: an API key's client, or an anonymous address (kept only as a salted hash)
     * @throws InvalidRequestException     when the request names unknown things
     * @throws TabulationRefusedException  when a limit, the minimum population or the differencing rule refuses it
     * @throws ClientLimitException        when the client may not release one more area of its own
     */
    public TabulationResult tabulate(TabulationRequest request, Client who) {
        long start = System.nanoTime();
        String client = who.isAnonymous()
                ? "address:"
                        + ApiKeys.sha256Hex(addressSalt + "|" + who.address()).substring(0, 16)
                : "key:" + who.apiKeyClient();
        try {
            TablePlan plan = planner.plan(request);
            admitUserArea(plan, client, who.isAnonymous());
            Released cached = cache == null ? null : cache.getIfPresent(plan.cacheKey());
            if (cached != null) {
                AuditLog.released(request, client, cached.result(), cached.withheldBy(), start, true);
                return cached.result();
            }
            TableProtector.Protected p = protector.protect(plan.spec(), count(plan));
            TabulationResult result = withNoData(p.result());
            Released released = new Released(result, p.withheldBy());
            if (cache != null) {
                cache.put(plan.cacheKey(), released);
            }
            AuditLog.released(request, client, result, p.withheldBy(), start, false);
            return result;
        } catch (TabulationRefusedException e) {
            AuditLog.refused(request, client, e.rule(), start);
            throw e;
        } catch (ClientLimitException e) {
            AuditLog.refused(request, client, e.reason().name().toLowerCase(java.util.Locale.ROOT), start);
            throw e;
        }
    }

    /** Minimum population, then the differencing rule (which registers the area), for a user-defined area. */
    private void admitUserArea(TablePlan plan, String client, boolean anonymous) {
        if (plan.userZones() == null) {
            return;
        }
        MicrodataStore.Dataset ds = plan.dataset();
        if (zones.population(ds, plan.queries().get(0).areaIndexes()) < settings.minCustomPopulation()) {
            throw new TabulationRefusedException(
                    "min-custom-population",
                    "the " + plan.spec().geography()
                            + " area holds fewer than " + settings.minCustomPopulation() + " "
                            + ds.definition().unit()
                            + ", the minimum for an area defined by the user",
                    "add data zones to the area (or ask for a standard area such as its intermediate zone or council)");
        }
        if (!plan.populationOnly()) {
            registry.admit(
                    ds.definition().name(),
                    ds.ingested(),
                    () -> zones.geography(ds),
                    plan.userZones(),
                    client,
                    anonymous);
        }
    }

    /**
     * The result with the cells of areas the dataset does not cover ({@link Coverage}) marked "no
     * data": no count, no value, flag {@link Cell#FLAG_NO_DATA}. Their records are none, so
     * nothing is withheld by this; it only keeps a zero from reading as a count.
     */
    private static TabulationResult withNoData(TabulationResult r) {
        java.util.Set<String> noData = new java.util.HashSet<>();
        r.areas().stream().filter(TabulationResult.AreaInfo::noData).forEach(a -> noData.add(a.code()));
        if (noData.isEmpty()) {
            return r;
        }
        List<String> flags = List.of(Cell.FLAG_NO_DATA);
        List<String> totalFlags = List.of(Cell.FLAG_TOTAL, Cell.FLAG_NO_DATA);
        List<Cell> cells = new java.util.ArrayList<>(r.cells().size());
        for (Cell c : r.cells()) {
            cells.add(
                    noData.contains(c.area())
                            ? new Cell(c.area(), c.categories(), null, null, c.isTotal() ? totalFlags : flags)
                            : c);
        }
        List<String> notes = new java.util.ArrayList<>(r.notes());
        notes.add(noData.size() + " area(s) show no data: the dataset holds no records in any council they overlap.");
        return new TabulationResult(
                r.dataset(),
                r.title(),
                r.unit(),
                r.measure(),
                r.magnitude(),
                r.variables(),
                r.geography(),
                r.areas(),
                cells,
                r.rules(),
                r.blocked(),
                notes);
    }

    private CellGrid count(TablePlan plan) {
        CellGrid grid = new CellGrid(
                plan.spec().areas().size(),
                plan.categoryCounts(),
                plan.weighted(),
                plan.magnitude(),
                settings.topContributions());
        RecordColumns cols = plan.magnitude() || plan.weighted() ? null : columns.columns(plan.dataset());
        if (cols != null) {
            MemoryCounts.count(plan, cols, grid);
        } else {
            SqlCounts.count(store, plan, grid, settings.topContributions());
        }
        return grid;
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
        return columns.eligible(ds) && columns.load(ds) != null;
    }
}
