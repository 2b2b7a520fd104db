package scot.cairn.tabulation.disclosure;

/**
 * The cell key method for magnitudes (sums of a numeric variable), after the Handbook on SDC:
 * {@code x^ = x + delta * x_max * v}, where {@code x_max} is the cell's largest contribution and
 * {@code v} is looked up in the ptable with argument {@code a = |x| / (delta * x_max)},
 * interpolating between rows when {@code a} is not an integer. The top contributor thus drives
 * the size of the noise. Immutable and thread-safe.
 *
 * @param ptable the perturbation table used for magnitudes
 * @param delta  the noise scale relative to the largest contribution (0 &lt; delta &lt;= 1)
 */
public record MagnitudePerturbation(Ptable ptable, double delta) {
    public MagnitudePerturbation {
        if (ptable == null) {
            throw new IllegalArgumentException("a magnitude perturbation needs a ptable");
        }
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in (0,1], got " + delta);
        }
    }

    /** The perturbed value of a cell total {@code x} whose largest contribution is {@code xMax}. */
    public double perturb(double x, double xMax, double cellKey) {
        if (xMax == 0 || x == 0) {
            return x;
        }
        double scale = delta * Math.abs(xMax);
        double a = Math.abs(x) / scale;
        return x + scale * ptable.interpolatedPerturbation(a, cellKey);
    }
}
