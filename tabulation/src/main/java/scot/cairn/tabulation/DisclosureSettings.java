package scot.cairn.tabulation;

import scot.cairn.tabulation.differencing.DifferencingSettings;
import scot.cairn.tabulation.disclosure.DominanceRule;
import scot.cairn.tabulation.disclosure.MagnitudePerturbation;
import scot.cairn.tabulation.disclosure.Ptable;

/**
 * The disclosure-control settings of a tabulation service. The defaults are documented in
 * docs/custom-tables.md; the dominance parameters are never returned to users.
 *
 * @param countPtable            ptable for counts (default: D=5, V=3, js=2, pstay=0.5)
 * @param magnitude              magnitude perturbation (default {@link MagnitudePerturbation#defaults()}: top 3
 *                               contributions, D=5, V=3 magnitude ptable read continuously, delta 0.1, muC 1)
 * @param dominance              primary suppression rule for magnitudes (default (2, 85))
 * @param minFrequency           magnitude cells with fewer contributors are suppressed (default 3)
 * @param minCustomPopulation    records a custom area or locality must hold (default 200)
 * @param sparseCount            interior cells with true counts 1..sparseCount-1 are "small" (default 3)
 * @param maxSparseShare         an area whose non-empty interior cells are more than this share small is blocked (default 0.5)
 * @param maxVariables           variables per request (default 4)
 * @param maxCategories          categories per variable (default 100)
 * @param maxCells               cells per request including totals (default 2,500,000)
 * @param differencing           how user-defined areas are kept from differencing (default {@link DifferencingSettings#defaults()})
 */
public record DisclosureSettings(
        Ptable countPtable,
        MagnitudePerturbation magnitude,
        DominanceRule dominance,
        int minFrequency,
        int minCustomPopulation,
        int sparseCount,
        double maxSparseShare,
        int maxVariables,
        int maxCategories,
        long maxCells,
        DifferencingSettings differencing) {
    public DisclosureSettings {
        if (countPtable == null || magnitude == null || dominance == null || differencing == null) {
            throw new IllegalArgumentException(
                    "ptable, magnitude perturbation, dominance rule and differencing settings are all required");
        }
        if (minFrequency < 1
                || minCustomPopulation < 0
                || sparseCount < 1
                || maxVariables < 1
                || maxCategories < 1
                || maxCells < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (!(maxSparseShare > 0 && maxSparseShare <= 1)) {
            throw new IllegalArgumentException("maxSparseShare must be in (0,1], got " + maxSparseShare);
        }
    }

    /** The documented defaults. */
    public static DisclosureSettings defaults() {
        return new DisclosureSettings(
                Ptable.defaultTable(),
                MagnitudePerturbation.defaults(),
                new DominanceRule.NK(2, 85),
                3,
                200,
                3,
                0.5,
                4,
                100,
                2_500_000,
                DifferencingSettings.defaults());
    }

    public DisclosureSettings withMinCustomPopulation(int value) {
        return new DisclosureSettings(
                countPtable,
                magnitude,
                dominance,
                minFrequency,
                value,
                sparseCount,
                maxSparseShare,
                maxVariables,
                maxCategories,
                maxCells,
                differencing);
    }

    public DisclosureSettings withLimits(int variables, int categories, long cells) {
        return new DisclosureSettings(
                countPtable,
                magnitude,
                dominance,
                minFrequency,
                minCustomPopulation,
                sparseCount,
                maxSparseShare,
                variables,
                categories,
                cells,
                differencing);
    }

    public DisclosureSettings withDifferencing(DifferencingSettings value) {
        return new DisclosureSettings(
                countPtable,
                magnitude,
                dominance,
                minFrequency,
                minCustomPopulation,
                sparseCount,
                maxSparseShare,
                maxVariables,
                maxCategories,
                maxCells,
                value);
    }

    public DisclosureSettings withMagnitude(MagnitudePerturbation value) {
        return new DisclosureSettings(
                countPtable,
                value,
                dominance,
                minFrequency,
                minCustomPopulation,
                sparseCount,
                maxSparseShare,
                maxVariables,
                maxCategories,
                maxCells,
                differencing);
    }

    /** How many largest contributions a magnitude cell must keep (for the dominance rule and the noise). */
    public int topContributions() {
        return Math.max(Math.max(2, dominance.contributorsNeeded()), magnitude.topK());
    }

    public DisclosureSettings withSparsity(int count, double share) {
        return new DisclosureSettings(
                countPtable,
                magnitude,
                dominance,
                minFrequency,
                minCustomPopulation,
                count,
                share,
                maxVariables,
                maxCategories,
                maxCells,
                differencing);
    }
}
