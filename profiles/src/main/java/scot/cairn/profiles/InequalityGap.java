package scot.cairn.profiles;

import java.util.Arrays;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Inequality;
import scot.cairn.profiles.ProfileDefinition.Better;
import scot.cairn.profiles.ProfileDefinition.Kind;
import scot.cairn.profiles.ProfileEngine.AreaRef;

/**
 * The figure over an area's data zones in the most and in the least deprived group (e.g. SIMD
 * quintiles 1 and 5), and the gap between them, in percentage points for a proportion shown as a
 * percentage.
 */
final class InequalityGap {
    private InequalityGap() {}

    static Inequality of(ProfileDefinition def, IndicatorFigures c, AreaRef area, int[] groups, int period) {
        var dep = def.deprivation();
        if (c.ind.type() == Kind.VALUE) {
            return new Inequality(
                    dep.label(),
                    c.none("not aggregated (type value)"),
                    c.none("not aggregated (type value)"),
                    null,
                    null,
                    "not available: values of this type cannot be aggregated over data zones");
        }
        int[] most = Arrays.stream(area.dataZones())
                .filter(d -> groups[d] == dep.mostDeprived())
                .toArray();
        int[] least = Arrays.stream(area.dataZones())
                .filter(d -> groups[d] == dep.leastDeprived())
                .toArray();
        Figure fm = most.length == 0
                ? c.none("no data zones in this group")
                : c.figure(new AreaRef(null, null, -1, most), period);
        Figure fl = least.length == 0
                ? c.none("no data zones in this group")
                : c.figure(new AreaRef(null, null, -1, least), period);
        Double gap = fm.value() != null && fl.value() != null ? fm.value() - fl.value() : null;
        Double ratio = gap != null && fl.value() != 0 ? fm.value() / fl.value() : null;
        String text;
        if (gap == null) {
            text = "gap not available";
        } else if (gap == 0) {
            text = "no gap";
        } else {
            boolean mostWorse = (gap > 0) == (c.ind.better() == Better.LOWER);
            text = "most deprived " + (mostWorse ? "worse" : "better") + " by " + c.difference(Math.abs(gap));
        }
        return new Inequality(dep.label(), fm, fl, gap, ratio, text);
    }
}
