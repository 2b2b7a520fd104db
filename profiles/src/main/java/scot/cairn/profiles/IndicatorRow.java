package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import scot.cairn.profiles.AreaProfile.FamilyComparison;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Inequality;
import scot.cairn.profiles.AreaProfile.Point;
import scot.cairn.profiles.AreaProfile.Row;
import scot.cairn.profiles.AreaProfile.SubAreas;
import scot.cairn.profiles.AreaProfile.Trend;
import scot.cairn.profiles.ProfileDefinition.Better;
import scot.cairn.profiles.ProfileDefinition.Indicator;
import scot.cairn.profiles.ProfileDefinition.Kind;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.profiles.ProfileEngine.AreaRef;
import scot.cairn.vocab.AreaLevel;

/**
 * One indicator's row of a profile: the area's latest figure beside Scotland's and the judgement
 * in words, the trend, the worst and best sub-areas and the deprivation gap (not for counts unless
 * the definition ranks them), and the family comparison.
 */
final class IndicatorRow {
    private final Snapshot s;
    private final ProfileDefinition def;
    private final IndicatorFigures c;
    private final AreaRef area;
    private final AreaRef scotland;

    IndicatorRow(Snapshot s, ProfileDefinition def, IndicatorFigures c, AreaRef area, AreaRef scotland) {
        this.s = s;
        this.def = def;
        this.c = c;
        this.area = area;
        this.scotland = scotland;
    }

    /** The deprivation groups of every area index, or the reason there are none. */
    record Groups(int[] groups, String problem) {}

    Row build(AreaLevel childLevel, List<String> children, Groups groups, Families.Members family) {
        Indicator ind = c.ind;
        List<String> notes = new ArrayList<>();
        if (c.problem != null) {
            notes.add(c.problem);
        }
        int latest = c.periods.length - 1;
        if (area.code() != null
                && s.geography.area(area.code()).map(a -> !a.live()).orElse(false)) {
            // An archived code's figures end when it went out of force: show its last one, not an empty latest period.
            latest = lastWithValue(latest);
            if (latest >= 0 && latest < c.periods.length - 1) {
                notes.add("the last period published for this archived code (" + c.periods[latest] + ")");
            }
        }
        String period = latest >= 0 ? c.periods[latest] : null;
        Figure value = latest >= 0 ? c.figure(area, latest) : c.none("not available");
        Figure scot = latest >= 0 ? c.figure(scotland, latest) : c.none("not available");
        notes.addAll(caveats(value));
        Double ratio = value.value() != null && scot.value() != null && scot.value() != 0
                ? value.value() / scot.value()
                : null;
        String[] comparison = compare(value, scot);
        Trend trend = Trends.of(c, area);
        SubAreas sub = childLevel == null || latest < 0 || !ind.rank()
                ? null
                : SubAreaRanking.of(s, c, childLevel, children, latest);
        Inequality ineq = null;
        if (def.deprivation() != null && ind.rank()) {
            if (groups.problem() != null) {
                notes.add("deprivation groups not available: " + groups.problem());
            } else if (latest >= 0) {
                ineq = InequalityGap.of(def, c, area, groups.groups(), latest);
            }
        }
        FamilyComparison fam = family == null ? null : Families.compare(s, c, area, family);
        List<Point> scotlandSeries = Trends.series(c, scotland);
        Series main = ind.hasCounts() ? ind.numerator() : ind.value();
        return new Row(
                ind.id(),
                ind.label(),
                ind.type().name().toLowerCase(Locale.ROOT),
                ind.better().name().toLowerCase(Locale.ROOT),
                ind.unit(),
                main.dataset(),
                c.source(),
                period,
                value,
                scot,
                ratio,
                comparison[0],
                comparison[1],
                trend,
                sub,
                ineq,
                fam,
                scotlandSeries,
                notes);
    }

    /** The latest period up to {@code latest} with a value for the area (the first period when none has). */
    private int lastWithValue(int latest) {
        boolean quiet = c.quiet;
        c.quiet = true;
        int p = latest;
        while (p > 0 && c.figure(area, p).value() == null) {
            p--;
        }
        c.quiet = quiet;
        return p;
    }

    private List<String> caveats(Figure value) {
        List<String> notes = new ArrayList<>();
        if (value.suppressedDataZones() > 0) {
            notes.add(value.suppressedDataZones() + " of " + value.dataZones()
                    + " data zones suppressed and left out of the figure");
        }
        if (value.unavailableDataZones() > 0) {
            notes.add(value.unavailableDataZones() + " of " + value.dataZones()
                    + " data zones have no value and are left out");
        }
        if (value.smallCount()) {
            notes.add("numbers are low (below " + def.smallCount() + "): the count is shown instead of a rate");
        }
        return notes;
    }

    /**
     * The area against Scotland: "better" or "worse" when Scotland's value lies outside the area's
     * 95% interval, "similar" inside it; without an interval, better or worse (not tested); counts
     * are not compared.
     */
    private String[] compare(Figure value, Figure scot) {
        String name = s.scotlandName;
        if (value.value() == null || scot.value() == null) {
            return new String[] {"NO_DATA", "not compared (no value)"};
        }
        if (c.ind.type() == Kind.COUNT) {
            return new String[] {"NOT_COMPARED", "a count: not compared with " + name};
        }
        if (value.lower() != null && scot.value() >= value.lower() && scot.value() <= value.upper()) {
            return new String[] {"SIMILAR", "similar to " + name};
        }
        if (value.lower() == null && value.value().equals(scot.value())) {
            return new String[] {"SIMILAR", "same as " + name};
        }
        boolean better = (value.value() > scot.value()) == (c.ind.better() == Better.HIGHER);
        return new String[] {
            better ? "BETTER" : "WORSE",
            (better ? "better than " : "worse than ")
                    + name
                    + (value.lower() == null ? " (no interval: not tested)" : "")
        };
    }
}
