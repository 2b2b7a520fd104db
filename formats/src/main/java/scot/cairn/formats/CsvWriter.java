package scot.cairn.formats;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one way Cairn writes CSV: downloads, custom tables, profiles, changes between versions,
 * the catalogue and release calendar, ptables and synthetic microdata all go through it, so a rule
 * for every CSV we hand out (such as neutralising spreadsheet formulas) is made here once.
 * Quoting is Commons CSV's RFC 4180 ({@link CSVFormat#DEFAULT}); only the record separator varies.
 * Not thread-safe: one instance per output.
 */
public final class CsvWriter implements Closeable, Flushable {
    private static final CSVFormat CRLF = CSVFormat.DEFAULT;
    private static final CSVFormat LF = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final CSVPrinter printer;

    private CsvWriter(Appendable out, CSVFormat format) {
        try {
            this.printer = new CSVPrinter(out, format);
        } catch (IOException e) {
            // CSVPrinter only writes at construction when given a header or comments, which these formats have not.
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180 records ending in CRLF, as downloads and exports have always been written. */
    public static CsvWriter crlf(Appendable out) {
        return new CsvWriter(out, CRLF);
    }

    /** Records ending in LF: the tidy tables, ptables and microdata files. */
    public static CsvWriter lf(Appendable out) {
        return new CsvWriter(out, LF);
    }

    /** CRLF records, UTF-8 encoded into a 64 KiB buffer over {@code out}: call {@link #flush()} at the end. */
    public static CsvWriter utf8(OutputStream out) {
        return crlf(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16));
    }

    /** Writes one record; null values are written as empty fields. */
    public CsvWriter row(Object... values) throws IOException {
        printer.printRecord(values);
        return this;
    }

    /** Writes one record from the values in order; null values are written as empty fields. */
    public CsvWriter row(Iterable<?> values) throws IOException {
        printer.printRecord(values);
        return this;
    }

    /**
     * The values as the fields of part of a record ({@code a,"b, c"}), with no record separator:
     * for writers that render the repeating parts of their rows once and then join them (a table's
     * area names and category labels, for 170,000 rows), so every field still passes through this
     * class's rules. Null values are empty fields.
     */
    public static String fields(Object... values) {
        StringBuilder out = new StringBuilder();
        try {
            CSVPrinter fragment = new CSVPrinter(out, CRLF);
            for (Object v : values) {
                fragment.print(v);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** Flushes and closes the underlying output when it is closeable. */
    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
