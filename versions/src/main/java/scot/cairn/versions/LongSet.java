package scot.cairn.versions;

import scot.cairn.store.Hashes;

/**
 * An open-addressing set of 64-bit keys: the observations seen during a publication, kept as
 * hashes of their URIs so a million of them cost 16 MB instead of a few hundred.
 */
final class LongSet {
    private static final long EMPTY = 0;
    private long[] slots = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** @return false when the key was already present */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean was = hasZero;
            hasZero = true;
            return !was;
        }
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        if (insert(slots, key)) {
            size++;
            return true;
        }
        return false;
    }

    private boolean insert(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) mix(key) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = key;
        return true;
    }

    boolean contains(long key) {
        if (key == EMPTY) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = (int) mix(key) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long k : old) {
            if (k != EMPTY) {
                insert(slots, k);
            }
        }
    }

    private static long mix(long k) {
        return Hashes.mix64(k);
    }

    /** A 64-bit FNV-1a hash of a string's chars: collisions among a dataset's observation URIs are improbable (~n²/2^65). */
    static long hash(String s) {
        return Hashes.fnv1a64(s);
    }
}
