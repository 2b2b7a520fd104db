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
    /**
     * Flag: the value is withheld (count and value are null). One flag for every reason (a sparse
     * area, too few contributors, a dominant contributor, or a complementary suppression), so the
     * flag never tells which cells hold 1 or 2 records; the reason is written to the audit log only.
     */
    public static final String FLAG_WITHHELD = "withheld";
    /** Flag: the dataset does not cover the cell's area (no records in any council it overlaps): no data, not a zero. */
    public static final String FLAG_NO_DATA = "no-data";

    public Cell {
        categories = List.copyOf(categories);
        flags = List.copyOf(flags);
    }

    public boolean isTotal() {
        return categories.contains(TOTAL);
    }
}
