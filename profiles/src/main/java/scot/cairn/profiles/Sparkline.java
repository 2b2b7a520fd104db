package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import scot.cairn.profiles.AreaProfile.Point;

/**
 * A small trend chart of one indicator as inline SVG: the area's values as a solid line, Scotland's
 * dashed and the family average dotted, so the three read apart in black and white; the first and
 * last periods written under it. A gap in a series is a gap in its line. Its text alternative
 * gives every value in words.
 */
final class Sparkline {
    static final int WIDTH = 150;
    static final int HEIGHT = 46;
    private static final int PLOT_TOP = 4;
    private static final int PLOT_BOTTOM = 34;

    private Sparkline() {}

    /** The chart, or "" when the area has fewer than two values. */
    static String svg(String label, List<Point> area, List<Point> scotland, List<Point> family) {
        long values = area.stream().filter(p -> p.value() != null).count();
        if (values < 2) {
            return "";
        }
        List<List<Point>> all = new ArrayList<>(List.of(area));
        if (scotland != null) {
            all.add(scotland);
        }
        if (family != null) {
            all.add(family);
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (List<Point> series : all) {
            for (Point p : series) {
                if (p.value() != null) {
                    min = Math.min(min, p.value());
                    max = Math.max(max, p.value());
                }
            }
        }
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"spark\" role=\"img\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(ProfileFormats.esc(description(label, area, scotland, family)))
                .append("\">");
        if (scotland != null) {
            svg.append(path(scotland, area.size(), min, span, "scot"));
        }
        if (family != null) {
            svg.append(path(family, area.size(), min, span, "fam"));
        }
        svg.append(path(area, area.size(), min, span, "own"));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"2\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                HEIGHT - 2,
                ProfileFormats.esc(area.get(0).period()),
                WIDTH - 2,
                HEIGHT - 2,
                ProfileFormats.esc(area.get(area.size() - 1).period())));
        return svg.append("</svg>").toString();
    }

    private static String path(List<Point> series, int n, double min, double span, String cls) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < series.size(); i++) {
            Point p = series.get(i);
            if (p.value() == null) {
                pen = false;
                continue;
            }
            double x = 4 + (WIDTH - 8) * (n == 1 ? 0.5 : i / (double) (n - 1));
            double y = PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (p.value() - min) / span;
            d.append(pen ? "L" : "M").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
            pen = true;
        }
        return d.isEmpty()
                ? ""
                : "<path class=\"" + cls + "\" d=\"" + d.toString().strip() + "\"/>";
    }

    private static String description(String label, List<Point> area, List<Point> scotland, List<Point> family) {
        StringBuilder t =
                new StringBuilder("Trend of ").append(label).append(": ").append(words(area));
        if (scotland != null) {
            t.append("; Scotland ").append(words(scotland));
        }
        if (family != null) {
            t.append("; family average ").append(words(family));
        }
        return t.toString();
    }

    private static String words(List<Point> series) {
        List<String> out = new ArrayList<>();
        for (Point p : series) {
            out.add(p.period() + " "
                    + (p.value() == null
                            ? "n/a"
                            : String.format(Locale.UK, Math.abs(p.value()) >= 100 ? "%,.0f" : "%.3g", p.value())));
        }
        return String.join(", ", out);
    }
}
