package scot.cairn.profiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.AreaProfile.AreaInfo;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Inequality;
import scot.cairn.profiles.AreaProfile.Named;
import scot.cairn.profiles.AreaProfile.Point;
import scot.cairn.profiles.AreaProfile.Row;
import scot.cairn.profiles.AreaProfile.SubAreas;
import scot.cairn.profiles.AreaProfile.Trend;
import scot.cairn.profiles.ProfileDefinition.Better;
import scot.cairn.profiles.ProfileDefinition.Indicator;
import scot.cairn.profiles.ProfileDefinition.Kind;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Computes area profiles from published cubes.
 *
 * <p>Each series a profile uses is read from the store once per store version into columnar
 * arrays (no SPARQL aggregate at request time); any publication bumps the version and the next
 * request reads afresh. A request then aggregates over the area's data zones in memory.
 *
 * <p>Rules: a value published for the area itself is used as published; otherwise counts are summed
 * over the area's data zones and proportions and rates are recomputed as summed numerator over
 * summed denominator (never an average of rates). Suppressed data zones are left out of sums and
 * counted in the figure, never read as zero. Values of type {@code value} (ratios, means) are shown
 * only where published. Thread-safe.
 */
public final class ProfileEngine {

    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;
    private final Cache<Long, Snapshot> snapshots = Caffeine.newBuilder().maximumSize(2).expireAfterAccess(Duration.ofHours(6)).build();

    /** @param geography the store's geography, shared with the application's other readers */
    public ProfileEngine(TripleStore store, UriScheme uris, StoreGeography geography) {
        this.store = store;
        this.uris = uris;
        this.geography = geography;
        store.onChange(snapshots::invalidateAll);
    }

    /**
     * The profile of a published area (any level, including a data zone or Scotland).
     *
     * @throws NoSuchElementException when no area with this code is loaded
     */
    public AreaProfile profile(ProfileDefinition definition, String areaCode) {
        Snapshot s = snapshot();
        Geography.Area area = s.geography.area(areaCode)
                .orElseThrow(() -> new NoSuchElementException("no area with code " + areaCode + " is loaded"));
        int[] dzs = s.dataZones(area.code());
        AreaRef ref = new AreaRef(area.code(), area.name(), s.indexOf(area.code()), dzs);
        return compute(s, definition, ref, new AreaInfo(area.code(), area.name(), area.level().label(), dzs.length),
                childLevel(area.level()), area.code());
    }

    /**
     * The profile of a custom locality made of data zones.
     *
     * @throws NoSuchElementException when one of its data zones is not loaded
     */
    public AreaProfile profile(ProfileDefinition definition, Locality locality) {
        Snapshot s = snapshot();
        int[] dzs = new int[locality.dataZones().size()];
        for (int i = 0; i < dzs.length; i++) {
            String code = locality.dataZones().get(i);
            dzs[i] = s.indexOf(code);
            if (dzs[i] < 0) {
                throw new NoSuchElementException("locality " + locality.id() + " names data zone " + code + ", which is not loaded");
            }
        }
        AreaRef ref = new AreaRef(null, locality.name(), -1, dzs);
        return compute(s, definition, ref, new AreaInfo(locality.id(), locality.name(), "Locality", dzs.length),
                AreaLevel.DATA_ZONE, null);
    }

    /** The current snapshot, built when the store has changed since the last one. */
    Snapshot snapshot() {
        long v = store.version();
        return snapshots.get(v, k -> new Snapshot(store, uris, geography.current(), k));
    }

    static AreaLevel childLevel(AreaLevel level) {
        return switch (level) {
            case COUNTRY, HEALTH_BOARD -> AreaLevel.COUNCIL;
            case COUNCIL, HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, SCOTTISH_PARLIAMENT_CONSTITUENCY -> AreaLevel.INTERMEDIATE_ZONE;
            case INTERMEDIATE_ZONE, WARD -> AreaLevel.DATA_ZONE;
            case DATA_ZONE -> null;
        };
    }

    /** An area as the engine sees it: its own index (-1 for a locality) and its data zones. */
    record AreaRef(String code, String name, int own, int[] dataZones) {
    }

    private AreaProfile compute(Snapshot s, ProfileDefinition def, AreaRef area, AreaInfo info, AreaLevel childLevel, String cacheKey) {
        Set<Series> needed = new HashSet<>();
        for (Indicator i : def.indicators()) {
            for (Series x : new Series[] {i.value(), i.numerator(), i.denominator()}) {
                if (x != null) {
                    needed.add(x);
                }
            }
        }
        if (def.deprivation() != null) {
            needed.add(def.deprivation().series());
        }
        var tables = s.tables(needed);
        AreaRef scotland = new AreaRef(s.scotland >= 0 ? s.codes[s.scotland] : null, s.scotlandName, s.scotland, s.allDataZones);
        int[] groups = null;
        String groupProblem = null;
        if (def.deprivation() != null) {
            SeriesTable g = tables.get(def.deprivation().series());
            if (g.problem != null) {
                groupProblem = g.problem;
            } else {
                groups = s.groups(def.deprivation().series());
            }
        }
        List<String> children = childLevel == null ? List.of() : s.childrenWithin(cacheKey, area.dataZones(), childLevel);
        List<Row> rows = new ArrayList<>();
        for (Indicator ind : def.indicators()) {
            Calc c = new Calc(ind, def.smallCount(), tables.get(ind.value()), tables.get(ind.numerator()), tables.get(ind.denominator()));
            rows.add(row(s, def, c, area, scotland, childLevel, children, groups, groupProblem));
        }
        return new AreaProfile(def.name(), def.title(), info, s.scotlandName, def.smallCount(), s.version, rows);
    }

    private Row row(Snapshot s, ProfileDefinition def, Calc c, AreaRef area, AreaRef scotland, AreaLevel childLevel,
                    List<String> children, int[] groups, String groupProblem) {
        Indicator ind = c.ind;
        List<String> notes = new ArrayList<>();
        if (c.problem != null) {
            notes.add(c.problem);
        }
        int latest = c.periods.length - 1;
        String period = latest >= 0 ? c.periods[latest] : null;
        Figure value = latest >= 0 ? c.figure(area, latest) : c.none("not available");
        Figure scot = latest >= 0 ? c.figure(scotland, latest) : c.none("not available");
        if (value.suppressedDataZones() > 0) {
            notes.add(value.suppressedDataZones() + " of " + value.dataZones() + " data zones suppressed and left out of the figure");
        }
        if (value.unavailableDataZones() > 0) {
            notes.add(value.unavailableDataZones() + " of " + value.dataZones() + " data zones have no value and are left out");
        }
        if (value.smallCount()) {
            notes.add("numbers are low (below " + def.smallCount() + "): the count is shown instead of a rate");
        }

        Double ratio = value.value() != null && scot.value() != null && scot.value() != 0 ? value.value() / scot.value() : null;
        String comparison;
        String comparisonText;
        if (value.value() == null || scot.value() == null) {
            comparison = "NO_DATA";
            comparisonText = "not compared (no value)";
        } else if (ind.type() == Kind.COUNT) {
            comparison = "NOT_COMPARED";
            comparisonText = "a count: not compared with Scotland";
        } else if (value.lower() != null) {
            if (scot.value() >= value.lower() && scot.value() <= value.upper()) {
                comparison = "SIMILAR";
                comparisonText = "similar to " + s.scotlandName;
            } else {
                boolean better = (value.value() > scot.value()) == (ind.better() == Better.HIGHER);
                comparison = better ? "BETTER" : "WORSE";
                comparisonText = (better ? "better than " : "worse than ") + s.scotlandName;
            }
        } else if (value.value().equals(scot.value())) {
            comparison = "SIMILAR";
            comparisonText = "same as " + s.scotlandName;
        } else {
            boolean better = (value.value() > scot.value()) == (ind.better() == Better.HIGHER);
            comparison = better ? "BETTER" : "WORSE";
            comparisonText = (better ? "better than " : "worse than ") + s.scotlandName + " (no interval: not tested)";
        }

        Trend trend = trend(c, area);
        SubAreas sub = childLevel == null || latest < 0 ? null : subAreas(s, c, childLevel, children, latest);
        Inequality ineq = null;
        if (def.deprivation() != null) {
            if (groupProblem != null) {
                notes.add("deprivation groups not available: " + groupProblem);
            } else if (latest >= 0) {
                ineq = inequality(def, c, area, groups, latest);
            }
        }
        Series main = ind.value() != null && !ind.hasCounts() ? ind.value() : ind.hasCounts() ? ind.numerator() : ind.value();
        return new Row(ind.id(), ind.label(), ind.type().name().toLowerCase(Locale.ROOT), ind.better().name().toLowerCase(Locale.ROOT),
                ind.unit(), main.dataset(), c.source(), period, value, scot, ratio, comparison, comparisonText, trend, sub, ineq, notes);
    }

    private Trend trend(Calc c, AreaRef area) {
        List<Point> points = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        List<Figure> figs = new ArrayList<>();
        c.quiet = true;
        for (int p = 0; p < c.periods.length; p++) {
            Figure f = c.figure(area, p);
            figs.add(f);
            points.add(new Point(c.periods[p], f.value() != null ? f.value() : null, f.smallCount()));
            if (f.value() != null) {
                valid.add(p);
            }
        }
        c.quiet = false;
        if (valid.isEmpty()) {
            return new Trend("NO_DATA", "no data", null, null, null, null, null, null, points);
        }
        Figure first = figs.get(valid.get(0));
        Figure last = figs.get(valid.get(valid.size() - 1));
        String fp = c.periods[valid.get(0)];
        String lp = c.periods[valid.get(valid.size() - 1)];
        if (valid.size() == 1) {
            return new Trend("ONE_PERIOD", "one period only (" + lp + ")", fp, first.value(), lp, last.value(), null, null, points);
        }
        double p;
        String test;
        double change = last.value() - first.value();
        Kind k = c.ind.type();
        if (k == Kind.COUNT) {
            p = Stats.poissonChange(first.value(), last.value());
            test = "Poisson test, " + fp + " vs " + lp;
        } else if (k == Kind.PROPORTION && first.denominator() != null && last.denominator() != null) {
            p = Stats.proportionChange(first.numerator(), first.denominator(), last.numerator(), last.denominator());
            test = "two-proportion z test, " + fp + " vs " + lp;
        } else if (k == Kind.RATE && first.denominator() != null && last.denominator() != null) {
            p = Stats.rateChange(first.numerator(), first.denominator(), last.numerator(), last.denominator());
            test = "Poisson rate ratio test, " + fp + " vs " + lp;
        } else {
            double[] y = valid.stream().mapToDouble(i -> figs.get(i).value()).toArray();
            p = Stats.slopeTest(y);
            test = "least-squares slope over " + y.length + " periods, t test";
            if (Double.isNaN(p)) {
                return new Trend("NOT_TESTED", change == 0 ? "no change (not tested)" : (change > 0 ? "higher" : "lower") + " than in " + fp + " (too few periods to test)",
                        fp, first.value(), lp, last.value(), null, null, points);
            }
        }
        String direction;
        String text;
        if (p < 0.05 && change != 0) {
            boolean better = (change > 0) == (c.ind.better() == Better.HIGHER);
            direction = better ? "IMPROVING" : "WORSENING";
            text = (better ? "improving" : "worsening") + " since " + fp;
        } else {
            direction = "NO_CLEAR_CHANGE";
            text = "no clear change since " + fp;
        }
        return new Trend(direction, text, fp, first.value(), lp, last.value(), test, p, points);
    }

    private SubAreas subAreas(Snapshot s, Calc c, AreaLevel level, List<String> children, int period) {
        String worstCode = null;
        String bestCode = null;
        double worstValue = Double.NaN;
        double bestValue = Double.NaN;
        int ranked = 0;
        int excluded = 0;
        boolean higherBetter = c.ind.better() == Better.HIGHER;
        c.quiet = true;
        for (String code : children) {
            Figure f = c.figure(subArea(s, code, level), period);
            if (f.value() == null || f.smallCount()) {
                excluded++;
                continue;
            }
            ranked++;
            double v = f.value();
            // Ties keep the first in code order, so results are stable.
            if (worstCode == null || (higherBetter ? v < worstValue : v > worstValue)) {
                worstCode = code;
                worstValue = v;
            }
            if (bestCode == null || (higherBetter ? v > bestValue : v < bestValue)) {
                bestCode = code;
                bestValue = v;
            }
        }
        c.quiet = false;
        Named worst = worstCode == null ? null : named(s, c, worstCode, level, period);
        Named best = bestCode == null ? null : named(s, c, bestCode, level, period);
        Double gap = worst != null ? worst.value() - best.value() : null;
        return new SubAreas(level.label(), ranked, excluded, worst, best, gap);
    }

    private static AreaRef subArea(Snapshot s, String code, AreaLevel level) {
        int own = s.indexOf(code);
        return new AreaRef(code, null, own, level == AreaLevel.DATA_ZONE ? new int[] {own} : s.dataZones(code));
    }

    private static Named named(Snapshot s, Calc c, String code, AreaLevel level, int period) {
        Figure f = c.figure(subArea(s, code, level), period);
        return new Named(code, s.geography.area(code).map(Geography.Area::name).orElse(code), f.value(), f.display());
    }

    private Inequality inequality(ProfileDefinition def, Calc c, AreaRef area, int[] groups, int period) {
        var dep = def.deprivation();
        int[] most = area.dataZones().length == 0 ? new int[0]
                : java.util.Arrays.stream(area.dataZones()).filter(d -> groups[d] == dep.mostDeprived()).toArray();
        int[] least = java.util.Arrays.stream(area.dataZones()).filter(d -> groups[d] == dep.leastDeprived()).toArray();
        if (c.ind.type() == Kind.VALUE) {
            return new Inequality(dep.label(), c.none("not aggregated (type value)"), c.none("not aggregated (type value)"), null, null,
                    "not available: values of this type cannot be aggregated over data zones");
        }
        Figure fm = most.length == 0 ? c.none("no data zones in this group") : c.figure(new AreaRef(null, null, -1, most), period);
        Figure fl = least.length == 0 ? c.none("no data zones in this group") : c.figure(new AreaRef(null, null, -1, least), period);
        Double gap = fm.value() != null && fl.value() != null ? fm.value() - fl.value() : null;
        Double ratio = gap != null && fl.value() != 0 ? fm.value() / fl.value() : null;
        String text;
        if (gap == null) {
            text = "gap not available";
        } else {
            boolean mostWorse = (gap > 0) == (c.ind.better() == Better.LOWER);
            text = gap == 0 ? "no gap" : "most deprived " + (mostWorse ? "worse" : "better") + " by " + c.format(Math.abs(gap));
        }
        return new Inequality(dep.label(), fm, fl, gap, ratio, text);
    }

    /** One indicator's tables aligned on common periods, and the figure rules. */
    static final class Calc {
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

        Calc(Indicator ind, int smallCount, SeriesTable value, SeriesTable num, SeriesTable den) {
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
            return (value != null ? value : num != null ? num : den != null ? den : null) == null ? null
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
                double v = t.value(a.own(), pi);
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
            if (own != SeriesTable.ABSENT || a.dataZones().length == 0 || (a.dataZones().length == 1 && a.dataZones()[0] == a.own())) {
                boolean sup = own == SeriesTable.SUPPRESSED;
                return new Figure(null, null, null, null, null, null, true, false, 0, sup ? 1 : 0, sup ? 0 : 1, sup ? "suppressed" : "not available");
            }
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
                return new Figure(null, null, null, null, null, null, false, false, a.dataZones().length, sup, unav,
                        sup > 0 ? "suppressed" : "not available");
            }
            String display = quiet ? null : formatCount(sum) + (sup + unav > 0 ? excluding(sup + unav) : "");
            return new Figure(sum, sum, null, null, null, null, false, sum < smallCount, a.dataZones().length, sup, unav, display);
        }

        private Figure ratio(AreaRef a, int p) {
            int np = nIdx[p];
            int dp = dIdx[p];
            double n;
            double d;
            boolean published;
            int dzCount = 0;
            int sup = 0;
            int unav = 0;
            if (num.status(a.own(), np) == SeriesTable.VALUE && den.status(a.own(), dp) == SeriesTable.VALUE) {
                n = num.value(a.own(), np);
                d = den.value(a.own(), dp);
                published = true;
            } else {
                published = false;
                n = 0;
                d = 0;
                int known = 0;
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
                dzCount = a.dataZones().length;
                if (known == 0) {
                    return new Figure(null, null, null, null, null, null, false, false, dzCount, sup, unav,
                            sup > 0 ? "suppressed" : "not available");
                }
            }
            if (d <= 0) {
                return new Figure(null, n, d, null, null, null, published, false, dzCount, sup, unav, "not available (no population)");
            }
            if (n < smallCount) {
                String display = quiet ? null : formatCount(n) + " (numbers too low for a " + (ind.type() == Kind.PROPORTION ? "percentage" : "rate") + ")";
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
}
