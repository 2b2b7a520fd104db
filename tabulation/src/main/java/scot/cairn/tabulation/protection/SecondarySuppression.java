package scot.cairn.tabulation.protection;

/**
 * Secondary (complementary) suppression: no withheld cell may be the only unknown of a line of
 * the table. A line is one variable running over all its categories and its total, the other
 * variables fixed (at a category or at their total), in one area; its cells satisfy "the
 * categories add up to the total", so a line with a single withheld cell gives that cell away.
 * Empty cells count as known (they are published as 0), and so do totals: a total is a cell of
 * its lines like any other, and is withheld itself when no other cell of the line can be (the
 * sdcTable and tau-Argus treatment of a hierarchy's margins; the Handbook, section 4.3).
 *
 * <p>Each step withholds, in every line with exactly one withheld cell, the non-empty published
 * cell of the line with the smallest value (interior cells before the total); steps repeat until
 * no line has exactly one (a fixed point: withholding only grows, so it ends).
 */
final class SecondarySuppression {
    private SecondarySuppression() {}

    /**
     * Withholds complementary cells in place.
     *
     * @param value    what "smallest" is judged by (the magnitude sums, or the counts)
     * @param withheld per cell, true when withheld (primary); grows
     * @param skipArea areas withheld whole (blocked), left alone
     * @return how many cells this added
     */
    static int apply(CellGrid g, double[] value, boolean[] withheld, boolean[] skipArea) {
        int added = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int a = 0; a < g.areas; a++) {
                if (skipArea[a]) {
                    continue;
                }
                for (int i = 0; i < g.extent.length; i++) {
                    for (int cell = 0; cell < g.perArea; cell++) {
                        if (g.category(cell, i) == 0 && protectLine(g, value, withheld, a * g.perArea + cell, i)) {
                            added++;
                            changed = true;
                        }
                    }
                }
            }
        }
        return added;
    }

    /** The line of variable {@code i} starting at {@code first}: withholds one more cell if it has exactly one withheld. */
    private static boolean protectLine(CellGrid g, double[] value, boolean[] withheld, int first, int i) {
        int withheldCells = 0;
        int best = -1;
        int totalIdx = first + (g.extent[i] - 1) * g.stride[i];
        for (int j = 0; j < g.extent[i]; j++) {
            int idx = first + j * g.stride[i];
            if (withheld[idx]) {
                withheldCells++;
            } else if (g.n[idx] > 0 && idx != totalIdx && (best < 0 || value[idx] < value[best])) {
                best = idx;
            }
        }
        if (withheldCells != 1) {
            return false;
        }
        if (best < 0) {
            if (withheld[totalIdx] || g.n[totalIdx] == 0) {
                return false; // the withheld cell is the total and every category is empty or known: nothing to hide it
                // with
            }
            best = totalIdx;
        }
        withheld[best] = true;
        return true;
    }
}
