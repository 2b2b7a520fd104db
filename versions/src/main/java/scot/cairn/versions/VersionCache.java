package scot.cairn.versions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;

/**
 * Earlier versions of datasets, each built once into a TDB2 store of its own in a folder on disk
 * and shared by every request that reads it.
 *
 * <p>Why on disk and not in the heap: a version held in memory (Jena's in-memory dataset) costs
 * about 121 bytes of heap per triple, 242 MB for a version of 2 M triples, and six requests over
 * three such versions filled a 3 GB heap. The same version built into a TDB2 store of its own
 * costs about 200 bytes of disk per triple and 5 MB of heap (the store's node caches are cut to
 * 10,000 entries, {@link TripleStore#openCompact}), and it is built in bounded memory by the
 * store's own publication path. So what grows with the size of a version is disk, which the
 * budget bounds, and not the heap every other request needs (docs/BENCHMARKS.md, "Old versions
 * under attack"). The price is speed: a query reads a built version through node decoding,
 * about 3 s per 2 M quads scanned, where the heap copy was faster to read.
 *
 * <p>The rules:
 * <ul>
 * <li>Single flight: a version is built at most once at a time; a request that wants a version
 *     being built waits for that build (until its own deadline), it never starts another.</li>
 * <li>At most {@code maxBuilds} builds run at once, on this cache's own threads. A request that
 *     needs a new build and gets no slot within {@code slotWait} is refused (503 with
 *     {@code Retry-After}): nothing queues without bound.</li>
 * <li>A build may run for {@code buildTime}, and longer while a request still waits for it: it
 *     goes on after the requests that wanted it have been told {@code Request Timeout}, so that a
 *     version that takes longer to build than one request may wait is built once and found by the
 *     next request, not started again by every request and never finished. Past both, it stops
 *     (it checks between batches of quads) and its folder is deleted.</li>
 * <li>The built versions together weigh at most {@code budget} triples and number at most
 *     {@value #MAX_ENTRIES} (each open store keeps about twenty files open). Room is made by
 *     dropping the least recently used version nobody is reading; when every built version is
 *     being read, a request that needs room is refused (503).</li>
 * <li>{@link #invalidate} (a publication or deletion of the dataset) drops a dataset's versions:
 *     at once when nobody reads them, else when the last reader is done.</li>
 * <li>The folder belongs to the cache: it is emptied when the cache is created, which sweeps
 *     whatever a crash left half-built, and when the cache is closed.</li>
 * </ul>
 *
 * <p>Not Caffeine, which the heap cache used: its eviction cannot skip entries in use, and it
 * never refuses an entry, and both are needed here. Thread-safe: one lock guards the table;
 * builds and waits happen outside it.
 */
final class VersionCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VersionCache.class);

    /** Most versions kept built at once. */
    static final int MAX_ENTRIES = 32;
    /** How often a request waiting for a build slot looks whether its version has begun building meanwhile. */
    static final long SLOT_POLL_MILLIS = 50;

    /** One version of one dataset; the checksum tells a republished version 1 from an earlier one. */
    record Key(String slug, int version, String checksum) {}

    /**
     * Builds one version into an empty store. Calls {@code checkpoint} often (every few thousand
     * quads): it throws when the build must stop, and the builder lets that propagate.
     */
    interface Builder {
        void build(Key key, TripleStore into, Runnable checkpoint);
    }

    private final Path folder;
    private final long budget;
    private final Semaphore slots;
    private final long slotWaitNanos;
    private final Duration buildTime;
    private final Builder builder;
    private final ExecutorService builders;
    private final AtomicInteger names = new AtomicInteger();
    /** Access order: least recently used first. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private final Set<Entry> building = new HashSet<>();
    /** Weight of every store on disk: the table's and those dropped from it but still being read. */
    private final StoreTuning tuning;

    private long used;
    private long builds;
    /** Read by build threads at their checkpoints without the lock. */
    private volatile boolean closed;

    /**
     * @param folder    where the stores go; emptied now
     * @param budget    most triples built versions may hold together
     * @param maxBuilds builds at once
     * @param slotWait  how long a request waits for a build slot
     * @param buildTime how long a build may run when no request waits for it any more
     * @param tuning    how the built stores are written (the live store's)
     */
    VersionCache(
            Path folder,
            long budget,
            int maxBuilds,
            Duration slotWait,
            Duration buildTime,
            StoreTuning tuning,
            Builder builder) {
        if (budget < 1 || maxBuilds < 1 || slotWait.isNegative() || buildTime.isNegative()) {
            throw new IllegalArgumentException("budget and builds must be at least 1 and the times not negative: "
                    + budget + ", " + maxBuilds + ", " + slotWait + ", " + buildTime);
        }
        this.buildTime = buildTime;
        this.folder = folder;
        this.budget = budget;
        this.slots = new Semaphore(maxBuilds, true);
        this.slotWaitNanos = slotWait.toNanos();
        this.builder = builder;
        this.tuning = tuning;
        this.builders = Executors.newFixedThreadPool(maxBuilds, r -> {
            Thread t = new Thread(r, "version-build");
            t.setDaemon(true);
            return t;
        });
        deleteContents(folder);
    }

    /** A built version, kept from being dropped until closed. */
    final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The version's store; read it in a read transaction. */
        TripleStore store() {
            return entry.store;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(entry);
            }
        }
    }

    private static final class Entry {
        final Key key;
        final long weight;
        final Path dir;
        final CompletableFuture<TripleStore> ready = new CompletableFuture<>();
        /** Set when built (under the lock). */
        TripleStore store;

        int pins;
        /** Dropped from the table; its store goes when the last reader is done. */
        boolean doomed;
        /** Its folder is deleted and its weight no longer counted. */
        boolean gone;
        /** When the build must stop: the latest of its own time limit and the deadlines of the requests that wanted it. */
        volatile Deadline deadline;

        Entry(Key key, long weight, Path dir, Deadline deadline) {
            this.key = key;
            this.weight = weight;
            this.dir = dir;
            this.deadline = deadline;
        }

        void join(Deadline d) {
            pins++;
            deadline = deadline.orLater(d);
        }
    }

    /** Most triples built versions may hold together (and one request may need built). */
    long budget() {
        return budget;
    }

    /** Builds started since the cache was created. */
    synchronized long builds() {
        return builds;
    }

    /** Triples the built versions on disk weigh now. */
    synchronized long used() {
        return used;
    }

    /** Versions built and kept now. */
    synchronized int size() {
        int n = 0;
        for (Entry e : entries.values()) {
            n += e.store != null ? 1 : 0;
        }
        return n;
    }

    /**
     * The version, built now or earlier, for reading until the lease is closed.
     *
     * @param triples what the version weighs (its triples)
     * @throws VersionRefusal a timeout when the deadline passes first; busy (503) when no build
     *                        slot or no room comes free in time; too large when it alone is over budget
     */
    Lease acquire(Key key, long triples, Deadline deadline) {
        long weight = Math.max(1, triples);
        if (weight > budget) {
            throw VersionRefusal.tooLarge("Version " + key.version() + " of " + key.slug() + " holds " + weight
                    + " triples, more than the " + budget + " this server builds (cairn.versions.cache-triples)");
        }
        return await(joinOrStart(key, weight, deadline), deadline);
    }

    /**
     * Joins the version's entry (built or being built), else takes a build slot and starts the
     * build. While waiting for a slot it looks again every {@value #SLOT_POLL_MILLIS} ms and joins
     * a build another request has begun meanwhile, instead of waiting for a slot it does not need.
     */
    private Entry joinOrStart(Key key, long weight, Deadline deadline) {
        Entry joined = joinOrTakeSlot(key, deadline);
        return joined != null ? joined : startHoldingSlot(key, weight, deadline);
    }

    /**
     * Joins the version's entry if there is one, else takes a build slot and returns null; refuses
     * (busy or timed out) when neither comes within the slot wait.
     */
    private Entry joinOrTakeSlot(Key key, Deadline deadline) {
        long waitEnd = System.nanoTime() + Math.min(slotWaitNanos, deadline.remainingNanos());
        while (true) {
            synchronized (this) {
                ensureOpen();
                Entry e = entries.get(key);
                if (e != null) {
                    e.join(deadline);
                    return e;
                }
            }
            long left = waitEnd - System.nanoTime();
            boolean slot;
            try {
                slot = slots.tryAcquire(
                        Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(SLOT_POLL_MILLIS))),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException i) {
                Thread.currentThread().interrupt();
                throw VersionRefusal.timeout();
            }
            if (slot) {
                return null;
            }
            if (left <= 0) {
                if (deadline.passed()) {
                    throw VersionRefusal.timeout();
                }
                throw VersionRefusal.busy(
                        "Server busy: earlier versions are being built for other requests; try again shortly",
                        retryAfterSeconds());
            }
        }
    }

    /**
     * Holding a build slot: joins an entry another request began meanwhile (giving the slot back),
     * else starts the build, which gives the slot back when it ends.
     */
    private Entry startHoldingSlot(Key key, long weight, Deadline deadline) {
        Entry e;
        boolean mine = false;
        try {
            synchronized (this) {
                ensureOpen();
                e = entries.get(key);
                if (e != null) {
                    e.join(deadline);
                } else {
                    e = newEntry(key, weight, deadline);
                    mine = true;
                }
            }
            if (mine) {
                Entry started = e;
                try {
                    builders.execute(() -> build(started));
                } catch (RejectedExecutionException closing) {
                    synchronized (this) {
                        entries.remove(key, started);
                        building.remove(started);
                        started.gone = true;
                        used -= started.weight;
                    }
                    mine = false;
                    throw VersionRefusal.busy("Server shutting down", 1);
                }
            }
        } finally {
            if (!mine) {
                slots.release();
            }
        }
        return e;
    }

    /** A new entry being built, pinned by its builder, room made for it (the caller holds this lock). */
    private Entry newEntry(Key key, long weight, Deadline deadline) {
        if (!makeRoom(weight)) {
            throw VersionRefusal.busy(
                    "Server busy: every earlier version this server keeps built is being read; try again shortly",
                    retryAfterSeconds());
        }
        String name = key.slug() + "-" + key.version() + "-" + names.incrementAndGet();
        Entry e = new Entry(key, weight, folder.resolve(name), deadline.orLater(Deadline.after(buildTime)));
        e.pins = 1;
        entries.put(key, e);
        building.add(e);
        used += weight;
        builds++;
        return e;
    }

    private Lease await(Entry e, Deadline deadline) {
        try {
            if (deadline.unlimited()) {
                e.ready.get();
            } else {
                e.ready.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
            }
            return new Lease(e);
        } catch (TimeoutException t) {
            release(e);
            throw VersionRefusal.timeout();
        } catch (InterruptedException i) {
            Thread.currentThread().interrupt();
            release(e);
            throw VersionRefusal.timeout();
        } catch (ExecutionException x) {
            release(e);
            Throwable cause = x.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * On a build thread, holding a slot. The slot is given back before the waiters hear of the
     * outcome, so that a request that follows a finished build finds the slot free.
     */
    private void build(Entry e) {
        TripleStore store = null;
        Throwable failure = null;
        try {
            long t0 = System.nanoTime();
            store = TripleStore.openCompact(e.dir, tuning);
            builder.build(e.key, store, () -> checkpoint(e));
            synchronized (this) {
                building.remove(e);
                e.store = store;
                if ((e.doomed || closed) && e.pins == 0) {
                    discard(e);
                }
            }
            LOG.info(
                    "Built version {} of {} ({} triples) in {} ms",
                    e.key.version(),
                    e.key.slug(),
                    e.weight,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } catch (Throwable t) {
            failure = t;
            if (store != null) {
                closeQuietly(store);
            }
            synchronized (this) {
                building.remove(e);
                entries.remove(e.key, e);
                if (!e.gone) {
                    e.gone = true;
                    used -= e.weight;
                }
            }
            deleteTree(e.dir);
            if (t instanceof VersionRefusal) {
                LOG.info(
                        "Stopped building version {} of {}: past its time limit and the deadline of every request waiting for it",
                        e.key.version(),
                        e.key.slug());
            } else {
                LOG.warn("Building version {} of {} failed", e.key.version(), e.key.slug(), t);
            }
        } finally {
            slots.release();
        }
        if (failure == null) {
            e.ready.complete(store);
        } else {
            e.ready.completeExceptionally(failure);
        }
    }

    /** Throws when the build must stop: past its time and every waiting request's deadline, or the cache closing. */
    private void checkpoint(Entry e) {
        if (!e.deadline.passed() && !closed) {
            return;
        }
        synchronized (this) {
            if (e.deadline.passed() || closed) {
                // nobody may join a build that is stopping
                entries.remove(e.key, e);
                throw VersionRefusal.timeout();
            }
        }
    }

    private synchronized void release(Entry e) {
        e.pins--;
        if (e.pins == 0 && e.store != null && (e.doomed || closed)) {
            discard(e);
        }
    }

    /** Drops unread versions, least recently used first, until {@code weight} more fits. Under the lock. */
    private boolean makeRoom(long weight) {
        Iterator<Entry> it = entries.values().iterator();
        while ((used + weight > budget || entries.size() >= MAX_ENTRIES) && it.hasNext()) {
            Entry e = it.next();
            if (e.store != null && e.pins == 0) {
                it.remove();
                discard(e);
            }
        }
        return used + weight <= budget && entries.size() < MAX_ENTRIES;
    }

    /** Drops a dataset's versions (it was republished or deleted). */
    synchronized void invalidate(String slug) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.key.slug().equals(slug)) {
                it.remove();
                e.doomed = true;
                if (e.store != null && e.pins == 0) {
                    discard(e);
                }
            }
        }
    }

    /** Closes and deletes a built store nobody reads. Under the lock. */
    private void discard(Entry e) {
        if (e.gone) {
            return;
        }
        e.gone = true;
        used -= e.weight;
        closeQuietly(e.store);
        deleteTree(e.dir);
    }

    /** Seconds until the running builds must have stopped (at least 1). Under the lock or not. */
    private synchronized long retryAfterSeconds() {
        long soonest = Long.MAX_VALUE;
        for (Entry e : building) {
            soonest = Math.min(soonest, e.deadline.remainingNanos());
        }
        if (soonest == Long.MAX_VALUE) {
            return 1;
        }
        return Math.max(1, Math.min(60, TimeUnit.NANOSECONDS.toSeconds(soonest) + 1));
    }

    private void ensureOpen() {
        if (closed) {
            throw VersionRefusal.busy("Server shutting down", 1);
        }
    }

    /** Stops the builds, closes every store and empties the folder. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Never interrupt a build: an interrupt during a read closes the file channels of the
        // live store it reads from. Builds stop at their next checkpoint instead.
        builders.shutdown();
        try {
            builders.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException i) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Entry e : entries.values()) {
                if (e.store != null) {
                    closeQuietly(e.store);
                }
            }
            entries.clear();
        }
        deleteContents(folder);
    }

    private static void closeQuietly(TripleStore store) {
        try {
            store.close();
        } catch (RuntimeException ex) {
            LOG.warn("Could not close a built version's store {}", store.describe(), ex);
        }
    }

    private static void deleteContents(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.forEach(VersionCache::deleteTree);
        } catch (IOException ex) {
            LOG.warn("Could not empty {}", folder, ex);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ex) {
            LOG.warn("Could not delete {}", dir, ex);
        }
    }

    /** Requests holding or waiting for the version now (0 when it is not in the table). */
    synchronized int readers(Key key) {
        // not entries.get: that would count as a use in the LRU order
        for (Entry e : entries.values()) {
            if (e.key.equals(key)) {
                return e.pins;
            }
        }
        return 0;
    }

    /** For tests: the folders on disk now. */
    Map<String, Path> folders() throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> s = Files.list(folder)) {
                s.forEach(p -> out.put(p.getFileName().toString(), p));
            }
        }
        return out;
    }
}
