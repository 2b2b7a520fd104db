package scot.cairn.loaders.cube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scot.cairn.formats.InputError;

/**
 * The problems found in one file, one entry per distinct problem: the same rule, column and
 * message on later rows (an old area code on 31 rows) only counts them, and on the same row (a
 * wrong level repeated for every melted cell of a wide row) is not repeated at all. The error
 * limit counts distinct problems, so whatever the file, the report has at most that many lines.
 */
final class ErrorLog {

    private static final class Entry {
        final InputError first;
        long repeats;
        long lastLine;

        Entry(InputError first) {
            this.first = first;
            this.lastLine = first.line();
        }
    }

    private final int max;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long count;
    private boolean truncated;

    ErrorLog(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the error limit must be at least 1");
        }
        this.max = max;
    }

    /** Records a problem; false once the limit of distinct problems is reached (the problem is then left out). */
    boolean add(InputError e) {
        count++;
        String key = e.rule() + '\u0000' + e.column() + '\u0000' + e.message();
        Entry known = entries.get(key);
        if (known != null) {
            if (e.line() != known.lastLine) {
                known.repeats++;
                known.lastLine = e.line();
            }
            return true;
        }
        if (entries.size() >= max) {
            truncated = true;
            return false;
        }
        entries.put(key, new Entry(e));
        return true;
    }

    /** True once no new problem can be recorded. */
    boolean full() {
        return truncated;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Every problem recorded, repeats included: a check that adds to it found something. */
    long count() {
        return count;
    }

    boolean truncated() {
        return truncated;
    }

    /** The distinct problems in the order first found, each saying on how many more rows it recurs. */
    List<InputError> errors() {
        List<InputError> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            InputError f = e.first;
            out.add(
                    e.repeats == 0
                            ? f
                            : new InputError(
                                    f.file(),
                                    f.line(),
                                    f.column(),
                                    f.rule(),
                                    f.message()
                                            + String.format(
                                                    Locale.ROOT,
                                                    "; the same on %,d more row%s, the last on line %d",
                                                    e.repeats,
                                                    e.repeats == 1 ? "" : "s",
                                                    e.lastLine)));
        }
        return out;
    }
}
