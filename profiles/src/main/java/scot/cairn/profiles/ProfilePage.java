package scot.cairn.profiles;

import java.util.Locale;
import scot.cairn.profiles.AreaProfile.FamilyComparison;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Row;

/**
 * A profile as one self-contained HTML page that prints on one A4 sheet (landscape), as a
 * community planning board would read it: per indicator, the area's latest figure, Scotland's and
 * the judgement, the family group's average and the area's place in it, a small trend chart of
 * the three with the trend in words, the worst and best areas inside it, and the gap between its
 * most and least deprived. Every judgement is written out and marked with a symbol as well as a
 * colour, so the page reads in black and white; no external assets.
 */
final class ProfilePage {
    private ProfilePage() {}

    static final String STYLE = """
            body{font-family:Arial,Helvetica,sans-serif;font-size:11px;margin:1.5em;color:#111;line-height:1.3}
            h1{font-size:18px;margin:0 0 .15em}p{margin:.15em 0 .5em}
            table{border-collapse:collapse;width:100%}th,td{border:1px solid #767676;padding:3px 4px;vertical-align:top;text-align:left}
            thead th{background:#e8e8e8}td.n{text-align:right;white-space:nowrap}.small{color:#333;font-size:10px}
            .big{font-size:13px;font-weight:bold}
            .BETTER,.IMPROVING{background:#d7f0d7}.WORSE,.WORSENING{background:#f7d4d4}.SIMILAR,.NO_CLEAR_CHANGE{background:#f3f3f3}
            svg.spark{display:block;margin:1px 0}svg.spark path{fill:none}svg.spark .own{stroke:#111;stroke-width:2}
            svg.spark .scot{stroke:#333;stroke-width:1.2;stroke-dasharray:4 2}svg.spark .fam{stroke:#333;stroke-width:1.4;stroke-dasharray:1 2}
            svg.spark text{font-size:8px;fill:#333}
            .key svg{vertical-align:middle}
            @media print{@page{size:A4 landscape;margin:8mm}body{margin:0;font-size:8.5px}.small{font-size:7.5px}.big{font-size:11px}
            h1{font-size:15px}th,td{padding:2px 3px}tr{break-inside:avoid}}
            """;

    static String html(AreaProfile p) {
        StringBuilder h = new StringBuilder(24_576);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(p.title()))
                .append(": ")
                .append(esc(p.area().name()))
                .append("</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n")
                .append(STYLE)
                .append("</style></head><body>\n<main>\n");
        h.append("<h1>")
                .append(esc(p.area().name()))
                .append(" (")
                .append(esc(p.area().code()))
                .append(")</h1>\n");
        String family = p.rows().stream()
                .map(Row::family)
                .filter(f -> f != null)
                .map(FamilyComparison::label)
                .findFirst()
                .orElse(null);
        h.append("<p>")
                .append(esc(p.title()))
                .append(". ")
                .append(esc(p.area().level()))
                .append(", ")
                .append(p.area().dataZones())
                .append(" data zones. Compared with ")
                .append(esc(p.scotland()))
                .append(
                        family == null
                                ? ""
                                : " and with its family group of " + esc(family) + " (" + esc(members(p)) + ")")
                .append(". Counts below ")
                .append(p.smallCount())
                .append(" are shown as counts, not rates.</p>\n");
        h.append(
                        "<table>\n<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Latest (95% interval)</th><th scope=\"col\">")
                .append(esc(p.scotland()))
                .append("</th>")
                .append(family == null ? "" : "<th scope=\"col\">Family group</th>")
                .append(
                        "<th scope=\"col\">Trend</th><th scope=\"col\">Worst and best inside</th><th scope=\"col\">Most vs least deprived</th></tr></thead>\n<tbody>\n");
        for (Row r : p.rows()) {
            row(h, r, family != null);
        }
        h.append(
                        "</tbody></table>\n<p class=\"small key\">Symbols: &#9650; better / improving, &#9660; worse / worsening, &#9679; similar / no clear change, ")
                .append("&#9675; not compared. Trend charts: solid line ")
                .append(esc(p.area().name()))
                .append(", dashed ")
                .append(esc(p.scotland()))
                .append(family == null ? "" : ", dotted the family average")
                .append(
                        ". Intervals are 95%: Wilson for proportions, Byar for rates; a trend is called improving or worsening only when the change ")
                .append(
                        "between the first and latest period passes a 5% test; differences of percentages are in percentage points. Store version ")
                .append(p.storeVersion())
                .append(".</p>\n</main>\n</body></html>\n");
        return h.toString();
    }

    private static String members(AreaProfile p) {
        return p.rows().stream()
                .map(Row::family)
                .filter(f -> f != null)
                .findFirst()
                .map(f -> String.join(
                        ", ", f.members().stream().map(AreaProfile.Named::name).toList()))
                .orElse("");
    }

    private static void row(StringBuilder h, Row r, boolean family) {
        h.append("<tr>");
        labelCell(h, r);
        valueCell(h, r);
        scotlandCell(h, r);
        if (family) {
            familyCell(h, r);
        }
        trendCell(h, r);
        subAreasCell(h, r);
        inequalityCell(h, r);
        h.append("</tr>\n");
    }

    /** The indicator's name, which way is better, its source and period, and its notes. */
    private static void labelCell(StringBuilder h, Row r) {
        h.append("<td><b>")
                .append(esc(r.label()))
                .append("</b><br><span class=\"small\">")
                .append(r.better().equals("higher") ? "higher is better" : "lower is better")
                .append("; ")
                .append(esc(nz(r.source())))
                .append(", ")
                .append(esc(nz(r.period())));
        for (String n : r.notes()) {
            h.append("<br>").append(esc(n));
        }
        h.append("</span></td>");
    }

    /** The area's figure, its interval and a low-numbers warning. */
    private static void valueCell(StringBuilder h, Row r) {
        Figure v = r.value();
        h.append("<td class=\"n\"><span class=\"big\">")
                .append(esc(v.display()))
                .append("</span>");
        if (v.lower() != null) {
            h.append("<br><span class=\"small\">")
                    .append(esc(fmt(v.lower())))
                    .append(" to ")
                    .append(esc(fmt(v.upper())))
                    .append("</span>");
        }
        if (v.smallCount()) {
            h.append("<br><span class=\"small\">&#9888; low numbers</span>");
        }
        h.append("</td>");
    }

    /** Scotland's figure and how the area compares with it. */
    private static void scotlandCell(StringBuilder h, Row r) {
        h.append("<td class=\"")
                .append(r.comparison())
                .append("\">")
                .append(esc(r.scotland().display()))
                .append("<br>")
                .append(symbol(r.comparison()))
                .append(' ')
                .append(esc(r.comparisonText()));
        if (r.ratioToScotland() != null && !"NOT_COMPARED".equals(r.comparison())) {
            h.append("<br><span class=\"small\">ratio ")
                    .append(String.format(Locale.UK, "%.2f", r.ratioToScotland()))
                    .append("</span>");
        }
        h.append("</td>");
    }

    private static void familyCell(StringBuilder h, Row r) {
        FamilyComparison f = r.family();
        h.append("<td>").append(f == null ? "&ndash;" : esc(f.text())).append("</td>");
    }

    /** The sparkline and the trend's direction and test. */
    private static void trendCell(StringBuilder h, Row r) {
        h.append("<td class=\"")
                .append(r.trend().direction())
                .append("\">")
                .append(Sparkline.svg(
                        r.label(),
                        r.trend().series(),
                        r.scotlandSeries(),
                        r.family() == null ? null : r.family().series()))
                .append(symbol(r.trend().direction()))
                .append(' ')
                .append(esc(r.trend().text()));
        if (r.trend().test() != null) {
            h.append("<br><span class=\"small\">")
                    .append(esc(r.trend().test()))
                    .append(
                            r.trend().pValue() == null
                                    ? ""
                                    : String.format(
                                            Locale.UK, ", p = %.3f", r.trend().pValue()))
                    .append("</span>");
        }
        h.append("</td>");
    }

    /** The worst and best sub-areas and how many were ranked. */
    private static void subAreasCell(StringBuilder h, Row r) {
        h.append("<td>");
        var sub = r.subAreas();
        if (sub == null || sub.worst() == null) {
            h.append(r.type().equals("count") ? "<span class=\"small\">a count: not ranked</span>" : "&ndash;");
        } else {
            h.append("worst: ")
                    .append(esc(sub.worst().name()))
                    .append(' ')
                    .append(esc(sub.worst().display()))
                    .append("<br>best: ")
                    .append(esc(sub.best().name()))
                    .append(' ')
                    .append(esc(sub.best().display()))
                    .append("<br><span class=\"small\">")
                    .append(sub.ranked())
                    .append(' ')
                    .append(esc(sub.level().toLowerCase(Locale.ROOT)))
                    .append(" ranked")
                    .append(sub.excluded() > 0 ? ", " + sub.excluded() + " without a reliable value" : "")
                    .append("</span>");
        }
        h.append("</td>");
    }

    /** The gap between the most and least deprived. */
    private static void inequalityCell(StringBuilder h, Row r) {
        h.append("<td>");
        var ineq = r.inequality();
        if (ineq == null) {
            h.append(r.type().equals("count") ? "<span class=\"small\">a count: no gap</span>" : "&ndash;");
        } else {
            h.append("most: ")
                    .append(esc(ineq.mostDeprived().display()))
                    .append("<br>least: ")
                    .append(esc(ineq.leastDeprived().display()))
                    .append("<br>")
                    .append(esc(ineq.text()))
                    .append("<br><span class=\"small\">")
                    .append(esc(ineq.label()))
                    .append("</span>");
        }
        h.append("</td>");
    }

    private static String symbol(String judgement) {
        return switch (judgement) {
            case "BETTER", "IMPROVING" -> "&#9650;";
            case "WORSE", "WORSENING" -> "&#9660;";
            case "SIMILAR", "NO_CLEAR_CHANGE" -> "&#9679;";
            default -> "&#9675;";
        };
    }

    static String fmt(double d) {
        double a = Math.abs(d);
        return String.format(Locale.UK, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", d);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String esc(String s) {
        return ProfileFormats.esc(s);
    }
}
