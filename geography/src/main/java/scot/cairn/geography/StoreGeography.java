package scot.cairn.geography;

import java.util.Objects;
import scot.cairn.store.RequestBudget;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The geography published in a store, read once per change of the geography graph and shared by
 * everything that asks for it (tabulation's hierarchy, profiles, maps and the web pages): a
 * publication that writes the geography graph changes its {@link TripleStore#graphStamp stamp},
 * and the next {@link #current()} reads the graph again, so a newly loaded geography is seen at
 * once; publishing a dataset leaves it as read. The read is not charged to the budget of the
 * request that starts it. Thread-safe.
 */
public final class StoreGeography {

    private record Snapshot(long stamp, Geography geography) {}

    private final TripleStore store;
    private final UriScheme uris;
    private volatile Snapshot snapshot;

    public StoreGeography(TripleStore store, UriScheme uris) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.uris = Objects.requireNonNull(uris, "uris must not be null");
    }

    /**
     * Reads the geography outside the budget of the request that happens to ask first: the read is
     * shared by every request after it, and cutting it short would fail every one waiting for it.
     */
    @SuppressWarnings("try") // the unlimited budget is held, not used, for the length of the read
    private Geography readUnbudgeted() {
        try (RequestBudget.Scope unbudgeted = RequestBudget.open(RequestBudget.Limits.NONE, System::nanoTime)) {
            return Geography.fromStore(store, uris);
        }
    }

    /** The geography as the store holds it now; empty when none is loaded. */
    public Geography current() {
        long stamp = stamp();
        Snapshot s = snapshot;
        if (s == null || s.stamp != stamp) {
            synchronized (this) {
                s = snapshot;
                if (s == null || s.stamp != stamp) {
                    // Read after the stamp: a publication in between only makes the next call read again.
                    s = new Snapshot(stamp, readUnbudgeted());
                    snapshot = s;
                }
            }
        }
        return s.geography;
    }

    /** Changes whenever the geography graph may have changed: summaries built on the geography key on it. */
    public long stamp() {
        return store.graphStamp(uris.geographyGraph());
    }
}
