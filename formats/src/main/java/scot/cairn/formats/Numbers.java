package scot.cairn.formats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Set;
import org.apache.jena.graph.Node;

/**
 * How every output writes a number, so that a CSV cell, a JSON-stat value, a page and a profile
 * show the same text for the same figure.
 *
 * <p>A published value is written from its literal's own lexical form, read as a
 * {@link BigDecimal} and never through a {@code double}: an {@code xsd:integer} as an integer, an
 * {@code xsd:decimal}, {@code xsd:double} or {@code xsd:float} without trailing zeros or exponent.
 * The store keeps small decimals and doubles in their canonical form ({@code "118049"^^xsd:decimal}
 * comes back as {@code 118049.0}, a double as {@code 1.18049E5}); both are written {@code 118049},
 * and {@code 0.1} stays {@code 0.1} whatever its binary value. A value Cairn computes (an average,
 * a rate) is a {@code double}: it is written with {@value #COMPUTED_DIGITS} significant digits, the
 * precision a double really has, so binary noise such as {@code 0.30000000000000004} never shows.
 * Thread-safe; no state.
 */
public final class Numbers {
    /** Significant digits of a computed value: a double's 16th and 17th digits are binary noise. */
    public static final int COMPUTED_DIGITS = 15;
    /** Digits on either side of the point beyond which a value keeps its scientific form (1E+400). */
    private static final int MAX_PLAIN_DIGITS = 40;

    private static final MathContext COMPUTED = new MathContext(COMPUTED_DIGITS, RoundingMode.HALF_EVEN);

    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final Set<String> INTEGERS = Set.of(
            "integer",
            "long",
            "int",
            "short",
            "byte",
            "nonNegativeInteger",
            "positiveInteger",
            "nonPositiveInteger",
            "negativeInteger",
            "unsignedLong",
            "unsignedInt",
            "unsignedShort",
            "unsignedByte");
    private static final Set<String> DECIMALS = Set.of("decimal", "double", "float");

    private Numbers() {}

    /**
     * The text of a node as a value cell: a numeric literal by the rules above, any other literal
     * its lexical form, a URI its URI; empty for null.
     */
    public static String text(Node node) {
        if (node == null) {
            return "";
        }
        if (node.isLiteral()) {
            return lexical(node.getLiteralLexicalForm(), node.getLiteralDatatypeURI());
        }
        return node.isURI() ? node.getURI() : node.toString();
    }

    /** The output form of a literal's lexical form for its datatype; non-numeric datatypes and unparseable text unchanged. */
    public static String lexical(String lexical, String datatypeUri) {
        String quick = quick(lexical, datatypeUri);
        if (quick != null) {
            return quick;
        }
        BigDecimal value = decimal(lexical, datatypeUri);
        return value == null ? lexical : plain(value, lexical.strip());
    }

    /**
     * The common forms without parsing (a download writes millions of values): a plain integer
     * ({@code 118049}, {@code -12}) as it is, and a decimal without exponent whose fraction is
     * {@code .0} (the store's canonical whole decimal) or ends in a non-zero digit; null for
     * anything else (leading zeros, a sign {@code +}, trailing zeros, exponents), which is parsed.
     */
    private static String quick(String s, String datatypeUri) {
        if (s == null || datatypeUri == null || !datatypeUri.startsWith(XSD)) {
            return null;
        }
        String type = datatypeUri.substring(XSD.length());
        boolean integer = INTEGERS.contains(type);
        if (!integer && !DECIMALS.contains(type)) {
            return null;
        }
        int n = s.length();
        int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        int i = start;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int digits = i - start;
        if (digits == 0
                || (digits > 1 && s.charAt(start) == '0')
                || (start == 1 && digits == 1 && s.charAt(1) == '0' && i == n)) {
            return null;
        }
        if (i == n) {
            return s;
        }
        if (integer || s.charAt(i) != '.' || i + 1 == n) {
            return null;
        }
        int fraction = i + 1;
        int j = fraction;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        if (j != n) {
            return null;
        }
        if (n - fraction == 1 && s.charAt(fraction) == '0') {
            String whole = s.substring(0, i);
            return whole.equals("-0") ? "0" : whole;
        }
        return s.charAt(n - 1) != '0' ? s : null;
    }

    /** The exact value of a numeric literal, trailing zeros removed; null for anything else (INF, NaN included). */
    public static BigDecimal decimal(Node node) {
        return node == null || !node.isLiteral()
                ? null
                : decimal(node.getLiteralLexicalForm(), node.getLiteralDatatypeURI());
    }

    private static BigDecimal decimal(String lexical, String datatypeUri) {
        if (lexical == null || datatypeUri == null || !datatypeUri.startsWith(XSD)) {
            return null;
        }
        String type = datatypeUri.substring(XSD.length());
        String s = lexical.strip();
        try {
            if (INTEGERS.contains(type)) {
                return new BigDecimal(new BigInteger(s));
            }
            if (DECIMALS.contains(type) && !s.isEmpty() && Character.isDigit(s.charAt(s.length() - 1))) {
                return normal(new BigDecimal(s));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number of its datatype: written as it was given
        }
        return null;
    }

    /**
     * The text of a value Cairn computed: {@value #COMPUTED_DIGITS} significant digits, no
     * trailing zeros, no exponent; null for null, NaN and infinities (no value).
     */
    public static String computed(Double value) {
        BigDecimal d = computedDecimal(value);
        return d == null ? null : plain(d, d.toString());
    }

    /** As {@link #computed(Double)}, as a decimal for JSON; null for null, NaN and infinities. */
    public static BigDecimal computedDecimal(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return BigDecimal.valueOf(value.longValue());
        }
        return normal(new BigDecimal(value).round(COMPUTED));
    }

    /**
     * The text of a number of any Java type: doubles and floats as computed values, the rest
     * (integers, {@link BigDecimal}) exactly.
     */
    public static String of(Number n) {
        if (n == null) {
            return null;
        }
        if (n instanceof Double || n instanceof Float) {
            return computed(n.doubleValue());
        }
        if (n instanceof BigDecimal b) {
            return plain(normal(b), b.toString());
        }
        return n.toString();
    }

    /**
     * Whether a cell's whole text is a decimal numeral ({@code 12}, {@code -3.5}, {@code -1E-3}):
     * what a spreadsheet reads as a number, never as a formula.
     */
    public static boolean isNumeral(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exponent = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** Trailing zeros removed, and never a negative scale (so it prints without an exponent). */
    private static BigDecimal normal(BigDecimal b) {
        BigDecimal stripped = b.signum() == 0 ? BigDecimal.ZERO : b.stripTrailingZeros();
        return stripped.scale() < 0 && stripped.precision() - stripped.scale() <= MAX_PLAIN_DIGITS
                ? stripped.setScale(0)
                : stripped;
    }

    private static String plain(BigDecimal b, String fallback) {
        int integerDigits = b.precision() - b.scale();
        if (integerDigits > MAX_PLAIN_DIGITS || b.scale() > MAX_PLAIN_DIGITS) {
            return fallback;
        }
        return b.toPlainString();
    }
}
