package scot.cairn.tabulation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request for a table: the dataset, the variables to cross (in display order), the geography,
 * category filters, and the measure.
 *
 * @param dataset   dataset name
 * @param variables variables to cross, 0..maxVariables
 * @param geography where: a level, a list of areas, a custom area or a locality (default: Scotland)
 * @param filters   variable to the category codes to keep (a filtered variable may also be crossed)
 * @param measure   {@code count} (default), {@code weighted-count}, {@code sum} or {@code mean}
 * @param magnitude the numeric variable for {@code sum} and {@code mean}
 * @param groups    variable to the groups its categories are counted in instead of one by one
 *                  (e.g. age bands of single years); categories in no group are left out, as a
 *                  filter leaves them out. Groups are formed before any disclosure control, so a
 *                  group's count is perturbed as one cell.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TabulationRequest(
        String dataset,
        List<String> variables,
        Geography geography,
        Map<String, List<String>> filters,
        String measure,
        String magnitude,
        Map<String, List<CategoryGroup>> groups) {

    /** Groups of one variable at most; far above any readable table. */
    static final int MAX_GROUPS = 200;

    /** Characters of a name or code in a request: far above any real one, so that no error echoes a huge value. */
    static final int MAX_TEXT = 200;
    /** Entries of a list in a request (Scotland has 6,976 data zones). */
    static final int MAX_LIST = 10_000;

    public TabulationRequest {
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidRequestException("dataset is required");
        }
        text("dataset", dataset);
        variables = variables == null ? List.of() : texts("variables", variables);
        geography = geography == null ? new Geography("country", null, null, null, null) : geography;
        Map<String, List<String>> f = new TreeMap<>();
        if (filters != null) {
            if (filters.size() > MAX_LIST) {
                throw new InvalidRequestException("filters has " + filters.size() + " entries; at most " + MAX_LIST);
            }
            filters.forEach((k, v) -> {
                text("a filter's variable", k);
                if (v == null || v.isEmpty()) {
                    throw new InvalidRequestException("filter on " + k + " lists no categories");
                }
                f.put(k, List.copyOf(new java.util.TreeSet<>(texts("filters." + k, v))));
            });
        }
        filters = java.util.Collections.unmodifiableMap(f);
        measure = measure == null ? "count" : measure;
        if (!List.of("count", "weighted-count", "sum", "mean").contains(measure)) {
            throw new InvalidRequestException(
                    "measure must be count, weighted-count, sum or mean, got " + text("measure", measure));
        }
        if ((measure.equals("sum") || measure.equals("mean")) && (magnitude == null || magnitude.isBlank())) {
            throw new InvalidRequestException("measure " + measure + " needs a magnitude (a numeric variable)");
        }
        if (magnitude != null) {
            text("magnitude", magnitude);
        }
        groups = groups(groups);
    }

    /** As the canonical constructor, without category groups. */
    public TabulationRequest(
            String dataset,
            List<String> variables,
            Geography geography,
            Map<String, List<String>> filters,
            String measure,
            String magnitude) {
        this(dataset, variables, geography, filters, measure, magnitude, null);
    }

    /** The groups checked and copied in variable order, each group with a code ({@code g1}, {@code g2}... when none is given). */
    private static Map<String, List<CategoryGroup>> groups(Map<String, List<CategoryGroup>> given) {
        Map<String, List<CategoryGroup>> out = new TreeMap<>();
        if (given == null) {
            return java.util.Collections.unmodifiableMap(out);
        }
        if (given.size() > MAX_LIST) {
            throw new InvalidRequestException("groups has " + given.size() + " entries; at most " + MAX_LIST);
        }
        given.forEach((variable, list) -> {
            text("a group's variable", variable);
            if (list == null || list.isEmpty()) {
                throw new InvalidRequestException("groups of " + variable + " lists no group");
            }
            if (list.size() > MAX_GROUPS) {
                throw new InvalidRequestException(
                        "groups of " + variable + " has " + list.size() + " groups; at most " + MAX_GROUPS);
            }
            List<CategoryGroup> checked = new ArrayList<>();
            java.util.Set<String> codes = new java.util.HashSet<>();
            java.util.Set<String> members = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                CategoryGroup g = list.get(i);
                if (g == null) {
                    throw new InvalidRequestException("groups." + variable + "[" + i + "] is null");
                }
                CategoryGroup coded =
                        g.code() == null ? new CategoryGroup("g" + (i + 1), g.label(), g.categories()) : g;
                if (!codes.add(coded.code())) {
                    throw new InvalidRequestException(
                            "groups of " + variable + ": the code '" + coded.code() + "' is given twice");
                }
                for (String c : coded.categories()) {
                    if (!members.add(c)) {
                        throw new InvalidRequestException(
                                "groups of " + variable + ": category '" + c + "' is in two groups");
                    }
                }
                checked.add(coded);
            }
            out.put(variable, List.copyOf(checked));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * One group of a variable's categories, counted as one category of the table.
     *
     * @param code       the group's code in the table (optional; {@code g1}, {@code g2}... by position)
     * @param label      what the table calls it, e.g. {@code 0 to 15}
     * @param categories the variable's category codes it holds
     */
    public record CategoryGroup(String code, String label, List<String> categories) {
        public CategoryGroup {
            if (label == null || label.isBlank()) {
                throw new InvalidRequestException("a category group needs a label");
            }
            label = text("a group's label", label.strip());
            if (code != null && (code.isBlank() || code.equals(Cell.TOTAL))) {
                throw new InvalidRequestException("a category group's code must not be blank or " + Cell.TOTAL);
            }
            if (code != null) {
                text("a group's code", code);
            }
            if (categories == null || categories.isEmpty()) {
                throw new InvalidRequestException("the group '" + label + "' lists no category");
            }
            categories = texts("the group '" + label + "'", categories);
        }
    }

    /** {@code value} if it is at most {@link #MAX_TEXT} characters. */
    static String text(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw new InvalidRequestException(field + " has " + value.length() + " characters; at most " + MAX_TEXT);
        }
        return value;
    }

    /** A copy of a list of texts, refusing null entries, long entries and long lists with the field's name. */
    static List<String> texts(String field, List<String> values) {
        if (values.size() > MAX_LIST) {
            throw new InvalidRequestException(field + " has " + values.size() + " entries; at most " + MAX_LIST);
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidRequestException(field + "[" + i + "] is null");
            }
            text(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    /**
     * Exactly one of: {@code level} (e.g. council, S12, council-areas), {@code areas} (codes of one
     * or more levels), {@code dataZones} (a custom area, optionally named), {@code locality} (slug).
     * With {@code level}, {@code within} (an area's code, e.g. a council's S12000033) keeps the
     * areas of that level lying wholly inside that area: "the data zones of Aberdeen City".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Geography(
            String level, List<String> areas, List<String> dataZones, String name, String locality, String within) {
        public Geography {
            int given = (level != null ? 1 : 0)
                    + (areas != null ? 1 : 0)
                    + (dataZones != null ? 1 : 0)
                    + (locality != null ? 1 : 0);
            if (given != 1) {
                throw new InvalidRequestException("geography needs exactly one of level, areas, dataZones or locality");
            }
            if (level != null) {
                text("geography.level", level);
            }
            if (within != null) {
                if (level == null) {
                    throw new InvalidRequestException(
                            "geography.within needs a level (the level of the areas inside it)");
                }
                within = text("geography.within", within).strip();
            }
            if (name != null) {
                text("geography.name", name);
            }
            // A slug has up to 4 characters for each of its name's ('&' becomes "-and-").
            if (locality != null && locality.length() > 4 * LocalityLimits.NAME_LENGTH_CEILING) {
                throw new InvalidRequestException(
                        "geography.locality has " + locality.length() + " characters; no locality has so long a slug");
            }
            areas = areas == null
                    ? null
                    : List.copyOf(new ArrayList<>(new java.util.LinkedHashSet<>(texts("geography.areas", areas))));
            dataZones = dataZones == null
                    ? null
                    : List.copyOf(new java.util.TreeSet<>(texts("geography.dataZones", dataZones)));
            if (dataZones != null && dataZones.isEmpty()) {
                throw new InvalidRequestException("a custom area needs at least one data zone");
            }
            if (areas != null && areas.isEmpty()) {
                throw new InvalidRequestException("areas lists no area");
            }
        }

        /** As the canonical constructor, without {@code within}. */
        public Geography(String level, List<String> areas, List<String> dataZones, String name, String locality) {
            this(level, areas, dataZones, name, locality, null);
        }

        public static Geography level(String level) {
            return new Geography(level, null, null, null, null, null);
        }

        /** The areas of {@code level} lying wholly inside the area {@code parent}. */
        public static Geography levelWithin(String level, String parent) {
            return new Geography(level, null, null, null, null, parent);
        }

        public static Geography areas(List<String> codes) {
            return new Geography(null, codes, null, null, null, null);
        }

        public static Geography custom(String name, List<String> dataZones) {
            return new Geography(null, null, dataZones, name, null, null);
        }

        public static Geography locality(String slug) {
            return new Geography(null, null, null, null, slug, null);
        }
    }

    /** A count request. */
    public static TabulationRequest counts(String dataset, List<String> variables, Geography geography) {
        return new TabulationRequest(dataset, variables, geography, Map.of(), "count", null, null);
    }

    public TabulationRequest withFilters(Map<String, List<String>> newFilters) {
        return new TabulationRequest(dataset, variables, geography, newFilters, measure, magnitude, groups);
    }

    public TabulationRequest withGroups(Map<String, List<CategoryGroup>> newGroups) {
        return new TabulationRequest(dataset, variables, geography, filters, measure, magnitude, newGroups);
    }
}
