package scot.cairn.tabulation;

/**
 * A well-formed request that a disclosure rule or a limit refuses as a whole: says which rule,
 * why, and what to change. Refusals are immediate; no request is left to time out.
 */
public final class TabulationRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String advice;

    public TabulationRefusedException(String rule, String reason, String advice) {
        super(reason);
        this.rule = rule;
        this.advice = advice;
    }

    public String rule() {
        return rule;
    }

    public String advice() {
        return advice;
    }
}
