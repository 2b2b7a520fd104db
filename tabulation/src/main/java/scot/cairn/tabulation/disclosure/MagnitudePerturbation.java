package scot.cairn.tabulation.disclosure;

/**
 * The cell key method for magnitudes (sums of a numeric variable), after the cellKey package's
 * "top contributors" variant (Giessing and Tent 2019): the noise is the sum of one component per
 * largest contribution,
 * {@code x^ = x + sum_j delta * epsilon_j * x_(j) * u_j} for the {@code k} largest contributions
 * {@code x_(1) >= x_(2) >= ...}, where {@code u_j} is looked up in the ptable with argument
 * {@code a = |x| / (delta * epsilon_j * x_(j))} and a key derived from the cell key (the cell key
 * itself for {@code j = 1}, a mixed copy for the others, as cellKey "scrambles" it), and pushed
 * away from 0 by {@code muC}: {@code u = sign(v) (muC + |v|)}. So the top contributors drive the
 * noise, and no published sum is ever within {@code muC * delta * x_(1)} of the truth.
 *
 * <p>With {@code continuous} the ptable is read as a continuous distribution (see
 * {@link Ptable#continuousPerturbation}): two sums that differ by one contribution then never
 * share their noise exactly, which is what let a discrete ptable publish exact, recognisable
 * differences. {@code k = 1}, {@code muC = 0} and discrete lookups give the Handbook's
 * {@code x^ = x + delta * x_max * v} (worked numbers in the tests). The published value is never
 * below 0. Immutable and thread-safe.
 *
 * @param ptable     the perturbation table
 * @param delta      the noise scale relative to the largest contribution (0 &lt; delta &lt;= 1)
 * @param epsilon    the weight of each of the top contributions, the first 1 (cellKey's {@code epsilon})
 * @param muC        extra distance from 0 of every noise component (cellKey's {@code mu_c}), in ptable units
 * @param continuous read the ptable as a continuous distribution
 */
public record MagnitudePerturbation(Ptable ptable, double delta, double[] epsilon, double muC, boolean continuous) {
    public MagnitudePerturbation {
        if (ptable == null) {
            throw new IllegalArgumentException("a magnitude perturbation needs a ptable");
        }
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in (0,1], got " + delta);
        }
        if (epsilon == null || epsilon.length < 1 || epsilon.length > 6 || epsilon[0] != 1) {
            throw new IllegalArgumentException("epsilon needs 1 to 6 weights, the first 1");
        }
        for (double e : epsilon) {
            if (!(e > 0 && e <= 1)) {
                throw new IllegalArgumentException("every epsilon must be in (0,1], got " + e);
            }
        }
        if (!(muC >= 0)) {
            throw new IllegalArgumentException("muC must be 0 or more, got " + muC);
        }
        epsilon = epsilon.clone();
    }

    /** The Handbook's method: one component, scaled by the largest contribution, discrete lookups. */
    public static MagnitudePerturbation handbook(Ptable ptable, double delta) {
        return new MagnitudePerturbation(ptable, delta, new double[] {1}, 0, false);
    }

    /** The shipped default: top 3 contributions weighted 1, 0.5, 0.25, delta 0.1, muC 1, continuous. */
    public static MagnitudePerturbation defaults() {
        return new MagnitudePerturbation(Ptable.defaultMagnitudeTable(), 0.1, new double[] {1, 0.5, 0.25}, 1, true);
    }

    /** How many top contributions the noise uses. */
    public int topK() {
        return epsilon.length;
    }

    /** The Handbook form: the perturbed value of {@code x} whose largest contribution is {@code xMax}. */
    public double perturb(double x, double xMax, double cellKey) {
        return perturb(x, new double[] {xMax}, cellKey);
    }

    /**
     * The perturbed value of a cell total {@code x} whose largest contributions are
     * {@code largestFirst} (at least one; more than {@link #topK()} are ignored).
     */
    public double perturb(double x, double[] largestFirst, double cellKey) {
        if (x == 0 || largestFirst.length == 0 || largestFirst[0] == 0) {
            return x;
        }
        double noise = 0;
        long fixed = CellKeys.fromUnit(cellKey);
        for (int j = 0; j < Math.min(epsilon.length, largestFirst.length); j++) {
            double scale = delta * epsilon[j] * Math.abs(largestFirst[j]);
            if (scale == 0) {
                break;
            }
            double key = j == 0 ? cellKey : CellKeys.toUnit(mix(fixed, j));
            double a = Math.abs(x) / scale;
            double v = continuous ? ptable.continuousPerturbation(a, key) : ptable.interpolatedPerturbation(a, key);
            noise += scale * (v < 0 ? -(muC - v) : muC + v);
        }
        return Math.max(0, x + noise);
    }

    /** A key for component {@code j} from the cell key: the SplitMix64 finaliser, so the components are unrelated. */
    private static long mix(long fixedKey, int j) {
        long z = fixedKey * 0x9E3779B97F4A7C15L + j * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 32;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MagnitudePerturbation m
                && ptable == m.ptable
                && delta == m.delta
                && java.util.Arrays.equals(epsilon, m.epsilon)
                && muC == m.muC
                && continuous == m.continuous;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(delta, java.util.Arrays.hashCode(epsilon), muC, continuous);
    }

    @Override
    public double[] epsilon() {
        return epsilon.clone();
    }
}
