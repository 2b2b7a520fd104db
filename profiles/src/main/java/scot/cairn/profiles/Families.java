package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scot.cairn.geography.Geography;
import scot.cairn.profiles.AreaProfile.FamilyComparison;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Named;
import scot.cairn.profiles.AreaProfile.Point;
import scot.cairn.profiles.ProfileDefinition.Better;
import scot.cairn.profiles.ProfileDefinition.Family;
import scot.cairn.profiles.ProfileDefinition.FamilyGroup;
import scot.cairn.profiles.ProfileDefinition.Indicator;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.profiles.ProfileEngine.AreaRef;
import scot.cairn.vocab.AreaLevel;

/**
 * An area's family group of similar areas (the profile's {@code family}): the named group that
 * holds it, or the areas of its level nearest to it by the indicators the definition names, each
 * scaled to mean 0 and standard deviation 1 over the level's areas at their latest period
 * (Euclidean distance; areas without every value are left out). Found once per snapshot,
 * profile and level, and again when one of those indicators' tables is read anew. Each indicator
 * is then compared with the family: the members' unweighted mean, and the area's place among
 * itself and them (not for counts, unless ranked).
 */
final class Families {
    private Families() {}

    /** The members of an area's family, or null when it has none (a locality, or an area in no named group). */
    record Members(String label, List<String> codes, AreaLevel level) {}

    static Members of(ProfileDefinition def, Snapshot s, AreaRef area, AreaLevel level) {
        Family family = def.family();
        if (family == null || area.code() == null || level == null) {
            return null;
        }
        if (!family.groups().isEmpty()) {
            for (FamilyGroup g : family.groups()) {
                if (g.areas().contains(area.code())) {
                    return new Members(
                            family.label() + " (" + g.name() + ")",
                            g.areas().stream()
                                    .filter(c -> !c.equals(area.code()))
                                    .toList(),
                            level);
                }
            }
            return null;
        }
        Map<String, double[]> features =
                s.derived("family " + def.name() + " " + level, similarBySeries(def), () -> features(def, s, level));
        double[] own = features.get(area.code());
        if (own == null) {
            return null;
        }
        List<String> nearest = features.entrySet().stream()
                .filter(e -> !e.getKey().equals(area.code()))
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> distance(own, e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(family.size())
                .map(Map.Entry::getKey)
                .toList();
        return nearest.isEmpty() ? null : new Members(family.label(), nearest, level);
    }

    /** The series the family's similarBy indicators read: its groups change when one of their tables does. */
    private static List<Series> similarBySeries(ProfileDefinition def) {
        List<Series> out = new ArrayList<>();
        for (Indicator ind : def.indicators()) {
            if (def.family().similarBy().contains(ind.id())) {
                for (Series x : new Series[] {ind.value(), ind.numerator(), ind.denominator()}) {
                    if (x != null) {
                        out.add(x);
                    }
                }
            }
        }
        return out;
    }

    /** Each area of the level with every similarBy value: its values scaled to mean 0 and standard deviation 1. */
    private static Map<String, double[]> features(ProfileDefinition def, Snapshot s, AreaLevel level) {
        List<String> codes = s.geography.areas(level).stream()
                .map(Geography.Area::code)
                .sorted()
                .toList();
        List<String> ids = def.family().similarBy();
        double[][] raw = new double[codes.size()][ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            String id = ids.get(k);
            Indicator ind = def.indicators().stream()
                    .filter(i -> i.id().equals(id))
                    .findFirst()
                    .orElseThrow();
            IndicatorFigures c = ProfileEngine.figures(s, def, ind);
            int latest = c.periods.length - 1;
            c.quiet = true;
            for (int a = 0; a < codes.size(); a++) {
                Figure f = latest < 0 ? null : c.figure(SubAreaRanking.subArea(s, codes.get(a), level), latest);
                raw[a][k] = f == null || f.value() == null ? Double.NaN : f.value();
            }
        }
        for (int k = 0; k < ids.size(); k++) {
            final int col = k;
            double[] values = java.util.Arrays.stream(raw)
                    .mapToDouble(r -> r[col])
                    .filter(v -> !Double.isNaN(v))
                    .toArray();
            double mean = java.util.Arrays.stream(values).average().orElse(0);
            double sd = Math.sqrt(java.util.Arrays.stream(values)
                            .map(v -> (v - mean) * (v - mean))
                            .sum()
                    / Math.max(1, values.length - 1));
            for (double[] r : raw) {
                r[col] = sd == 0 ? 0 : (r[col] - mean) / sd;
            }
        }
        Map<String, double[]> out = new HashMap<>();
        for (int a = 0; a < codes.size(); a++) {
            if (java.util.Arrays.stream(raw[a]).noneMatch(Double::isNaN)) {
                out.put(codes.get(a), raw[a]);
            }
        }
        return Map.copyOf(out);
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return d;
    }

    /** One indicator of the area beside its family: the members' values, their mean over the periods, and the area's place. */
    static FamilyComparison compare(Snapshot s, IndicatorFigures c, AreaRef area, Members m) {
        int latest = c.periods.length - 1;
        List<Named> members = new ArrayList<>();
        for (String code : m.codes()) {
            members.add(
                    latest < 0
                            ? new Named(code, name(s, code), null, "not available")
                            : SubAreaRanking.named(s, c, code, m.level(), latest));
        }
        List<Point> series = averages(s, c, m);
        Double average = series.isEmpty() ? null : series.get(series.size() - 1).value();
        String averageDisplay = average == null ? "not available" : c.format(average);
        Figure own = latest < 0 ? null : c.figure(area, latest);
        Integer rank = null;
        int ranked = 0;
        if (c.ind.rank() && own != null && own.value() != null) {
            boolean higher = c.ind.better() == Better.HIGHER;
            List<Double> values =
                    members.stream().map(Named::value).filter(v -> v != null).toList();
            ranked = values.size() + 1;
            rank = 1
                    + (int) values.stream()
                            .filter(v -> higher ? v > own.value() : v < own.value())
                            .count();
        }
        String text =
                (rank == null ? "" : ordinal(rank) + " best of " + ranked + "; ") + "family average " + averageDisplay;
        return new FamilyComparison(m.label(), members, average, averageDisplay, rank, ranked, text, series);
    }

    /** The members' unweighted mean in each period (only periods where some member has a value). */
    private static List<Point> averages(Snapshot s, IndicatorFigures c, Members m) {
        List<Point> out = new ArrayList<>();
        boolean quiet = c.quiet;
        c.quiet = true;
        for (int p = 0; p < c.periods.length; p++) {
            double sum = 0;
            int n = 0;
            for (String code : m.codes()) {
                Figure f = c.figure(SubAreaRanking.subArea(s, code, m.level()), p);
                if (f.value() != null) {
                    sum += f.value();
                    n++;
                }
            }
            out.add(new Point(c.periods[p], n == 0 ? null : sum / n, false));
        }
        c.quiet = quiet;
        return out;
    }

    private static String name(Snapshot s, String code) {
        return s.geography.area(code).map(Geography.Area::shownName).orElse(code);
    }

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
