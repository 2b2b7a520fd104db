package scot.cairn.tabulation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.JsonNumbers;
import scot.cairn.formats.JsonStat;
import scot.cairn.formats.Numbers;

/** Writes a {@link TabulationResult} as tidy CSV or JSON-stat 2.0 (JSON is the result itself). */
public final class TableFormats {
    /** Writes the result records (and JSON-stat's extension) with numbers as every output writes them. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(JsonNumbers.module());

    private TableFormats() {}

    /** The result as JSON (its records), numbers as {@link Numbers} writes them. */
    public static String json(Object result, boolean pretty) {
        try {
            return pretty
                    ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result)
                    : JSON.writeValueAsString(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the result as JSON (its records), numbers as {@link Numbers} writes them. */
    public static void writeJson(Object result, java.io.OutputStream out) throws IOException {
        JSON.writeValue(out, result);
    }

    /** As {@link #writeCsv(TabulationResult, Writer, Formulas)}, formula cells neutralised. */
    public static void writeCsv(TabulationResult r, Writer out) throws IOException {
        writeCsv(r, out, Formulas.NEUTRALISE);
    }

    /**
     * Tidy CSV, one row per cell: {@code area, area_name}, then for each variable its code and
     * label, then {@code count}, {@code value} (for weighted counts, sums and means), {@code total}
     * (true for totals and subtotals) and {@code withheld} (the public flag {@code withheld} when the
     * value was withheld, whatever the rule: the reasons stay in the audit log; {@code no-data} for an
     * area the dataset does not cover; else empty). Cells a spreadsheet would run as formulas (a locality
     * named {@code =HYPERLINK(...)}) are written as {@code formulas} says. Records end in LF.
     *
     * <p>A data-zone table has some 190,000 rows but only one area prefix per area and one run of
     * category fields per combination of categories: those are rendered once, through
     * {@link CsvWriter#fields}, and joined with each cell's numbers, which need no quoting. Write
     * into a buffered writer; nothing here buffers the whole table.
     */
    public static void writeCsv(TabulationResult r, Writer out, Formulas formulas) throws IOException {
        List<String> header = new ArrayList<>(List.of("area", "area_name"));
        for (TabulationResult.VariableInfo v : r.variables()) {
            header.add(v.name());
            header.add(v.name() + "_label");
        }
        boolean value = !r.measure().equals("count");
        header.add("count");
        if (value) {
            header.add(r.measure().equals("weighted-count") ? "weighted_count" : r.measure() + "_" + r.magnitude());
        }
        header.add("total");
        header.add("withheld");
        CsvWriter.lf(out, formulas).row(header).flush();
        Map<String, String> areaFields = new HashMap<>();
        r.areas().forEach(a -> areaFields.put(a.code(), CsvWriter.fields(formulas, a.code(), a.name()) + ","));
        List<Map<String, String>> labels = labels(r);
        Map<List<String>, String> categoryFields = new HashMap<>();
        for (Cell c : r.cells()) {
            String area = areaFields.get(c.area());
            out.write(area != null ? area : CsvWriter.fields(formulas, c.area(), null) + ",");
            out.write(categoryFields.computeIfAbsent(c.categories(), cats -> categoryFields(cats, labels, formulas)));
            if (c.count() != null) {
                out.write(Long.toString(c.count()));
            }
            out.write(',');
            if (value) {
                String number = Numbers.of(c.value());
                if (number != null) {
                    out.write(number);
                }
                out.write(',');
            }
            out.write(c.isTotal() ? "true," : "false,");
            String withheld = withheldBy(c);
            if (!withheld.isEmpty()) {
                out.write(CsvWriter.fields(formulas, withheld));
            }
            out.write('\n');
        }
        out.flush();
    }

    /** The code and label fields of one combination of categories, with the comma after them. */
    private static String categoryFields(List<String> categories, List<Map<String, String>> labels, Formulas formulas) {
        Object[] fields = new Object[categories.size() * 2];
        for (int i = 0; i < categories.size(); i++) {
            fields[2 * i] = categories.get(i);
            fields[2 * i + 1] = labels.get(i).get(categories.get(i));
        }
        return fields.length == 0 ? "" : CsvWriter.fields(formulas, fields) + ",";
    }

    /** The public flag of a withheld cell, or "" when it was not withheld (a loop: it runs once per row of 190,000). */
    private static String withheldBy(Cell c) {
        for (String f : c.flags()) {
            if (!f.equals(Cell.FLAG_TOTAL)) {
                return f;
            }
        }
        return "";
    }

    private static List<Map<String, String>> labels(TabulationResult r) {
        List<Map<String, String>> labels = new ArrayList<>();
        for (TabulationResult.VariableInfo v : r.variables()) {
            Map<String, String> m = new LinkedHashMap<>();
            v.categories().forEach(c -> m.put(c.code(), c.label()));
            labels.add(m);
        }
        return labels;
    }

    /**
     * A JSON-stat 2.0 dataset through the shared writer ({@link JsonStat}): dimensions
     * {@code area}, then the variables (totals as category {@code _T}), then {@code measure}, one
     * category in the metric role carrying the unit ({@code persons}, the magnitude summed);
     * values in row-major order (the last variable varies fastest). A withheld value is null with
     * the shared status {@code suppressed} (which rule withheld it is not public). Notes under {@code note}; the rules and blocked
     * areas under {@code extension}.
     */
    public static String jsonStat(TabulationResult r, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            writeJsonStat(r, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** "Count of people", "Weighted count of people", "Mean of income". */
    private static String measureLabel(TabulationResult r) {
        return switch (r.measure()) {
            case "count" -> "Count of " + r.unit();
            case "weighted-count" -> "Weighted count of " + r.unit();
            default ->
                Character.toUpperCase(r.measure().charAt(0))
                        + r.measure().substring(1)
                        + (r.magnitude() == null ? "" : " of " + r.magnitude());
        };
    }

    /** The area dimension, one per variable, and the measure with its unit. */
    private static List<JsonStat.Dimension> dimensions(TabulationResult r, String measureLabel, boolean count) {
        List<JsonStat.Dimension> dims = new ArrayList<>();
        dims.add(new JsonStat.Dimension(
                "area",
                "Area",
                null,
                r.areas().stream()
                        .map(a -> new JsonStat.Category(a.code(), a.name(), null))
                        .toList()));
        for (TabulationResult.VariableInfo v : r.variables()) {
            dims.add(new JsonStat.Dimension(
                    v.name(),
                    v.label(),
                    null,
                    v.categories().stream()
                            .map(c -> new JsonStat.Category(c.code(), c.label(), null))
                            .toList()));
        }
        JsonStat.Unit unit = count
                ? new JsonStat.Unit(r.unit(), 0)
                : new JsonStat.Unit(r.measure().equals("weighted-count") ? r.unit() : r.magnitude(), null);
        dims.add(new JsonStat.Dimension(
                "measure", "Measure", null, List.of(new JsonStat.Category(r.measure(), measureLabel, unit))));
        return dims;
    }

    private static void writeJsonStat(TabulationResult r, JsonGenerator g) throws IOException {
        boolean count = r.measure().equals("count");
        String measureLabel = measureLabel(r);
        List<JsonStat.Dimension> dims = dimensions(r, measureLabel, count);

        JsonStat out = JsonStat.dataset(
                g,
                r.title() + ": " + measureLabel.substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                        + measureLabel.substring(1));
        out.dimensions(dims, new JsonStat.Roles(List.of("area"), List.of(), List.of("measure")));
        List<BigDecimal> values = new ArrayList<>(r.cells().size());
        // Per cell without a value, its shared status: "not-available" for an area the dataset does
        // not cover, "suppressed" for a withheld one (whatever the rule), so no data never reads as withheld.
        Map<Long, String> statuses = new LinkedHashMap<>();
        for (Cell c : r.cells()) {
            values.add(
                    count
                            ? (c.count() == null ? null : BigDecimal.valueOf(c.count()))
                            : Numbers.computedDecimal(c.value()));
            String flag = withheldBy(c);
            if (!flag.isEmpty()) {
                statuses.put(
                        (long) values.size() - 1,
                        flag.equals(Cell.FLAG_NO_DATA) ? JsonStat.notAvailable() : JsonStat.suppressed());
            }
        }
        out.values(values);
        if (!statuses.isEmpty()) {
            out.startStatus();
            for (Map.Entry<Long, String> s : statuses.entrySet()) {
                out.status(s.getKey(), s.getValue());
            }
            out.end();
        }
        out.notes(r.notes());
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("dataset", r.dataset());
        ext.put("measure", r.measure());
        ext.put("rules", r.rules());
        ext.put("blocked", r.blocked());
        out.finish(ext);
    }
}
