package scot.cairn.geography;

import java.util.Objects;

import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The geography published in a store, read once per store version and shared by everything that
 * asks for it (tabulation's hierarchy, profiles, maps and the web pages): any publication moves
 * the store's {@link TripleStore#version() version}, and the next {@link #current()} reads the
 * geography graph again, so a newly loaded geography is seen at once. Thread-safe.
 */
public final class StoreGeography {

    private record Snapshot(long version, Geography geography) {}

    private final TripleStore store;
    private final UriScheme uris;
    private volatile Snapshot snapshot;

    public StoreGeography(TripleStore store, UriScheme uris) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.uris = Objects.requireNonNull(uris, "uris must not be null");
    }

    /** The geography at the store's current version; empty when none is loaded. */
    public Geography current() {
        long version = store.version();
        Snapshot s = snapshot;
        if (s == null || s.version != version) {
            synchronized (this) {
                s = snapshot;
                if (s == null || s.version != version) {
                    // Read after the version: a publication in between only makes the next call read again.
                    s = new Snapshot(version, Geography.fromStore(store, uris));
                    snapshot = s;
                }
            }
        }
        return s.geography;
    }
}
