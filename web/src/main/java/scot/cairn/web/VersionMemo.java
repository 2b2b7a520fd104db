package scot.cairn.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import scot.cairn.store.TripleStore;

/**
 * Values read from the store once per store version: any publication changes the version, so a
 * page never shows a stale catalogue or structure, and nothing is read twice between publications.
 */
final class VersionMemo {
    private final TripleStore store;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile long version = -1;

    VersionMemo(TripleStore store) {
        this.store = store;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> read) {
        long v = store.version();
        if (v != version) {
            values.clear();
            version = v;
        }
        return (T) values.computeIfAbsent(key, k -> read.get());
    }

    /** Forgets one value (so that unknown names asked for are not all kept). */
    void forget(String key) {
        values.remove(key);
    }
}
