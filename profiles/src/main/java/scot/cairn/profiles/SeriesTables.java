package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.store.RequestBudget;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The series tables profiles compute from, each kept for as long as the graphs it was read from
 * are unchanged: the dataset's data and metadata graphs and the geography (their
 * {@link TripleStore#graphStamp stamps}), so a publication re-reads only the series of the
 * datasets it wrote, and a restart re-reads none that were saved ({@link SeriesTableFiles}).
 *
 * <p>Each table is read at most once per state of its graphs: a request that needs a table being
 * read waits for that read instead of starting another. The series of one dataset are read
 * together, in one read transaction, outside any request's budget (a table serves every request
 * after it). Thread-safe.
 */
final class SeriesTables {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesTables.class);

    /** The state of the graphs a table was read from. */
    record Stamps(long geography, long data, long metadata) {}

    private record Entry(Stamps stamps, CompletableFuture<SeriesTable> table) {}

    private final TripleStore store;
    private final UriScheme uris;
    private final SeriesTableFiles files;
    private final Map<Series, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong readFromStore = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong loadedFromFiles = new java.util.concurrent.atomic.AtomicLong();

    /** @param files where tables are saved across restarts; null keeps them in memory only */
    SeriesTables(TripleStore store, UriScheme uris, SeriesTableFiles files) {
        this.store = store;
        this.uris = uris;
        this.files = files;
    }

    /** How many series tables were read from the store (not loaded from saved files) so far. */
    long readFromStore() {
        return readFromStore.get();
    }

    /** How many series tables were loaded from saved files so far. */
    long loadedFromFiles() {
        return loadedFromFiles.get();
    }

    /**
     * Puts in memory the saved tables of these series that are current for the snapshot, reading
     * nothing from the store (what a start does before its port opens).
     *
     * @return the series whose current table is in memory now (loaded, or there already)
     */
    Set<Series> loadSaved(Snapshot s, Collection<Series> wanted) {
        Set<Series> current = new HashSet<>();
        Map<String, Stamps> stampsByDataset = new HashMap<>();
        for (Series series : wanted) {
            Stamps stamps = stampsByDataset.computeIfAbsent(series.dataset(), d -> stamps(s, d));
            if (ready(entries.get(series), stamps)) {
                current.add(series);
                continue;
            }
            SeriesTable saved = files == null ? null : files.load(series, stamps, s.index);
            if (saved == null) {
                continue;
            }
            loadedFromFiles.incrementAndGet();
            Entry loaded = new Entry(stamps, CompletableFuture.completedFuture(saved));
            // A read that began meanwhile for the same stamps is kept: it completes with the same table.
            Entry now = entries.compute(
                    series,
                    (k, old) -> old != null && old.stamps.equals(stamps) && !old.table.isCompletedExceptionally()
                            ? old
                            : loaded);
            if (ready(now, stamps)) {
                current.add(series);
            }
        }
        return current;
    }

    private static boolean ready(Entry e, Stamps stamps) {
        return e != null && e.stamps.equals(stamps) && e.table.isDone() && !e.table.isCompletedExceptionally();
    }

    /** The stamps a table of this dataset must have to be current for a snapshot of the geography. */
    Stamps stamps(Snapshot s, String dataset) {
        return new Stamps(
                s.geographyStamp, store.graphStamp(uris.graph(dataset)), store.graphStamp(uris.metadataGraph(dataset)));
    }

    /** The current tables of these series for the snapshot, read where missing or out of date. */
    Map<Series, SeriesTable> get(Snapshot s, Collection<Series> wanted) {
        Map<Series, CompletableFuture<SeriesTable>> futures = new LinkedHashMap<>();
        Map<String, Map<Series, CompletableFuture<SeriesTable>>> toRead = new LinkedHashMap<>();
        Map<String, Stamps> stampsByDataset = new HashMap<>();
        for (Series series : wanted) {
            // Stamps are read before the read transaction: content newer than its stamp is only read again later.
            Stamps stamps = stampsByDataset.computeIfAbsent(series.dataset(), d -> stamps(s, d));
            boolean[] mine = {false};
            Entry e = entries.compute(series, (k, old) -> {
                if (old != null && old.stamps.equals(stamps) && !old.table.isCompletedExceptionally()) {
                    return old;
                }
                mine[0] = true;
                return new Entry(stamps, new CompletableFuture<>());
            });
            futures.put(series, e.table);
            if (mine[0]) {
                toRead.computeIfAbsent(series.dataset(), d -> new LinkedHashMap<>())
                        .put(series, e.table);
            }
        }
        toRead.forEach((dataset, mine) -> read(s, dataset, mine, stampsByDataset.get(dataset)));
        Map<Series, SeriesTable> out = new HashMap<>();
        futures.forEach((series, f) -> {
            try {
                out.put(series, f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        });
        return out;
    }

    /**
     * Loads the saved tables that are current and reads the rest of one dataset's series from the
     * store; completes every one of {@code futures}, exceptionally when the read fails.
     */
    @SuppressWarnings("try") // the unlimited budget is held, not used, for the length of the read
    private void read(Snapshot s, String dataset, Map<Series, CompletableFuture<SeriesTable>> futures, Stamps stamps) {
        try {
            List<Series> missing = new ArrayList<>();
            for (Map.Entry<Series, CompletableFuture<SeriesTable>> f : futures.entrySet()) {
                SeriesTable saved = files == null ? null : files.load(f.getKey(), stamps, s.index);
                if (saved != null) {
                    loadedFromFiles.incrementAndGet();
                    f.getValue().complete(saved);
                } else {
                    missing.add(f.getKey());
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            long t = System.nanoTime();
            readFromStore.addAndGet(missing.size());
            Map<Series, SeriesTable> read;
            // Shared by every request and kept: not charged to the request that happens to start it,
            // whose budget running out would fail every request waiting for the same tables.
            try (RequestBudget.Scope unbudgeted = RequestBudget.open(RequestBudget.Limits.NONE, System::nanoTime)) {
                read = store.read(dsg -> s.extractor().extract(dsg, dataset, missing));
            }
            LOG.info(
                    "Read {} profile series of {} from the store in {} ms",
                    missing.size(),
                    dataset,
                    (System.nanoTime() - t) / 1_000_000);
            for (Series x : missing) {
                SeriesTable table = read.get(x);
                if (files != null) {
                    files.save(x, stamps, s.codes, table);
                }
                futures.get(x).complete(table);
            }
        } catch (RuntimeException | Error e) {
            futures.values().forEach(f -> f.completeExceptionally(e));
        }
    }
}
