package scot.cairn.profiles;

import java.util.List;
import java.util.Objects;

/**
 * A profile computed for one area or locality: one {@link Row} per indicator. Values are plain
 * numbers (null when not available); every row carries its source dataset and periods, and words
 * for its comparisons so that no reader depends on colour.
 *
 * @param profile      profile name
 * @param title        profile title
 * @param area         the area profiled
 * @param scotland     name of the comparator (Scotland)
 * @param smallCount   counts below this are shown as counts and flagged
 * @param storeVersion the store version the figures were computed from
 * @param rows         one per indicator, in profile order
 */
public record AreaProfile(
        String profile,
        String title,
        AreaInfo area,
        String scotland,
        int smallCount,
        long storeVersion,
        List<Row> rows) {

    public AreaProfile {
        Objects.requireNonNull(area, "area");
        rows = List.copyOf(rows);
    }

    /**
     * @param code      area code, or the locality id
     * @param name      area name
     * @param level     level label (e.g. {@code Council Area}) or {@code Locality}
     * @param dataZones number of data zones it covers
     */
    public record AreaInfo(String code, String name, String level, int dataZones) {}

    /**
     * One indicator for the area.
     *
     * @param comparison     BETTER, WORSE, SIMILAR, NOT_COMPARED or NO_DATA
     * @param trend          change over all periods
     * @param subAreas       worst and best area one level down (null for a data zone, and for counts unless ranked)
     * @param inequality     most- vs least-deprived group within the area (null without a deprivation measure, and for
     *                       counts unless ranked)
     * @param family         the area beside its family group of similar areas (null without one)
     * @param scotlandSeries Scotland's value in every period of the trend, for the trend chart
     * @param notes          problems and caveats in words (suppressed data zones, missing data, ...)
     */
    public record Row(
            String id,
            String label,
            String type,
            String better,
            String unit,
            String dataset,
            String source,
            String period,
            Figure value,
            Figure scotland,
            Double ratioToScotland,
            String comparison,
            String comparisonText,
            Trend trend,
            SubAreas subAreas,
            Inequality inequality,
            FamilyComparison family,
            List<Point> scotlandSeries,
            List<String> notes) {
        public Row {
            scotlandSeries = List.copyOf(scotlandSeries);
            notes = List.copyOf(notes);
        }
    }

    /**
     * An area beside its family group of similar areas, as the Community Planning Outcomes Profile
     * sets each council beside its family group.
     *
     * @param label    what the family is, e.g. "similar councils (income deprivation and population)"
     * @param members  the other areas of the family with their latest values
     * @param average  the unweighted mean of the members' latest values (null when none has one)
     * @param averageDisplay the mean as shown
     * @param rank     the area's place among itself and the members with a value, best first (null when not ranked)
     * @param ranked   how many were ranked
     * @param text     the comparison in words ("3rd best of 8; family average 12.4%")
     * @param series   the family average in every period of the trend, for the trend chart
     */
    public record FamilyComparison(
            String label,
            List<Named> members,
            Double average,
            String averageDisplay,
            Integer rank,
            int ranked,
            String text,
            List<Point> series) {
        public FamilyComparison {
            members = List.copyOf(members);
            series = List.copyOf(series);
        }
    }

    /**
     * A value with what it is made of.
     *
     * @param value               the figure (count, rate, proportion or value), null when not available or
     *                            when the count is too small for a rate
     * @param numerator           count behind a rate or proportion (or the count itself)
     * @param denominator         population behind a rate or proportion
     * @param lower               95% interval lower limit, in the value's units
     * @param upper               95% interval upper limit
     * @param interval            method of the interval: {@code wilson}, {@code byar} or null
     * @param published           true when published for the area itself, false when aggregated from data zones
     * @param smallCount          true when the count is below the profile's threshold
     * @param dataZones           data zones aggregated (0 when published)
     * @param suppressedDataZones data zones whose value is suppressed (left out of the aggregate, never as zero)
     * @param unavailableDataZones data zones with no value for another reason
     * @param display             the figure as shown on the page
     */
    public record Figure(
            Double value,
            Double numerator,
            Double denominator,
            Double lower,
            Double upper,
            String interval,
            boolean published,
            boolean smallCount,
            int dataZones,
            int suppressedDataZones,
            int unavailableDataZones,
            String display) {}

    /**
     * @param direction IMPROVING, WORSENING, NO_CLEAR_CHANGE, NOT_TESTED, ONE_PERIOD or NO_DATA
     * @param text      the direction in words
     * @param test      the test used
     * @param pValue    its two-sided p-value (null when untested)
     * @param series    the area's value in every period
     */
    public record Trend(
            String direction,
            String text,
            String firstPeriod,
            Double firstValue,
            String latestPeriod,
            Double latestValue,
            String test,
            Double pValue,
            List<Point> series) {
        public Trend {
            series = List.copyOf(series);
        }
    }

    /** One period's value; null when not available. */
    public record Point(String period, Double value, boolean smallCount) {}

    /**
     * @param level    level of the sub-areas, e.g. {@code Intermediate Zone 2011}
     * @param ranked   sub-areas ranked
     * @param excluded sub-areas left out (no value, or count below the threshold)
     * @param worst    the worst of them
     * @param best     the best of them
     * @param gap      worst minus best
     */
    public record SubAreas(String level, int ranked, int excluded, Named worst, Named best, Double gap) {}

    /** A named area with its value. */
    public record Named(String code, String name, Double value, String display) {}

    /**
     * @param label         deprivation measure, e.g. {@code SIMD 2020v2 quintile}
     * @param mostDeprived  the value over the area's data zones in the most deprived group
     * @param leastDeprived the value over those in the least deprived group
     * @param gap           most minus least deprived
     * @param ratio         most over least deprived
     * @param text          the gap in words
     */
    public record Inequality(
            String label, Figure mostDeprived, Figure leastDeprived, Double gap, Double ratio, String text) {}
}
