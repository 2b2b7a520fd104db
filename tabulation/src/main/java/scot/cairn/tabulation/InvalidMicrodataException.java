package scot.cairn.tabulation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Microdata or a microdata definition that cannot be ingested. Each problem names the file, line,
 * column and rule; nothing already stored has been changed when this is thrown.
 */
public final class InvalidMicrodataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem: {@code file:line:column: rule: message}. Line and column are 1-based, 0 if unknown. */
    public record Problem(String file, long line, long column, String rule, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + rule + ": " + message;
        }
    }

    private final List<Problem> problems;

    public InvalidMicrodataException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
