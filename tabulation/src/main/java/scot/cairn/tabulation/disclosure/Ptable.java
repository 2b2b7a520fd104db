package scot.cairn.tabulation.disclosure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;

/**
 * A perturbation table for the cell key method, in the format the R {@code ptable} package
 * writes and tau-Argus reads: columns {@code i, j, p, v, p_int_lb, p_int_ub}.
 *
 * <p>For a cell of true count {@code n > 0} the row {@code i = min(n, maxI)} is used; the
 * perturbation is the {@code v} of the first entry of that row whose {@code p_int_ub} exceeds the
 * cell key; the published count is {@code n + v}. A cell of 0 is published as 0. Immutable and
 * thread-safe.
 */
public final class Ptable {
    private static final String DEFAULT_RESOURCE = "ptable-D5-V3-js2.csv";
    private static final double TOLERANCE = 1e-6;

    /** One row of the file: from true value {@code i} to published value {@code j} with probability {@code p}. */
    public record Entry(int i, int j, double p, double lowerBound, double upperBound) {
        public Entry {
            if (i < 0 || j < 0) {
                throw new IllegalArgumentException("i and j must not be negative: i=" + i + " j=" + j);
            }
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p must be in [0,1]: " + p);
            }
        }

        public int v() {
            return j - i;
        }
    }

    private final Entry[][] rows;
    private final int maxI;

    private Ptable(Entry[][] rows) {
        this.rows = rows;
        this.maxI = rows.length - 1;
    }

    /** The ptable shipped with Cairn: D=5, V=3, js=2, pstay=0.5 (see {@link PtableGenerator}). */
    public static Ptable defaultTable() {
        try (InputStream in = Ptable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default ptable resource missing: " + DEFAULT_RESOURCE);
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The magnitude ptable shipped with Cairn: D=5, V=3, no blocked values, pstay=0.5 where feasible. */
    public static Ptable defaultMagnitudeTable() {
        try (InputStream in = Ptable.class.getResourceAsStream("ptable-magnitude-D5-V3.csv")) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "ptable-magnitude-D5-V3.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a ptable file; separators {@code ,} and {@code ;} are both accepted. */
    public static Ptable load(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return read(new java.io.StringReader(text), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a ptable. Columns are found by name ({@code i, j, p} required; {@code v} checked
     * against {@code j - i}; {@code p_int_lb} optional; {@code p_int_ub} checked against the
     * cumulative sum of {@code p}). Every row {@code 0..max i} must be present and sum to 1.
     *
     * @throws PtableFormatException naming source, line, column and rule
     */
    public static Ptable read(Reader reader, String source) {
        String text = readAll(reader);
        Map<Integer, List<Entry>> byRow = new TreeMap<>();
        Map<Integer, Long> rowLine = new TreeMap<>();
        parseEntries(text, source, byRow, rowLine);
        return new Ptable(completeRows(byRow, rowLine, source));
    }

    private static String readAll(Reader reader) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            reader.transferTo(w);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Comma-separated with a header, or semicolon-separated when the header has semicolons and no commas. */
    private static CSVFormat csvFormat(String text) {
        String header = text.lines().findFirst().orElse("");
        char sep = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(sep)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
    }

    /** Reads the entries of each row i, checked, with the line each row ends on. */
    private static void parseEntries(
            String text, String source, Map<Integer, List<Entry>> byRow, Map<Integer, Long> rowLine) {
        CSVFormat format = csvFormat(text);
        try (CSVParser parser = CSVParser.parse(text, format)) {
            List<String> names = parser.getHeaderNames();
            for (String required : List.of("i", "j", "p")) {
                if (!names.contains(required)) {
                    throw new PtableFormatException(
                            source,
                            1,
                            1,
                            "required-column",
                            "column '" + required + "' is missing; expected i,j,p,v,p_int_lb,p_int_ub");
                }
            }
            for (CSVRecord r : parser) {
                addEntry(r, names, source, byRow, rowLine);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            if (e instanceof PtableFormatException) {
                throw e;
            }
            throw new PtableFormatException(source, 1, 1, "csv-syntax", e.getMessage());
        }
    }

    /** Checks one record and adds it to its row, with its cumulative bounds. */
    private static void addEntry(
            CSVRecord r,
            List<String> names,
            String source,
            Map<Integer, List<Entry>> byRow,
            Map<Integer, Long> rowLine) {
        long line = r.getParser().getCurrentLineNumber();
        int i = intField(r, names, "i", source, line);
        int j = intField(r, names, "j", source, line);
        double p = doubleField(r, names, "p", source, line);
        if (p < 0 || p > 1 + TOLERANCE) {
            throw new PtableFormatException(
                    source, line, names.indexOf("p") + 1, "probability-range", "p must be in [0,1], got " + p);
        }
        if (i < 0 || j < 0) {
            throw new PtableFormatException(
                    source, line, names.indexOf(i < 0 ? "i" : "j") + 1, "non-negative", "i and j must not be negative");
        }
        if (names.contains("v") && !r.get("v").isEmpty() && intField(r, names, "v", source, line) != j - i) {
            throw new PtableFormatException(
                    source,
                    line,
                    names.indexOf("v") + 1,
                    "v-equals-j-minus-i",
                    "v must be j - i = " + (j - i) + ", got " + r.get("v"));
        }
        List<Entry> row = byRow.computeIfAbsent(i, k -> new ArrayList<>());
        double lb = row.isEmpty() ? 0.0 : row.get(row.size() - 1).upperBound();
        double ub = lb + p;
        if (names.contains("p_int_ub") && !r.get("p_int_ub").isEmpty()) {
            double given = doubleField(r, names, "p_int_ub", source, line);
            if (Math.abs(given - ub) > TOLERANCE) {
                throw new PtableFormatException(
                        source,
                        line,
                        names.indexOf("p_int_ub") + 1,
                        "cumulative-upper-bound",
                        "p_int_ub must be the running sum of p in row i=" + i + " (" + fmt(ub) + "), got " + given);
            }
            ub = given;
        }
        if (!row.isEmpty() && j <= row.get(row.size() - 1).j()) {
            throw new PtableFormatException(
                    source,
                    line,
                    names.indexOf("j") + 1,
                    "ascending-j",
                    "entries of row i=" + i + " must have ascending j");
        }
        row.add(new Entry(i, j, p, lb, ub));
        rowLine.put(i, line);
    }

    /** The rows 0..max as arrays, checked complete, each summing to one, with row 0 mapping 0 to 0. */
    private static Entry[][] completeRows(Map<Integer, List<Entry>> byRow, Map<Integer, Long> rowLine, String source) {
        if (byRow.isEmpty()) {
            throw new PtableFormatException(source, 1, 1, "non-empty", "the ptable has no rows");
        }
        int max = ((TreeMap<Integer, List<Entry>>) byRow).lastKey();
        Entry[][] rows = new Entry[max + 1][];
        for (int i = 0; i <= max; i++) {
            List<Entry> row = byRow.get(i);
            if (row == null) {
                throw new PtableFormatException(
                        source,
                        1,
                        1,
                        "rows-complete",
                        "row i=" + i + " is missing; rows 0.." + max + " are all needed");
            }
            double sum = row.stream().mapToDouble(Entry::p).sum();
            if (Math.abs(sum - 1.0) > TOLERANCE) {
                throw new PtableFormatException(
                        source,
                        rowLine.get(i),
                        1,
                        "row-sums-to-one",
                        "the probabilities of row i=" + i + " sum to " + fmt(sum) + ", not 1");
            }
            if (i == 0 && (row.size() != 1 || row.get(0).j() != 0)) {
                throw new PtableFormatException(
                        source, rowLine.get(0), 1, "zeros-stay-zero", "row i=0 must map 0 to 0 with probability 1");
            }
            // The last bound is 1 by construction; make it exactly 1 so every key in [0,1) finds an entry.
            Entry last = row.get(row.size() - 1);
            row.set(row.size() - 1, new Entry(last.i(), last.j(), last.p(), last.lowerBound(), 1.0));
            rows[i] = row.toArray(new Entry[0]);
        }
        return rows;
    }

    private static int intField(CSVRecord r, List<String> names, String col, String source, long line) {
        String s = r.get(col);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new PtableFormatException(
                    source,
                    line,
                    names.indexOf(col) + 1,
                    "integer",
                    "column '" + col + "' must be an integer, got '" + s + "'");
        }
    }

    private static double doubleField(CSVRecord r, List<String> names, String col, String source, long line) {
        String s = r.get(col);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new PtableFormatException(
                    source,
                    line,
                    names.indexOf(col) + 1,
                    "number",
                    "column '" + col + "' must be a number, got '" + s + "'");
        }
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.8f", d);
    }

    /** Builds a ptable from entries (used by the generator); rows must be complete and sum to 1. */
    static Ptable of(List<Entry> entries) {
        StringBuilder sb = new StringBuilder("i,j,p,v,p_int_lb,p_int_ub\n");
        for (Entry e : entries) {
            sb.append(e.i())
                    .append(',')
                    .append(e.j())
                    .append(',')
                    .append(fmt(e.p()))
                    .append(',')
                    .append(e.v())
                    .append(',')
                    .append(fmt(e.lowerBound()))
                    .append(',')
                    .append(fmt(e.upperBound()))
                    .append('\n');
        }
        return read(new java.io.StringReader(sb.toString()), "generated");
    }

    /** The largest {@code i}; its row serves every count at or above it. */
    public int maxI() {
        return maxI;
    }

    /** The entries of row {@code i} (0..maxI), in ascending {@code j}. */
    public List<Entry> row(int i) {
        return List.of(rows[i]);
    }

    /** All entries, row by row. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Entry[] row : rows) {
            all.addAll(List.of(row));
        }
        return all;
    }

    /** The perturbation {@code v} for a true count {@code n >= 0} and a cell key in [0,1); 0 for n = 0. */
    public int perturbation(long n, double cellKey) {
        if (n < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + n);
        }
        if (!(cellKey >= 0 && cellKey < 1)) {
            throw new IllegalArgumentException("a cell key must be in [0,1): " + cellKey);
        }
        return rowPerturbation((int) Math.min(n, maxI), cellKey);
    }

    private int rowPerturbation(int i, double cellKey) {
        for (Entry e : rows[i]) {
            if (cellKey < e.upperBound()) {
                return e.v();
            }
        }
        return rows[i][rows[i].length - 1].v();
    }

    /** The published count {@code n + v}; zeros stay zero. */
    public long publish(long n, double cellKey) {
        return n + perturbation(n, cellKey);
    }

    /**
     * The perturbation for a lookup argument {@code a >= 0} that need not be an integer
     * (magnitudes): rows {@code floor(a)} and {@code ceil(a)} are both looked up with the same cell
     * key and their {@code v} interpolated linearly; {@code a >= maxI} uses row maxI.
     */
    public double interpolatedPerturbation(double a, double cellKey) {
        if (!(a >= 0)) {
            throw new IllegalArgumentException("the lookup argument must be >= 0: " + a);
        }
        if (a >= maxI) {
            return rowPerturbation(maxI, cellKey);
        }
        int lo = (int) Math.floor(a);
        double frac = a - lo;
        if (frac == 0) {
            return rowPerturbation(lo, cellKey);
        }
        return (1 - frac) * rowPerturbation(lo, cellKey) + frac * rowPerturbation(lo + 1, cellKey);
    }

    /**
     * A continuous version of {@link #interpolatedPerturbation}: within row {@code i} the mass
     * {@code p} of each perturbation {@code v} is spread evenly over {@code [v - 0.5, v + 0.5)}
     * (the cell key's position inside the entry's interval gives the offset), so the mean stays 0,
     * the variance grows by 1/12 and no value has a positive probability. Used for magnitudes,
     * where a discrete {@code v} lets two cells that differ by one contributor share the same
     * noise with a probability of about the sum of {@code p^2}, and their difference be exact.
     */
    public double continuousPerturbation(double a, double cellKey) {
        if (!(a >= 0)) {
            throw new IllegalArgumentException("the lookup argument must be >= 0: " + a);
        }
        if (a >= maxI) {
            return rowContinuous(maxI, cellKey);
        }
        int lo = (int) Math.floor(a);
        double frac = a - lo;
        if (frac == 0) {
            return rowContinuous(lo, cellKey);
        }
        return (1 - frac) * rowContinuous(lo, cellKey) + frac * rowContinuous(lo + 1, cellKey);
    }

    private double rowContinuous(int i, double cellKey) {
        for (Entry e : rows[i]) {
            if (cellKey < e.upperBound()) {
                double width = e.upperBound() - e.lowerBound();
                return e.v() + (width > 0 ? (cellKey - e.lowerBound()) / width : 0.5) - 0.5;
            }
        }
        return rows[i][rows[i].length - 1].v();
    }

    /** Writes the table in the standard format ({@code i,j,p,v,p_int_lb,p_int_ub}, 8 decimals). */
    public void write(Writer out) throws IOException {
        try (CsvWriter printer = CsvWriter.lf(out, Formulas.KEEP)) {
            printer.row("i", "j", "p", "v", "p_int_lb", "p_int_ub");
            for (Entry e : entries()) {
                printer.row(e.i(), e.j(), fmt(e.p()), e.v(), fmt(e.lowerBound()), fmt(e.upperBound()));
            }
        }
    }
}
