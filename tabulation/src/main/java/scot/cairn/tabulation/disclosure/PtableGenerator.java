package scot.cairn.tabulation.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a perturbation table by maximum entropy, the construction of the R {@code ptable}
 * package that tau-Argus and the cellKey package use.
 *
 * <p>For each true count {@code i} (1..D+js+1; the last row serves all larger counts) the
 * published values {@code j} range over {@code max(0, i-D)..i+D} minus {@code 1..js}. The
 * probability of no change is fixed at {@code pstay} where {@code j = i} is allowed; the rest is
 * spread by maximum entropy subject to: probabilities sum to 1, mean perturbation 0, variance
 * exactly V, and probabilities not increasing as |v| grows on either side of 0 (where that
 * constraint binds the two neighbours are tied, as in {@code ptable}). The maximum-entropy
 * distribution under linear constraints is an exponential family, found here by Newton's method
 * on the convex dual. With D=5, V=3, js=2, pstay=0.5 this reproduces tau-Argus's
 * {@code ptab_freq.txt} to 8 decimals (tested).
 */
public final class PtableGenerator {
    private PtableGenerator() {}

    /**
     * The ptable for maximum perturbation {@code d}, variance {@code variance}, blocked small
     * counts {@code 1..js} and no-change probability {@code pstay}, with probabilities rounded to
     * 8 decimals (each row still sums to exactly 1).
     *
     * @throws IllegalArgumentException when the constraints cannot all be met
     */
    public static Ptable generate(int d, double variance, int js, double pstay) {
        if (d < 1) {
            throw new IllegalArgumentException("the maximum perturbation D must be at least 1, got " + d);
        }
        if (js < 0 || variance <= 0 || pstay < 0 || pstay >= 1) {
            throw new IllegalArgumentException("need js >= 0, V > 0 and 0 <= pstay < 1");
        }
        int maxI = d + js + 1;
        List<Ptable.Entry> entries = new ArrayList<>();
        entries.add(new Ptable.Entry(0, 0, 1.0, 0.0, 1.0));
        for (int i = 1; i <= maxI; i++) {
            List<Integer> support = new ArrayList<>();
            for (int j = Math.max(0, i - d); j <= i + d; j++) {
                if (j < 1 || j > js) {
                    support.add(j - i);
                }
            }
            boolean stay = pstay > 0 && support.contains(0);
            List<Integer> free = new ArrayList<>(support);
            if (stay) {
                free.remove(Integer.valueOf(0));
            }
            double mass = stay ? 1 - pstay : 1;
            double[] p = maxEntropy(free, variance / mass);
            if (p == null && stay) {
                // pstay cannot be met together with mean 0 and variance V in this row: drop it here only.
                stay = false;
                free = new ArrayList<>(support);
                mass = 1;
                p = maxEntropy(free, variance);
            }
            if (p == null) {
                throw new IllegalArgumentException("row i=" + i + ": no distribution over perturbations " + support
                        + " has mean 0 and variance " + variance);
            }
            double[] rounded = new double[support.size()];
            for (int idx = 0; idx < support.size(); idx++) {
                int v = support.get(idx);
                rounded[idx] = v == 0 && stay ? pstay : round8(p[free.indexOf(v)] * mass);
            }
            double sumBefore = 0;
            for (int idx = 0; idx < rounded.length - 1; idx++) {
                sumBefore += rounded[idx];
            }
            rounded[rounded.length - 1] = round8(1 - sumBefore);
            double lb = 0;
            for (int idx = 0; idx < support.size(); idx++) {
                double ub = idx == support.size() - 1 ? 1.0 : round8(lb + rounded[idx]);
                entries.add(new Ptable.Entry(i, i + support.get(idx), rounded[idx], lb, ub));
                lb = ub;
            }
        }
        return Ptable.of(entries);
    }

    private static double round8(double x) {
        return Math.round(x * 1e8) / 1e8;
    }

    /** Maximum entropy over {@code values} with mean 0, second moment {@code m2}, monotone away from 0. */
    private static double[] maxEntropy(List<Integer> values, double m2) {
        int n = values.size();
        List<double[]> features = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        double[] f1 = new double[n];
        double[] f2 = new double[n];
        for (int k = 0; k < n; k++) {
            f1[k] = values.get(k);
            f2[k] = values.get(k) * (double) values.get(k);
        }
        features.add(f1);
        targets.add(0.0);
        features.add(f2);
        targets.add(m2);
        for (int round = 0; round < n; round++) {
            double[] p = solve(features, targets);
            if (p == null) {
                return null;
            }
            int[] violation = monotoneViolation(values, p);
            if (violation == null) {
                return p;
            }
            double[] tie = new double[n];
            tie[violation[0]] = 1;
            tie[violation[1]] = -1;
            features.add(tie);
            targets.add(0.0);
        }
        return null;
    }

    /** Adjacent support points on one side of 0 whose farther point is more likely: {far, near}. */
    private static int[] monotoneViolation(List<Integer> values, double[] p) {
        for (int a = 0; a < values.size(); a++) {
            for (int b = 0; b < values.size(); b++) {
                int far = values.get(a);
                int near = values.get(b);
                boolean sameSide = Integer.signum(far) == Integer.signum(near);
                if (sameSide
                        && Math.abs(far) > Math.abs(near)
                        && adjacent(values, far, near)
                        && p[a] > p[b] * (1 + 1e-9)) {
                    return new int[] {a, b};
                }
            }
        }
        return null;
    }

    private static boolean adjacent(List<Integer> values, int far, int near) {
        for (int v : values) {
            if (Integer.signum(v) == Integer.signum(far)
                    && Math.abs(v) > Math.abs(near)
                    && Math.abs(v) < Math.abs(far)) {
                return false;
            }
        }
        return true;
    }

    /** Newton's method on the dual {@code log Z(l) - l.t}; the probabilities, or null when the constraints cannot be met. */
    private static double[] solve(List<double[]> features, List<Double> targets) {
        int m = features.size();
        int n = features.get(0).length;
        double[] lambda = new double[m];
        for (int iter = 0; iter < 500; iter++) {
            double[] p = probabilities(features, lambda, n);
            double[] grad = new double[m];
            double[][] hess = new double[m][m];
            double[] mean = new double[m];
            for (int a = 0; a < m; a++) {
                for (int k = 0; k < n; k++) {
                    mean[a] += p[k] * features.get(a)[k];
                }
                grad[a] = mean[a] - targets.get(a);
            }
            double norm = 0;
            for (double g : grad) {
                norm = Math.max(norm, Math.abs(g));
            }
            if (norm < 1e-13) {
                return p;
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += p[k] * (features.get(a)[k] - mean[a]) * (features.get(b)[k] - mean[b]);
                    }
                    hess[a][b] = s + (a == b ? 1e-12 : 0);
                }
            }
            double[] step = gauss(hess, grad);
            double f0 = dual(features, targets, lambda, n);
            double t = 1;
            double[] next = new double[m];
            while (t > 1e-12) {
                for (int a = 0; a < m; a++) {
                    next[a] = lambda[a] - t * step[a];
                }
                if (dual(features, targets, next, n) <= f0) {
                    break;
                }
                t /= 2;
            }
            if (t <= 1e-12) {
                return norm < 1e-9 ? p : null;
            }
            lambda = next.clone();
        }
        return null;
    }

    private static double dual(List<double[]> features, List<Double> targets, double[] lambda, int n) {
        double max = Double.NEGATIVE_INFINITY;
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < lambda.length; a++) {
                e[k] += lambda[a] * features.get(a)[k];
            }
            max = Math.max(max, e[k]);
        }
        double z = 0;
        for (int k = 0; k < n; k++) {
            z += Math.exp(e[k] - max);
        }
        double dot = 0;
        for (int a = 0; a < lambda.length; a++) {
            dot += lambda[a] * targets.get(a);
        }
        return max + Math.log(z) - dot;
    }

    private static double[] probabilities(List<double[]> features, double[] lambda, int n) {
        double[] e = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < lambda.length; a++) {
                e[k] += lambda[a] * features.get(a)[k];
            }
            max = Math.max(max, e[k]);
        }
        double z = 0;
        for (int k = 0; k < n; k++) {
            e[k] = Math.exp(e[k] - max);
            z += e[k];
        }
        for (int k = 0; k < n; k++) {
            e[k] /= z;
        }
        return e;
    }

    private static double[] gauss(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        for (int r = 0; r < n; r++) {
            a[r] = a0[r].clone();
        }
        double[] b = b0.clone();
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            double tb = b[c];
            b[c] = b[piv];
            b[piv] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
