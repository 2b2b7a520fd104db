package scot.cairn.loaders.cube;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Slugs;

/**
 * Writes a starting cube definition for a tidy CSV file in the upload format, so an analyst
 * edits a definition rather than starting from a blank page: the levels its area codes belong
 * to, the measure types with the units seen with each (and whether every value is whole), the
 * extra columns as dimensions with the codes found, and the markers found in the Value column.
 * Metadata the file cannot tell (title, description, publisher, ...) is left as {@code TODO}.
 *
 * <p>Reads the file once, streaming; memory grows only with the number of distinct codes kept
 * (at most {@value #MAX_CODES} per dimension).
 */
public final class Drafter {

    /** Dimensions with more distinct values than this get codes derived from the data instead of a list. */
    public static final int MAX_CODES = 60;

    private Drafter() {}

    /**
     * Drafts a definition for {@code csv}.
     *
     * @param slug the dataset slug, or null to derive it from the file name
     * @return the YAML text, with comments saying what was found and what to fill in
     * @throws InvalidInputException when the file has no header or lacks FeatureCode, DateCode or Value
     */
    public static String draft(Path csv, String slug) {
        String file = csv.getFileName().toString();
        String base = file.replaceFirst("\\.[^.]*$", "");
        String s = slug != null ? slug : Slugs.slugify(base);
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
                return draft(parser, file, s, base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    private static String draft(CSVParser parser, String file, String slug, String base) {
        var records = parser.iterator();
        if (!records.hasNext()) {
            throw new InvalidInputException(new InputError(file, 1, 0, "missing-header", "the file is empty: expected a header row"));
        }
        List<String> header = records.next().toList().stream().map(String::strip).toList();
        Map<String, Integer> standard = new HashMap<>();
        List<Integer> dimensionColumns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String n = CubeDefinition.normalise(header.get(i));
            String match = null;
            for (String f : CubeDefinition.STANDARD_FIELDS) {
                if (CubeDefinition.normalise(f).equals(n)) {
                    match = f;
                }
            }
            if (match != null) {
                standard.put(match, i);
            } else if (!header.get(i).isEmpty()) {
                dimensionColumns.add(i);
            }
        }
        List<InputError> missing = new ArrayList<>();
        for (String f : List.of(CubeDefinition.FEATURE_CODE, CubeDefinition.DATE_CODE, CubeDefinition.VALUE)) {
            if (!standard.containsKey(f)) {
                missing.add(new InputError(file, 1, 0, "missing-column", "missing column '" + f + "' (the header has: "
                        + String.join(", ", header) + "); draft reads tidy files in the upload format"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing, false);
        }
        int area = standard.get(CubeDefinition.FEATURE_CODE);
        int date = standard.get(CubeDefinition.DATE_CODE);
        int value = standard.get(CubeDefinition.VALUE);
        Integer measurement = standard.get(CubeDefinition.MEASUREMENT);
        Integer units = standard.get(CubeDefinition.UNITS);

        Map<AreaLevel, Integer> levels = new EnumMap<>(AreaLevel.class);
        Set<String> unknownAreas = new LinkedHashSet<>();
        Map<String, Integer> periodForms = new TreeMap<>();
        Set<String> badPeriods = new LinkedHashSet<>();
        Map<String, LinkedHashSet<String>> measureUnits = new LinkedHashMap<>();
        Map<String, Boolean> measureWhole = new HashMap<>();
        Map<String, Integer> markers = new LinkedHashMap<>();
        List<LinkedHashSet<String>> codes = new ArrayList<>();
        boolean[] tooMany = new boolean[dimensionColumns.size()];
        dimensionColumns.forEach(c -> codes.add(new LinkedHashSet<>()));
        Set<String> periodsSeen = new HashSet<>();
        long rows = 0;

        while (records.hasNext()) {
            CSVRecord r = records.next();
            if (r.size() != header.size()) {
                continue;
            }
            rows++;
            String code = r.get(area).strip().toUpperCase(Locale.ROOT);
            AreaLevel.ofCode(code).ifPresentOrElse(l -> levels.merge(l, 1, Integer::sum), () -> {
                if (unknownAreas.size() < 5) {
                    unknownAreas.add(code);
                }
            });
            String period = r.get(date).strip();
            if (periodsSeen.add(period)) {
                try {
                    ReferencePeriod p = ReferencePeriod.parse(period);
                    periodForms.merge(form(p), 1, Integer::sum);
                } catch (IllegalArgumentException e) {
                    if (badPeriods.size() < 5) {
                        badPeriods.add(period);
                    }
                }
            }
            String m = measurement == null ? "Count" : r.get(measurement).strip();
            String u = units == null ? "TODO unit" : r.get(units).strip();
            measureUnits.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(u);
            String v = r.get(value).strip();
            String lexical = NumberText.lexical(v, "decimal");
            if (lexical == null) {
                markers.merge(v, 1, Integer::sum);
            } else if (NumberText.lexical(v, "integer") == null) {
                measureWhole.put(m, false);
            } else {
                measureWhole.putIfAbsent(m, true);
            }
            for (int d = 0; d < dimensionColumns.size(); d++) {
                if (!tooMany[d]) {
                    codes.get(d).add(r.get(dimensionColumns.get(d)).strip());
                    if (codes.get(d).size() > MAX_CODES) {
                        tooMany[d] = true;
                        codes.get(d).clear();
                    }
                }
            }
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("slug", slug);
        doc.put("title", title(base));
        doc.put("description", "TODO: what the dataset counts or measures, where and when.");
        doc.put("publisher", "TODO publisher");
        doc.put("themes", List.of("todo-theme"));
        doc.put("levels", levels.keySet().stream().map(l -> l.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        Map<String, String> columns = new LinkedHashMap<>();
        standard.forEach((f, i) -> {
            if (!header.get(i).equals(f)) {
                columns.put(f, header.get(i));
            }
        });
        if (!columns.isEmpty()) {
            doc.put("columns", columns);
        }
        List<Map<String, Object>> dims = new ArrayList<>();
        for (int d = 0; d < dimensionColumns.size(); d++) {
            Map<String, Object> dim = new LinkedHashMap<>();
            String h = header.get(dimensionColumns.get(d));
            dim.put("column", h);
            dim.put("name", Slugs.camel(h));
            Set<String> slugs = new HashSet<>();
            boolean distinct = !tooMany[d];
            for (String c : codes.get(d)) {
                try {
                    distinct &= slugs.add(Slugs.slugify(c));
                } catch (IllegalArgumentException e) {
                    distinct = false;
                }
            }
            if (distinct && !codes.get(d).isEmpty()) {
                dim.put("codes", new ArrayList<>(codes.get(d)));
            }
            dims.add(dim);
        }
        if (!dims.isEmpty()) {
            doc.put("dimensions", dims);
        }
        List<Map<String, Object>> measures = new ArrayList<>();
        measureUnits.forEach((m, us) -> {
            Map<String, Object> ms = new LinkedHashMap<>();
            ms.put("measurement", m);
            ms.put("units", new ArrayList<>(us));
            ms.put("datatype", Boolean.TRUE.equals(measureWhole.get(m)) ? "integer" : "decimal");
            measures.add(ms);
        });
        doc.put("measures", measures);
        Map<String, String> markerMap = new LinkedHashMap<>();
        boolean nonDefault = false;
        for (String mk : markers.keySet()) {
            String status = CubeDefinition.DEFAULT_MARKERS.get(mk);
            nonDefault |= status == null;
            markerMap.put(mk, status == null ? "not-available" : status);
        }
        if (nonDefault) {
            doc.put("markers", markerMap);
        }

        StringBuilder out = new StringBuilder();
        out.append("# Draft cube definition for ").append(file).append(", written by 'cairn draft' from ")
                .append(String.format("%,d", rows)).append(" rows.\n");
        out.append("# Fill in every TODO, check the codes and units, then run 'cairn validate'.\n");
        out.append("# The format is described in cube-definitions/README.md.\n#\n");
        out.append("# Areas by level: ");
        levels.forEach((l, n) -> out.append(l.label()).append(' ').append(n).append(" rows; "));
        out.append('\n');
        if (!unknownAreas.isEmpty()) {
            out.append("# Codes of no known level (will be rejected): ").append(String.join(", ", unknownAreas)).append('\n');
        }
        out.append("# Period forms: ").append(periodForms.isEmpty() ? "none" : periodForms.toString()).append('\n');
        if (!badPeriods.isEmpty()) {
            out.append("# Malformed periods (will be rejected): ").append(String.join(", ", badPeriods)).append('\n');
        }
        if (!markers.isEmpty()) {
            out.append("# Non-numeric values in ").append(header.get(value)).append(": ").append(markers)
                    .append(nonDefault ? " (check the status given to each under 'markers')" : " (default markers)").append('\n');
        }
        for (int d = 0; d < dimensionColumns.size(); d++) {
            if (tooMany[d]) {
                out.append("# ").append(header.get(dimensionColumns.get(d))).append(" has more than ").append(MAX_CODES)
                        .append(" distinct values: its codes are derived from the data\n");
            }
        }
        try {
            out.append(YAML.writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the draft as YAML", e);
        }
        return out.toString();
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private static String form(ReferencePeriod p) {
        String u = p.uri();
        String kind = u.substring("http://reference.data.gov.uk/id/".length());
        return kind.substring(0, kind.indexOf('/'));
    }

    private static String title(String base) {
        String words = base.replaceAll("[_\\-.]+", " ").strip();
        return words.isEmpty() ? "TODO title" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
