package scot.cairn.loaders.cube;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;

/**
 * Streams the tidy rows of a CSV file as a definition describes it: a tidy file row by row, or
 * a wide file melted into one tidy row per melted column. Only one physical row is held at a
 * time. Header names are matched ignoring case, spaces and punctuation; a byte-order mark, CRLF
 * line ends, quoted fields and blank lines are accepted.
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

    /** One tidy row; the same instance is reused for every row, so consumers copy what they keep. */
    static final class Row {
        long line;
        final String[] values;
        final int[] columns;

        Row(int fields) {
            values = new String[fields];
            columns = new int[fields];
        }

        String value(int field) { return values[field]; }

        int column(int field) { return columns[field]; }
    }

    interface RowHandler {
        /** @return false to stop reading */
        boolean row(Row row);
    }

    private final String fileName;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int fields;
    private final List<String> fieldNames;
    private final int headerSize;
    // Tidy layout: source column per field (-1 none), constant per field (null none)
    private final int[] sourceColumn;
    private final String[] constant;
    // Wide layout
    private final int[] meltColumns;
    private final String[] meltHeaders;
    private final String[][] meltOverrides;
    private final int meltInto;

    private CubeRows(CubeDefinition def, Path file) {
        this.fileName = file.getFileName().toString();
        List<String> names = new ArrayList<>(CubeDefinition.STANDARD_FIELDS);
        def.dimensions().forEach(d -> names.add(d.column()));
        this.fieldNames = names;
        this.fields = names.size();
        Map<String, Integer> fieldIndex = new HashMap<>();
        for (int i = 0; i < fields; i++) {
            fieldIndex.put(CubeDefinition.normalise(names.get(i)), i);
        }
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            this.parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        this.records = parser.iterator();
        if (!records.hasNext()) {
            close();
            throw new InvalidInputException(new InputError(fileName, 1, 0, "missing-header", "the file is empty: expected a header row"));
        }
        List<String> header = records.next().toList();
        this.headerSize = header.size();
        Map<String, Integer> headerIndex = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            if (h.isEmpty()) {
                continue;
            }
            if (headerIndex.putIfAbsent(CubeDefinition.normalise(h), i) != null) {
                close();
                throw new InvalidInputException(new InputError(fileName, 1, i + 1, "duplicate-column",
                        "column '" + h + "' appears twice in the header"));
            }
        }
        sourceColumn = new int[fields];
        java.util.Arrays.fill(sourceColumn, -1);
        constant = new String[fields];
        def.constants().forEach((f, v) -> constant[fieldIndex.get(CubeDefinition.normalise(f))] = v);
        List<InputError> errors = new ArrayList<>();
        if (def.wide() == null) {
            meltColumns = null;
            meltHeaders = null;
            meltOverrides = null;
            meltInto = -1;
            Map<Integer, String> headerFor = new HashMap<>();
            for (int i = 0; i < fields; i++) {
                headerFor.put(i, names.get(i));
            }
            def.columns().forEach((f, h) -> headerFor.put(fieldIndex.get(CubeDefinition.normalise(f)), h));
            boolean[] used = new boolean[header.size()];
            for (int i = 0; i < fields; i++) {
                Integer col = headerIndex.get(CubeDefinition.normalise(headerFor.get(i)));
                if (col != null) {
                    sourceColumn[i] = col;
                    used[col] = true;
                }
            }
            for (int c = 0; c < header.size(); c++) {
                if (!used[c] && !header.get(c).isBlank()) {
                    errors.add(new InputError(fileName, 1, c + 1, "unknown-column", "column '" + header.get(c).strip()
                            + "' is not in the definition (declare it as a dimension, or remove it)"));
                }
            }
        } else {
            WideLayout w = def.wide();
            boolean[] used = new boolean[header.size()];
            w.keep().forEach((h, f) -> {
                Integer col = headerIndex.get(CubeDefinition.normalise(h));
                if (col == null) {
                    errors.add(missing(h, header));
                } else {
                    sourceColumn[fieldIndex.get(CubeDefinition.normalise(f))] = col;
                    used[col] = true;
                }
            });
            for (String h : w.drop()) {
                Integer col = headerIndex.get(CubeDefinition.normalise(h));
                if (col == null) {
                    errors.add(missing(h, header));
                } else {
                    used[col] = true;
                }
            }
            List<Integer> melt = new ArrayList<>();
            if (w.melt() != null) {
                for (String h : w.melt()) {
                    Integer col = headerIndex.get(CubeDefinition.normalise(h));
                    if (col == null) {
                        errors.add(missing(h, header));
                    } else {
                        melt.add(col);
                    }
                }
            } else {
                for (int c = 0; c < header.size(); c++) {
                    if (!used[c] && !header.get(c).isBlank()) {
                        melt.add(c);
                    }
                }
            }
            meltInto = fieldIndex.get(CubeDefinition.normalise(w.meltInto()));
            meltColumns = melt.stream().mapToInt(Integer::intValue).toArray();
            meltHeaders = new String[meltColumns.length];
            meltOverrides = new String[meltColumns.length][];
            Map<String, Map<String, String>> overrides = new HashMap<>();
            w.perColumn().forEach((h, o) -> overrides.put(CubeDefinition.normalise(h), o));
            for (int m = 0; m < meltColumns.length; m++) {
                String h = header.get(meltColumns[m]).strip();
                meltHeaders[m] = h;
                Map<String, String> o = overrides.remove(CubeDefinition.normalise(h));
                if (o != null) {
                    String[] values = new String[fields];
                    o.forEach((f, v) -> values[fieldIndex.get(CubeDefinition.normalise(f))] = v);
                    meltOverrides[m] = values;
                }
            }
            for (String h : w.perColumn().keySet()) {
                if (overrides.containsKey(CubeDefinition.normalise(h))) {
                    errors.add(new InputError(fileName, 1, 0, "missing-column",
                            "wide.perColumn names '" + h + "', which is not a melted column of the file"));
                }
            }
            if (meltColumns.length == 0) {
                errors.add(new InputError(fileName, 1, 0, "missing-column", "no columns left to melt"));
            }
        }
        // Fields with no source: the measurement and unit may follow from the definition.
        if (sourceColumn[MEASUREMENT] < 0 && constant[MEASUREMENT] == null && def.measures().size() == 1) {
            constant[MEASUREMENT] = def.measures().get(0).measurement();
        }
        for (int i = 0; i < fields; i++) {
            if (sourceColumn[i] >= 0 || constant[i] != null || i == meltInto || (meltColumns != null && i == VALUE)) {
                continue;
            }
            if (i == UNITS && def.measures().stream().allMatch(m -> m.units().size() == 1)) {
                continue; // each measure's only unit
            }
            if (meltOverrides != null && allOverride(i)) {
                continue;
            }
            String h = def.wide() == null ? def.columns().getOrDefault(fieldNames.get(i), fieldNames.get(i)) : fieldNames.get(i);
            errors.add(def.wide() == null ? missing(h, header) : new InputError(fileName, 1, 0, "missing-column",
                    "nothing fills field '" + h + "': keep a column for it, melt into it, or give it in constants"));
        }
        if (!errors.isEmpty()) {
            close();
            throw new InvalidInputException(errors, false);
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

    private InputError missing(String h, List<String> header) {
        return new InputError(fileName, 1, 0, "missing-column", "missing column '" + h + "' (the header has: "
                + String.join(", ", header.stream().map(String::strip).toList()) + ")");
    }

    /**
     * Opens a file and checks its header against the definition.
     *
     * @throws InvalidInputException when a column is missing, unknown or repeated
     */
    static CubeRows open(CubeDefinition def, Path file) {
        return new CubeRows(def, file);
    }

    String fileName() { return fileName; }

    /**
     * Calls the handler for every tidy row until the end of file or until it returns false.
     * Rows whose length differs from the header's are passed to {@code shortRow} instead, which returns false to stop.
     */
    void forEach(RowHandler handler, java.util.function.Predicate<InputError> shortRow) {
        Row row = new Row(fields);
        while (records.hasNext()) {
            CSVRecord r;
            try {
                r = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                shortRow.test(new InputError(fileName, parser.getCurrentLineNumber(), 0, "csv-syntax",
                        "cannot parse the CSV: " + e.getMessage()));
                return;
            }
            long line = parser.getCurrentLineNumber();
            if (r.size() != headerSize) {
                if (r.size() == 1 && r.get(0).isBlank()) {
                    continue; // a line of spaces
                }
                if (!shortRow.test(new InputError(fileName, line, 0, "row-length",
                        "row has " + r.size() + " fields, the header has " + headerSize))) {
                    return;
                }
                continue;
            }
            String[] cells = r.values();
            long embedded = 0;
            for (String c : cells) {
                for (int i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) {
                    embedded++;
                }
            }
            row.line = line - embedded;
            if (meltColumns == null) {
                for (int f = 0; f < fields; f++) {
                    int c = sourceColumn[f];
                    if (c >= 0) {
                        row.values[f] = cells[c];
                        row.columns[f] = c + 1;
                    } else {
                        row.values[f] = constant[f];
                        row.columns[f] = 0;
                    }
                }
                if (!handler.row(row)) {
                    return;
                }
            } else {
                for (int m = 0; m < meltColumns.length; m++) {
                    int mc = meltColumns[m];
                    String[] over = meltOverrides[m];
                    for (int f = 0; f < fields; f++) {
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
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
