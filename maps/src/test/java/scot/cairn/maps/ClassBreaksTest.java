package scot.cairn.maps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quantile breaks: equal-sized classes, merged ties, breaks rounded for reading but covering every value. */
class ClassBreaksTest {

    @Test
    void fiveQuantileClassesOfTenValuesHoldTwoEach() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ClassBreaks b = ClassBreaks.quantiles(v, 2);
        // type 7: h = 9p -> 1, 2.8, 4.6, 6.4, 8.2, 10
        assertThat(b.breaks()).containsExactly(1, 2.8, 4.6, 6.4, 8.2, 10);
        int[] counts = new int[b.classes()];
        for (double x : v) {
            counts[b.classOf(x)]++;
        }
        assertThat(counts).containsExactly(2, 2, 2, 2, 2);
    }

    @Test
    void longDecimalsAreRoundedToAFewSignificantDigitsOfTheClassWidthAndStillCoverEveryValue() {
        double[] rates = {
            10.83402488203665,
            96.96645519042943,
            120.5123,
            167.96310587209982,
            200.1,
            262.13667129495286,
            300.7,
            436.31503024737157,
            1000.25,
            12440.630731542868
        };
        ClassBreaks b = ClassBreaks.quantiles(rates, 16);
        for (double x : b.breaks()) {
            assertThat(x).isEqualTo(Math.rint(x)); // class width ~2,486: whole numbers
        }
        assertThat(b.breaks()[0]).isLessThanOrEqualTo(10.83402488203665);
        assertThat(b.breaks()[b.classes()]).isGreaterThanOrEqualTo(12440.630731542868);
        assertThat(b.breaks()[0]).isEqualTo(10);
        assertThat(b.breaks()[b.classes()]).isEqualTo(12441);
    }

    @Test
    void tiesGiveFewerClassesAndOneValueGivesOne() {
        assertThat(ClassBreaks.quantiles(new double[] {5, 5, 5, 5, 9}, 2).breaks())
                .containsExactly(5, 9);
        assertThat(ClassBreaks.quantiles(new double[] {3, 3}, 2).breaks()).containsExactly(3, 3);
        assertThat(ClassBreaks.quantiles(new double[] {3, 3}, 2).classes()).isEqualTo(1);
    }
}
