package scot.cairn.tabulation;

import java.util.List;

/**
 * One published cell: the area, the category of each requested variable ({@link #TOTAL} for a
 * total), the perturbed count (null when withheld), the perturbed magnitude value if one was asked
 * for (null when withheld), and flags saying what was done to it.
 */
public record Cell(String area, List<String> categories, Long count, Double value, List<String> flags) {
    /** The category code of a total (the SDMX code for "total"). */
    public static final String TOTAL = "_T";

    /** Flag: the cell is a total or subtotal, perturbed in its own right. */
    public static final String FLAG_TOTAL = "total";
    /** Flag: the area was blocked by the sparsity rule. */
    public static final String FLAG_BLOCKED_SPARSITY = "blocked-sparsity";
    /** Flag: the magnitude failed the minimum-frequency rule. */
    public static final String FLAG_MIN_FREQUENCY = "suppressed-min-frequency";
    /** Flag: the magnitude failed the dominance rule. */
    public static final String FLAG_DOMINANCE = "suppressed-dominance";
    /** Flag: the magnitude was suppressed so that a suppressed cell cannot be derived from its margins. */
    public static final String FLAG_SECONDARY = "suppressed-secondary";

    public Cell {
        categories = List.copyOf(categories);
        flags = List.copyOf(flags);
    }

    public boolean isTotal() {
        return categories.contains(TOTAL);
    }
}
