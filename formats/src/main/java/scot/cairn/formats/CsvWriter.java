package scot.cairn.formats;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The one way Cairn writes CSV: downloads, custom tables, profiles, changes between versions,
 * the catalogue and release calendar, SPARQL results, ptables and synthetic microdata all go
 * through it, so every rule for the CSV we hand out is made here once:
 * <ul>
 *   <li>quoting is Commons CSV's RFC 4180 ({@link CSVFormat#DEFAULT}); only the record separator varies;</li>
 *   <li>numbers are written as {@link Numbers#of(Number)} writes them ({@code 118049}, never {@code 118049.0});</li>
 *   <li>cells a spreadsheet would run as formulas are neutralised as {@link Formulas} says, and under
 *       {@link Formulas#NEUTRALISE} a cell holding a semicolon or tab (the separators of other locales'
 *       spreadsheets, which could start a new cell inside it) is always quoted.</li>
 * </ul>
 * Not thread-safe: one instance per output.
 */
public final class CsvWriter implements Closeable, Flushable {
    private static final CSVFormat CRLF = CSVFormat.DEFAULT;
    private static final CSVFormat LF =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final Appendable out;
    private final CSVFormat format;
    private final CSVFormat quoted;
    private final Formulas formulas;

    private CsvWriter(Appendable out, CSVFormat format, Formulas formulas) {
        this.out = out;
        this.format = format;
        this.quoted = format.builder().setQuoteMode(QuoteMode.ALL).get();
        this.formulas = formulas;
    }

    /** RFC 4180 records ending in CRLF, as downloads and exports have always been written. */
    public static CsvWriter crlf(Appendable out, Formulas formulas) {
        return new CsvWriter(out, CRLF, formulas);
    }

    /** Records ending in LF: the tidy tables, ptables and microdata files. */
    public static CsvWriter lf(Appendable out, Formulas formulas) {
        return new CsvWriter(out, LF, formulas);
    }

    /** CRLF records, UTF-8 encoded into a 64 KiB buffer over {@code out}: call {@link #flush()} at the end. */
    public static CsvWriter utf8(OutputStream out, Formulas formulas) {
        return crlf(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), formulas);
    }

    /** Writes one record; null values are written as empty fields. */
    public CsvWriter row(Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            cell(values[i], i == 0);
        }
        format.println(out);
        return this;
    }

    /** Writes one record from the values in order; null values are written as empty fields. */
    public CsvWriter row(Iterable<?> values) throws IOException {
        boolean first = true;
        for (Object value : values) {
            cell(value, first);
            first = false;
        }
        format.println(out);
        return this;
    }

    /**
     * The values as the fields of part of a record ({@code a,"b, c"}), with no record separator:
     * for writers that render the repeating parts of their rows once and then join them (a table's
     * area names and category labels, for 170,000 rows), so every field still passes through this
     * class's rules. Null values are empty fields.
     */
    public static String fields(Formulas formulas, Object... values) {
        StringBuilder out = new StringBuilder();
        CsvWriter fragment = new CsvWriter(out, CRLF, formulas);
        try {
            for (int i = 0; i < values.length; i++) {
                fragment.cell(values[i], i == 0);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    private void cell(Object value, boolean first) throws IOException {
        if (value == null) {
            format.print(null, out, first);
            return;
        }
        if (value instanceof Number n) {
            format.print(Numbers.of(n), out, first);
            return;
        }
        String text = formulas.cell(value.toString());
        boolean otherSeparator = formulas == Formulas.NEUTRALISE && (text.indexOf(';') >= 0 || text.indexOf('\t') >= 0);
        (otherSeparator ? quoted : format).print(text, out, first);
    }

    @Override
    public void flush() throws IOException {
        if (out instanceof Flushable f) {
            f.flush();
        }
    }

    /** Flushes and closes the underlying output when it is closeable. */
    @Override
    public void close() throws IOException {
        flush();
        if (out instanceof Closeable c) {
            c.close();
        }
    }
}
