package scot.cairn.loaders.boundaries;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A boundary file was rejected before anything was published. Carries every problem found (up to
 * the loader's limit), one per line in the message.
 */
public class InvalidBoundariesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<BoundaryProblem> problems;
    private final boolean truncated;

    public InvalidBoundariesException(List<BoundaryProblem> problems, boolean truncated) {
        super(render(problems, truncated));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidBoundariesException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    public InvalidBoundariesException(BoundaryProblem problem) {
        this(List.of(problem), false);
    }

    /** The problems found, in file order. */
    public List<BoundaryProblem> problems() {
        return problems;
    }

    /** True when more problems exist than were collected. */
    public boolean truncated() {
        return truncated;
    }

    private static String render(List<BoundaryProblem> problems, boolean truncated) {
        String body = problems.stream().map(BoundaryProblem::toString).collect(Collectors.joining("\n"));
        return truncated ? body + "\n(stopped after " + problems.size() + " errors)" : body;
    }
}
