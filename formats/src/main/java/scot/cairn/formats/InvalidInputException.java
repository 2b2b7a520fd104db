package scot.cairn.formats;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was rejected before anything was published. Carries every problem found (up to the
 * configured limit), each with file, line, column and rule; the message lists them one per line.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<InputError> errors;
    private final boolean truncated;

    public InvalidInputException(List<InputError> errors, boolean truncated) {
        super(render(errors, truncated));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.truncated = truncated;
    }

    public InvalidInputException(InputError error) {
        this(List.of(error), false);
    }

    /** The problems found, in file order. */
    public List<InputError> errors() {
        return errors;
    }

    /** True when more problems exist than were collected. */
    public boolean truncated() {
        return truncated;
    }

    private static String render(List<InputError> errors, boolean truncated) {
        String body = errors.stream().map(InputError::toString).collect(Collectors.joining("\n"));
        return truncated ? body + "\n(stopped after " + errors.size() + " errors)" : body;
    }
}
