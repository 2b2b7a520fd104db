package scot.cairn.tabulation.protection;

import java.util.List;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.TabulationResult;

/**
 * The sparsity rule, per area: an area whose non-empty interior cells are more than the allowed
 * share small (true count 1 to sparseCount - 1) is withheld whole (ABS TableBuilder's "table
 * suppression", ONS's blocking of sparse areas); the rest of the table is still released.
 */
final class Sparsity {
    private Sparsity() {}

    /** The areas to withhold; one {@link TabulationResult.BlockedArea} each is added to {@code blocked}. */
    static boolean[] blockedAreas(
            CellGrid g, TableSpec spec, DisclosureSettings settings, List<TabulationResult.BlockedArea> blocked) {
        boolean[] out = new boolean[g.areas];
        if (g.extent.length == 0) {
            return out;
        }
        for (int a = 0; a < g.areas; a++) {
            int nonEmpty = 0;
            int small = 0;
            for (int cell = 0; cell < g.perArea; cell++) {
                long n = g.n[a * g.perArea + cell];
                if (g.interior[cell] && n > 0) {
                    nonEmpty++;
                    if (n < settings.sparseCount()) {
                        small++;
                    }
                }
            }
            if (nonEmpty > 0 && small > settings.maxSparseShare() * nonEmpty) {
                out[a] = true;
                blocked.add(new TabulationResult.BlockedArea(
                        spec.areas().get(a).code(),
                        "sparsity",
                        "too many of this area's cells hold very few " + spec.unit()
                                + " for the table to be released safely",
                        "ask for less detail (fewer variables or categories) or a larger area"));
            }
        }
        return out;
    }
}
