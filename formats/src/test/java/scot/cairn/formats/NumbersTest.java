package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

class NumbersTest {

    private static Node literal(String lexical, XSDDatatype type) {
        return NodeFactory.createLiteralDT(lexical, type);
    }

    @Test
    void aWholeDecimalIsWrittenWithoutTheStoresCanonicalPointZero() {
        // TDB2 hands back "118049"^^xsd:decimal as "118049.0"
        assertThat(Numbers.text(literal("118049.0", XSDDatatype.XSDdecimal))).isEqualTo("118049");
        assertThat(Numbers.text(literal("118049", XSDDatatype.XSDdecimal))).isEqualTo("118049");
        assertThat(Numbers.text(literal("24.60", XSDDatatype.XSDdecimal))).isEqualTo("24.6");
        assertThat(Numbers.text(literal("-0.0", XSDDatatype.XSDdecimal))).isEqualTo("0");
    }

    @Test
    void anIntegerIsAnInteger() {
        assertThat(Numbers.text(literal("118049", XSDDatatype.XSDinteger))).isEqualTo("118049");
        assertThat(Numbers.text(literal("+007", XSDDatatype.XSDint))).isEqualTo("7");
        assertThat(Numbers.text(literal("-12", XSDDatatype.XSDinteger))).isEqualTo("-12");
    }

    @Test
    void aDoubleIsWrittenFromItsLexicalFormNeverThroughABinaryDouble() {
        // TDB2's canonical double form
        assertThat(Numbers.text(literal("1.18049E5", XSDDatatype.XSDdouble))).isEqualTo("118049");
        assertThat(Numbers.text(literal("0.1", XSDDatatype.XSDdouble))).isEqualTo("0.1");
        assertThat(Numbers.text(literal("1.0E-7", XSDDatatype.XSDdouble))).isEqualTo("0.0000001");
        assertThat(Numbers.text(literal("INF", XSDDatatype.XSDdouble))).isEqualTo("INF");
        assertThat(Numbers.text(literal("NaN", XSDDatatype.XSDfloat))).isEqualTo("NaN");
    }

    @Test
    void aPublishedValueKeepsEveryDigitItWasPublishedWith() {
        // SIMD 2020v2 indicators publish this text; it is the publisher's value, not noise Cairn adds
        assertThat(Numbers.text(literal("0.85206999999999988", XSDDatatype.XSDdecimal)))
                .isEqualTo("0.85206999999999988");
    }

    @Test
    void nonNumbersAreWrittenAsTheyAre() {
        assertThat(Numbers.text(NodeFactory.createLiteralString("12.0"))).isEqualTo("12.0");
        assertThat(Numbers.text(literal("not a number", XSDDatatype.XSDdecimal)))
                .isEqualTo("not a number");
        assertThat(Numbers.text(literal("2020-01-01", XSDDatatype.XSDdate))).isEqualTo("2020-01-01");
        assertThat(Numbers.text(NodeFactory.createURI("http://example.org/x"))).isEqualTo("http://example.org/x");
        assertThat(Numbers.text(null)).isEmpty();
        assertThat(Numbers.decimal(NodeFactory.createLiteralString("12"))).isNull();
    }

    @Test
    void theQuickPathAndTheParsedPathAgree() {
        String[] decimals = {
            "0",
            "-0",
            "0.0",
            "-0.0",
            "7",
            "-7",
            "007",
            "+7",
            "118049.0",
            "118049.00",
            "24.6",
            "24.60",
            "-24.60",
            "0.5",
            ".5",
            "5.",
            "-0.5",
            "1E+3",
            "1e-3",
            "10",
            "100.0",
            "0.85206999999999988",
            "1.18049E5",
            "12.3.4",
            "-",
            "",
            "1-2"
        };
        for (String d : decimals) {
            for (XSDDatatype type :
                    new XSDDatatype[] {XSDDatatype.XSDdecimal, XSDDatatype.XSDdouble, XSDDatatype.XSDinteger}) {
                String quickOrParsed = Numbers.lexical(d, type.getURI());
                java.math.BigDecimal exact = Numbers.decimal(NodeFactory.createLiteralDT(d, type));
                String expected = exact == null ? d : exact.toPlainString();
                assertThat(quickOrParsed).as("%s as %s", d, type.getURI()).isEqualTo(expected);
            }
        }
    }

    @Test
    void hugeExponentsKeepTheirShortForm() {
        assertThat(Numbers.text(literal("1E+400", XSDDatatype.XSDdouble))).isEqualTo("1E+400");
        assertThat(Numbers.text(literal("1E-400", XSDDatatype.XSDdouble))).isEqualTo("1E-400");
        assertThat(Numbers.text(literal("1E+20", XSDDatatype.XSDdouble))).isEqualTo("100000000000000000000");
    }

    @Test
    void computedValuesHaveFifteenSignificantDigitsAndNoBinaryNoise() {
        assertThat(Numbers.computed(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Numbers.computed(118049.0)).isEqualTo("118049");
        assertThat(Numbers.computed(71.0 / 894)).isEqualTo("0.0794183445190157");
        assertThat(Numbers.computed(0.85206999999999988)).isEqualTo("0.85207");
        assertThat(Numbers.computed(-2.5)).isEqualTo("-2.5");
        assertThat(Numbers.computed(1e300)).isEqualTo("1E+300");
        assertThat(Numbers.computed(Double.NaN)).isNull();
        assertThat(Numbers.computed(Double.POSITIVE_INFINITY)).isNull();
        assertThat(Numbers.computed(null)).isNull();
    }

    @Test
    void javaNumbersOfEveryKind() {
        assertThat(Numbers.of(118049L)).isEqualTo("118049");
        assertThat(Numbers.of(2.5f)).isEqualTo("2.5");
        assertThat(Numbers.of(new BigDecimal("118049.000"))).isEqualTo("118049");
        assertThat(Numbers.of(new BigDecimal("1.18049E+5"))).isEqualTo("118049");
    }

    @Test
    void numeralsAreWhatASpreadsheetReadsAsANumber() {
        assertThat(Numbers.isNumeral("12")).isTrue();
        assertThat(Numbers.isNumeral("-3.5")).isTrue();
        assertThat(Numbers.isNumeral("-1E-3")).isTrue();
        assertThat(Numbers.isNumeral("-.5")).isTrue();
        assertThat(Numbers.isNumeral("-")).isFalse();
        assertThat(Numbers.isNumeral("-1+2")).isFalse();
        assertThat(Numbers.isNumeral("-1E")).isFalse();
        assertThat(Numbers.isNumeral("=1")).isFalse();
        assertThat(Numbers.isNumeral("")).isFalse();
    }
}
