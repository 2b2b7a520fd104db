package scot.cairn.profiles;

import java.util.List;
import scot.cairn.geography.Geography;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Named;
import scot.cairn.profiles.AreaProfile.SubAreas;
import scot.cairn.profiles.ProfileDefinition.Better;
import scot.cairn.profiles.ProfileEngine.AreaRef;
import scot.cairn.vocab.AreaLevel;

/**
 * The worst and best of an area's sub-areas one level down (wholly inside it) and the gap between
 * them; sub-areas without a value, or whose count is below the small-count threshold, are not
 * ranked. Ties keep the first in code order, so results are stable.
 */
final class SubAreaRanking {
    private SubAreaRanking() {}

    static SubAreas of(Snapshot s, IndicatorFigures c, AreaLevel level, List<String> children, int period) {
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

    /** A standard area as the engine sees it: its own index and its data zones. */
    static AreaRef subArea(Snapshot s, String code, AreaLevel level) {
        int own = s.indexOf(code);
        return new AreaRef(code, null, own, level == AreaLevel.DATA_ZONE ? new int[] {own} : s.dataZones(code));
    }

    static Named named(Snapshot s, IndicatorFigures c, String code, AreaLevel level, int period) {
        Figure f = c.figure(subArea(s, code, level), period);
        return new Named(
                code, s.geography.area(code).map(Geography.Area::shownName).orElse(code), f.value(), f.display());
    }
}
