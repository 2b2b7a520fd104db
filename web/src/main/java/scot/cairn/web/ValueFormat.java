package scot.cairn.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;

/**
 * An observation's value as a page shows it, by its datatype: whole numbers grouped in thousands
 * ({@code 12,345}); decimals as published ({@code 118049.0}, the store's whole decimal, as {@code 118,049}), grouped; doubles and floats without their binary noise
 * ({@code 0.85206999999999988} is shown as {@code 0.85207}: the shortest decimal that reads back
 * as the same double, at most 6 significant decimals). Anything else is shown as written.
 * Downloads keep the published lexical form; only the pages format.
 */
final class ValueFormat {
    private ValueFormat() {}

    static String of(Node value) {
        if (value == null || !value.isLiteral()) {
            return "";
        }
        String lexical = value.getLiteralLexicalForm().strip();
        String type = value.getLiteralDatatypeURI();
        try {
            if (type == null || type.equals(XSDDatatype.XSDstring.getURI())) {
                return lexical;
            }
            if (type.equals(XSDDatatype.XSDdouble.getURI()) || type.equals(XSDDatatype.XSDfloat.getURI())) {
                return number(Double.parseDouble(lexical));
            }
            if (type.equals(XSDDatatype.XSDdecimal.getURI())) {
                // as published, except the store's canonical whole decimal (118049.0 is 118049, as in every output)
                return grouped(
                        new BigDecimal(lexical.endsWith(".0") ? lexical.substring(0, lexical.length() - 2) : lexical));
            }
            if (type.startsWith(XSDDatatype.XSD + "#")
                    && (type.endsWith("nteger")
                            || type.endsWith("#long")
                            || type.endsWith("#int")
                            || type.endsWith("#short"))) {
                return grouped(new BigDecimal(lexical));
            }
        } catch (NumberFormatException e) {
            return lexical; // an ill-typed literal is shown as written
        }
        return lexical;
    }

    /** A number without binary noise: the shortest decimal for the double, rounded to 6 decimals at most, grouped. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(Double.toString(v));
        if (d.scale() > 6) {
            d = d.setScale(6, RoundingMode.HALF_UP);
        }
        d = d.stripTrailingZeros();
        return grouped(d.scale() < 0 ? d.setScale(0) : d);
    }

    private static String grouped(BigDecimal d) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.UK));
        int scale = Math.max(0, d.scale());
        f.setMinimumFractionDigits(scale);
        f.setMaximumFractionDigits(scale);
        return f.format(d);
    }
}
