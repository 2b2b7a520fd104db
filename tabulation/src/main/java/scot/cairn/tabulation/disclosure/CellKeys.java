package scot.cairn.tabulation.disclosure;

/**
 * Record keys and cell keys in 32-bit fixed point.
 *
 * <p>A record key is a continuous key in [0,1) (the Destatis / tau-Argus convention) held as the
 * unsigned 32-bit integer {@code k} that stands for {@code k / 2^32}. A cell key is the fractional
 * part of the sum of its records' keys, which in fixed point is the sum modulo 2^32: integer
 * addition, so the cell key is the same whatever order the records are summed in, and the cell
 * key of a union of disjoint cells is the sum of their cell keys modulo 2^32 (totals can be rolled
 * up from the finest cells exactly). Keys given as decimals are converted by truncation, the
 * representation a uniform 32-bit draw has.
 */
public final class CellKeys {
    /** 2^32: the number of distinct keys. */
    public static final long RESOLUTION = 1L << 32;

    private static final long MASK = RESOLUTION - 1;

    private CellKeys() {}

    /** The fixed-point key of a decimal key in [0,1). */
    public static long fromUnit(double key) {
        if (!(key >= 0.0 && key < 1.0)) {
            throw new IllegalArgumentException("a record key must be in [0,1), got " + key);
        }
        return (long) Math.floor(key * RESOLUTION);
    }

    /** The key in [0,1) that a fixed-point key stands for (exact: 32 bits fit in a double). */
    public static double toUnit(long fixed) {
        return (fixed & MASK) / (double) RESOLUTION;
    }

    /** The fixed-point sum of two keys modulo 1. */
    public static long add(long a, long b) {
        return (a + b) & MASK;
    }

    /** Reduces any (possibly large) sum of fixed-point keys to a cell key. */
    public static long reduce(long sum) {
        return sum & MASK;
    }

    /** The cell key, in [0,1), of records with the given decimal keys. */
    public static double cellKeyOf(double... recordKeys) {
        long s = 0;
        for (double k : recordKeys) {
            s = add(s, fromUnit(k));
        }
        return toUnit(s);
    }
}
