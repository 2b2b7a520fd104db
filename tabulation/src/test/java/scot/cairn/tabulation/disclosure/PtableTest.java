package scot.cairn.tabulation.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PtableTest {

    @Test
    void shippedDefaultIsWhatTheGeneratorProduces() throws Exception {
        StringWriter shipped = new StringWriter();
        Ptable.defaultTable().write(shipped);
        StringWriter generated = new StringWriter();
        PtableGenerator.generate(5, 3, 2, 0.5).write(generated);
        assertThat(shipped.toString()).isEqualTo(generated.toString());
    }

    @Test
    void shippedDefaultMeetsTheDesignConstraints() {
        Ptable t = Ptable.defaultTable();
        assertThat(t.maxI()).isEqualTo(8);
        for (int i = 0; i <= t.maxI(); i++) {
            List<Ptable.Entry> row = t.row(i);
            double sum = 0, mean = 0, var = 0, stay = 0;
            for (Ptable.Entry e : row) {
                sum += e.p();
                mean += e.p() * e.v();
                var += e.p() * e.v() * e.v();
                assertThat(Math.abs(e.v())).as("|v| <= D in row %d", i).isLessThanOrEqualTo(5);
                if (i > 0) {
                    assertThat(e.j()).as("no published 1 or 2 from row %d", i).isNotIn(1, 2);
                }
                if (e.v() == 0) {
                    stay = e.p();
                }
            }
            assertThat(sum).as("row %d sums to 1", i).isCloseTo(1.0, within(1e-12));
            assertThat(mean).as("row %d unbiased", i).isCloseTo(0.0, within(1e-6));
            assertThat(var).as("row %d variance", i).isLessThanOrEqualTo(3.0 + 1e-6);
            if (i >= 3) {
                assertThat(stay).as("pstay in row %d", i).isEqualTo(0.5);
            }
        }
        assertThat(t.row(0)).singleElement().satisfies(e -> assertThat(e.j()).isZero());
        assertThat(t.publish(0, 0.999)).isZero();
    }

    @Test
    void generatorReproducesTauArgusPtableToRounding() {
        Ptable ours = PtableGenerator.generate(5, 3, 2, 0.5);
        Ptable theirs = WorkedNumbersTest.resource("tauargus-ptab_freq.txt");
        assertThat(ours.entries()).hasSameSizeAs(theirs.entries());
        for (int k = 0; k < ours.entries().size(); k++) {
            Ptable.Entry a = ours.entries().get(k);
            Ptable.Entry b = theirs.entries().get(k);
            assertThat(a.i()).isEqualTo(b.i());
            assertThat(a.j()).isEqualTo(b.j());
            assertThat(a.p()).as("p of i=%d j=%d", a.i(), a.j()).isCloseTo(b.p(), within(5e-8));
        }
    }

    @Test
    void noSmallCountIsEverPublishedByTheDefault() {
        Ptable t = Ptable.defaultTable();
        for (long n = 1; n <= 20; n++) {
            for (int k = 0; k < 1000; k++) {
                long published = t.publish(n, k / 1000.0);
                assertThat(published).isNotIn(1L, 2L).isGreaterThanOrEqualTo(0).isBetween(n - 5, n + 5);
            }
        }
    }

    @Test
    void readsTheStandardFormatWithCommas() {
        Ptable t = Ptable.read(
                new StringReader("i,j,p,v,p_int_lb,p_int_ub\n0,0,1,0,0,1\n1,0,0.5,-1,0,0.5\n1,2,0.5,1,0.5,1\n"),
                "t.csv");
        assertThat(t.publish(1, 0.49)).isEqualTo(0);
        assertThat(t.publish(1, 0.5)).isEqualTo(2);
        assertThat(t.publish(7, 0.1)).isEqualTo(6);
    }

    @Test
    void rowNotSummingToOneIsRejectedWithLine() {
        assertThatThrownBy(() -> Ptable.read(
                        new StringReader(
                                "i,j,p,v,p_int_lb,p_int_ub\n0,0,1,0,0,1\n1,0,0.5,-1,0,0.5\n1,2,0.4,1,0.5,0.9\n"),
                        "bad.csv"))
                .isInstanceOf(PtableFormatException.class)
                .hasMessage("bad.csv:4:1: row-sums-to-one: the probabilities of row i=1 sum to 0.90000000, not 1");
    }

    @Test
    void wrongVIsRejectedWithLineAndColumn() {
        assertThatThrownBy(() -> Ptable.read(
                        new StringReader("i,j,p,v,p_int_lb,p_int_ub\n0,0,1,0,0,1\n1,0,1,1,0,1\n"), "bad.csv"))
                .isInstanceOf(PtableFormatException.class)
                .hasMessage("bad.csv:3:4: v-equals-j-minus-i: v must be j - i = -1, got 1");
    }

    @Test
    void missingRowIsRejected() {
        assertThatThrownBy(() -> Ptable.read(new StringReader("i,j,p\n0,0,1\n2,2,1\n"), "gap.csv"))
                .isInstanceOf(PtableFormatException.class)
                .hasMessageContaining("row i=1 is missing");
    }

    @Test
    void nonNumericProbabilityIsRejected() {
        assertThatThrownBy(() -> Ptable.read(new StringReader("i,j,p\n0,0,one\n"), "x.csv"))
                .isInstanceOf(PtableFormatException.class)
                .hasMessage("x.csv:2:3: number: column 'p' must be a number, got 'one'");
    }

    @Test
    void cellKeyIsOrderIndependentAndAdditive() {
        long a = CellKeys.fromUnit(0.7), b = CellKeys.fromUnit(0.55), c = CellKeys.fromUnit(0.99);
        assertThat(CellKeys.add(CellKeys.add(a, b), c)).isEqualTo(CellKeys.add(c, CellKeys.add(b, a)));
        assertThat(CellKeys.reduce(a + b + c)).isEqualTo(CellKeys.add(a, CellKeys.add(b, c)));
    }

    @Test
    void theContinuousLookupSpreadsEachPerturbationOverItsUnitIntervalWithMeanZero() {
        Ptable t = Ptable.defaultMagnitudeTable();
        // Row maxI, sampled finely: every value within v +- 0.5 of the discrete lookup, no two keys alike, mean about
        // 0.
        double sum = 0;
        java.util.Set<Double> seen = new java.util.HashSet<>();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double key = (i + 0.5) / n;
            double c = t.continuousPerturbation(t.maxI(), key);
            int v = t.perturbation(t.maxI(), key);
            assertThat(c).isBetween(v - 0.5, v + 0.5);
            seen.add(c);
            sum += c;
        }
        assertThat(seen).hasSize(n);
        assertThat(sum / n).isCloseTo(0.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void magnitudeNoiseNeverLeavesASumExactAndGrowsWithTheTopContributions() {
        MagnitudePerturbation m = MagnitudePerturbation.defaults();
        for (int i = 0; i < 1000; i++) {
            double key = (i + 0.5) / 1000;
            double x = 1000;
            double p = m.perturb(x, new double[] {100, 50, 20}, key);
            // The first component alone moves the sum by at least muC x delta x 100 = 10 either way before the others.
            assertThat(p).isNotEqualTo(x);
            assertThat(Math.abs(p - x)).isLessThanOrEqualTo(0.1 * 6.5 * (100 + 25 + 5) + 1e-9);
        }
        assertThat(m.perturb(0, new double[] {0}, 0.3)).isZero();
    }
}
