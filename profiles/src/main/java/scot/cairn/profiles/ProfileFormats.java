package scot.cairn.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.Html;
import scot.cairn.formats.JsonNumbers;
import scot.cairn.formats.Numbers;
import scot.cairn.profiles.AreaProfile.Figure;
import scot.cairn.profiles.AreaProfile.Row;

/**
 * An {@link AreaProfile} as JSON, CSV (one row per indicator) and a self-contained printable HTML
 * page ({@link ProfilePage}: no external assets; every judgement in words as well as colour).
 */
public final class ProfileFormats {

    /**
     * The page's style sheet, inline so the page prints and saves whole: the server's
     * Content-Security-Policy allows exactly this text by its hash.
     */
    public static final String STYLE = "\n" + ProfilePage.STYLE;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).registerModule(JsonNumbers.module());

    /** CSV columns, in order. */
    public static final List<String> CSV_HEADER = List.of(
            "area_code",
            "area_name",
            "area_level",
            "indicator",
            "label",
            "type",
            "better",
            "unit",
            "period",
            "value",
            "numerator",
            "denominator",
            "lower_95",
            "upper_95",
            "interval",
            "small_count",
            "suppressed_data_zones",
            "display",
            "scotland_value",
            "ratio_to_scotland",
            "comparison",
            "trend",
            "trend_from",
            "trend_p_value",
            "worst_sub_area",
            "worst_sub_area_name",
            "worst_sub_area_value",
            "best_sub_area",
            "best_sub_area_name",
            "best_sub_area_value",
            "sub_area_gap",
            "most_deprived_value",
            "least_deprived_value",
            "deprivation_gap",
            "source",
            "notes",
            "family",
            "family_average",
            "family_rank",
            "family_ranked");

    private ProfileFormats() {}

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
                csv.row(cells(p, r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The cells of one indicator's row, in the order of {@link #CSV_HEADER}. */
    private static Object[] cells(AreaProfile p, Row r) {
        Figure v = r.value();
        var sub = r.subAreas();
        var ineq = r.inequality();
        return new Object[] {
            p.area().code(),
            p.area().name(),
            p.area().level(),
            r.id(),
            r.label(),
            r.type(),
            r.better(),
            r.unit(),
            r.period(),
            num(v.value()),
            num(v.numerator()),
            num(v.denominator()),
            num(v.lower()),
            num(v.upper()),
            v.interval(),
            v.smallCount(),
            v.suppressedDataZones(),
            v.display(),
            num(r.scotland().value()),
            num(r.ratioToScotland()),
            r.comparisonText(),
            r.trend().text(),
            r.trend().firstPeriod(),
            num(r.trend().pValue()),
            sub == null || sub.worst() == null ? null : sub.worst().code(),
            sub == null || sub.worst() == null ? null : sub.worst().name(),
            sub == null || sub.worst() == null ? null : num(sub.worst().value()),
            sub == null || sub.best() == null ? null : sub.best().code(),
            sub == null || sub.best() == null ? null : sub.best().name(),
            sub == null || sub.best() == null ? null : num(sub.best().value()),
            sub == null ? null : num(sub.gap()),
            ineq == null ? null : num(ineq.mostDeprived().value()),
            ineq == null ? null : num(ineq.leastDeprived().value()),
            ineq == null ? null : num(ineq.gap()),
            r.source(),
            String.join("; ", r.notes()),
            r.family() == null
                    ? null
                    : String.join(
                            " ",
                            r.family().members().stream()
                                    .map(AreaProfile.Named::code)
                                    .toList()),
            r.family() == null ? null : num(r.family().average()),
            r.family() == null ? null : r.family().rank(),
            r.family() == null || r.family().rank() == null ? null : r.family().ranked()
        };
    }

    private static String num(Double d) {
        return Numbers.computed(d);
    }

    /** A one-page printable HTML profile ({@link ProfilePage}). */
    public static String html(AreaProfile p) {
        return ProfilePage.html(p);
    }

    static String esc(String s) {
        return Html.esc(s);
    }
}
