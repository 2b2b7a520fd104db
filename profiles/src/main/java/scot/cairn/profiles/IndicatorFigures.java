package scot.cairn.profiles;

import java.util.Locale;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.ProfileDefinition.Indicator;
import scot.cairn.profiles.ProfileDefinition.Kind;
import scot.cairn.profiles.ProfileEngine.AreaRef;

/**
 * One indicator's tables aligned on their common periods, and the rules that make a figure for an
 * area from them: a value published for the area is used as published (a published proportion or
 * rate rescaled from its declared {@code scale} to the indicator's {@code per}); otherwise counts
 * are summed over the area's data zones and proportions and rates recomputed as summed numerator
 * over summed denominator. Suppressed data zones are left out and counted, never read as zero.
 */
final class IndicatorFigures {
    final Indicator ind;
    final int smallCount;
    final SeriesTable value;
    final SeriesTable num;
    final SeriesTable den;
    final String[] periods;
    final int[] vIdx;
    final int[] nIdx;
    final int[] dIdx;
    final String problem;
    /** When true, figures carry no display text: ranking and trends need only the numbers. */
    boolean quiet;

    IndicatorFigures(Indicator ind, int smallCount, SeriesTable value, SeriesTable num, SeriesTable den) {
        this.ind = ind;
        this.smallCount = smallCount;
        String prob = null;
        for (SeriesTable t : new SeriesTable[] {value, num, den}) {
            if (t != null && t.problem != null) {
                prob = t.problem;
            }
        }
        this.problem = prob;
        boolean counts = num != null && num.problem == null && den != null && den.problem == null;
        this.num = counts ? num : null;
        this.den = counts ? den : null;
        this.value = value != null && value.problem == null ? value : null;
        java.util.TreeSet<String> ps = new java.util.TreeSet<>();
        if (counts) {
            for (String p : num.periods) {
                if (den.periodIndex(p) >= 0) {
                    ps.add(p);
                }
            }
        }
        if (this.value != null && (ind.type() == Kind.COUNT || ind.type() == Kind.VALUE || !counts)) {
            ps.addAll(java.util.Arrays.asList(this.value.periods));
        }
        this.periods = ps.toArray(String[]::new);
        vIdx = index(this.value);
        nIdx = index(this.num);
        dIdx = index(this.den);
    }

    private int[] index(SeriesTable t) {
        int[] out = new int[periods.length];
        for (int i = 0; i < periods.length; i++) {
            out[i] = t == null ? -1 : t.periodIndex(periods[i]);
        }
        return out;
    }

    String source() {
        return (value != null ? value : num != null ? num : den != null ? den : null) == null
                ? null
                : (value != null ? value : num).source;
    }

    Figure none(String why) {
        return new Figure(null, null, null, null, null, null, false, false, 0, 0, 0, why);
    }

    Figure figure(AreaRef a, int p) {
        if (ind.type() == Kind.COUNT) {
            return count(a, p);
        }
        if (ind.type() == Kind.VALUE) {
            return published(a, p);
        }
        if (num != null) {
            Figure f = ratio(a, p);
            if (f.value() != null || f.smallCount() || value == null) {
                return f;
            }
        }
        return published(a, p);
    }

    private Figure published(AreaRef a, int p) {
        SeriesTable t = value;
        int pi = vIdx[p];
        if (t == null || pi < 0) {
            return none("not available");
        }
        byte st = t.status(a.own(), pi);
        if (st == SeriesTable.VALUE) {
            // A published proportion or rate on its declared scale (0.08 as a fraction) shown on the indicator's
            // (8.0%).
            double v = ind.scale() == null ? t.value(a.own(), pi) : t.value(a.own(), pi) * ind.per() / ind.scale();
            return new Figure(v, null, null, null, null, null, true, false, 0, 0, 0, format(v));
        }
        if (st == SeriesTable.SUPPRESSED) {
            return new Figure(null, null, null, null, null, null, true, false, 0, 1, 0, "suppressed");
        }
        return none(a.code() == null ? "not published for localities (type value)" : "not published for this area");
    }

    private Figure count(AreaRef a, int p) {
        int pi = vIdx[p];
        if (value == null || pi < 0) {
            return none("not available");
        }
        byte own = value.status(a.own(), pi);
        if (own == SeriesTable.VALUE) {
            double v = value.value(a.own(), pi);
            return new Figure(v, v, null, null, null, null, true, v < smallCount, 0, 0, 0, formatCount(v));
        }
        if (own != SeriesTable.ABSENT
                || a.dataZones().length == 0
                || (a.dataZones().length == 1 && a.dataZones()[0] == a.own())) {
            boolean sup = own == SeriesTable.SUPPRESSED;
            return new Figure(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    true,
                    false,
                    0,
                    sup ? 1 : 0,
                    sup ? 0 : 1,
                    sup ? "suppressed" : "not available");
        }
        return summedCount(a, pi);
    }

    /** A count summed over the area's data zones, leaving out (and counting) suppressed and unavailable ones. */
    private Figure summedCount(AreaRef a, int pi) {
        double sum = 0;
        int known = 0;
        int sup = 0;
        int unav = 0;
        for (int d : a.dataZones()) {
            byte st = value.status(d, pi);
            if (st == SeriesTable.VALUE) {
                sum += value.value(d, pi);
                known++;
            } else if (st == SeriesTable.SUPPRESSED) {
                sup++;
            } else {
                unav++;
            }
        }
        if (known == 0) {
            return noFigure(a.dataZones().length, sup, unav);
        }
        String display = quiet ? null : formatCount(sum) + (sup + unav > 0 ? excluding(sup + unav) : "");
        return new Figure(
                sum, sum, null, null, null, null, false, sum < smallCount, a.dataZones().length, sup, unav, display);
    }

    /** No figure for an area none of whose {@code zones} has a value: suppressed if any of them is. */
    private static Figure noFigure(int zones, int sup, int unav) {
        return new Figure(
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                zones,
                sup,
                unav,
                sup > 0 ? "suppressed" : "not available");
    }

    private Figure ratio(AreaRef a, int p) {
        int np = nIdx[p];
        int dp = dIdx[p];
        if (num.status(a.own(), np) == SeriesTable.VALUE && den.status(a.own(), dp) == SeriesTable.VALUE) {
            return ratioOf(num.value(a.own(), np), den.value(a.own(), dp), true, 0, 0, 0);
        }
        double n = 0;
        double d = 0;
        int known = 0;
        int sup = 0;
        int unav = 0;
        for (int z : a.dataZones()) {
            byte sn = num.status(z, np);
            byte sd = den.status(z, dp);
            if (sn == SeriesTable.VALUE && sd == SeriesTable.VALUE) {
                n += num.value(z, np);
                d += den.value(z, dp);
                known++;
            } else if (sn == SeriesTable.SUPPRESSED || sd == SeriesTable.SUPPRESSED) {
                sup++;
            } else {
                unav++;
            }
        }
        int dzCount = a.dataZones().length;
        if (known == 0) {
            return noFigure(dzCount, sup, unav);
        }
        return ratioOf(n, d, false, dzCount, sup, unav);
    }

    /**
     * The proportion or rate n / d per the indicator's {@code per}, with its confidence interval
     * (Wilson for a proportion, Byar otherwise); no value when there is no population or the
     * numerator is below the small-count threshold.
     */
    private Figure ratioOf(double n, double d, boolean published, int dzCount, int sup, int unav) {
        if (d <= 0) {
            return new Figure(
                    null,
                    n,
                    d,
                    null,
                    null,
                    null,
                    published,
                    false,
                    dzCount,
                    sup,
                    unav,
                    "not available (no population)");
        }
        if (n < smallCount) {
            String display = quiet
                    ? null
                    : formatCount(n) + " (numbers too low for a "
                            + (ind.type() == Kind.PROPORTION ? "percentage" : "rate") + ")";
            return new Figure(null, n, d, null, null, null, published, true, dzCount, sup, unav, display);
        }
        double per = ind.per();
        double v = n / d * per;
        double[] ci;
        String method;
        if (ind.type() == Kind.PROPORTION && n <= d) {
            ci = Stats.wilson(n, d);
            method = "wilson";
        } else {
            ci = Stats.byar(n);
            ci = new double[] {ci[0] / d, ci[1] / d};
            method = "byar";
        }
        String display = quiet ? null : format(v) + (sup + unav > 0 ? excluding(sup + unav) : "");
        return new Figure(v, n, d, ci[0] * per, ci[1] * per, method, published, false, dzCount, sup, unav, display);
    }

    String format(double v) {
        if (quiet) {
            return null;
        }
        if (ind.type() == Kind.COUNT) {
            return formatCount(v);
        }
        String unit = ind.unit().isEmpty() ? "" : ind.unit().equals("%") ? "%" : " " + ind.unit();
        double a = Math.abs(v);
        String f = a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.UK, f, v) + unit;
    }

    /**
     * A difference of two figures in words: percentage points for a proportion shown as a
     * percentage ("19.6 percentage points", never "19.6%"), else in the indicator's unit.
     */
    String difference(double d) {
        if (ind.inPercentagePoints()) {
            double a = Math.abs(d);
            return String.format(Locale.UK, a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", d) + " percentage points";
        }
        return format(d);
    }

    static String excluding(int n) {
        return " (excluding " + n + (n == 1 ? " data zone" : " data zones") + " without a value)";
    }

    String formatCount(double v) {
        if (quiet) {
            return null;
        }
        return v == Math.rint(v) ? String.format(Locale.UK, "%,.0f", v) : String.format(Locale.UK, "%,.1f", v);
    }
}
