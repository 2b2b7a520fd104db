package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.List;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Point;
import scot.cairn.profiles.AreaProfile.Trend;
import scot.cairn.profiles.ProfileDefinition.Better;
import scot.cairn.profiles.ProfileDefinition.Kind;
import scot.cairn.profiles.ProfileEngine.AreaRef;

/**
 * Whether an area's figure is improving: first against latest period, called improving or
 * worsening only when the change passes a two-sided 5% test fitting the indicator's type
 * (Poisson for counts, log rate ratio for rates, two-proportion z for proportions, a slope t
 * test over all periods for values), else "no clear change".
 */
final class Trends {
    private Trends() {}

    /** The area's values in every period (no display text). */
    static List<Point> series(IndicatorFigures c, AreaRef area) {
        List<Point> points = new ArrayList<>();
        boolean quiet = c.quiet;
        c.quiet = true;
        for (int p = 0; p < c.periods.length; p++) {
            Figure f = c.figure(area, p);
            points.add(new Point(c.periods[p], f.value(), f.smallCount()));
        }
        c.quiet = quiet;
        return points;
    }

    static Trend of(IndicatorFigures c, AreaRef area) {
        List<Figure> figs = new ArrayList<>();
        c.quiet = true;
        for (int p = 0; p < c.periods.length; p++) {
            figs.add(c.figure(area, p));
        }
        c.quiet = false;
        List<Integer> valid = new ArrayList<>();
        for (int p = 0; p < figs.size(); p++) {
            if (figs.get(p).value() != null) {
                valid.add(p);
            }
        }
        List<Point> points = new ArrayList<>();
        for (int p = 0; p < figs.size(); p++) {
            points.add(new Point(c.periods[p], figs.get(p).value(), figs.get(p).smallCount()));
        }
        if (valid.isEmpty()) {
            return new Trend("NO_DATA", "no data", null, null, null, null, null, null, points);
        }
        Figure first = figs.get(valid.get(0));
        Figure last = figs.get(valid.get(valid.size() - 1));
        String fp = c.periods[valid.get(0)];
        String lp = c.periods[valid.get(valid.size() - 1)];
        if (valid.size() == 1) {
            return new Trend(
                    "ONE_PERIOD",
                    "one period only (" + lp + ")",
                    fp,
                    first.value(),
                    lp,
                    last.value(),
                    null,
                    null,
                    points);
        }
        return judged(c, figs, valid, points);
    }

    /** The trend between the first and last periods with a value (at least two), tested where there are enough. */
    private static Trend judged(IndicatorFigures c, List<Figure> figs, List<Integer> valid, List<Point> points) {
        Figure first = figs.get(valid.get(0));
        Figure last = figs.get(valid.get(valid.size() - 1));
        String fp = c.periods[valid.get(0)];
        String lp = c.periods[valid.get(valid.size() - 1)];
        double change = last.value() - first.value();
        double[] tested = test(c, figs, valid, first, last, fp, lp);
        if (tested == null) {
            return new Trend(
                    "NOT_TESTED",
                    change == 0
                            ? "no change (not tested)"
                            : (change > 0 ? "higher" : "lower") + " than in " + fp + " (too few periods to test)",
                    fp,
                    first.value(),
                    lp,
                    last.value(),
                    null,
                    null,
                    points);
        }
        double p = tested[0];
        String test = testName(c, first, last, fp, lp, valid.size());
        if (p < 0.05 && change != 0) {
            boolean better = (change > 0) == (c.ind.better() == Better.HIGHER);
            return new Trend(
                    better ? "IMPROVING" : "WORSENING",
                    (better ? "improving" : "worsening") + " since " + fp,
                    fp,
                    first.value(),
                    lp,
                    last.value(),
                    test,
                    p,
                    points);
        }
        return new Trend(
                "NO_CLEAR_CHANGE", "no clear change since " + fp, fp, first.value(), lp, last.value(), test, p, points);
    }

    /** The test's two-sided p-value, or null when a slope over too few periods cannot be tested. */
    private static double[] test(
            IndicatorFigures c,
            List<Figure> figs,
            List<Integer> valid,
            Figure first,
            Figure last,
            String fp,
            String lp) {
        Kind k = c.ind.type();
        if (k == Kind.COUNT) {
            return new double[] {Stats.poissonChange(first.value(), last.value())};
        }
        if (k == Kind.PROPORTION && first.denominator() != null && last.denominator() != null) {
            return new double[] {
                Stats.proportionChange(first.numerator(), first.denominator(), last.numerator(), last.denominator())
            };
        }
        if (k == Kind.RATE && first.denominator() != null && last.denominator() != null) {
            return new double[] {
                Stats.rateChange(first.numerator(), first.denominator(), last.numerator(), last.denominator())
            };
        }
        double[] y = valid.stream().mapToDouble(i -> figs.get(i).value()).toArray();
        double p = Stats.slopeTest(y);
        return Double.isNaN(p) ? null : new double[] {p};
    }

    private static String testName(IndicatorFigures c, Figure first, Figure last, String fp, String lp, int periods) {
        Kind k = c.ind.type();
        if (k == Kind.COUNT) {
            return "Poisson test, " + fp + " vs " + lp;
        }
        if (k == Kind.PROPORTION && first.denominator() != null && last.denominator() != null) {
            return "two-proportion z test, " + fp + " vs " + lp;
        }
        if (k == Kind.RATE && first.denominator() != null && last.denominator() != null) {
            return "Poisson rate ratio test, " + fp + " vs " + lp;
        }
        return "least-squares slope over " + periods + " periods, t test";
    }
}
