package scot.cairn.loaders.cube;

/**
 * The observation keys seen so far, as 128-bit hashes with the line each was first seen on:
 * finds duplicate observations (IC-12) in a file of millions of rows in 20 bytes per row,
 * without keeping the keys. Two different keys share a hash with probability about 2^-128 per pair.
 */
final class ObservationKeys {
    private long[] hi = new long[1 << 16];
    private long[] lo = new long[1 << 16];
    private long[] lines = new long[1 << 16];
    private int size;

    /** Records {@code key} at {@code line}; returns the earlier line of the same key, or 0. */
    long add(CharSequence key, long line) {
        long h1 = 0xcbf29ce484222325L;
        long h2 = 0x9e3779b97f4a7c15L;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            h1 = (h1 ^ c) * 0x100000001b3L;
            h2 = Long.rotateLeft(h2 ^ (c * 0xff51afd7ed558ccdL), 31) * 0xc4ceb9fe1a85ec53L;
        }
        h1 = mix(h1);
        h2 = mix(h2 ^ key.length());
        if (h1 == 0 && h2 == 0) {
            h2 = 1; // (0, 0) marks an empty slot
        }
        if (size * 2 >= hi.length) {
            grow();
        }
        int mask = hi.length - 1;
        int i = (int) h1 & mask;
        while (hi[i] != 0 || lo[i] != 0) {
            if (hi[i] == h1 && lo[i] == h2) {
                return lines[i];
            }
            i = (i + 1) & mask;
        }
        hi[i] = h1;
        lo[i] = h2;
        lines[i] = line;
        size++;
        return 0;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void grow() {
        long[] oh = hi, ol = lo, on = lines;
        hi = new long[oh.length * 2];
        lo = new long[oh.length * 2];
        lines = new long[oh.length * 2];
        int mask = hi.length - 1;
        for (int j = 0; j < oh.length; j++) {
            if (oh[j] != 0 || ol[j] != 0) {
                int i = (int) oh[j] & mask;
                while (hi[i] != 0 || lo[i] != 0) {
                    i = (i + 1) & mask;
                }
                hi[i] = oh[j];
                lo[i] = ol[j];
                lines[i] = on[j];
            }
        }
    }

    int size() {
        return size;
    }
}
