package scot.cairn.geography;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import scot.cairn.formats.InvalidInputException;

/**
 * The history of area codes: which codes went out of force, when, what replaced them and whether
 * the boundary changed. Applied to a lookup ({@link #applyTo}), it adds each archived code as an
 * archived area and dates the live areas that replaced them, so that files published under the
 * old codes keep loading.
 *
 * <p>Given by the publisher as a CSV file ({@link #read}: {@code old_code,new_code,date,level,
 * boundary_changed[,old_name]}, where every row must fit the lookup), or built in
 * ({@link #scotland()}: Scotland's council, health and social care partnership and health board
 * changes of 2018 and 2019, applied where the lookup has their new codes). Immutable.
 */
public final class CodeHistory {

    /** The built-in history, a resource of this package, with its sources in a README beside it. */
    static final String SCOTLAND_RESOURCE = "code-history/scotland-2018-2019.csv";

    /** One row of a history, with the line it came from and the 1-based column of each field by its header name. */
    record Row(long line, CodeChange change, java.util.Map<String, Integer> columns) {
        int column(String name) {
            return columns.getOrDefault(name, 0);
        }
    }

    /** No history: the lookup alone. */
    public static final CodeHistory NONE = new CodeHistory("no code history", List.of(), true);

    private final String source;
    private final List<Row> rows;
    private final boolean strict;

    private CodeHistory(String source, List<Row> rows, boolean strict) {
        this.source = source;
        this.rows = List.copyOf(rows);
        this.strict = strict;
    }

    /**
     * Reads a publisher's history file. Each row must fit the lookup it is applied to.
     *
     * @throws InvalidInputException listing every bad cell, as {@code file:line:column: message}
     * @throws UncheckedIOException  when the file cannot be read
     */
    public static CodeHistory read(Path csv, int maxErrors) {
        Objects.requireNonNull(csv, "csv must not be null");
        String file =
                csv.getFileName() == null ? csv.toString() : csv.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        return new CodeHistory(file, CodeHistoryFile.read(file, bytes, maxErrors), true);
    }

    /**
     * Scotland's code changes of 2018 (Fife and Perth and Kinross, with NHS Fife and Tayside) and
     * 2019 (Glasgow City and North Lanarkshire, with NHS Greater Glasgow and Clyde and Lanarkshire),
     * for councils, health and social care partnerships and health boards; every one a boundary
     * change. Applied to a lookup, a row is used only where the lookup has its new code and not
     * its old one, so it fits any edition of the lookup.
     */
    public static CodeHistory scotland() {
        try (InputStream in = CodeHistory.class.getResourceAsStream(SCOTLAND_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCOTLAND_RESOURCE + " is missing from the geography jar");
            }
            return new CodeHistory(
                    "built-in history of Scotland's 2018-2019 code changes",
                    CodeHistoryFile.read(SCOTLAND_RESOURCE, in.readAllBytes(), LookupFile.DEFAULT_MAX_ERRORS),
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the history came from: the file name, or a description of the built-in one. */
    public String source() {
        return source;
    }

    /** Every change of the history, in file order. */
    public List<CodeChange> changes() {
        return rows.stream().map(Row::change).toList();
    }

    /** What applying the history to a lookup gave. */
    public record Applied(Geography geography, List<CodeChange> applied, int skipped) {
        public Applied {
            Objects.requireNonNull(geography, "geography must not be null");
            applied = List.copyOf(applied);
        }
    }

    /**
     * The lookup's areas with the history's archived areas added and the live areas they became
     * dated. A publisher's file must fit the lookup row for row; the built-in history skips rows
     * whose new code the lookup lacks or whose old code it still has.
     *
     * @param lookup the areas of a lookup file, all live
     * @throws InvalidInputException when a row does not fit the lookup or the other rows
     */
    public Applied applyTo(Geography lookup) {
        Objects.requireNonNull(lookup, "lookup must not be null");
        List<Row> usable = strict ? rows : HistoryBuilder.fitting(rows, lookup);
        Geography geography = usable.isEmpty() ? lookup : new HistoryBuilder(source, usable, lookup).build();
        return new Applied(geography, usable.stream().map(Row::change).toList(), rows.size() - usable.size());
    }
}
