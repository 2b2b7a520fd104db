package scot.cairn.tabulation.disclosure;

/**
 * The rule of the test ptable in ONS's {@code cell-key-perturbation} package (not the census
 * ptable), with integer record keys 0..255 and cell keys modulo 256: for a perturbation cell
 * value {@code pcv < 10} the perturbation is {@code -pcv}; otherwise it depends on {@code pcv mod 5}
 * ({0: 0, 1: -1, 2: -2, 3: +2, 4: +1}); counts above 750 reuse rows 501..750 as
 * {@code pcv = ((n - 1) mod 250) + 501}. Published counts below the threshold (10) are suppressed.
 * Kept to show the engine reproduces ONS's documented rows; Cairn's default is {@link Ptable}.
 */
public final class OnsTestPtable {
    /** Published counts below this are suppressed. */
    public static final int THRESHOLD = 10;

    private OnsTestPtable() {}

    /** The row of the table used for a count. */
    public static long pcv(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + n);
        }
        return n > 750 ? ((n - 1) % 250) + 501 : n;
    }

    /** The perturbation for a count and an integer cell key 0..255 (this test table ignores the key). */
    public static int pvalue(long n, int cellKey) {
        if (cellKey < 0 || cellKey > 255) {
            throw new IllegalArgumentException("an ONS cell key is 0..255, got " + cellKey);
        }
        long pcv = pcv(n);
        if (pcv < 10) {
            return (int) -pcv;
        }
        return switch ((int) (pcv % 5)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> -2;
            case 3 -> 2;
            default -> 1;
        };
    }

    /** The published count, or -1 when it is suppressed (below {@link #THRESHOLD}). */
    public static long publish(long n, int cellKey) {
        long count = n + pvalue(n, cellKey);
        return count < THRESHOLD ? -1 : count;
    }

    /** The ONS cell key of integer record keys: their sum modulo 256. */
    public static int cellKey(int... recordKeys) {
        int s = 0;
        for (int k : recordKeys) {
            if (k < 0 || k > 255) {
                throw new IllegalArgumentException("an ONS record key is 0..255, got " + k);
            }
            s = (s + k) & 0xFF;
        }
        return s;
    }
}
