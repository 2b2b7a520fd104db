package scot.cairn.geography;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;

/**
 * A 2011 data zone lookup file (one row per data zone, with the codes and names of the areas
 * above it), read and checked into a {@link Geography}.
 *
 * <p>A data zone is within every area named on its row. A larger area A is within B when B is of
 * a larger level (higher {@link AreaLevel#rank()}) and every data zone of A has the same B: so
 * intermediate zones are within their council, health board and Scotland, and councils within
 * Scotland. Links only ever point to a larger level, so {@code within} has no cycles.
 *
 * <p>The whole file is read and checked before anything is returned. Problems are reported
 * together (up to the error limit) as an {@link InvalidInputException}; the rule ids are
 * {@code empty-file}, {@code not-utf8}, {@code csv-syntax}, {@code unknown-layout},
 * {@code missing-column}, {@code no-rows}, {@code blank-code}, {@code bad-code},
 * {@code wrong-level}, {@code blank-name}, {@code conflicting-parents} and
 * {@code conflicting-name}. The file must be UTF-8 (a byte order mark is allowed; LF or CRLF line
 * ends). It is read into memory whole: an official lookup is a few megabytes.
 *
 * @param layout    the layout used (detected or given), as described in {@link LookupColumns#layout()}
 * @param geography the areas of the file with the areas that contain them
 */
public record LookupFile(String layout, Geography geography) {

    /** Errors collected before reading gives up, unless another limit is given. */
    public static final int DEFAULT_MAX_ERRORS = 100;

    private static final Pattern GSS_CODE = Pattern.compile("[A-Z][0-9]{8}");
    private static final String DEFAULT_COUNTRY_NAME = "Scotland";

    public LookupFile {
        Objects.requireNonNull(layout, "layout must not be null");
        Objects.requireNonNull(geography, "geography must not be null");
    }

    /**
     * Reads and checks {@code csv}.
     *
     * @param columns   the layout, or null to detect it from the header ({@link LookupColumns#detect})
     * @param maxErrors problems to collect before giving up; at least 1
     * @throws InvalidInputException when the file is rejected, listing every problem found
     * @throws UncheckedIOException when the file cannot be read
     */
    public static LookupFile read(Path csv, LookupColumns columns, int maxErrors) {
        Objects.requireNonNull(csv, "csv must not be null");
        if (maxErrors < 1) {
            throw new IllegalArgumentException("maxErrors must be at least 1");
        }
        return parse(csv, columns, maxErrors);
    }

    private static LookupFile parse(Path csv, LookupColumns given, int maxErrors) {
        String file =
                csv.getFileName() == null ? csv.toString() : csv.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        String text = decode(file, bytes);
        if (text.isBlank()) {
            throw new InvalidInputException(new InputError(
                    file, 1, 0, "empty-file", "the file is empty: expected a header row, then one row per data zone"));
        }
        return new RowReader(file, given, maxErrors).read(text);
    }

    /** Decodes strict UTF-8, naming the line and column of the first byte that is not UTF-8. */
    static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // The prefix of the line before the bad byte is valid UTF-8, so it decodes cleanly.
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new InvalidInputException(new InputError(
                    file,
                    line,
                    column,
                    "not-utf8",
                    String.format(
                            "the file is not UTF-8: byte 0x%02X cannot be decoded (save the file as UTF-8)",
                            bytes[bad] & 0xff)));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Thrown inside the row loop when the error limit is reached. */
    private static final class TooManyErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyErrors() {
            super(null, null, false, false);
        }
    }

    /** One pass over the rows of one file: checks them and builds the geography. */
    private static final class RowReader {
        private final String file;
        private final LookupColumns given;
        private final int maxErrors;
        private final List<InputError> errors = new ArrayList<>();
        private boolean truncated;

        /** Name and first line of every area seen. */
        private final Map<String, String> names = new HashMap<>();

        private final Map<String, Long> firstLine = new HashMap<>();
        /** Each data zone's parents by level, in file order. */
        private final Map<String, EnumMap<AreaLevel, String>> dataZoneParents = new LinkedHashMap<>();

        RowReader(String file, LookupColumns given, int maxErrors) {
            this.file = file;
            this.given = given;
            this.maxErrors = maxErrors;
        }

        LookupFile read(String text) {
            CSVFormat format =
                    CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
            String layout = null;
            long rows = 0;
            long line = 1;
            try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
                Iterator<CSVRecord> it = parser.iterator();
                if (!it.hasNext()) {
                    throw new InvalidInputException(new InputError(
                            file,
                            1,
                            0,
                            "empty-file",
                            "the file is empty: expected a header row, then one row per data zone"));
                }
                List<String> header = it.next().toList();
                LookupColumns columns = columnsFor(header);
                layout = columns.layout();
                Map<AreaLevel, int[]> indexes = resolve(header, columns);
                while (true) {
                    // The iterator reads ahead in hasNext(), so take the start line first.
                    line = parser.getCurrentLineNumber() + 1;
                    if (!it.hasNext()) {
                        break;
                    }
                    CSVRecord record = it.next();
                    rows++;
                    row(record, line, indexes, columns);
                }
            } catch (UncheckedIOException e) {
                csvSyntaxError(line, e);
            } catch (TooManyErrors e) {
                truncated = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (errors.isEmpty() && rows == 0) {
                error(1, 0, "no-rows", "the file has a header but no data rows");
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors, truncated);
            }
            return new LookupFile(layout, build());
        }

        /** The columns given, or the layout the header matches. */
        private LookupColumns columnsFor(List<String> header) {
            return given != null
                    ? given
                    : LookupColumns.detect(header)
                            .orElseThrow(() -> new InvalidInputException(new InputError(
                                    file,
                                    1,
                                    0,
                                    "unknown-layout",
                                    "the header matches no known lookup layout: expected a DZ2011_Code column (official data "
                                            + "zone lookup) or a DataZone column (Public Health Scotland codes and labels), "
                                            + "or give a column mapping")));
        }

        /** Reports the parser's failure at a line, in words a publisher can act on. */
        private void csvSyntaxError(long line, UncheckedIOException e) {
            String detail = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            addQuietly(
                    line,
                    "csv-syntax",
                    "the file is not valid CSV: "
                            + (detail != null && detail.contains("EOF reached before encapsulated token")
                                    ? "a quoted field that starts on this line is never closed (missing \")"
                                    : detail));
        }

        /** Column indexes {code, name} of each level used; name is -1 when absent. */
        private Map<AreaLevel, int[]> resolve(List<String> header, LookupColumns columns) {
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                positions.putIfAbsent(LookupColumns.normalise(header.get(i)), i);
            }
            Map<AreaLevel, int[]> indexes = new EnumMap<>(AreaLevel.class);
            List<InputError> missing = new ArrayList<>();
            columns.levels().forEach((level, cols) -> {
                Integer code = positions.get(LookupColumns.normalise(cols.code()));
                Integer name = cols.name() == null ? null : positions.get(LookupColumns.normalise(cols.name()));
                if (code == null && !cols.required()) {
                    return;
                }
                if (code == null) {
                    missing.add(missingColumn(cols.code(), columns));
                }
                if (cols.name() != null && name == null) {
                    missing.add(missingColumn(cols.name(), columns));
                }
                indexes.put(level, new int[] {code == null ? -1 : code, name == null ? -1 : name});
            });
            if (!missing.isEmpty()) {
                throw new InvalidInputException(missing, false);
            }
            return indexes;
        }

        private InputError missingColumn(String column, LookupColumns columns) {
            return new InputError(
                    file,
                    1,
                    0,
                    "missing-column",
                    "missing required column " + column + " (expected layout: " + columns.layout() + ")");
        }

        private void row(CSVRecord record, long line, Map<AreaLevel, int[]> indexes, LookupColumns columns) {
            EnumMap<AreaLevel, String> codes = new EnumMap<>(AreaLevel.class);
            EnumMap<AreaLevel, String> rowNames = new EnumMap<>(AreaLevel.class);
            boolean ok = true;
            for (var e : indexes.entrySet()) {
                AreaLevel level = e.getKey();
                LookupColumns.LevelColumns cols = columns.levels().get(level);
                String code = checkedCode(record, line, level, cols, e.getValue()[0]);
                String name = code == null ? null : checkedName(record, line, level, cols, e.getValue()[1]);
                if (name == null) {
                    ok = false;
                    continue;
                }
                codes.put(level, code);
                rowNames.put(level, name);
            }
            if (!ok) {
                return;
            }
            recordNames(codes, rowNames, line, indexes);
            recordDataZone(codes, rowNames, line, indexes);
        }

        /** The row's code for a level, or null (after an error) when it is blank, not a GSS code or of another level. */
        private String checkedCode(
                CSVRecord record, long line, AreaLevel level, LookupColumns.LevelColumns cols, int codeIndex) {
            String code = cell(record, codeIndex);
            if (code.isEmpty()) {
                error(line, codeIndex + 1, "blank-code", "blank " + level.label() + " code in column " + cols.code());
                return null;
            }
            if (!GSS_CODE.matcher(code).matches()) {
                error(
                        line,
                        codeIndex + 1,
                        "bad-code",
                        "'" + code + "' in column " + cols.code() + " is not a GSS code (expected " + level.prefix()
                                + " followed by 6 digits)");
                return null;
            }
            AreaLevel actual = AreaLevel.ofCode(code).orElse(null);
            if (actual != level) {
                error(
                        line,
                        codeIndex + 1,
                        "wrong-level",
                        code + " in column " + cols.code() + " is "
                                + (actual == null
                                        ? "not a code of the 2011 statistical geography"
                                        : actual.labelWithArticle() + " code (" + actual.prefix() + ")")
                                + "; expected " + level.labelWithArticle() + " code (" + level.prefix() + ")");
                return null;
            }
            return code;
        }

        /** The row's name for a level (the default country name when it has no column), or null (after an error) when blank. */
        private String checkedName(
                CSVRecord record, long line, AreaLevel level, LookupColumns.LevelColumns cols, int nameIndex) {
            if (nameIndex < 0) {
                return DEFAULT_COUNTRY_NAME;
            }
            String name = cell(record, nameIndex);
            if (name.isEmpty()) {
                error(line, nameIndex + 1, "blank-name", "blank " + level.label() + " name in column " + cols.name());
                return null;
            }
            return name;
        }

        /** Remembers each area's name and first line; a later row naming an area differently is an error. */
        private void recordNames(
                EnumMap<AreaLevel, String> codes,
                EnumMap<AreaLevel, String> rowNames,
                long line,
                Map<AreaLevel, int[]> indexes) {
            for (var e : codes.entrySet()) {
                String code = e.getValue();
                String name = rowNames.get(e.getKey());
                String known = names.putIfAbsent(code, name);
                if (known == null) {
                    firstLine.put(code, line);
                } else if (!known.equals(name) && e.getKey() != AreaLevel.DATA_ZONE) {
                    int[] idx = indexes.get(e.getKey());
                    error(
                            line,
                            idx[1] < 0 ? idx[0] + 1 : idx[1] + 1,
                            "conflicting-name",
                            code + " is named '" + name + "' here but '" + known + "' on line " + firstLine.get(code));
                }
            }
        }

        /** Remembers the data zone's parents; a repeated data zone must repeat the same name and parents. */
        private void recordDataZone(
                EnumMap<AreaLevel, String> codes,
                EnumMap<AreaLevel, String> rowNames,
                long line,
                Map<AreaLevel, int[]> indexes) {
            String dz = codes.remove(AreaLevel.DATA_ZONE);
            EnumMap<AreaLevel, String> earlier = dataZoneParents.putIfAbsent(dz, codes);
            if (earlier == null) {
                return;
            }
            // A repeated data zone is harmless when it repeats the same facts.
            long first = firstLine.get(dz);
            if (!rowNames.get(AreaLevel.DATA_ZONE).equals(names.get(dz))) {
                int[] idx = indexes.get(AreaLevel.DATA_ZONE);
                error(
                        line,
                        idx[1] + 1,
                        "conflicting-name",
                        dz + " is named '" + rowNames.get(AreaLevel.DATA_ZONE) + "' here but '" + names.get(dz)
                                + "' on line " + first);
            }
            for (var e : codes.entrySet()) {
                String before = earlier.get(e.getKey());
                if (!e.getValue().equals(before)) {
                    error(
                            line,
                            indexes.get(e.getKey())[0] + 1,
                            "conflicting-parents",
                            "data zone " + dz + " is in " + e.getKey().label() + " " + e.getValue()
                                    + " on this line but in " + before + " on line " + first);
                }
            }
        }

        private static String cell(CSVRecord record, int index) {
            return index < record.size() ? record.get(index).strip() : "";
        }

        private void addQuietly(long line, String rule, String message) {
            if (errors.size() < maxErrors) {
                errors.add(new InputError(file, line, 0, rule, message));
            } else {
                truncated = true;
            }
        }

        private void error(long line, int column, String rule, String message) {
            if (errors.size() >= maxErrors) {
                throw new TooManyErrors();
            }
            errors.add(new InputError(file, line, column, rule, message));
        }

        /** Turns the checked rows into areas with their containing areas. */
        private Geography build() {
            // For each area above data zone level and each larger level: the one area of that level
            // that all its data zones share, or "" once two of its data zones disagree.
            Map<String, EnumMap<AreaLevel, String>> shared = new HashMap<>();
            for (EnumMap<AreaLevel, String> parents : dataZoneParents.values()) {
                for (var inner : parents.entrySet()) {
                    EnumMap<AreaLevel, String> candidates =
                            shared.computeIfAbsent(inner.getValue(), c -> new EnumMap<>(AreaLevel.class));
                    for (var outer : parents.entrySet()) {
                        if (outer.getKey().rank() > inner.getKey().rank()) {
                            candidates.merge(outer.getKey(), outer.getValue(), (a, b) -> a.equals(b) ? a : "");
                        }
                    }
                }
            }
            List<Geography.Area> areas = new ArrayList<>(names.size());
            dataZoneParents.forEach((dz, parents) -> {
                List<String> within = new ArrayList<>(parents.values());
                within.sort(Geography.byLevelThenCode());
                areas.add(new Geography.Area(dz, names.get(dz), AreaLevel.DATA_ZONE, within));
            });
            shared.forEach((code, candidates) -> {
                List<String> within = new ArrayList<>();
                candidates.values().stream().filter(c -> !c.isEmpty()).forEach(within::add);
                within.sort(Geography.byLevelThenCode());
                areas.add(new Geography.Area(
                        code, names.get(code), AreaLevel.ofCode(code).orElseThrow(), within));
            });
            return new Geography(areas);
        }
    }
}
