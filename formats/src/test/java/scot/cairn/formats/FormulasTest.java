package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OWASP's CSV injection rule, https://owasp.org/www-community/attacks/CSV_Injection. */
class FormulasTest {

    @Test
    void cellsStartingLikeAFormulaGetALeadingQuote() {
        for (String cell : new String[] {
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1+2",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\nx",
            "-",
            "=",
            "- Other"
        }) {
            assertThat(Formulas.NEUTRALISE.cell(cell)).as(cell).isEqualTo("'" + cell);
        }
    }

    @Test
    void numbersAndOrdinaryTextAreLeftAlone() {
        for (String cell : new String[] {"-12", "-3.5", "-1E-3", "+7", "12", "Culter - 01", "a=b", "'=x", "", " =x"}) {
            assertThat(Formulas.NEUTRALISE.cell(cell)).as(cell).isEqualTo(cell);
        }
        assertThat(Formulas.NEUTRALISE.cell(null)).isNull();
    }

    @Test
    void keepWritesEveryCellAsItIs() {
        assertThat(Formulas.KEEP.cell("=1+2")).isEqualTo("=1+2");
    }

    @Test
    void aRequestKeepsFormulasOnlyWhenItSaysSoOrTheServerDoesNotNeutralise() {
        assertThat(Formulas.forRequest(null, true)).isEqualTo(Formulas.NEUTRALISE);
        assertThat(Formulas.forRequest("keep", true)).isEqualTo(Formulas.KEEP);
        assertThat(Formulas.forRequest(" KEEP ", true)).isEqualTo(Formulas.KEEP);
        assertThat(Formulas.forRequest("raw", true)).isEqualTo(Formulas.NEUTRALISE);
        assertThat(Formulas.forRequest(null, false)).isEqualTo(Formulas.KEEP);
        assertThat(Formulas.forRequest("neutralise", false)).isEqualTo(Formulas.KEEP);
    }
}
