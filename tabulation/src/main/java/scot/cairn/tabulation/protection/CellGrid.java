package scot.cairn.tabulation.protection;

import java.util.Arrays;
import scot.cairn.tabulation.disclosure.CellKeys;

/**
 * The true, unprotected cells of a table while it is computed: for areas x (categories + total)
 * per variable, the record count, the cell key (fixed point), and, when asked for, the weight sum,
 * the magnitude sum and its largest contributions. Cell {@code c} of area {@code a} is at
 * {@code a * perArea + c}; category {@code i} of a cell is {@code (c / stride[i]) % extent[i]},
 * the last category of each variable ({@code extent[i] - 1}) being its total. Filled by the
 * counting code, read by {@link TableProtector}; never leaves the service. Not thread-safe.
 */
public final class CellGrid {
    final int[] extent;
    final int[] stride;
    final int perArea;
    final int areas;
    final long[] n;
    final long[] key;
    final double[] weight;
    final double[] sum;
    final double[][] top;
    private final int topN;
    private final int[] delta;
    final boolean[] interior;

    /**
     * @param areas      output areas
     * @param categories kept categories per variable (the total is added)
     * @param topN       largest contributions kept per cell (magnitudes)
     */
    public CellGrid(int areas, int[] categories, boolean weights, boolean magnitude, int topN) {
        int k = categories.length;
        extent = new int[k];
        stride = new int[k];
        int p = 1;
        for (int i = k - 1; i >= 0; i--) {
            extent[i] = categories[i] + 1;
            stride[i] = p;
            p = Math.multiplyExact(p, extent[i]);
        }
        perArea = p;
        this.areas = areas;
        int size = Math.multiplyExact(areas, p);
        n = new long[size];
        key = new long[size];
        weight = weights ? new double[size] : null;
        sum = magnitude ? new double[size] : null;
        top = magnitude ? new double[size][] : null;
        this.topN = topN;
        delta = new int[k];
        interior = new boolean[p];
        for (int cell = 0; cell < p; cell++) {
            boolean in = true;
            for (int i = 0; i < k; i++) {
                in &= category(cell, i) != extent[i] - 1;
            }
            interior[cell] = in;
        }
    }

    public int perArea() {
        return perArea;
    }

    int category(int cell, int variable) {
        return (cell / stride[variable]) % extent[variable];
    }

    boolean isTotal(int cell) {
        return !interior[cell];
    }

    /**
     * Adds a finest cell ({@code coord}: kept-category position per variable) to itself and to
     * every total and subtotal it belongs to (2^k targets). Exact: counts and key sums add.
     */
    public void add(int area, int[] coord, long count, long cellKey, double w, double msum, double[] largest) {
        int k = coord.length;
        int base = area * perArea;
        for (int i = 0; i < k; i++) {
            base += coord[i] * stride[i];
            delta[i] = (extent[i] - 1 - coord[i]) * stride[i];
        }
        for (int mask = 0; mask < (1 << k); mask++) {
            int idx = base;
            for (int bits = mask, i = 0; bits != 0; bits >>>= 1, i++) {
                if ((bits & 1) != 0) {
                    idx += delta[i];
                }
            }
            n[idx] += count;
            key[idx] = CellKeys.add(key[idx], cellKey);
            if (weight != null) {
                weight[idx] += w;
            }
            if (sum != null) {
                sum[idx] += msum;
                top[idx] = mergeTop(top[idx], largest, topN);
            }
        }
    }

    private static double[] mergeTop(double[] a, double[] b, int topN) {
        if (a == null) {
            return b.clone();
        }
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        int m = Math.min(topN, all.length);
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = all[all.length - 1 - i];
        }
        return out;
    }
}
