package scot.cairn.tabulation;

import java.util.List;

import scot.cairn.tabulation.protection.TableSpec;
import scot.cairn.vocab.AreaLevel;

/**
 * A checked request, ready to count: the dataset, the crossed variables and the categories kept
 * of each (dataset category indexes), the queries over geography levels, the areas in output
 * order, the user-defined area's data zones (null for standard areas), and the key results are
 * cached under.
 */
record TablePlan(TabulationRequest request, MicrodataStore.Dataset dataset, List<MicrodataDefinition.Variable> variables,
                 int[][] keptCategories, List<Query> queries, TableSpec spec, List<String> userZones, String cacheKey) {

    /** One pass over one geography level (or a user-defined set of data zones, counted as one area). */
    record Query(AreaLevel level, int[] areaIndexes, String[] outputCodes, List<String> customZones) {}

    boolean magnitude() {
        return request.measure().equals("sum") || request.measure().equals("mean");
    }

    boolean weighted() {
        return request.measure().equals("weighted-count");
    }

    /** Kept categories per variable (for the grid). */
    int[] categoryCounts() {
        int[] out = new int[keptCategories.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = keptCategories[i].length;
        }
        return out;
    }

    /** Position among the kept categories of each dataset category index, per variable (-1: filtered out). */
    int[][] positions() {
        int[][] position = new int[variables.size()][];
        for (int i = 0; i < position.length; i++) {
            position[i] = new int[variables.get(i).codes().size()];
            java.util.Arrays.fill(position[i], -1);
            for (int j = 0; j < keptCategories[i].length; j++) {
                position[i][keptCategories[i][j]] = j;
            }
        }
        return position;
    }

    /**
     * Whether the table reveals nothing but the area's population: no variables, no filters, a
     * plain count. Population estimates by data zone are published by NRS, so such a table of a
     * user-defined area is not registered against differencing (the locality builder's live count).
     */
    boolean populationOnly() {
        return variables.isEmpty() && request.filters().isEmpty() && request.measure().equals("count");
    }
}
