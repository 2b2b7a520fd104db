package scot.cairn.tabulation.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MagnitudeAndDominanceTest {

    @Test
    void magnitudeNoiseScalesWithTheLargestContribution() {
        MagnitudePerturbation m = MagnitudePerturbation.handbook(Ptable.defaultTable(), 0.1);
        // Row 8 (a >= 8) at a cell key in the v=+5 band: 1000 + 0.1 * 50 * 5.
        assertThat(m.perturb(1000, 50, 0.995)).isCloseTo(1025.0, within(1e-9));
        // Same cell key, a dominant contributor: the noise is ten times larger.
        assertThat(m.perturb(1000, 500, 0.995)).isGreaterThan(1100);
        assertThat(m.perturb(0, 0, 0.3)).isZero();
    }

    @Test
    void pPercentFlagsWhenOthersHideTooLittleOfTheLargest() {
        DominanceRule.PPercent rule = new DominanceRule.PPercent(10);
        assertThat(rule.sensitive(1000, new double[] {900, 95})).isTrue(); // 5 < 90
        assertThat(rule.sensitive(1000, new double[] {500, 300})).isFalse(); // 200 >= 50
    }

    @Test
    void rulesRejectNonsenseParameters() {
        assertThatThrownBy(() -> new DominanceRule.NK(0, 75)).hasMessageContaining("n must be at least 1");
        assertThatThrownBy(() -> new DominanceRule.NK(2, 120)).hasMessageContaining("k must be a percentage");
        assertThatThrownBy(() -> MagnitudePerturbation.handbook(Ptable.defaultTable(), 0))
                .hasMessageContaining("delta");
    }
}
