package scot.cairn.profiles;

import java.util.Arrays;

/**
 * The observations of one series in columnar form: for every area of the snapshot's area index and
 * every period of the series, a value and a status. Immutable once built.
 */
final class SeriesTable {

    static final byte ABSENT = 0;
    static final byte VALUE = 1;
    static final byte SUPPRESSED = 2;
    /** Any other status without a value, e.g. not available. */
    static final byte UNAVAILABLE = 3;

    final String source;
    /** Period labels, ascending. */
    final String[] periods;

    final int areaCount;
    /** [area * periods + period]; NaN where no value. */
    final double[] values;

    final byte[] status;
    /** Why the series has no rows, or null. */
    final String problem;

    final long observations;

    SeriesTable(
            String source,
            String[] periods,
            int areaCount,
            double[] values,
            byte[] status,
            String problem,
            long observations) {
        this.source = source;
        this.periods = periods;
        this.areaCount = areaCount;
        this.values = values;
        this.status = status;
        this.problem = problem;
        this.observations = observations;
    }

    static SeriesTable failed(String source, int areaCount, String problem) {
        return new SeriesTable(source, new String[0], areaCount, new double[0], new byte[0], problem, 0);
    }

    int periodIndex(String label) {
        return Arrays.asList(periods).indexOf(label);
    }

    byte status(int area, int period) {
        return area < 0 || period < 0 ? ABSENT : status[area * periods.length + period];
    }

    double value(int area, int period) {
        return values[area * periods.length + period];
    }
}
