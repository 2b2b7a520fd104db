package scot.cairn.geography;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;

/**
 * Reads the rows of a code history CSV ({@code old_code,new_code,date,level,boundary_changed}
 * and optionally {@code old_name}; lines starting with {@code #} are comments) and checks each row
 * on its own. How the rows fit the lookup is {@link CodeHistory}'s to check.
 */
final class CodeHistoryFile {

    static final List<String> REQUIRED = List.of("old_code", "new_code", "date", "level", "boundary_changed");
    static final String OLD_NAME = "old_name";
    private static final Pattern GSS_CODE = Pattern.compile("[A-Z][0-9]{8}");

    private final String file;
    private final int maxErrors;
    private final List<InputError> errors = new ArrayList<>();
    private boolean truncated;

    private CodeHistoryFile(String file, int maxErrors) {
        this.file = file;
        this.maxErrors = maxErrors;
    }

    /** The rows with their line numbers; throws {@link InvalidInputException} listing every bad cell. */
    static List<CodeHistory.Row> read(String file, byte[] bytes, int maxErrors) {
        String text = LookupFile.decode(file, bytes);
        return new CodeHistoryFile(file, maxErrors).rows(text);
    }

    private List<CodeHistory.Row> rows(String text) {
        List<CodeHistory.Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> columns = null;
            for (CSVRecord record : parser) {
                // Read after the record: each row is one line, and comment lines before it are counted.
                long line = parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(record, line);
                    continue;
                }
                row(record, line, columns).ifPresent(rows::add);
                if (errors.size() >= maxErrors) {
                    truncated = true;
                    break;
                }
            }
            if (columns == null) {
                errors.add(new InputError(
                        file,
                        1,
                        0,
                        "empty-file",
                        "the file is empty: expected the header " + String.join(",", REQUIRED) + "[," + OLD_NAME
                                + "], then one row per code change"));
            } else if (rows.isEmpty() && errors.isEmpty()) {
                errors.add(new InputError(file, 1, 0, "no-rows", "the file has a header but no code changes"));
            }
        } catch (UncheckedIOException e) {
            errors.add(new InputError(
                    file,
                    0,
                    0,
                    "csv-syntax",
                    "the file is not valid CSV: "
                            + (e.getCause() == null
                                    ? e.getMessage()
                                    : e.getCause().getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, truncated);
        }
        return rows;
    }

    private Map<String, Integer> header(CSVRecord record, long line) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            columns.putIfAbsent(record.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_'), i);
        }
        List<InputError> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                missing.add(new InputError(
                        file,
                        line,
                        0,
                        "missing-column",
                        "missing column " + name + " (a code history has the columns " + String.join(",", REQUIRED)
                                + " and optionally " + OLD_NAME + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing, false);
        }
        return columns;
    }

    private Optional<CodeHistory.Row> row(CSVRecord record, long line, Map<String, Integer> columns) {
        int before = errors.size();
        String oldCode = code(record, line, columns, "old_code");
        String newCode = code(record, line, columns, "new_code");
        LocalDate date = date(record, line, columns);
        AreaLevel level = level(record, line, columns);
        Boolean boundary = flag(record, line, columns);
        String oldName = columns.containsKey(OLD_NAME) ? cell(record, columns.get(OLD_NAME)) : "";
        if (errors.size() > before) {
            return Optional.empty();
        }
        for (String column : List.of("old_code", "new_code")) {
            String code = column.equals("old_code") ? oldCode : newCode;
            if (AreaLevel.ofCode(code).orElse(null) != level) {
                error(
                        line,
                        columns.get(column),
                        "wrong-level",
                        code + " is not " + level.labelWithArticle() + " code (" + level.prefix()
                                + "), the level this row gives");
            }
        }
        if (oldCode.equals(newCode)) {
            error(
                    line,
                    columns.get("new_code"),
                    "same-code",
                    "the new code is the old code " + oldCode + ": a code cannot replace itself");
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        Map<String, Integer> oneBased = new HashMap<>();
        columns.forEach((name, index) -> oneBased.put(name, index + 1));
        return Optional.of(
                new CodeHistory.Row(line, new CodeChange(oldCode, newCode, date, level, boundary, oldName), oneBased));
    }

    private String code(CSVRecord record, long line, Map<String, Integer> columns, String column) {
        int index = columns.get(column);
        String code = cell(record, index).toUpperCase(Locale.ROOT);
        if (!GSS_CODE.matcher(code).matches()) {
            error(
                    line,
                    index,
                    "bad-code",
                    (code.isEmpty() ? "blank " + column : "'" + code + "' in " + column + " is not a GSS code")
                            + " (expected a letter and 8 digits, e.g. S12000046)");
        }
        return code;
    }

    private LocalDate date(CSVRecord record, long line, Map<String, Integer> columns) {
        int index = columns.get("date");
        String text = cell(record, index);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(
                    line,
                    index,
                    "bad-date",
                    "'" + text + "' is not a date: write the first day the new code was in force as YYYY-MM-DD");
            return null;
        }
    }

    private AreaLevel level(CSVRecord record, long line, Map<String, Integer> columns) {
        int index = columns.get("level");
        String text = cell(record, index);
        Optional<AreaLevel> level = LookupColumns.levelOfKey(text).or(() -> AreaLevel.parse(text));
        if (level.isEmpty()) {
            error(
                    line,
                    index,
                    "bad-level",
                    "'" + text + "' is not a level: write council, hb, hscp, ward, iz, dz, spc or country, "
                            + "or a code prefix such as S12");
            return null;
        }
        return level.get();
    }

    private Boolean flag(CSVRecord record, long line, Map<String, Integer> columns) {
        int index = columns.get("boundary_changed");
        String text = cell(record, index).toLowerCase(Locale.ROOT);
        return switch (text) {
            case "yes", "y", "true" -> true;
            case "no", "n", "false" -> false;
            default -> {
                error(
                        line,
                        index,
                        "bad-flag",
                        "'" + text + "' in boundary_changed: write yes (the area was redrawn) "
                                + "or no (only the code changed)");
                yield null;
            }
        };
    }

    private static String cell(CSVRecord record, int index) {
        return index < record.size() ? record.get(index).strip() : "";
    }

    private void error(long line, int index, String rule, String message) {
        errors.add(new InputError(file, line, index + 1, rule, message));
    }
}
