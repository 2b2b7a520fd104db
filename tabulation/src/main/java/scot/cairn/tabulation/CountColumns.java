package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.vocab.AreaLevel;

/**
 * The in-memory copies of datasets' count columns ({@link RecordColumns}): read on a background
 * thread set off by the second count table of a dataset after each ingest or start (a one-off
 * table from the command line never makes the copy), or at once by {@link #preload}; dropped when
 * the dataset is ingested again (keyed by ingest time). Thread-safe.
 */
final class CountColumns {
    private static final Logger LOG = LoggerFactory.getLogger(CountColumns.class);

    private final MicrodataStore store;
    private final long memoryRecords;
    private final Map<String, RecordColumns> columns = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final Set<String> loading = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> asked = new ConcurrentHashMap<>();

    CountColumns(MicrodataStore store, long memoryRecords) {
        if (memoryRecords < 0) {
            throw new IllegalArgumentException("memoryRecords must be 0 or more");
        }
        this.store = store;
        this.memoryRecords = memoryRecords;
    }

    /** The columns of a dataset if they are in memory now, else null (and perhaps start reading them). */
    RecordColumns columns(MicrodataStore.Dataset ds) {
        if (!eligible(ds)) {
            return null;
        }
        String name = ds.definition().name();
        RecordColumns have = columns.get(name);
        if (have != null && have.ingested.equals(ds.ingested())) {
            return have;
        }
        if (!ds.ingested().equals(asked.put(name, ds.ingested()))) {
            return null;
        }
        if (loading.add(name)) {
            Thread t = new Thread(
                    () -> {
                        try {
                            load(ds);
                        } finally {
                            loading.remove(name);
                        }
                    },
                    "cairn-tabulation-columns-" + name);
            t.setDaemon(true);
            t.start();
        }
        return null;
    }

    boolean eligible(MicrodataStore.Dataset ds) {
        return ds.records() <= memoryRecords
                && ds.records() > 0
                && ds.areaCodes().containsKey(AreaLevel.DATA_ZONE);
    }

    RecordColumns load(MicrodataStore.Dataset ds) {
        String name = ds.definition().name();
        synchronized (lock) {
            RecordColumns have = columns.get(name);
            if (have != null && have.ingested.equals(ds.ingested())) {
                return have;
            }
            long t = System.nanoTime();
            RecordColumns loaded;
            try (Connection c = store.connection()) {
                loaded = RecordColumns.load(c, ds);
            } catch (SQLException | RuntimeException e) {
                LOG.warn(
                        "dataset {}: counting in DuckDB, the in-memory columns could not be read: {}",
                        name,
                        e.getMessage());
                return null;
            }
            // An ingest may have replaced the table while it was read: keep the copy only if not.
            MicrodataStore.Dataset now = store.dataset(name).orElse(null);
            if (now == null || !now.ingested().equals(ds.ingested())) {
                return null;
            }
            columns.put(name, loaded);
            LOG.debug(
                    "dataset {}: {} records' count columns read into memory ({} MB) in {} ms",
                    name,
                    loaded.size,
                    loaded.bytes() >> 20,
                    (System.nanoTime() - t) / 1_000_000);
            return loaded;
        }
    }
}
