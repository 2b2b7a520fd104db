package scot.cairn.vocab;

/**
 * The reference.data.gov.uk interval URIs used for reference periods.
 *
 * @see <a href="http://reference.data.gov.uk/">reference.data.gov.uk</a>
 */
public final class ReferenceTime {
    private ReferenceTime() {}

    public static final String ID = "http://reference.data.gov.uk/id/";
    public static final String DEF = "http://reference.data.gov.uk/def/intervals/";

    public static String year(int year) {
        return ID + "year/" + year;
    }

    public static String governmentYear(int startYear) {
        return ID + "government-year/" + startYear + "-" + (startYear + 1);
    }

    public static String quarter(int year, int quarter) {
        return ID + "quarter/" + year + "-Q" + quarter;
    }

    public static String month(int year, int month) {
        return ID + "month/" + year + "-" + String.format("%02d", month);
    }

    public static String day(String isoDate) {
        return ID + "day/" + isoDate;
    }

    /** A run of whole years, e.g. 2005-2007 is {@code gregorian-interval/2005-01-01T00:00:00/P3Y}. */
    public static String yearsInterval(int firstYear, int years) {
        return ID + "gregorian-interval/" + firstYear + "-01-01T00:00:00/P" + years + "Y";
    }
}
