package scot.cairn.loaders.cube;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scot.cairn.vocab.ReferenceTime;

/**
 * A reference period parsed from a DateCode cell.
 *
 * @param uri   the reference.data.gov.uk interval URI
 * @param label the label in the form the publisher typed it ({@code 2009/2010}, {@code 2005-2007}),
 *              never the interval's duration
 * @param key   the URI segment used in observation URIs ({@code 2016}, {@code 2016-Q2},
 *              {@code 2016-08}, {@code 2009-2010}, {@code 2005-2007}, {@code 2016-08-01})
 */
public record ReferencePeriod(String uri, String label, String key) {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})\\s*-?\\s*Q([1-4])", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH = Pattern.compile("(\\d{4})(?:M|-)(\\d{2})", Pattern.CASE_INSENSITIVE);
    private static final Pattern GOVERNMENT_YEAR = Pattern.compile("(\\d{4})/(\\d{4})");
    private static final Pattern YEARS = Pattern.compile("(\\d{4})-(\\d{4})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The forms {@link #parse} accepts, for messages. */
    public static final String FORMS = "2016, 2016-Q2, 2016M08, 2009/2010, 2005-2007 or 2016-08-01";

    public ReferencePeriod {
        Objects.requireNonNull(uri);
        Objects.requireNonNull(label);
        Objects.requireNonNull(key);
    }

    /**
     * Parses a DateCode.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    public static ReferencePeriod parse(String dateCode) {
        String s = dateCode.strip();
        Matcher m;
        if ((m = YEAR.matcher(s)).matches()) {
            return new ReferencePeriod(ReferenceTime.year(Integer.parseInt(s)), s, s);
        }
        if ((m = QUARTER.matcher(s)).matches()) {
            int y = Integer.parseInt(m.group(1));
            int q = Integer.parseInt(m.group(2));
            return new ReferencePeriod(ReferenceTime.quarter(y, q), s, y + "-Q" + q);
        }
        if ((m = MONTH.matcher(s)).matches()) {
            int y = Integer.parseInt(m.group(1));
            int mo = Integer.parseInt(m.group(2));
            if (mo < 1 || mo > 12) {
                throw malformed(s, "month " + mo + " does not exist");
            }
            return new ReferencePeriod(ReferenceTime.month(y, mo), s, String.format("%d-%02d", y, mo));
        }
        if ((m = GOVERNMENT_YEAR.matcher(s)).matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (b != a + 1) {
                throw malformed(s, "a financial year runs from one year to the next, e.g. " + a + "/" + (a + 1));
            }
            return new ReferencePeriod(ReferenceTime.governmentYear(a), s, a + "-" + b);
        }
        if ((m = YEARS.matcher(s)).matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (b <= a) {
                throw malformed(s, "the last year must come after the first");
            }
            return new ReferencePeriod(ReferenceTime.yearsInterval(a, b - a + 1), s, a + "-" + b);
        }
        if (DAY.matcher(s).matches()) {
            try {
                LocalDate.parse(s);
            } catch (DateTimeException e) {
                throw malformed(s, "no such date");
            }
            return new ReferencePeriod(ReferenceTime.day(s), s, s);
        }
        throw malformed(s, "expected " + FORMS);
    }

    private static IllegalArgumentException malformed(String s, String why) {
        return new IllegalArgumentException("malformed period '" + s + "': " + why);
    }
}
