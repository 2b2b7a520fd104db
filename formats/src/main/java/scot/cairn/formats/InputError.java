package scot.cairn.formats;

import java.util.Objects;

/**
 * One problem with an input file, located precisely enough for a publisher to fix it.
 *
 * <p>{@link #toString()} gives the compiler-style form used everywhere:
 * {@code recycling.csv:17:1: unknown area code S12999999 (not in the loaded geography)}.
 * Line and column are 1-based; 0 means "the whole file" or "the whole line".
 *
 * @param file    the file name as the user gave it (or its last path segment)
 * @param line    1-based line number, 0 when the problem is not on one line
 * @param column  1-based column number, 0 when the problem is not in one column
 * @param rule    a short stable identifier of the rule broken, e.g. {@code unknown-area}, {@code IC-12}
 * @param message what is wrong, in words a publisher can act on
 */
public record InputError(String file, long line, int column, String rule, String message) {

    public InputError {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(rule, "rule must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
