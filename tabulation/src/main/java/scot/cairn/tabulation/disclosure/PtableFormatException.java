package scot.cairn.tabulation.disclosure;

/**
 * A perturbation table file that cannot be used, with the place and the rule it breaks.
 * The message reads {@code file:line:column: rule: detail} so an editor can jump to it.
 */
public final class PtableFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final int column;
    private final String rule;

    public PtableFormatException(String source, long line, int column, String rule, String detail) {
        super(source + ":" + line + ":" + column + ": " + rule + ": " + detail);
        this.source = source;
        this.line = line;
        this.column = column;
        this.rule = rule;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String rule() {
        return rule;
    }
}
