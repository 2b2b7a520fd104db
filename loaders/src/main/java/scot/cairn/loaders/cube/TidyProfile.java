package scot.cairn.loaders.cube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * What {@code cairn draft} learns from a tidy file in the upload format, row by row: the levels
 * of its area codes, the forms of its periods, the measure types with the units seen with each
 * and whether every value is whole, the codes of the other columns, and the markers.
 */
final class TidyProfile {

    private final List<String> header;
    private final int area;
    private final Integer date;
    private final int value;
    private final Integer measurement;
    private final Integer units;
    private final List<Integer> dimensionColumns;
    private final DraftFacts facts = new DraftFacts();
    private final Map<String, LinkedHashSet<String>> measureUnits = new LinkedHashMap<>();
    private final Map<String, Boolean> measureWhole = new HashMap<>();
    private final List<DraftFacts.Codes> codes = new ArrayList<>();

    /** @param standard standard field -> column index (FeatureCode and Value at least) */
    TidyProfile(List<String> header, Map<String, Integer> standard) {
        this.header = header;
        this.area = standard.get(CubeDefinition.FEATURE_CODE);
        this.date = standard.get(CubeDefinition.DATE_CODE);
        this.value = standard.get(CubeDefinition.VALUE);
        this.measurement = standard.get(CubeDefinition.MEASUREMENT);
        this.units = standard.get(CubeDefinition.UNITS);
        this.dimensionColumns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!standard.containsValue(i) && !header.get(i).isEmpty()) {
                dimensionColumns.add(i);
                codes.add(new DraftFacts.Codes());
            }
        }
    }

    void row(CSVRecord r) {
        facts.rows++;
        facts.area(r.get(area));
        if (date != null) {
            facts.period(r.get(date));
        }
        String m = measurement == null ? "Count" : r.get(measurement).strip();
        String u = units == null ? "TODO unit" : r.get(units).strip();
        measureUnits.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(u);
        String v = r.get(value).strip();
        if (NumberText.lexical(v, "decimal") == null) {
            facts.marker(v);
        } else if (NumberText.lexical(v, "integer") == null) {
            measureWhole.put(m, false);
        } else {
            measureWhole.putIfAbsent(m, true);
        }
        for (int d = 0; d < dimensionColumns.size(); d++) {
            codes.get(d).add(r.get(dimensionColumns.get(d)));
        }
    }

    /** The definition's body (after the metadata placeholders) and the comments saying what was found. */
    DraftDocument document(DraftDocument doc) {
        doc.levels(facts.levels.keySet());
        if (date == null) {
            doc.constant(CubeDefinition.DATE_CODE, DraftDocument.PERIOD_PLACEHOLDER);
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (String f : CubeDefinition.STANDARD_FIELDS) {
            Integer i = standardColumn(f);
            if (i != null && !header.get(i).equals(f)) {
                columns.put(f, header.get(i));
            }
        }
        if (!columns.isEmpty()) {
            doc.put("columns", columns);
        }
        for (int d = 0; d < dimensionColumns.size(); d++) {
            doc.dimension(header.get(dimensionColumns.get(d)), codes.get(d));
        }
        List<Map<String, Object>> measures = new ArrayList<>();
        measureUnits.forEach((m, us) ->
                measures.add(DraftDocument.measure(m, new ArrayList<>(us), Boolean.TRUE.equals(measureWhole.get(m)))));
        doc.put("measures", measures);
        doc.markers(facts.markers);
        doc.comments(facts, header.get(value));
        for (int d = 0; d < dimensionColumns.size(); d++) {
            if (codes.get(d).tooMany()) {
                doc.comment(header.get(dimensionColumns.get(d)) + " has more than " + Drafter.MAX_CODES
                        + " distinct values: its codes are derived from the data");
            }
        }
        return doc;
    }

    private Integer standardColumn(String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "featurecode" -> area;
            case "datecode" -> date;
            case "measurement" -> measurement;
            case "units" -> units;
            default -> value;
        };
    }
}
