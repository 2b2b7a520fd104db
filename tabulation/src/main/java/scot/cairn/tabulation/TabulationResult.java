package scot.cairn.tabulation;

import java.util.List;

/**
 * A disclosure-controlled table: what was asked, the cells (one per area and combination of
 * categories, totals included), which rules applied and fired, which areas were blocked and why,
 * and notes every user must read (totals are perturbed independently and may not add up).
 */
public record TabulationResult(
        String dataset,
        String title,
        String unit,
        String measure,
        String magnitude,
        List<VariableInfo> variables,
        String geography,
        List<AreaInfo> areas,
        List<Cell> cells,
        List<RuleReport> rules,
        List<BlockedArea> blocked,
        List<String> notes) {

    public TabulationResult {
        variables = List.copyOf(variables);
        areas = List.copyOf(areas);
        cells = List.copyOf(cells);
        rules = List.copyOf(rules);
        blocked = List.copyOf(blocked);
        notes = List.copyOf(notes);
    }

    public record VariableInfo(String name, String label, List<CategoryInfo> categories) {}

    public record CategoryInfo(String code, String label) {}

    /**
     * An area of the table; {@code noData} when the dataset does not cover it (holds no records in
     * any council the area overlaps), so that its cells are "no data" rather than a published zero.
     */
    public record AreaInfo(
            String code,
            String name,
            String level,

            @com.fasterxml.jackson.annotation.JsonInclude(
                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
            boolean noData) {
        public AreaInfo(String code, String name, String level) {
            this(code, name, level, false);
        }
    }

    /** A rule that was applied to this table, and how many cells or areas it withheld. */
    public record RuleReport(String rule, String description, int fired) {}

    /** An area withheld as a whole, why, and what to change to get it. */
    public record BlockedArea(String area, String rule, String reason, String advice) {}

    /** The cell for an area and categories (TOTAL for totals), if present. */
    public java.util.Optional<Cell> cell(String area, String... categories) {
        List<String> cats = List.of(categories);
        return cells.stream()
                .filter(c -> c.area().equals(area) && c.categories().equals(cats))
                .findFirst();
    }
}
