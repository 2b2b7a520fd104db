package scot.cairn.tabulation;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.JsonStat;

/** Writes a {@link TabulationResult} as tidy CSV or JSON-stat 2.0 (JSON is the result itself). */
public final class TableFormats {
    private TableFormats() {}

    /**
     * Tidy CSV, one row per cell: {@code area, area_name}, then for each variable its code and
     * label, then {@code count}, {@code value} (for weighted counts, sums and means), {@code total}
     * (true for totals and subtotals) and {@code withheld} ({@code withheld} when the value is withheld,
     * {@code no-data} for an area the dataset does not cover, else empty). Records end in LF.
     *
     * <p>A data-zone table has some 190,000 rows but only one area prefix per area and one run of
     * category fields per combination of categories: those are rendered once, through
     * {@link CsvWriter#fields}, and joined with each cell's numbers, which need no quoting. Write
     * into a buffered writer; nothing here buffers the whole table.
     */
    public static void writeCsv(TabulationResult r, Writer out) throws IOException {
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
        CsvWriter.lf(out).row(header).flush();
        Map<String, String> areaFields = new HashMap<>();
        r.areas().forEach(a -> areaFields.put(a.code(), CsvWriter.fields(a.code(), a.name()) + ","));
        List<Map<String, String>> labels = labels(r);
        Map<List<String>, String> categoryFields = new HashMap<>();
        for (Cell c : r.cells()) {
            String area = areaFields.get(c.area());
            out.write(area != null ? area : CsvWriter.fields(c.area(), null) + ",");
            out.write(categoryFields.computeIfAbsent(c.categories(), cats -> categoryFields(cats, labels)));
            if (c.count() != null) {
                out.write(Long.toString(c.count()));
            }
            out.write(',');
            if (value) {
                if (c.value() != null) {
                    out.write(Double.toString(c.value()));
                }
                out.write(',');
            }
            out.write(c.isTotal() ? "true," : "false,");
            for (String f : c.flags()) {
                if (!f.equals(Cell.FLAG_TOTAL)) {
                    out.write(CsvWriter.fields(f));
                    break;
                }
            }
            out.write('\n');
        }
        out.flush();
    }

    /** The code and label fields of one combination of categories, with the comma after them. */
    private static String categoryFields(List<String> categories, List<Map<String, String>> labels) {
        Object[] fields = new Object[categories.size() * 2];
        for (int i = 0; i < categories.size(); i++) {
            fields[2 * i] = categories.get(i);
            fields[2 * i + 1] = labels.get(i).get(categories.get(i));
        }
        return fields.length == 0 ? "" : CsvWriter.fields(fields) + ",";
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
     * A JSON-stat 2.0 dataset: dimensions {@code area} then the variables (totals as category
     * {@code _T}), values in row-major order (the last variable varies fastest), withheld values
     * null with their rule in {@code status}; notes, rules and blocked areas under {@code note} and
     * {@code extension}.
     */
    public static Map<String, Object> jsonStat(TabulationResult r) {
        Map<String, Object> ds = JsonStat.dataset();
        ds.put("label", r.title() + ": " + (r.measure().equals("count") ? "count of " + r.unit() : r.measure()
                + (r.magnitude() == null ? "" : " of " + r.magnitude())));
        List<String> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Map<String, Object> dims = new LinkedHashMap<>();
        ids.add("area");
        sizes.add(r.areas().size());
        Map<String, Object> areaIndex = new LinkedHashMap<>();
        Map<String, Object> areaLabel = new LinkedHashMap<>();
        for (int i = 0; i < r.areas().size(); i++) {
            areaIndex.put(r.areas().get(i).code(), i);
            areaLabel.put(r.areas().get(i).code(), r.areas().get(i).name());
        }
        dims.put("area", Map.of("label", "Area", "category", Map.of("index", areaIndex, "label", areaLabel)));
        for (TabulationResult.VariableInfo v : r.variables()) {
            ids.add(v.name());
            sizes.add(v.categories().size());
            Map<String, Object> index = new LinkedHashMap<>();
            Map<String, Object> label = new LinkedHashMap<>();
            for (int i = 0; i < v.categories().size(); i++) {
                index.put(v.categories().get(i).code(), i);
                label.put(v.categories().get(i).code(), v.categories().get(i).label());
            }
            dims.put(v.name(), Map.of("label", v.label(), "category", Map.of("index", index, "label", label)));
        }
        ds.put("id", ids);
        ds.put("size", sizes);
        ds.put("role", Map.of("geo", List.of("area")));
        ds.put("dimension", dims);
        List<Object> values = new ArrayList<>(r.cells().size());
        Map<String, String> status = new LinkedHashMap<>();
        boolean count = r.measure().equals("count");
        for (int i = 0; i < r.cells().size(); i++) {
            Cell c = r.cells().get(i);
            Object v = count ? (Object) c.count() : (Object) c.value();
            values.add(v);
            c.flags().stream().filter(f -> !f.equals(Cell.FLAG_TOTAL)).findFirst().ifPresent(f -> status.put(String.valueOf(values.size() - 1), f));
        }
        ds.put("value", values);
        if (!status.isEmpty()) {
            ds.put("status", status);
        }
        ds.put("note", r.notes());
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("dataset", r.dataset());
        ext.put("measure", r.measure());
        ext.put("rules", r.rules());
        ext.put("blocked", r.blocked());
        ds.put("extension", ext);
        return ds;
    }
}
