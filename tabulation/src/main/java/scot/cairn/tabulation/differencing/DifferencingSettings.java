package scot.cairn.tabulation.differencing;

/**
 * How user-defined areas (custom areas and localities) are kept from isolating small groups by
 * differencing. See tabulation/README.md, "Differencing of user-defined areas".
 *
 * @param blocks       what a user-defined area is made of: whole data zones, or whole intermediate zones
 * @param minAtomZones every piece that released areas separate from the rest must span at least this
 *                     many data zones (default 2: no area may single out one data zone)
 * @param minAtomRecords and hold at least this many records (0 records is allowed: an empty piece
 *                     reveals nothing); default 200, the minimum population of a user-defined area
 */
public record DifferencingSettings(BuildingBlocks blocks, int minAtomZones, long minAtomRecords) {

    /** The building blocks of user-defined areas. */
    public enum BuildingBlocks {
        /** Any set of 2011 data zones. */
        DATA_ZONE,
        /** Unions of whole 2011 intermediate zones only. */
        INTERMEDIATE_ZONE;

        /** Parses {@code data-zone} or {@code intermediate-zone}. */
        public static BuildingBlocks parse(String s) {
            return switch (s == null ? "" : s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "data-zone", "data-zones" -> DATA_ZONE;
                case "intermediate-zone", "intermediate-zones" -> INTERMEDIATE_ZONE;
                default ->
                    throw new IllegalArgumentException(
                            "building blocks must be data-zone or intermediate-zone, got '" + s + "'");
            };
        }
    }

    public DifferencingSettings {
        if (blocks == null) {
            throw new IllegalArgumentException("building blocks are required");
        }
        if (minAtomZones < 1) {
            throw new IllegalArgumentException("min-atom-zones must be at least 1, got " + minAtomZones);
        }
        if (minAtomRecords < 0) {
            throw new IllegalArgumentException("min-atom-records must be 0 or more, got " + minAtomRecords);
        }
    }

    /** The shipped defaults: data zones as building blocks, pieces of at least 2 data zones and 200 records. */
    public static DifferencingSettings defaults() {
        return new DifferencingSettings(BuildingBlocks.DATA_ZONE, 2, 200);
    }
}
