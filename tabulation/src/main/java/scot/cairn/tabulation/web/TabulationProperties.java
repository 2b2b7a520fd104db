package scot.cairn.tabulation.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.differencing.ClientLimits;
import scot.cairn.tabulation.differencing.DifferencingSettings;

/**
 * Settings of the tabulation service (prefix {@code cairn.tabulation.}); the defaults are the
 * table "Rules applied before a table is released" in docs/custom-tables.md and
 * {@link DisclosureSettings#defaults()}. The ptables and the dominance rule are not settings here.
 *
 * @param minCustomPopulation records a custom area or locality must hold ({@code min-custom-population}, default 200)
 * @param maxVariables        variables crossed per table ({@code max-variables}, default 4)
 * @param maxCategories       categories per variable after filters ({@code max-categories}, default 100)
 * @param maxCells            cells per table, areas x cells, totals included ({@code max-cells}, default 2,500,000)
 * @param sparseCount         an interior cell with a true count from 1 to {@code sparse-count} - 1 is "small" (default 3)
 * @param maxSparseShare      an area is withheld when more than this share of its non-empty interior cells are small
 *                            ({@code max-sparse-share}, default 0.5)
 * @param memoryRecords       datasets of up to this many records are counted from a copy of their count columns in
 *                            memory, about 4 + (number of variables) bytes per record; 0 keeps every table in DuckDB
 *                            ({@code memory-records}, default 20,000,000)
 * @param customAreaBlocks    what user-defined areas are made of: {@code data-zone} (any data zones, the default) or
 *                            {@code intermediate-zone} (whole intermediate zones only) ({@code custom-area-blocks})
 * @param minAtomZones        no user-defined area may set apart, from the areas already released, a piece of fewer data
 *                            zones ({@code min-atom-zones}, default 2)
 * @param minAtomRecords      ... or of fewer records ({@code min-atom-records}, default 200)
 * @param customAreasRequireApiKey              only clients with an API key may tabulate user-defined areas
 *                                              ({@code custom-areas-require-api-key}, default false)
 * @param customAreasPerClientPerDay            new user-defined areas one API key may release in 24 hours (default 1,000)
 * @param customAreasPerAnonymousClientPerDay   the same for one address without a key (default 100)
 * @param customAreasNearIdenticalZones         an area within this many data zones of another client's is written to the
 *                                              audit log (default 5)
 */
@ConfigurationProperties(prefix = "cairn.tabulation")
public record TabulationProperties(
        @DefaultValue("200") int minCustomPopulation,
        @DefaultValue("4") int maxVariables,
        @DefaultValue("100") int maxCategories,
        @DefaultValue("2500000") long maxCells,
        @DefaultValue("3") int sparseCount,
        @DefaultValue("0.5") double maxSparseShare,
        @DefaultValue("20000000") long memoryRecords,
        @DefaultValue("data-zone") String customAreaBlocks,
        @DefaultValue("2") int minAtomZones,
        @DefaultValue("200") long minAtomRecords,
        @DefaultValue("false") boolean customAreasRequireApiKey,
        @DefaultValue("1000") int customAreasPerClientPerDay,
        @DefaultValue("100") int customAreasPerAnonymousClientPerDay,
        @DefaultValue("5") int customAreasNearIdenticalZones) {

    public TabulationProperties {
        if (memoryRecords < 0) {
            throw new IllegalArgumentException(
                    "cairn.tabulation.memory-records must be 0 or more, got " + memoryRecords);
        }
        // The ranges of the other settings are checked by DisclosureSettings, with the same words
        // (fields are not assigned yet in a compact constructor: the parameters are passed).
        settings(
                minCustomPopulation,
                maxVariables,
                maxCategories,
                maxCells,
                sparseCount,
                maxSparseShare,
                customAreaBlocks,
                minAtomZones,
                minAtomRecords);
        if (customAreasPerClientPerDay < 0
                || customAreasPerAnonymousClientPerDay < 0
                || customAreasNearIdenticalZones < 0) {
            throw new IllegalArgumentException(
                    "cairn.tabulation.custom-areas-*: quotas and the near-identical distance must be 0 or more");
        }
    }

    /** What clients may release as user-defined areas. */
    public ClientLimits clientLimits() {
        try {
            return new ClientLimits(
                    customAreasRequireApiKey,
                    customAreasPerClientPerDay,
                    customAreasPerAnonymousClientPerDay,
                    customAreasNearIdenticalZones);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cairn.tabulation.*: " + e.getMessage(), e);
        }
    }

    /** The disclosure settings: the defaults with these limits. */
    public DisclosureSettings disclosureSettings() {
        return settings(
                minCustomPopulation,
                maxVariables,
                maxCategories,
                maxCells,
                sparseCount,
                maxSparseShare,
                customAreaBlocks,
                minAtomZones,
                minAtomRecords);
    }

    private static DisclosureSettings settings(
            int minCustomPopulation,
            int maxVariables,
            int maxCategories,
            long maxCells,
            int sparseCount,
            double maxSparseShare,
            String customAreaBlocks,
            int minAtomZones,
            long minAtomRecords) {
        try {
            return DisclosureSettings.defaults()
                    .withMinCustomPopulation(minCustomPopulation)
                    .withLimits(maxVariables, maxCategories, maxCells)
                    .withSparsity(sparseCount, maxSparseShare)
                    .withDifferencing(new DifferencingSettings(
                            DifferencingSettings.BuildingBlocks.parse(customAreaBlocks), minAtomZones, minAtomRecords));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cairn.tabulation.*: " + e.getMessage(), e);
        }
    }
}
