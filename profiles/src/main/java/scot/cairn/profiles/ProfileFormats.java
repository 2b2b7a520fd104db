package scot.cairn.profiles;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.Html;
import scot.cairn.formats.JsonNumbers;
import scot.cairn.formats.Numbers;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Row;

/**
 * An {@link AreaProfile} as JSON, CSV (one row per indicator) and a self-contained printable HTML
 * page (no external assets; every judgement in words as well as colour).
 */
public final class ProfileFormats {

    /**
     * The page's style sheet, inline so the page prints and saves whole: the server's
     * Content-Security-Policy allows exactly this text by its hash.
     */
    public static final String STYLE = "\n"
            + "body{font-family:Arial,Helvetica,sans-serif;font-size:11px;margin:1.5em;color:#111}\n"
            + "h1{font-size:18px;margin:0 0 .2em}p{margin:.2em 0 .6em}\n"
            + "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 4px;vertical-align:top;text-align:left}\n"
            + "th{background:#eee}td.n{text-align:right;white-space:nowrap}.small{color:#444;font-size:10px}\n"
            + ".BETTER,.IMPROVING{background:#d7f0d7}.WORSE,.WORSENING{background:#f7d4d4}\n"
            + ".SIMILAR,.NO_CLEAR_CHANGE{background:#f3f3f3}\n"
            + "@media print{@page{size:A4 landscape;margin:10mm}body{margin:0;font-size:9px}.noprint{display:none}}\n";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).registerModule(JsonNumbers.module());

    /** CSV columns, in order. */
    public static final List<String> CSV_HEADER = List.of("area_code", "area_name", "area_level", "indicator", "label", "type",
            "better", "unit", "period", "value", "numerator", "denominator", "lower_95", "upper_95", "interval", "small_count",
            "suppressed_data_zones", "display", "scotland_value", "ratio_to_scotland", "comparison", "trend", "trend_from",
            "trend_p_value", "worst_sub_area", "worst_sub_area_name", "worst_sub_area_value", "best_sub_area", "best_sub_area_name",
            "best_sub_area_value", "sub_area_gap", "most_deprived_value", "least_deprived_value", "deprivation_gap", "source", "notes");

    private ProfileFormats() {
    }

    /** The profile as indented JSON (the records' fields, nulls kept; numbers as {@link Numbers#computed} writes them). */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** One CSV row per indicator, with {@link #CSV_HEADER}; formula cells neutralised. */
    public static String csv(AreaProfile p) {
        return csv(p, Formulas.NEUTRALISE);
    }

    /**
     * As {@link #csv(AreaProfile)}, cells as {@code formulas} says: a locality's name is anyone's
     * text, and {@code =HYPERLINK(...)} must not become a link in a spreadsheet.
     */
    public static String csv(AreaProfile p, Formulas formulas) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.crlf(out, formulas)) {
            csv.row(CSV_HEADER);
            for (Row r : p.rows()) {
                Figure v = r.value();
                var sub = r.subAreas();
                var ineq = r.inequality();
                csv.row(p.area().code(), p.area().name(), p.area().level(), r.id(), r.label(), r.type(), r.better(), r.unit(),
                        r.period(), num(v.value()), num(v.numerator()), num(v.denominator()), num(v.lower()), num(v.upper()), v.interval(),
                        v.smallCount(), v.suppressedDataZones(), v.display(), num(r.scotland().value()), num(r.ratioToScotland()),
                        r.comparisonText(), r.trend().text(), r.trend().firstPeriod(), num(r.trend().pValue()),
                        sub == null || sub.worst() == null ? null : sub.worst().code(), sub == null || sub.worst() == null ? null : sub.worst().name(),
                        sub == null || sub.worst() == null ? null : num(sub.worst().value()),
                        sub == null || sub.best() == null ? null : sub.best().code(), sub == null || sub.best() == null ? null : sub.best().name(),
                        sub == null || sub.best() == null ? null : num(sub.best().value()), sub == null ? null : num(sub.gap()),
                        ineq == null ? null : num(ineq.mostDeprived().value()), ineq == null ? null : num(ineq.leastDeprived().value()),
                        ineq == null ? null : num(ineq.gap()), r.source(), String.join("; ", r.notes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String num(Double d) {
        return Numbers.computed(d);
    }

    /**
     * A one-page HTML profile: a table with one row per indicator; each judgement is written out
     * ("worse than Scotland", "improving") and marked with a symbol as well as a colour, so the page
     * reads in black and white. Sources and periods are on every row; print styles fit A4 landscape.
     */
    public static String html(AreaProfile p) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(p.title())).append(": ").append(esc(p.area().name())).append("</title>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>")
                .append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(esc(p.area().name())).append(" (").append(esc(p.area().code())).append(")</h1>\n");
        h.append("<p>").append(esc(p.title())).append(". ").append(esc(p.area().level())).append(", ")
                .append(p.area().dataZones()).append(" data zones. Compared with ").append(esc(p.scotland()))
                .append(". Counts below ").append(p.smallCount()).append(" are shown as counts, not rates.</p>\n");
        h.append("<table>\n<thead><tr><th>Indicator</th><th>Period</th><th>Value (95% interval)</th><th>").append(esc(p.scotland()))
                .append("</th><th>Compared with ").append(esc(p.scotland())).append("</th><th>Trend</th><th>Worst and best ")
                .append("sub-area</th><th>Most vs least deprived</th><th>Source and notes</th></tr></thead>\n<tbody>\n");
        for (Row r : p.rows()) {
            Figure v = r.value();
            h.append("<tr>");
            h.append("<td><b>").append(esc(r.label())).append("</b><br><span class=\"small\">")
                    .append(r.better().equals("higher") ? "higher is better" : "lower is better").append("</span></td>");
            h.append("<td>").append(esc(nz(r.period()))).append("</td>");
            h.append("<td class=\"n\">").append(esc(v.display()));
            if (v.lower() != null) {
                h.append("<br><span class=\"small\">").append(esc(fmt(v.lower()))).append(" to ").append(esc(fmt(v.upper())))
                        .append(" (").append(esc(v.interval())).append(")</span>");
            }
            if (v.smallCount()) {
                h.append("<br><span class=\"small\">&#9888; low numbers</span>");
            }
            h.append("</td>");
            h.append("<td class=\"n\">").append(esc(r.scotland().display())).append("</td>");
            h.append("<td class=\"").append(r.comparison()).append("\">").append(symbol(r.comparison())).append(' ')
                    .append(esc(r.comparisonText()));
            if (r.ratioToScotland() != null && !"NOT_COMPARED".equals(r.comparison())) {
                h.append("<br><span class=\"small\">ratio ").append(String.format(Locale.UK, "%.2f", r.ratioToScotland())).append("</span>");
            }
            h.append("</td>");
            h.append("<td class=\"").append(r.trend().direction()).append("\">").append(symbol(r.trend().direction())).append(' ')
                    .append(esc(r.trend().text()));
            if (r.trend().test() != null) {
                h.append("<br><span class=\"small\">").append(esc(r.trend().test()));
                if (r.trend().pValue() != null) {
                    h.append(", p = ").append(String.format(Locale.UK, "%.3f", r.trend().pValue()));
                }
                h.append("</span>");
            }
            h.append("</td>");
            h.append("<td>");
            var sub = r.subAreas();
            if (sub == null || sub.worst() == null) {
                h.append("&ndash;");
            } else {
                h.append("worst: ").append(esc(sub.worst().name())).append(" ").append(esc(sub.worst().display()))
                        .append("<br>best: ").append(esc(sub.best().name())).append(" ").append(esc(sub.best().display()))
                        .append("<br><span class=\"small\">").append(sub.ranked()).append(" ranked (").append(esc(sub.level())).append(')').append(sub.excluded() > 0 ? ", " + sub.excluded() + " without a reliable value" : "")
                        .append("</span>");
            }
            h.append("</td><td>");
            var ineq = r.inequality();
            if (ineq == null) {
                h.append("&ndash;");
            } else {
                h.append("most: ").append(esc(ineq.mostDeprived().display())).append("<br>least: ").append(esc(ineq.leastDeprived().display()))
                        .append("<br>").append(esc(ineq.text())).append("<br><span class=\"small\">").append(esc(ineq.label())).append("</span>");
            }
            h.append("</td>");
            h.append("<td class=\"small\">").append(esc(nz(r.source()))).append(", ").append(esc(nz(r.period())));
            for (String n : r.notes()) {
                h.append("<br>").append(esc(n));
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<p class=\"small\">Symbols: &#9650; better / improving, &#9660; worse / worsening, ")
                .append("&#9679; similar / no clear change, &#9675; not compared. Intervals are 95%: Wilson for proportions, Byar for rates. ")
                .append("A trend is called improving or worsening only when the change between the first and latest period passes a 5% test. ")
                .append("Store version ").append(p.storeVersion()).append(".</p>\n</body></html>\n");
        return h.toString();
    }

    private static String symbol(String judgement) {
        return switch (judgement) {
            case "BETTER", "IMPROVING" -> "&#9650;";
            case "WORSE", "WORSENING" -> "&#9660;";
            case "SIMILAR", "NO_CLEAR_CHANGE" -> "&#9679;";
            default -> "&#9675;";
        };
    }

    private static String fmt(double d) {
        double a = Math.abs(d);
        return String.format(Locale.UK, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", d);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        return Html.esc(s);
    }
}
