package scot.cairn.web;

import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

import scot.cairn.web.WebModel.Point;

/**
 * A line chart of one time series as inline SVG, drawn on the server: no script and no chart
 * library. It carries a title and description for screen readers; the page puts the same figures
 * in a table next to it. A period without a value is a gap in the line, labelled "n/a" (never
 * shown by colour alone).
 */
final class SvgChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 24;
    private static final int BOTTOM = 56;

    private SvgChart() {}

    static String line(String title, String description, String unit, List<Point> points) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.append("<title id=\"chart-title\">").append(esc(title)).append("</title>");
        svg.append("<desc id=\"chart-desc\">").append(esc(description)).append("</desc>");
        double max = points.stream().filter(p -> p.value() != null).mapToDouble(Point::value).max().orElse(0);
        double min = Math.min(0, points.stream().filter(p -> p.value() != null).mapToDouble(Point::value).min().orElse(0));
        double top = niceCeiling(max);
        double span = top - min == 0 ? 1 : top - min;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        // axes and gridlines with values, so the scale can be read without colour
        for (int i = 0; i <= 4; i++) {
            double v = min + span * i / 4;
            double y = TOP + plotH - plotH * (v - min) / span;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4, esc(number(v))));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                TOP + plotH / 2, TOP + plotH / 2, esc(unit)));
        int n = points.size();
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            double x = LEFT + (n == 1 ? plotW / 2.0 : plotW * i / (double) (n - 1));
            svg.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, HEIGHT - BOTTOM + 20, esc(p.period())));
            if (p.value() == null) {
                pen = false;
                svg.append(String.format(Locale.ROOT, "<text class=\"na\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">n/a</text>", x, TOP + plotH - 6));
                continue;
            }
            double y = TOP + plotH - plotH * (p.value() - min) / span;
            path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
            svg.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", x, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x, y - 9, esc(number(p.value()))));
        }
        if (!path.isEmpty()) {
            svg.append("<path class=\"series\" d=\"").append(path.toString().strip()).append("\"/>");
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"axisline\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP + plotH, WIDTH - RIGHT, TOP + plotH));
        svg.append("</svg>");
        return svg.toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
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

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
