package scot.cairn.formats;

/**
 * What a CSV does with a cell a spreadsheet would run as a formula (CSV injection,
 * https://owasp.org/www-community/attacks/CSV_Injection). Anyone can name a locality, and a
 * publisher's labels reach every download, so a public CSV neutralises such cells unless its
 * reader asked for them as they are.
 */
public enum Formulas {
    /**
     * OWASP's rule: a cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, tab, carriage
     * return or line feed gets a leading {@code '}, so that a spreadsheet shows it as text; the cell
     * is quoted when it needs to be, and quotes in it doubled, as always. A cell that is wholly a
     * number ({@code -3.5}, {@code -1E-3}) is a number to a spreadsheet, not a formula, and is left
     * alone.
     */
    NEUTRALISE,
    /** Every cell exactly as it is: for machine consumers that ask, and files only programs read. */
    KEEP;

    /** The query parameter a request names the treatment with: {@code formulas=keep}. */
    public static final String PARAMETER = "formulas";
    /** The server setting; {@code false} writes every CSV as it is, whatever the request. */
    public static final String SETTING = "cairn.csv.neutralise-formulas";
    /** {@link #SETTING} with its default, for {@code @Value}. */
    public static final String SETTING_WITH_DEFAULT = "${" + SETTING + ":true}";

    /**
     * The treatment for one request: {@link #KEEP} when the server does not neutralise or the
     * request says {@code formulas=keep}; otherwise (any other value included) {@link #NEUTRALISE}.
     *
     * @param parameter           the request's {@value #PARAMETER} parameter, or null
     * @param neutraliseByDefault the server setting {@value #SETTING}
     */
    public static Formulas forRequest(String parameter, boolean neutraliseByDefault) {
        return !neutraliseByDefault || "keep".equalsIgnoreCase(parameter == null ? null : parameter.strip())
                ? KEEP
                : NEUTRALISE;
    }

    /** The cell as written under this treatment. */
    public String cell(String text) {
        if (this == KEEP
                || text == null
                || text.isEmpty()
                || !startsLikeFormula(text.charAt(0))
                || Numbers.isNumeral(text)) {
            return text;
        }
        return "'" + text;
    }

    private static boolean startsLikeFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
    }
}
