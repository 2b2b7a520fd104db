package scot.cairn.store;

import java.util.Arrays;
import java.util.function.LongFunction;

/**
 * A memo from node ids in their stored form ({@link NodeIds#bits}) to values, for the inner loops
 * that meet the same few thousand ids millions of times: a table of primitive keys, so a lookup
 * boxes nothing and allocates nothing. Open addressing with linear probing; {@link NodeIds#NONE}
 * (never a stored id) marks an empty slot. Not thread-safe: one instance serves one query.
 */
final class LongMemo<V> {
    private long[] keys;
    private Object[] values;
    private int size;

    LongMemo() {
        keys = new long[64];
        Arrays.fill(keys, NodeIds.NONE);
        values = new Object[64];
    }

    /** The value for {@code key}, computed by {@code compute} (never null) on its first request. */
    @SuppressWarnings("unchecked")
    V get(long key, LongFunction<V> compute) {
        if (key == NodeIds.NONE) {
            throw new IllegalArgumentException("not the stored form of a node id: " + key);
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != NodeIds.NONE) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        V v = compute.apply(key);
        keys[i] = key;
        values[i] = v;
        if (++size * 2 > keys.length) {
            grow();
        }
        return v;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, NodeIds.NONE);
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != NodeIds.NONE) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != NodeIds.NONE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    /** Ids of one dataset are often consecutive: mix the bits before masking. */
    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
