package scot.cairn.tabulation.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The worked numbers of the disclosure-control brief (docs/disclosure-control.md), reproduced
 * exactly: the tau-Argus / cellKey D=5 V=3 js=2 ptable, the Handbook's toy example, the ONS test
 * ptable and the sdcTable dominance case.
 *
 * <p>{@code ptables/tauargus-ptab_freq.txt} is the public file {@code data/cellkey/Magnitude/ptab_freq.txt}
 * of the tau-Argus repository (sdcTools/tauargus), in its own {@code ;}-separated layout without
 * {@code p_int_lb}, as tau-Argus reads it.
 */
class WorkedNumbersTest {

    static Ptable resource(String name) {
        return Ptable.read(
                new InputStreamReader(
                        WorkedNumbersTest.class.getResourceAsStream("/ptables/" + name), StandardCharsets.UTF_8),
                name);
    }

    @Test
    void tauArgusPtableHasTheRowsQuotedInTheBrief() {
        Ptable t = resource("tauargus-ptab_freq.txt");
        assertThat(t.entries()).hasSize(66);
        assertThat(t.maxI()).isEqualTo(8);
        var row3 = t.row(3);
        assertThat(row3.get(0).v()).isEqualTo(-3);
        assertThat(row3.get(0).upperBound()).isEqualTo(0.18737598);
        assertThat(row3.get(1).v()).isEqualTo(0);
        assertThat(row3.get(1).upperBound()).isEqualTo(0.68737598);
        assertThat(row3.get(2).v()).isEqualTo(1);
        assertThat(row3.get(2).upperBound()).isEqualTo(0.84367414);
        var row8 = t.row(8);
        assertThat(row8.get(row8.size() - 2).v()).isEqualTo(4);
        assertThat(row8.get(row8.size() - 2).upperBound()).isEqualTo(0.98841508);
        assertThat(row8.get(row8.size() - 1).v()).isEqualTo(5);
        assertThat(row8.get(row8.size() - 1).upperBound()).isEqualTo(1.0);
    }

    @Test
    void tauArgusLookupsGiveTheDocumentedPublishedCounts() {
        Ptable t = resource("tauargus-ptab_freq.txt");
        assertThat(t.publish(3, 0.70)).isEqualTo(4);
        assertThat(t.publish(1, 0.50)).isEqualTo(0);
        assertThat(t.publish(2, 0.41)).isEqualTo(3);
        assertThat(t.publish(100, 0.99)).isEqualTo(105);
    }

    @Test
    void shippedDefaultGivesTheSameDocumentedLookups() {
        Ptable t = Ptable.defaultTable();
        assertThat(t.publish(3, 0.70)).isEqualTo(4);
        assertThat(t.publish(1, 0.50)).isEqualTo(0);
        assertThat(t.publish(2, 0.41)).isEqualTo(3);
        assertThat(t.publish(100, 0.99)).isEqualTo(105);
    }

    @Test
    void handbookToyCellKeyAndCount() {
        // Record keys 0.9, 0.3, 0.6: the cell key is frac(1.8) = 0.8 (up to the 2^-32 fixed point).
        double ck = CellKeys.cellKeyOf(0.9, 0.3, 0.6);
        assertThat(ck).isCloseTo(0.8, within(1e-9));
        Ptable toy = resource("handbook-toy.csv");
        assertThat(toy.publish(3, ck)).isEqualTo(4);
    }

    @Test
    void handbookToyMagnitudes() {
        Ptable toy = resource("handbook-toy.csv");
        double ck = CellKeys.cellKeyOf(0.9, 0.3, 0.6);
        // delta 0.5: a = 300 / 100 = 3, row 3 gives v = +1: 300 + 100 = 400.
        assertThat(MagnitudePerturbation.handbook(toy, 0.5).perturb(300, 200, ck))
                .isCloseTo(400.0, within(1e-9));
        // delta 0.6: a = 2.5, rows 2 (v = 0) and 3 (v = +1) interpolated: 300 + 120 * 0.5 = 360.
        // Row 2's first bound is exactly 0.8: the truncated fixed-point cell key lies just below it,
        // which is what gives the Handbook's v = 0 there.
        assertThat(MagnitudePerturbation.handbook(toy, 0.6).perturb(300, 200, ck))
                .isCloseTo(360.0, within(1e-9));
    }

    @Test
    void onsTestPtableDocumentedRows() {
        assertThat(OnsTestPtable.pvalue(10, 173)).isEqualTo(0);
        assertThat(OnsTestPtable.publish(10, 173)).isEqualTo(10);
        assertThat(OnsTestPtable.pvalue(7, 180)).isEqualTo(-7);
        assertThat(OnsTestPtable.publish(7, 180)).isEqualTo(-1); // suppressed
        assertThat(OnsTestPtable.pvalue(14, 66)).isEqualTo(1);
        assertThat(OnsTestPtable.publish(14, 66)).isEqualTo(15);
        assertThat(OnsTestPtable.pvalue(11, 190)).isEqualTo(-1);
        assertThat(OnsTestPtable.publish(11, 190)).isEqualTo(10);
    }

    @Test
    void onsTestPtableReusesRows501To750AboveSevenHundredAndFifty() {
        assertThat(OnsTestPtable.pcv(750)).isEqualTo(750);
        assertThat(OnsTestPtable.pcv(751)).isEqualTo(501);
        assertThat(OnsTestPtable.pcv(1000)).isEqualTo(750);
        assertThat(OnsTestPtable.pvalue(751, 0)).isEqualTo(OnsTestPtable.pvalue(501, 0));
        assertThat(OnsTestPtable.cellKey(200, 100)).isEqualTo(44);
    }

    @Test
    void sdcTableMicrodata1DominanceCase() {
        DominanceRule nk = new DominanceRule.NK(2, 75);
        // D/male: X = 366, x1 = 280, x2 = 11: (280 + 11) / 366 = 0.795 > 0.75.
        assertThat(nk.sensitive(366, new double[] {280, 11})).isTrue();
        // D/total: X = 518 with the same two largest contributions: 291 / 518 = 0.56.
        assertThat(nk.sensitive(518, new double[] {280, 11})).isFalse();
        // The p% rule with the equivalent p = 100 (100 - 75) / 75 = 33.3 agrees on both.
        DominanceRule pp = DominanceRule.PPercent.equivalentTo(75);
        assertThat(((DominanceRule.PPercent) pp).p()).isCloseTo(33.333, within(0.001));
        assertThat(pp.sensitive(366, new double[] {280, 11})).isTrue();
        assertThat(pp.sensitive(518, new double[] {280, 11})).isFalse();
    }
}
