package scot.cairn.tabulation.protection;

import java.util.ArrayList;
import java.util.List;
import scot.cairn.tabulation.TabulationResult;

/** The category codes of each cell position (the same in every area), built once per table. */
final class CellLabels {
    private final List<List<String>> byCell;

    CellLabels(TableSpec spec, CellGrid g) {
        int k = spec.variables().size();
        byCell = new ArrayList<>(g.perArea);
        for (int cell = 0; cell < g.perArea; cell++) {
            String[] cats = new String[k];
            for (int i = 0; i < k; i++) {
                List<TabulationResult.CategoryInfo> categories =
                        spec.variables().get(i).categories();
                cats[i] = categories.get(g.category(cell, i)).code();
            }
            byCell.add(List.of(cats));
        }
    }

    List<String> categories(int cell) {
        return byCell.get(cell);
    }
}
