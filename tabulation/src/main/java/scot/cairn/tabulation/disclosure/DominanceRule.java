package scot.cairn.tabulation.disclosure;

/**
 * A primary-suppression rule for magnitude cells, judged from the cell total and its largest
 * contributions (sorted, largest first). Parameters are configuration and are never returned to
 * users. Implementations are immutable.
 */
public sealed interface DominanceRule permits DominanceRule.NK, DominanceRule.PPercent {

    /** True when the cell is sensitive: publishing it would reveal too much about its top contributors. */
    boolean sensitive(double total, double[] largestFirst);

    /** How many top contributions the rule needs. */
    int contributorsNeeded();

    /**
     * The (n,k) rule: sensitive when the {@code n} largest contributions exceed {@code k}% of the total.
     */
    record NK(int n, double k) implements DominanceRule {
        public NK {
            if (n < 1) {
                throw new IllegalArgumentException("n must be at least 1, got " + n);
            }
            if (!(k > 0 && k < 100)) {
                throw new IllegalArgumentException("k must be a percentage in (0,100), got " + k);
            }
        }

        @Override
        public boolean sensitive(double total, double[] largestFirst) {
            double top = 0;
            for (int i = 0; i < Math.min(n, largestFirst.length); i++) {
                top += largestFirst[i];
            }
            return total > 0 && top > k / 100.0 * total;
        }

        @Override
        public int contributorsNeeded() {
            return n;
        }
    }

    /**
     * The p% rule: sensitive when the total minus the two largest contributions (what the second
     * largest contributor does not know) is less than {@code p}% of the largest contribution.
     */
    record PPercent(double p) implements DominanceRule {
        public PPercent {
            if (!(p > 0 && p < 100)) {
                throw new IllegalArgumentException("p must be a percentage in (0,100), got " + p);
            }
        }

        /** The p% rule equivalent to the (2,k) rule's threshold: {@code p = 100 (100 - k) / k}. */
        public static PPercent equivalentTo(double k) {
            return new PPercent(100 * (100 - k) / k);
        }

        @Override
        public boolean sensitive(double total, double[] largestFirst) {
            double x1 = largestFirst.length > 0 ? largestFirst[0] : 0;
            double x2 = largestFirst.length > 1 ? largestFirst[1] : 0;
            return x1 > 0 && total - x1 - x2 < p / 100.0 * x1;
        }

        @Override
        public int contributorsNeeded() {
            return 2;
        }
    }
}
