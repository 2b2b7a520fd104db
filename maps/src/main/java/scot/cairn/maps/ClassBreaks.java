package scot.cairn.maps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quantile class breaks: at most {@link #MAX_CLASSES} classes, each holding about the same number of
 * areas. Breaks are the sample quantiles at {@code i/k} by linear interpolation between order
 * statistics (Hyndman and Fan type 7, R's default), with {@code k} the smaller of 5 and the number of
 * distinct values; equal breaks are merged, so there are fewer classes when values tie. A value
 * {@code v} is in class {@code i} when {@code breaks[i] <= v < breaks[i+1]}; the last class also
 * holds its upper break (the maximum).
 *
 * @param breaks strictly increasing, except a single value gives {@code [v, v]} (one class)
 */
record ClassBreaks(double[] breaks) {

    static final int MAX_CLASSES = 5;

    /**
     * Breaks of {@code values} (not empty), rounded for reading: to about 3 significant digits of a
     * class's width, and never to more than {@code maxDecimals} places (two more than the data's own,
     * so that a break such as 10.8 between 10 and 11 survives and floating point noise such as
     * 17.000000000000004 does not). The lowest break is rounded down and the highest up, so every
     * value lies within them.
     */
    static ClassBreaks quantiles(double[] values, int maxDecimals) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to classify");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        long distinct = Arrays.stream(sorted).distinct().count();
        if (distinct == 1) {
            return new ClassBreaks(new double[] {sorted[0], sorted[0]});
        }
        int k = (int) Math.min(MAX_CLASSES, distinct);
        double width = (sorted[sorted.length - 1] - sorted[0]) / k;
        int decimals = (int) Math.max(0, Math.min(maxDecimals, 3 - Math.floor(Math.log10(width))));
        List<Double> breaks = new ArrayList<>();
        for (int i = 0; i <= k; i++) {
            java.math.RoundingMode mode = i == 0
                    ? java.math.RoundingMode.FLOOR
                    : i == k ? java.math.RoundingMode.CEILING : java.math.RoundingMode.HALF_UP;
            double b = java.math.BigDecimal.valueOf(quantile(sorted, (double) i / k))
                    .setScale(decimals, mode)
                    .doubleValue();
            if (breaks.isEmpty() || b > breaks.get(breaks.size() - 1)) {
                breaks.add(b);
            }
        }
        if (breaks.size() == 1) {
            breaks.add(breaks.get(0));
        }
        return new ClassBreaks(breaks.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Type 7 sample quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    int classes() {
        return breaks.length - 1;
    }

    /** The class of {@code v}, 0-based. */
    int classOf(double v) {
        int k = classes();
        for (int i = k - 1; i > 0; i--) {
            if (v >= breaks[i]) {
                return i;
            }
        }
        return 0;
    }
}
