package scot.cairn.tabulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TabulationRequest(String dataset, List<String> variables, Geography geography,
                                Map<String, List<String>> filters, String measure, String magnitude) {

    public TabulationRequest {
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidRequestException("dataset is required");
        }
        variables = variables == null ? List.of() : List.copyOf(variables);
        geography = geography == null ? new Geography("country", null, null, null, null) : geography;
        Map<String, List<String>> f = new TreeMap<>();
        if (filters != null) {
            filters.forEach((k, v) -> {
                if (v == null || v.isEmpty()) {
                    throw new InvalidRequestException("filter on " + k + " lists no categories");
                }
                f.put(k, List.copyOf(new java.util.TreeSet<>(v)));
            });
        }
        filters = java.util.Collections.unmodifiableMap(f);
        measure = measure == null ? "count" : measure;
        if (!List.of("count", "weighted-count", "sum", "mean").contains(measure)) {
            throw new InvalidRequestException("measure must be count, weighted-count, sum or mean, got " + measure);
        }
        if ((measure.equals("sum") || measure.equals("mean")) && (magnitude == null || magnitude.isBlank())) {
            throw new InvalidRequestException("measure " + measure + " needs a magnitude (a numeric variable)");
        }
    }

    /**
     * Exactly one of: {@code level} (e.g. council, S12, council-areas), {@code areas} (codes of one
     * or more levels), {@code dataZones} (a custom area, optionally named), {@code locality} (slug).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Geography(String level, List<String> areas, List<String> dataZones, String name, String locality) {
        public Geography {
            int given = (level != null ? 1 : 0) + (areas != null ? 1 : 0) + (dataZones != null ? 1 : 0) + (locality != null ? 1 : 0);
            if (given != 1) {
                throw new InvalidRequestException("geography needs exactly one of level, areas, dataZones or locality");
            }
            areas = areas == null ? null : List.copyOf(new ArrayList<>(new java.util.LinkedHashSet<>(areas)));
            dataZones = dataZones == null ? null : List.copyOf(new java.util.TreeSet<>(dataZones));
            if (dataZones != null && dataZones.isEmpty()) {
                throw new InvalidRequestException("a custom area needs at least one data zone");
            }
            if (areas != null && areas.isEmpty()) {
                throw new InvalidRequestException("areas lists no area");
            }
        }

        public static Geography level(String level) {
            return new Geography(level, null, null, null, null);
        }

        public static Geography areas(List<String> codes) {
            return new Geography(null, codes, null, null, null);
        }

        public static Geography custom(String name, List<String> dataZones) {
            return new Geography(null, null, dataZones, name, null);
        }

        public static Geography locality(String slug) {
            return new Geography(null, null, null, null, slug);
        }
    }

    /** A count request. */
    public static TabulationRequest counts(String dataset, List<String> variables, Geography geography) {
        return new TabulationRequest(dataset, variables, geography, Map.of(), "count", null);
    }

    public TabulationRequest withFilters(Map<String, List<String>> newFilters) {
        return new TabulationRequest(dataset, variables, geography, newFilters, measure, magnitude);
    }
}
