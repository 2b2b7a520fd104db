package scot.cairn.loaders.cube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Slugs;

/**
 * The definition {@code cairn draft} writes: the keys in the order the format's guide gives them,
 * {@code TODO} placeholders where only a person knows the answer (which {@code validate} refuses
 * until they are filled in), and comments saying what the file held.
 */
final class DraftDocument {

    static final String PERIOD_PLACEHOLDER = "TODO period, e.g. 2020";
    static final String UNIT_PLACEHOLDER = "TODO unit";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private final String file;
    private final Map<String, Object> head = new LinkedHashMap<>();
    private final Map<String, Object> body = new LinkedHashMap<>();
    private final Map<String, String> constants = new LinkedHashMap<>();
    private final List<Map<String, Object>> dimensions = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();

    DraftDocument(String file, String slug, String base) {
        this.file = file;
        head.put("slug", slug);
        head.put("title", title(base));
        head.put("description", "TODO: what the dataset counts or measures, where and when.");
        head.put("publisher", "TODO publisher");
        head.put("themes", List.of("todo-theme"));
    }

    void levels(Collection<AreaLevel> levels) {
        head.put(
                "levels",
                levels.stream()
                        .map(l -> l.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList());
    }

    void put(String key, Object value) {
        body.put(key, value);
    }

    void constant(String field, String value) {
        constants.put(field, value);
    }

    /** A dimension read from a column: its label made readable, its codes listed when there are few. */
    void dimension(String column, DraftFacts.Codes codes) {
        Map<String, Object> dim = new LinkedHashMap<>();
        dim.put("column", column);
        String label = label(column);
        if (!label.equals(column)) {
            dim.put("label", label);
        }
        if (!column.equals(WideProfile.MELT_PLACEHOLDER)) {
            dim.put("name", Slugs.camel(label)); // named by the publisher: the default follows the new column
        }
        List<String> list = codes == null ? null : codes.list();
        if (list != null) {
            dim.put("codes", list);
        }
        dimensions.add(dim);
    }

    static Map<String, Object> measure(String measurement, List<String> units, boolean whole) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measurement", measurement);
        m.put("units", units);
        m.put("datatype", whole ? "integer" : "decimal");
        return m;
    }

    /** The markers found, when they are not all default ones. */
    void markers(Map<String, Integer> found) {
        Map<String, String> markers = new LinkedHashMap<>();
        boolean nonDefault = false;
        for (String mk : found.keySet()) {
            String status = CubeDefinition.DEFAULT_MARKERS.get(mk);
            nonDefault |= status == null;
            markers.put(mk, status == null ? "not-available" : status);
        }
        if (nonDefault) {
            body.put("markers", markers);
        }
    }

    void comment(String line) {
        comments.add(line);
    }

    /** The comments every draft has: levels, periods, markers and codes of no known level. */
    void comments(DraftFacts facts, String valueColumn) {
        StringBuilder levels = new StringBuilder("Areas by level: ");
        facts.levels.forEach(
                (l, n) -> levels.append(l.label()).append(' ').append(n).append(" rows; "));
        comments.add(levels.toString().strip());
        if (!facts.unknownAreas.isEmpty()) {
            comments.add("Codes of no known level (will be rejected): " + String.join(", ", facts.unknownAreas));
        }
        comments.add("Period forms: " + (facts.periodForms.isEmpty() ? "none" : facts.periodForms.toString()));
        if (!facts.badPeriods.isEmpty()) {
            comments.add("Malformed periods (will be rejected): " + String.join(", ", facts.badPeriods));
        }
        if (!facts.markers.isEmpty()) {
            comments.add("Non-numeric values in " + valueColumn + ": " + facts.markers
                    + (body.containsKey("markers")
                            ? " (check the status given to each under 'markers')"
                            : " (default markers)"));
        }
    }

    String yaml(long rows) {
        Map<String, Object> doc = new LinkedHashMap<>(head);
        Object columns = body.remove("columns");
        if (columns != null) {
            doc.put("columns", columns);
        }
        if (!constants.isEmpty()) {
            doc.put("constants", constants);
        }
        if (!dimensions.isEmpty()) {
            doc.put("dimensions", dimensions);
        }
        doc.putAll(body);
        StringBuilder out = new StringBuilder();
        out.append("# Draft cube definition for ")
                .append(file)
                .append(", written by 'cairn draft' from ")
                .append(String.format(Locale.ROOT, "%,d", rows))
                .append(" rows.\n");
        out.append(
                "# Replace every TODO ('cairn validate' refuses them), check the codes and units, then run 'cairn validate'.\n");
        out.append("# The format is described in cube-definitions/README.md.\n#\n");
        for (String c : comments) {
            out.append("# ").append(c).append('\n');
        }
        try {
            return out.append(YAML.writeValueAsString(doc)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the draft as YAML", e);
        }
    }

    /** A title from the file name: {@code recycling_data} -> "Recycling data". */
    private static String title(String base) {
        String words = base.replaceAll("[_\\-.]+", " ").strip();
        return words.isEmpty() ? "TODO title" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * A readable label for a header, undoing R's {@code make.names} and snake case:
     * {@code Indicator..municipal.waste.} -> "Indicator municipal waste", {@code sex} -> "Sex".
     */
    static String label(String header) {
        String h = header.strip();
        if (!h.contains(" ")) {
            h = h.replaceAll("[._]+", " ").strip();
        }
        return h.isEmpty() ? header : Character.toUpperCase(h.charAt(0)) + h.substring(1);
    }
}
