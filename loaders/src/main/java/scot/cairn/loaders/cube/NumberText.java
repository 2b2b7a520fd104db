package scot.cairn.loaders.cube;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Reads a Value cell as a number of an XSD datatype. Kept free of Jena so the drafter can use it alone. */
final class NumberText {
    private NumberText() {}

    /** The canonical-enough lexical form of a number for the datatype, or null when it is not one. */
    static String lexical(String s, String datatype) {
        if (s.isEmpty()) {
            return null;
        }
        boolean simpleInteger = true;
        boolean simpleDecimal = true;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (c == '-' && i == 0 && s.length() > 1) {
                continue;
            }
            if (c == '.' && dots == 0 && i > (s.charAt(0) == '-' ? 1 : 0) && i < s.length() - 1) {
                dots++;
                simpleInteger = false;
                continue;
            }
            simpleInteger = false;
            simpleDecimal = false;
            break;
        }
        try {
            switch (datatype) {
                case "integer" -> {
                    if (simpleInteger) {
                        return s;
                    }
                    BigDecimal b = new BigDecimal(s);
                    BigInteger exact = b.stripTrailingZeros().toBigIntegerExact();
                    return exact.toString();
                }
                case "double" -> {
                    double d = Double.parseDouble(s);
                    if (Double.isNaN(d)
                            || Double.isInfinite(d)
                            || !(simpleDecimal || s.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"))) {
                        return null;
                    }
                    return s.startsWith("+") ? s.substring(1) : s;
                }
                default -> {
                    if (simpleDecimal) {
                        return s;
                    }
                    if (!s.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?")) {
                        return null;
                    }
                    return new BigDecimal(s).toPlainString();
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
