package scot.cairn.loaders.cube;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;

/**
 * Streams the tidy rows of a CSV file as a definition describes it: a tidy file row by row, or
 * a wide file melted into one tidy row per melted column. Only one physical row is held at a
 * time, and {@link CsvInput} bounds its size. Header names are matched ignoring case, spaces and
 * punctuation. Every column of the file must be used: a tidy file's columns are the standard
 * fields and the dimensions; a wide file's are kept, dropped or melted.
 *
 * <p>Fields are numbered: 0 FeatureCode, 1 DateCode, 2 Measurement, 3 Units, 4 Value, then
 * one per dimension in definition order.
 */
final class CubeRows implements Closeable {

    static final int AREA = 0;
    static final int PERIOD = 1;
    static final int MEASUREMENT = 2;
    static final int UNITS = 3;
    static final int VALUE = 4;
    static final int FIRST_DIMENSION = 5;

    /** Header names quoted in full in a message about a missing column; the rest are counted. */
    private static final int HEADER_NAMES_SHOWN = 12;

    /** One tidy row; the same instance is reused for every row, so consumers copy what they keep. */
    static final class Row {
        long line;
        final String[] values;
        final int[] columns;

        Row(int fields) {
            values = new String[fields];
            columns = new int[fields];
        }

        String value(int field) {
            return values[field];
        }

        int column(int field) {
            return columns[field];
        }
    }

    interface RowHandler {
        /** @return false to stop reading */
        boolean row(Row row);
    }

    private final CubeDefinition def;
    private final CsvInput input;
    private final List<String> fieldNames;
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    private final List<String> header;
    private final Map<String, Integer> headerIndex = new HashMap<>();
    private final HeaderErrors errors;
    // Where each field comes from: a column (-1 none), a constant (null none)
    private final int[] sourceColumn;
    private final String[] constant;
    /** Fields the definition names a source for, even one the file lacks (no follow-on error then). */
    private final boolean[] named;
    // Wide layout
    private int[] meltColumns;
    private String[] meltHeaders;
    private String[][] meltOverrides;
    private int meltInto = -1;

    private CubeRows(CubeDefinition def, Path file, int maxErrors) {
        this.def = def;
        List<String> names = new ArrayList<>(CubeDefinition.STANDARD_FIELDS);
        def.dimensions().forEach(d -> names.add(d.column()));
        this.fieldNames = names;
        for (int i = 0; i < names.size(); i++) {
            fieldIndex.put(CubeDefinition.normalise(names.get(i)), i);
        }
        this.sourceColumn = new int[names.size()];
        Arrays.fill(sourceColumn, -1);
        this.constant = new String[names.size()];
        this.named = new boolean[names.size()];
        def.constants().forEach((f, v) -> constant[field(f)] = v);
        this.input = CsvInput.open(file);
        try {
            this.header = input.header();
            this.errors = new HeaderErrors(maxErrors);
            indexHeader();
            if (def.wide() == null) {
                matchTidy();
            } else {
                matchWide(def.wide());
            }
            checkEveryFieldFilled();
            errors.throwIfAny();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a file and checks its header against the definition, reporting at most {@code maxErrors} problems.
     *
     * @throws InvalidInputException when a column is missing, unknown or repeated, or the file cannot be read as CSV
     */
    static CubeRows open(CubeDefinition def, Path file, int maxErrors) {
        return new CubeRows(def, file, maxErrors);
    }

    static CubeRows open(CubeDefinition def, Path file) {
        return open(def, file, CubeLoader.DEFAULT_MAX_ERRORS);
    }

    String fileName() {
        return input.fileName();
    }

    private int field(String name) {
        return fieldIndex.get(CubeDefinition.normalise(name));
    }

    private Integer column(String headerName) {
        return headerIndex.get(CubeDefinition.normalise(headerName));
    }

    private void indexHeader() {
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            if (!h.isEmpty() && headerIndex.putIfAbsent(CubeDefinition.normalise(h), i) != null) {
                throw new InvalidInputException(new InputError(
                        fileName(), 1, i + 1, "duplicate-column", "column '" + h + "' appears twice in the header"));
            }
        }
    }

    /** A tidy file: each field from its column (renamed by {@code columns:}); every other column is an error. */
    private void matchTidy() {
        boolean[] used = new boolean[header.size()];
        for (int f = 0; f < fieldNames.size(); f++) {
            Integer c = column(tidyHeader(f));
            if (c != null) {
                sourceColumn[f] = c;
                used[c] = true;
            }
        }
        for (int c = 0; c < header.size(); c++) {
            if (!used[c] && !header.get(c).isBlank()) {
                errors.add(new InputError(
                        fileName(),
                        1,
                        c + 1,
                        "unknown-column",
                        "column '" + header.get(c).strip()
                                + "' is not in the definition (declare it as a dimension, or remove it)"));
            }
        }
    }

    private String tidyHeader(int field) {
        String name = fieldNames.get(field);
        for (Map.Entry<String, String> e : def.columns().entrySet()) {
            if (CubeDefinition.normalise(e.getKey()).equals(CubeDefinition.normalise(name))) {
                return e.getValue();
            }
        }
        return name;
    }

    /** A wide file: kept columns fill fields, melted ones become rows; a column neither kept, dropped nor melted is an error. */
    private void matchWide(WideLayout w) {
        boolean[] used = new boolean[header.size()];
        w.keep().forEach((h, f) -> {
            named[field(f)] = true;
            Integer c = column(h);
            if (c == null) {
                errors.add(missing("wide.keep names column '" + h + "'", h));
            } else {
                sourceColumn[field(f)] = c;
                used[c] = true;
            }
        });
        for (String h : w.drop()) {
            Integer c = column(h);
            if (c == null) {
                errors.add(missing("wide.drop names column '" + h + "'", h));
            } else {
                used[c] = true;
            }
        }
        List<Integer> melt = new ArrayList<>();
        for (String h : w.melt() == null ? List.<String>of() : w.melt()) {
            Integer c = column(h);
            if (c == null) {
                errors.add(missing("wide.melt names column '" + h + "'", h));
            } else {
                melt.add(c);
                used[c] = true;
            }
        }
        for (int c = 0; c < header.size(); c++) {
            if (used[c] || header.get(c).isBlank()) {
                continue;
            }
            if (w.melt() == null) {
                melt.add(c); // by default, every column neither kept nor dropped is melted
            } else {
                errors.add(
                        new InputError(
                                fileName(),
                                1,
                                c + 1,
                                "unknown-column",
                                "column '" + header.get(c).strip()
                                        + "' is not kept, dropped or melted by the definition's wide: section (add it to wide.melt or wide.drop)"));
            }
        }
        meltInto = field(w.meltInto());
        named[meltInto] = true;
        meltColumns = melt.stream().mapToInt(Integer::intValue).toArray();
        overridePerColumn(w);
        if (meltColumns.length == 0) {
            errors.add(new InputError(
                    fileName(), 1, 0, "missing-column", "no columns left to melt: every column is kept or dropped"));
        }
    }

    private void overridePerColumn(WideLayout w) {
        meltHeaders = new String[meltColumns.length];
        meltOverrides = new String[meltColumns.length][];
        Map<String, Map<String, String>> overrides = new HashMap<>();
        w.perColumn().forEach((h, o) -> overrides.put(CubeDefinition.normalise(h), o));
        for (int m = 0; m < meltColumns.length; m++) {
            String h = header.get(meltColumns[m]).strip();
            meltHeaders[m] = h;
            Map<String, String> o = overrides.remove(CubeDefinition.normalise(h));
            if (o != null) {
                String[] values = new String[fieldNames.size()];
                o.forEach((f, v) -> values[field(f)] = v);
                meltOverrides[m] = values;
            }
        }
        for (String h : w.perColumn().keySet()) {
            if (overrides.containsKey(CubeDefinition.normalise(h))) {
                errors.add(new InputError(
                        fileName(),
                        1,
                        0,
                        "missing-column",
                        "wide.perColumn names '" + h + "', which is not a melted column of the file"));
            }
        }
    }

    /** Every field needs a source: a column, a constant, the melt, or what the measures imply. */
    private void checkEveryFieldFilled() {
        if (sourceColumn[MEASUREMENT] < 0
                && constant[MEASUREMENT] == null
                && def.measures().size() == 1) {
            constant[MEASUREMENT] = def.measures().get(0).measurement();
        }
        for (int f = 0; f < fieldNames.size(); f++) {
            if (sourceColumn[f] >= 0 || constant[f] != null || named[f] || (meltColumns != null && f == VALUE)) {
                continue;
            }
            if (f == UNITS && def.measures().stream().allMatch(m -> m.units().size() == 1)) {
                continue; // each measure's only unit
            }
            if (meltOverrides != null && allOverride(f)) {
                continue;
            }
            errors.add(
                    def.wide() == null
                            ? missing("missing column '" + tidyHeader(f) + "'", null)
                            : new InputError(
                                    fileName(),
                                    1,
                                    0,
                                    "missing-column",
                                    "nothing fills field '" + fieldNames.get(f)
                                            + "': keep a column for it, melt into it, or give it in constants"));
        }
    }

    private boolean allOverride(int field) {
        for (String[] o : meltOverrides) {
            if (o == null || o[field] == null) {
                return false;
            }
        }
        return meltOverrides.length > 0;
    }

    private InputError missing(String what, String expected) {
        List<String> shown =
                header.stream().limit(HEADER_NAMES_SHOWN).map(String::strip).toList();
        String more =
                header.size() > HEADER_NAMES_SHOWN ? ", ... " + (header.size() - HEADER_NAMES_SHOWN) + " more" : "";
        return new InputError(
                fileName(),
                1,
                0,
                "missing-column",
                what + (expected == null ? "" : ", which the file does not have") + " (the header has: "
                        + String.join(", ", shown) + more + ")");
    }

    /**
     * Calls the handler for every tidy row until the end of file or until it returns false.
     * Rows whose length differs from the header's, and a file that cannot be read on, are passed to
     * {@code problem} instead, which returns false to stop.
     */
    void forEach(RowHandler handler, Predicate<InputError> problem) {
        Row row = new Row(fieldNames.size());
        while (true) {
            CSVRecord r;
            try {
                r = input.next();
            } catch (InvalidInputException e) {
                for (InputError error : e.errors()) {
                    if (!problem.test(error)) {
                        break;
                    }
                }
                return;
            }
            if (r == null) {
                return;
            }
            if (r.size() != header.size()) {
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue; // a line of spaces
                }
                if (!problem.test(new InputError(
                        fileName(),
                        input.line(),
                        0,
                        "row-length",
                        "row has " + r.size() + " fields, the header has " + header.size()))) {
                    return;
                }
                continue;
            }
            row.line = input.line();
            if (!(meltColumns == null ? tidy(r.values(), row, handler) : melt(r.values(), row, handler))) {
                return;
            }
        }
    }

    private boolean tidy(String[] cells, Row row, RowHandler handler) {
        for (int f = 0; f < fieldNames.size(); f++) {
            int c = sourceColumn[f];
            row.values[f] = c >= 0 ? cells[c] : constant[f];
            row.columns[f] = c >= 0 ? c + 1 : 0;
        }
        return handler.row(row);
    }

    private boolean melt(String[] cells, Row row, RowHandler handler) {
        for (int m = 0; m < meltColumns.length; m++) {
            int mc = meltColumns[m];
            String[] over = meltOverrides[m];
            for (int f = 0; f < fieldNames.size(); f++) {
                int c = sourceColumn[f];
                if (f == VALUE) {
                    row.values[f] = cells[mc];
                    row.columns[f] = mc + 1;
                } else if (f == meltInto) {
                    row.values[f] = meltHeaders[m];
                    row.columns[f] = mc + 1;
                } else if (c >= 0) {
                    row.values[f] = cells[c];
                    row.columns[f] = c + 1;
                } else {
                    row.values[f] = over != null && over[f] != null ? over[f] : constant[f];
                    row.columns[f] = mc + 1;
                }
            }
            if (!handler.row(row)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        input.close();
    }

    /** The header's problems, up to the error limit (a file with a million unknown columns gets {@code maxErrors} lines). */
    private static final class HeaderErrors {
        private final int max;
        private final List<InputError> errors = new ArrayList<>();
        private boolean truncated;

        HeaderErrors(int max) {
            this.max = max;
        }

        void add(InputError e) {
            if (errors.size() < max) {
                errors.add(e);
            } else {
                truncated = true;
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors, truncated);
            }
        }
    }
}
