package scot.cairn.endpoint;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import scot.cairn.formats.Formulas;

/**
 * Whole responses of recent queries, keyed by the query text, protocol dataset, format (and how
 * a CSV writes formula cells) and the store's version. Every publication changes the version, so an entry can never be served for a
 * store state other than the one it was computed from; the store's change listener also empties
 * the cache so that old entries free their memory at once. Only results that fit the response
 * buffer are cached. Thread-safe.
 */
final class ResponseCache {

    /** What identifies one cached response. */
    record Key(
            String query,
            List<String> defaultGraphs,
            List<String> namedGraphs,
            ResultFormat format,
            Formulas formulas,
            long version) {
        Key {
            defaultGraphs = List.copyOf(defaultGraphs);
            namedGraphs = List.copyOf(namedGraphs);
        }
    }

    private final Cache<Key, byte[]> cache;

    /** A cache holding up to {@code maxBytes} of responses; 0 disables caching. */
    ResponseCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache size must not be negative: " + maxBytes);
        }
        this.cache = maxBytes == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher((Key k, byte[] v) -> (int) Math.min(
                                Integer.MAX_VALUE, v.length + 2L * k.query().length() + 64))
                        .recordStats()
                        .build();
    }

    byte[] get(Key key) {
        return cache == null ? null : cache.getIfPresent(key);
    }

    void put(Key key, byte[] body) {
        if (cache != null) {
            cache.put(key, body);
        }
    }

    void invalidateAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** Requests answered from the cache so far. */
    long hits() {
        return cache == null ? 0 : cache.stats().hitCount();
    }

    long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }
}
