package scot.cairn.web;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;
import scot.cairn.web.WebModel.Point;

/**
 * A line chart of one time series as inline SVG, drawn on the server: no script and no chart
 * library. It carries a title and description for screen readers; the page puts the same figures
 * in a table next to it. A period without a value is a gap in the line, labelled "n/a" (never
 * shown by colour alone). The y axis is named by the series' one unit; period labels that would
 * not fit side by side are slanted, and the margins make room for the longest, so none is cut off.
 */
final class SvgChart {
    private static final int WIDTH = 640;
    private static final int TOP = 24;
    /** Width of one character of the 12px axis text, generously (digits and "/" of period labels). */
    private static final double CHAR = 7.2;
    /** Point values are written above the points up to this many periods; beyond it they would overlap. */
    private static final int MAX_VALUE_LABELS = 12;

    private SvgChart() {}

    /** The geometry of one chart: margins and whether the period labels are slanted. */
    private record Frame(int left, int right, int bottom, int height, boolean slanted) {
        int plotW() {
            return WIDTH - left - right;
        }

        int plotH() {
            return height - TOP - bottom;
        }
    }

    private static Frame frame(List<Point> points) {
        int longest = points.stream().mapToInt(p -> p.period().length()).max().orElse(4);
        int n = Math.max(1, points.size());
        double room = (WIDTH - 64 - 24) / (double) n;
        boolean slanted = longest * CHAR + 8 > room;
        int last = points.isEmpty() ? 0 : points.get(points.size() - 1).period().length();
        int right = slanted ? 24 : (int) Math.max(24, last * CHAR / 2 + 6);
        int bottom = slanted ? (int) (28 + longest * CHAR * 0.71) : 56;
        int left = slanted ? (int) Math.max(64, longest * CHAR * 0.71 + 8) : 64;
        return new Frame(left, right, bottom, 244 + bottom, slanted);
    }

    static String line(String title, String description, String unit, List<Point> points) {
        Frame f = frame(points);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(f.height())
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append("<title id=\"chart-title\">").append(esc(title)).append("</title>");
        svg.append("<desc id=\"chart-desc\">").append(esc(description)).append("</desc>");
        double max = points.stream()
                .filter(p -> p.value() != null)
                .mapToDouble(Point::value)
                .max()
                .orElse(0);
        double min = Math.min(
                0,
                points.stream()
                        .filter(p -> p.value() != null)
                        .mapToDouble(Point::value)
                        .min()
                        .orElse(0));
        double top = niceCeiling(max);
        double span = top - min == 0 ? 1 : top - min;
        int plotH = f.plotH();
        valueAxis(svg, f, min, span, unit);
        series(svg, f, points, min, span);
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"axisline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                f.left(),
                TOP + plotH,
                WIDTH - f.right(),
                TOP + plotH));
        svg.append("</svg>");
        return svg.toString();
    }

    /** Gridlines with their values and the unit, so the scale can be read without colour. */
    private static void valueAxis(StringBuilder svg, Frame f, double min, double span, String unit) {
        int plotH = f.plotH();
        // axes and gridlines with values, so the scale can be read without colour
        for (int i = 0; i <= 4; i++) {
            double v = min + span * i / 4;
            double y = TOP + plotH - plotH * (v - min) / span;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    f.left(),
                    y,
                    WIDTH - f.right(),
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    f.left() - 6,
                    y + 4,
                    esc(number(v))));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"axis unit\" x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                TOP + plotH / 2,
                TOP + plotH / 2,
                esc(unit)));
    }

    /** Each period's label, point and value (n/a where there is none), and the line through the points. */
    private static void series(StringBuilder svg, Frame f, List<Point> points, double min, double span) {
        int plotW = f.plotW();
        int plotH = f.plotH();
        int n = points.size();
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            double x = f.left() + (n == 1 ? plotW / 2.0 : plotW * i / (double) (n - 1));
            svg.append(periodLabel(f, x, p.period()));
            if (p.value() == null) {
                pen = false;
                svg.append(String.format(
                        Locale.ROOT,
                        "<text class=\"na\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">n/a</text>",
                        x,
                        TOP + plotH - 6));
                continue;
            }
            double y = TOP + plotH - plotH * (p.value() - min) / span;
            path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
            svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y));
            if (n <= MAX_VALUE_LABELS) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
                        x,
                        y - 9,
                        esc(number(p.value()))));
            }
        }
        if (!path.isEmpty()) {
            svg.append("<path class=\"series\" d=\"")
                    .append(path.toString().strip())
                    .append("\"/>");
        }
    }

    private static String periodLabel(Frame f, double x, String period) {
        int y = f.height() - f.bottom() + 20;
        if (f.slanted()) {
            return String.format(
                    Locale.ROOT,
                    "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-45 %.1f %d)\">%s</text>",
                    x,
                    y,
                    x,
                    y,
                    esc(period));
        }
        return String.format(
                Locale.ROOT,
                "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                x,
                y,
                esc(period));
    }

    /** A number for an axis or a point: whole numbers grouped, others to one decimal (and small ones to their first figures). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        if (Math.abs(v) < 1) {
            return ValueFormat.number(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
        }
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The unit the chart's axis is named by: the series' one unit, or the units it mixes in words. */
    static String unitOf(List<Point> points, String otherwise) {
        List<String> units = points.stream()
                .map(Point::unit)
                .filter(u -> u != null && !u.isBlank())
                .distinct()
                .toList();
        if (units.isEmpty()) {
            return otherwise;
        }
        return units.size() == 1 ? units.get(0) : "mixed units: " + String.join(", ", units);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
