package scot.cairn.tabulation.protection;

import java.util.List;
import scot.cairn.tabulation.TabulationResult;

/**
 * What a table is, as far as its protection and publication need: the dataset, the measure, the
 * variables with their kept categories (total last), the areas, and whether the geography was
 * defined by the user.
 */
public record TableSpec(
        String dataset,
        String title,
        String unit,
        String measure,
        String magnitude,
        List<TabulationResult.VariableInfo> variables,
        String geography,
        List<TabulationResult.AreaInfo> areas,
        boolean userDefined) {
    public TableSpec {
        variables = List.copyOf(variables);
        areas = List.copyOf(areas);
    }

    boolean isMagnitude() {
        return measure.equals("sum") || measure.equals("mean");
    }

    boolean isWeighted() {
        return measure.equals("weighted-count");
    }
}
