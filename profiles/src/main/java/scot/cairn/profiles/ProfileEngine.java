package scot.cairn.profiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.AreaProfile.AreaInfo;
import scot.cairn.profiles.AreaProfile.Row;
import scot.cairn.profiles.ProfileDefinition.Indicator;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Computes area profiles from published cubes.
 *
 * <p>Each series a profile uses is read from the store into columnar arrays (no SPARQL aggregate
 * at request time) and kept while the graphs it was read from are unchanged: a publication
 * re-reads only the series of the datasets it wrote ({@link SeriesTables}). With
 * {@link #prepare}, the series of the given profiles are read at start-up (or loaded from the
 * summaries folder, where they are saved across restarts) and again right after each publication
 * that changes them, in the background, so that no request pays for reading them; a request that
 * arrives while they are being read waits for that read. A request then aggregates over the
 * area's data zones in memory.
 *
 * <p>Rules: a value published for the area itself is used as published; otherwise counts are summed
 * over the area's data zones and proportions and rates are recomputed as summed numerator over
 * summed denominator (never an average of rates). Suppressed data zones are left out of sums and
 * counted in the figure, never read as zero. Values of type {@code value} (ratios, means) are shown
 * only where published. Thread-safe.
 */
public final class ProfileEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileEngine.class);

    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;
    private final SeriesTables tables;
    private final Cache<Long, Snapshot> snapshots = Caffeine.newBuilder()
            .maximumSize(2)
            .expireAfterAccess(Duration.ofHours(6))
            .build();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairn-profile-tables");
        t.setDaemon(true);
        return t;
    });

    /** @param geography the store's geography, shared with the application's other readers */
    public ProfileEngine(TripleStore store, UriScheme uris, StoreGeography geography) {
        this(store, uris, geography, null);
    }

    /**
     * @param geography the store's geography, shared with the application's other readers
     * @param summaries the folder where series tables are saved across restarts; null keeps them in memory only
     */
    public ProfileEngine(TripleStore store, UriScheme uris, StoreGeography geography, Path summaries) {
        this.store = store;
        this.uris = uris;
        this.geography = geography;
        this.tables = new SeriesTables(store, uris, summaries == null ? null : new SeriesTableFiles(summaries));
    }

    /**
     * Keeps the series of these profiles ready: reads (or loads) them now on a background thread,
     * and again after every publication that writes one of their datasets or the geography. Returns
     * the first reading, which completes when every series is ready (exceptionally if one failed).
     */
    public CompletableFuture<Void> prepare(Collection<ProfileDefinition> profiles) {
        Set<Series> series = new LinkedHashSet<>();
        profiles.forEach(p -> series.addAll(p.series()));
        if (series.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Set<String> datasets = new HashSet<>();
        series.forEach(x -> datasets.add(x.dataset()));
        store.onGraphsChanged(graphs -> {
            if (graphs.stream()
                    .anyMatch(g -> g.equals(uris.geographyGraph())
                            || datasets.stream()
                                    .anyMatch(d -> g.equals(uris.graph(d)) || g.equals(uris.metadataGraph(d))))) {
                background.execute(() -> ready(series));
            }
        });
        return CompletableFuture.runAsync(() -> ready(series), background);
    }

    /**
     * Does now, on the engine's background thread and reading no series from the store, what the
     * first profile request after a start would otherwise wait for: the snapshot of the geography,
     * the series tables saved with the store's current stamps, and, for each profile whose tables are
     * then all in memory, the profiles of Scotland and of one council, computed and written once (their
     * derived values and their code). What a
     * server waits for before its port opens; {@link #prepare} reads whatever was not saved, after.
     * Completes when done, exceptionally if a step failed (requests then do it themselves).
     */
    public CompletableFuture<Void> loadSaved(Collection<ProfileDefinition> profiles) {
        return CompletableFuture.runAsync(() -> warm(List.copyOf(profiles)), background);
    }

    private void warm(List<ProfileDefinition> profiles) {
        long t = System.nanoTime();
        Snapshot s = snapshot();
        long geographyMillis = (System.nanoTime() - t) / 1_000_000;
        Set<Series> series = new LinkedHashSet<>();
        profiles.forEach(p -> series.addAll(p.series()));
        Set<Series> inMemory = tables.loadSaved(s, series);
        long tablesMillis = (System.nanoTime() - t) / 1_000_000 - geographyMillis;
        List<String> areas = new ArrayList<>();
        if (s.scotland >= 0) {
            areas.add(s.codes[s.scotland]);
        }
        s.geography.areas(AreaLevel.COUNCIL).stream().findFirst().ifPresent(a -> areas.add(a.code()));
        int computed = 0;
        for (ProfileDefinition p : profiles) {
            if (!inMemory.containsAll(p.series())) {
                continue;
            }
            for (String area : areas) {
                // computed and written as a request would, once: its derived values and its code, ready
                AreaProfile once = profile(p, area);
                ProfileFormats.json(once);
                ProfileFormats.html(once);
                computed++;
            }
        }
        LOG.info(
                "Profiles loaded in {} ms: geography of {} areas ({} ms), {} of {} series tables in memory ({} ms),"
                        + " {} profile(s) computed once",
                (System.nanoTime() - t) / 1_000_000,
                s.codes.length,
                geographyMillis,
                inMemory.size(),
                series.size(),
                tablesMillis,
                computed);
    }

    /** How many series tables this engine has loaded from saved files so far. */
    public long seriesLoadedFromFiles() {
        return tables.loadedFromFiles();
    }

    /**
     * Brings the series tables of these profiles up to date now, on this thread: those saved with
     * the store's current stamps are loaded, the others read from the store and saved in the
     * summaries folder. What a command that published into the store calls before it ends, so
     * that the server's next start over that store reads none of them.
     *
     * @return the number of series read from the store (the rest were saved already)
     */
    public long saveSeries(Collection<ProfileDefinition> profiles) {
        Set<Series> series = new LinkedHashSet<>();
        profiles.forEach(p -> series.addAll(p.series()));
        long before = tables.readFromStore();
        if (!series.isEmpty()) {
            snapshot().tables(series);
        }
        return tables.readFromStore() - before;
    }

    /** How many series tables this engine has read from the store so far, rather than loaded saved. */
    public long seriesReadFromStore() {
        return tables.readFromStore();
    }

    private void ready(Set<Series> series) {
        try {
            long t = System.nanoTime();
            snapshot().tables(series);
            LOG.info("Profile series ready ({} series) in {} ms", series.size(), (System.nanoTime() - t) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("Reading the profile series failed; requests will read them", e);
            throw e;
        }
    }

    /**
     * The profile of a published area (any level, including a data zone or Scotland).
     *
     * @throws NoSuchElementException when no area with this code is loaded
     */
    public AreaProfile profile(ProfileDefinition definition, String areaCode) {
        Snapshot s = snapshot();
        // A code that alone changed is the area it became; an archived area whose boundary changed is its own.
        Geography.Area area = s.geography
                .area(s.geography.sameArea(areaCode))
                .orElseThrow(() -> new NoSuchElementException("no area with code " + areaCode + " is loaded"));
        int[] dzs = s.dataZones(area.code());
        AreaRef ref = new AreaRef(area.code(), area.shownName(), s.indexOf(area.code()), dzs);
        return compute(
                s,
                definition,
                ref,
                new AreaInfo(area.code(), area.shownName(), area.level().label(), dzs.length),
                childLevel(area.level()),
                area.code());
    }

    /**
     * The profile of a custom locality made of data zones.
     *
     * @throws NoSuchElementException when one of its data zones is not loaded
     */
    public AreaProfile profile(ProfileDefinition definition, Locality locality) {
        Snapshot s = snapshot();
        int[] dzs = new int[locality.dataZones().size()];
        for (int i = 0; i < dzs.length; i++) {
            String code = locality.dataZones().get(i);
            dzs[i] = s.indexOf(code);
            if (dzs[i] < 0) {
                throw new NoSuchElementException(
                        "locality " + locality.id() + " names data zone " + code + ", which is not loaded");
            }
        }
        AreaRef ref = new AreaRef(null, locality.name(), -1, dzs);
        return compute(
                s,
                definition,
                ref,
                new AreaInfo(locality.id(), locality.name(), "Locality", dzs.length),
                AreaLevel.DATA_ZONE,
                null);
    }

    /** The snapshot of the current geography, built when the geography graph has changed since the last one. */
    Snapshot snapshot() {
        long stamp = geography.stamp();
        return snapshots.get(stamp, k -> new Snapshot(tables, uris, geography.current(), k));
    }

    static AreaLevel childLevel(AreaLevel level) {
        return switch (level) {
            case COUNTRY, HEALTH_BOARD -> AreaLevel.COUNCIL;
            case COUNCIL, HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, SCOTTISH_PARLIAMENT_CONSTITUENCY ->
                AreaLevel.INTERMEDIATE_ZONE;
            case INTERMEDIATE_ZONE, WARD -> AreaLevel.DATA_ZONE;
            case DATA_ZONE -> null;
        };
    }

    /** An area as the engine sees it: its own index (-1 for a locality) and its data zones. */
    record AreaRef(String code, String name, int own, int[] dataZones) {}

    private AreaProfile compute(
            Snapshot s, ProfileDefinition def, AreaRef area, AreaInfo info, AreaLevel childLevel, String cacheKey) {
        var tables = s.tables(def.series());
        AreaRef scotland =
                new AreaRef(s.scotland >= 0 ? s.codes[s.scotland] : null, s.scotlandName, s.scotland, s.allDataZones);
        IndicatorRow.Groups groups = groups(s, def, tables);
        List<String> children =
                childLevel == null ? List.of() : s.childrenWithin(cacheKey, area.dataZones(), childLevel);
        AreaLevel level =
                area.code() == null ? null : AreaLevel.ofCode(area.code()).orElse(null);
        Families.Members family = Families.of(def, s, area, level);
        List<Row> rows = new ArrayList<>();
        for (Indicator ind : def.indicators()) {
            rows.add(new IndicatorRow(s, def, figures(s, def, ind), area, scotland)
                    .build(childLevel, children, groups, family));
        }
        return new AreaProfile(def.name(), def.title(), info, s.scotlandName, def.smallCount(), store.version(), rows);
    }

    /** The figure rules of one indicator over the snapshot's tables. */
    static IndicatorFigures figures(Snapshot s, ProfileDefinition def, Indicator ind) {
        List<Series> own = new ArrayList<>();
        for (Series x : new Series[] {ind.value(), ind.numerator(), ind.denominator()}) {
            if (x != null) {
                own.add(x);
            }
        }
        Map<Series, SeriesTable> tables = s.tables(own);
        return new IndicatorFigures(
                ind,
                def.smallCount(),
                tables.get(ind.value()),
                tables.get(ind.numerator()),
                tables.get(ind.denominator()));
    }

    private static IndicatorRow.Groups groups(Snapshot s, ProfileDefinition def, Map<Series, SeriesTable> tables) {
        if (def.deprivation() == null) {
            return new IndicatorRow.Groups(null, null);
        }
        SeriesTable g = tables.get(def.deprivation().series());
        return g.problem != null
                ? new IndicatorRow.Groups(null, g.problem)
                : new IndicatorRow.Groups(s.groups(def.deprivation().series()), null);
    }
}
