package scot.cairn.tabulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The categories a table shows for each crossed variable, and where each of the variable's own
 * categories is counted: in itself, in a group of the request ({@link TabulationRequest#groups()}),
 * or nowhere (filtered out, or in no group). Groups are counted like any category, from their
 * records, so their counts and cell keys are formed before any disclosure control.
 *
 * @param position   per crossed variable: the dataset's category index to the table's category
 *                   position (several indexes share one position in a group; -1: left out)
 * @param categories per crossed variable: the table's categories in order (without the total)
 */
record CategoryPlan(int[][] position, List<List<TabulationResult.CategoryInfo>> categories) {

    /** The table's categories for the request's crossed variables (already checked to exist). */
    static CategoryPlan of(TabulationRequest r, List<MicrodataDefinition.Variable> vars) {
        for (String grouped : r.groups().keySet()) {
            if (vars.stream().noneMatch(v -> v.name().equals(grouped))) {
                throw new InvalidRequestException("groups of '" + grouped
                        + "': only a crossed variable's categories can be grouped; crossed: "
                        + vars.stream().map(MicrodataDefinition.Variable::name).toList());
            }
        }
        int[][] position = new int[vars.size()][];
        List<List<TabulationResult.CategoryInfo>> categories = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            MicrodataDefinition.Variable v = vars.get(i);
            List<String> allowed = r.filters().get(v.name());
            position[i] = new int[v.codes().size()];
            Arrays.fill(position[i], -1);
            List<TabulationResult.CategoryInfo> shown = new ArrayList<>();
            List<TabulationRequest.CategoryGroup> groups = r.groups().get(v.name());
            if (groups == null) {
                for (int c = 0; c < v.codes().size(); c++) {
                    String code = v.codes().get(c);
                    if (allowed == null || allowed.contains(code)) {
                        position[i][c] = shown.size();
                        shown.add(new TabulationResult.CategoryInfo(
                                code, v.categories().get(code)));
                    }
                }
            } else {
                for (TabulationRequest.CategoryGroup g : groups) {
                    for (String code : g.categories()) {
                        int c = v.codes().indexOf(code);
                        if (c < 0) {
                            throw new InvalidRequestException("the group '" + g.label() + "' of " + v.name()
                                    + " names no category of it: '" + code + "'; categories: " + v.codes());
                        }
                        if (allowed == null || allowed.contains(code)) {
                            position[i][c] = shown.size();
                        }
                    }
                    if (v.codes().contains(g.code())) {
                        throw new InvalidRequestException(
                                "the group '" + g.label() + "' of " + v.name() + " has the code '" + g.code()
                                        + "', which is one of the variable's own categories: give it another");
                    }
                    shown.add(new TabulationResult.CategoryInfo(g.code(), g.label()));
                }
            }
            if (Arrays.stream(position[i]).allMatch(p -> p < 0)) {
                throw new InvalidRequestException(
                        "no category of " + v.name() + " is both kept by its filter and in one of its groups");
            }
            categories.add(List.copyOf(shown));
        }
        return new CategoryPlan(position, List.copyOf(categories));
    }

    /** The number of categories variable {@code i} shows (without the total). */
    int size(int i) {
        return categories.get(i).size();
    }

    int[] sizes() {
        int[] out = new int[categories.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = size(i);
        }
        return out;
    }

    /**
     * The records a table counts, as category codes kept per variable: the request's filters, and
     * for each crossed variable only its categories that are shown or in a shown group (records in
     * none are in no cell, not even the total, just as a filter leaves them out).
     */
    Map<String, List<String>> recordFilters(
            Map<String, List<String>> filters, List<MicrodataDefinition.Variable> vars) {
        Map<String, List<String>> out = new TreeMap<>(filters);
        for (int i = 0; i < vars.size(); i++) {
            MicrodataDefinition.Variable v = vars.get(i);
            List<String> kept = new ArrayList<>();
            for (int c = 0; c < position[i].length; c++) {
                if (position[i][c] >= 0) {
                    kept.add(v.codes().get(c));
                }
            }
            if (kept.size() < v.codes().size()) {
                out.put(v.name(), kept);
            }
        }
        return out;
    }
}
