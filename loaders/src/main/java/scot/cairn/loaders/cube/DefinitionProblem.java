package scot.cairn.loaders.cube;

/**
 * A rule of the definition format broken by one value, naming where that value is (a JSON
 * pointer relative to the record being built, such as {@code /levels/2} or {@code /name}), so
 * that the error points at the line and column of the value rather than the end of the record.
 */
final class DefinitionProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String pointer;

    private DefinitionProblem(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** @param path keys and list indexes from the record to the value, e.g. {@code ("levels", 2)} */
    static DefinitionProblem at(String message, Object... path) {
        StringBuilder p = new StringBuilder();
        for (Object segment : path) {
            p.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
        }
        return new DefinitionProblem(p.toString(), message);
    }

    /** Where the value is, relative to the record being built: "" for the record itself. */
    String pointer() {
        return pointer;
    }
}
