package scot.cairn.tabulation;

import java.util.List;
import scot.cairn.tabulation.protection.TableSpec;
import scot.cairn.vocab.AreaLevel;

/**
 * A checked request, ready to count: the dataset, the crossed variables and the categories the
 * table shows for each ({@link CategoryPlan}: the kept categories, or the request's groups of
 * them), the queries over geography levels, the areas in output order, the user-defined area's
 * data zones (null for standard areas), and the key results are cached under.
 */
record TablePlan(
        TabulationRequest request,
        MicrodataStore.Dataset dataset,
        List<MicrodataDefinition.Variable> variables,
        CategoryPlan categories,
        List<Query> queries,
        TableSpec spec,
        List<String> userZones,
        String cacheKey) {

    /** One pass over one geography level (or a user-defined set of data zones, counted as one area). */
    record Query(AreaLevel level, int[] areaIndexes, String[] outputCodes, List<String> customZones) {}

    boolean magnitude() {
        return request.measure().equals("sum") || request.measure().equals("mean");
    }

    boolean weighted() {
        return request.measure().equals("weighted-count");
    }

    /** Categories the table shows per variable (for the grid). */
    int[] categoryCounts() {
        return categories.sizes();
    }

    /** Position among the shown categories of each dataset category index, per variable (-1: left out; a group's members share one). */
    int[][] positions() {
        return categories.position();
    }

    /** The categories of each variable whose records the table counts: the filters, and the crossed variables' shown or grouped ones. */
    java.util.Map<String, List<String>> recordFilters() {
        return categories.recordFilters(request.filters(), variables);
    }

    /**
     * Whether the table reveals nothing but the area's population: no variables, no filters, a
     * plain count. Population estimates by data zone are published by NRS, so such a table of a
     * user-defined area is not registered against differencing (the locality builder's live count).
     */
    boolean populationOnly() {
        return variables.isEmpty()
                && request.filters().isEmpty()
                && request.measure().equals("count");
    }
}
