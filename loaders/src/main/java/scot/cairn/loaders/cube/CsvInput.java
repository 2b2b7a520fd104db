package scot.cairn.loaders.cube;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.formats.TextInput;

/**
 * The records of a CSV file, parsed by Commons CSV over a {@link TextInput}, so that a file in
 * the wrong encoding, a NUL byte, a 2 GB line, a quote that is never closed or a million columns
 * each end the reading with one {@link InputError} at its line and column, in bounded memory and
 * time. Blank lines are skipped; a UTF-8 byte-order mark, CRLF line ends and quoted fields with
 * commas or line breaks inside are read as usual.
 */
final class CsvInput implements Closeable {

    /** The most characters one line, or one row spread over lines by quoted line breaks, may hold. */
    static final int MAX_ROW_CHARS = 1 << 20;

    /** The most columns a file may have: Excel's own limit. */
    static final int MAX_COLUMNS = 16_384;

    static final TextInput.Limits LIMITS = new TextInput.Limits(MAX_ROW_CHARS, MAX_ROW_CHARS, Long.MAX_VALUE);

    private static final Pattern EOF_IN_QUOTES =
            Pattern.compile("\\(startline ([0-9,]+)\\) EOF reached before encapsulated token finished");
    private static final Pattern AFTER_QUOTE =
            Pattern.compile("Invalid character between encapsulated token and delimiter at line: ([0-9,]+)");

    private final Path path;
    private final TextInput text;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long line;

    private CsvInput(Path path) {
        this.path = path;
        this.text = TextInput.open(path, LIMITS);
        try {
            this.parser =
                    CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + TextInput.describe(e), e);
        }
        this.records = parser.iterator();
    }

    /**
     * Opens a file for reading.
     *
     * @throws InvalidInputException when it is UTF-16 or UTF-32
     * @throws UncheckedIOException  when it cannot be read
     */
    static CsvInput open(Path path) {
        return new CsvInput(path);
    }

    String fileName() {
        return text.fileName();
    }

    /**
     * The first record, with at most {@link #MAX_COLUMNS} columns.
     *
     * @throws InvalidInputException when the file is empty, cannot be read as CSV or is too wide
     */
    List<String> header() {
        CSVRecord header = next();
        if (header == null) {
            throw new InvalidInputException(
                    new InputError(fileName(), 1, 0, "missing-header", "the file is empty: expected a header row"));
        }
        if (header.size() > MAX_COLUMNS) {
            throw new InvalidInputException(new InputError(
                    fileName(),
                    line,
                    0,
                    "too-many-columns",
                    String.format(
                            Locale.ROOT,
                            "the header has %,d columns; a file may have at most %,d (is this the right file?)",
                            header.size(),
                            MAX_COLUMNS)));
        }
        return header.toList();
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws InvalidInputException when the file cannot be read on as CSV: one error where it goes wrong
     */
    CSVRecord next() {
        text.startRecord(parser.getCurrentLineNumber() + 1);
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            long embedded = 0;
            for (String c : r.values()) {
                for (int i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) {
                    embedded++;
                }
            }
            line = parser.getCurrentLineNumber() - embedded;
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            InputError problem = TextInput.problemIn(e).orElseGet(() -> syntaxError(e));
            if (problem.rule().equals("row-too-long")) {
                problem = unclosedQuote(problem.line()).orElse(problem);
            }
            throw new InvalidInputException(problem);
        }
    }

    /** The line the last record returned starts on. */
    long line() {
        return line;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commons CSV's complaint, turned into the line and column to fix and words a publisher can act on. */
    private InputError syntaxError(RuntimeException e) {
        Throwable cause = e.getCause() instanceof CSVException c ? c : e;
        String m = String.valueOf(cause.getMessage());
        Matcher eof = EOF_IN_QUOTES.matcher(m);
        Matcher after = AFTER_QUOTE.matcher(m);
        long at = eof.find()
                ? number(eof.group(1))
                : after.find() ? number(after.group(1)) : parser.getCurrentLineNumber();
        QuoteScan.Found found = QuoteScan.scan(line(at));
        if (found != null && found.unclosed()) {
            return new InputError(
                    fileName(),
                    at,
                    found.column(),
                    "csv-syntax",
                    "a quoted field opens here and is never closed: add the missing \" (or remove this one)");
        }
        if (found != null) {
            return new InputError(
                    fileName(),
                    at,
                    found.column(),
                    "csv-syntax",
                    "text follows the closing quote of a quoted field: "
                            + "quote the whole field, and write each \" inside it as \"\"");
        }
        return new InputError(fileName(), at, 0, "csv-syntax", "this row cannot be read as CSV (a stray \" ?)");
    }

    /** The quote that opens a field never closed on {@code line}, if that is what made a row too long. */
    private java.util.Optional<InputError> unclosedQuote(long line) {
        QuoteScan.Found found = QuoteScan.scan(line(line));
        return found != null && found.unclosed()
                ? java.util.Optional.of(new InputError(
                        fileName(),
                        line,
                        found.column(),
                        "csv-syntax",
                        "a quoted field opens here and is never closed: add the missing \" (or remove this one)"))
                : java.util.Optional.empty();
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** Line {@code n} of the file (read again, within the same bounds), or "" when it cannot be. */
    private String line(long n) {
        try (BufferedReader r = new BufferedReader(TextInput.open(path, LIMITS))) {
            String s = "";
            for (long i = 0; i < n && s != null; i++) {
                s = r.readLine();
            }
            return s == null ? "" : s;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Finds, on one line, the quote a CSV parser stumbled on. Only for pointing at the column in an
     * error: Commons CSV does the parsing, and names just the line.
     */
    static final class QuoteScan {
        private QuoteScan() {}

        /** @param column 1-based; {@code unclosed}: a quote that never closes, else the character after a closing quote */
        record Found(int column, boolean unclosed) {}

        static Found scan(String line) {
            int i = 0;
            int n = line.length();
            while (i < n) {
                if (line.charAt(i) != '"') {
                    int comma = line.indexOf(',', i);
                    if (comma < 0) {
                        return null;
                    }
                    i = comma + 1;
                    continue;
                }
                int open = i++;
                while (true) {
                    if (i >= n) {
                        return new Found(column(line, open), true);
                    }
                    if (line.charAt(i) == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    return new Found(column(line, i), false);
                }
                i++;
            }
            return null;
        }

        private static int column(String line, int index) {
            return line.codePointCount(0, index) + 1;
        }
    }
}
