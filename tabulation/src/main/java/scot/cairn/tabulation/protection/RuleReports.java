package scot.cairn.tabulation.protection;

import java.util.ArrayList;
import java.util.List;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.TabulationResult.RuleReport;

/**
 * The rules a response lists: what applied and how many areas or cells each withheld. Magnitude
 * suppressions are one rule with one count, so the response never tells how many cells hold too
 * few contributors; dominance parameters are never named.
 */
final class RuleReports {
    private RuleReports() {}

    static List<RuleReport> of(TableSpec spec, DisclosureSettings s, int blockedAreas, int magnitudeWithheld) {
        List<RuleReport> rules = new ArrayList<>();
        rules.add(new RuleReport(
                "cell-key-perturbation",
                "every count is perturbed by the cell key method (maximum change 5; no published 1s or 2s; zeros stay zero)",
                0));
        if (spec.userDefined()) {
            rules.add(new RuleReport(
                    "min-custom-population",
                    "an area defined by the user must hold at least " + s.minCustomPopulation() + " " + spec.unit(),
                    0));
            rules.add(new RuleReport(
                    "differencing",
                    "an area defined by the user may not set apart, from the areas already released, a "
                            + "piece of fewer than " + s.differencing().minAtomZones() + " data zones or "
                            + s.differencing().minAtomRecords() + " " + spec.unit(),
                    0));
        }
        if (!spec.variables().isEmpty()) {
            rules.add(new RuleReport(
                    "sparsity",
                    "an area is withheld when more than " + Math.round(s.maxSparseShare() * 100)
                            + "% of its non-empty cells hold fewer than " + s.sparseCount() + " " + spec.unit(),
                    blockedAreas));
        }
        rules.add(new RuleReport(
                "limits",
                "at most " + s.maxVariables() + " variables, " + s.maxCategories() + " categories per variable and "
                        + s.maxCells() + " cells per table",
                0));
        if (spec.isMagnitude()) {
            rules.add(new RuleReport(
                    "magnitude-perturbation",
                    "sums are perturbed by the cell key method for magnitudes, scaled by "
                            + "their largest contributions, and never published exactly",
                    0));
            rules.add(new RuleReport(
                    "magnitude-suppression",
                    "a sum or mean over too few " + spec.unit() + " or dominated by its "
                            + "largest contributors is withheld, with further values so that none can be derived from a line or column of the "
                            + "table, totals included (parameters are not published)",
                    magnitudeWithheld));
        }
        return rules;
    }
}
