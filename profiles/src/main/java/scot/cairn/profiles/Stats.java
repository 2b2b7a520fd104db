package scot.cairn.profiles;

/**
 * Interval estimates and change tests used by profiles (95% level throughout).
 */
final class Stats {

    static final double Z95 = 1.959963984540054;

    private Stats() {}

    /** Wilson score interval for a proportion x/n, as {lower, upper} fractions. */
    static double[] wilson(double x, double n) {
        if (n <= 0) {
            return null;
        }
        double p = x / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * Byar's approximation to the exact Poisson interval for an observed count, as {lower, upper}
     * counts (divide by the denominator for a rate). The lower limit of a zero count is 0.
     */
    static double[] byar(double o) {
        if (o < 0) {
            return null;
        }
        double lower = o == 0 ? 0 : o * Math.pow(1 - 1 / (9 * o) - Z95 / (3 * Math.sqrt(o)), 3);
        double u = o + 1;
        double upper = u * Math.pow(1 - 1 / (9 * u) + Z95 / (3 * Math.sqrt(u)), 3);
        return new double[] {Math.max(0, lower), upper};
    }

    /**
     * Two-sided p-value of the change between two Poisson counts observed over equal exposure
     * (the normal approximation to the log rate ratio, with 0.5 added to each count so that zero
     * counts are defined).
     */
    static double poissonChange(double a, double b) {
        double la = a + 0.5;
        double lb = b + 0.5;
        return twoSided((Math.log(lb) - Math.log(la)) / Math.sqrt(1 / la + 1 / lb));
    }

    /** Two-sided p-value of the change in rate between a1/n1 and a2/n2 (log rate ratio test). */
    static double rateChange(double a1, double n1, double a2, double n2) {
        double la = a1 + 0.5;
        double lb = a2 + 0.5;
        return twoSided((Math.log(lb / n2) - Math.log(la / n1)) / Math.sqrt(1 / la + 1 / lb));
    }

    /** Two-sided p-value of the difference between proportions a1/n1 and a2/n2 (pooled z test). */
    static double proportionChange(double a1, double n1, double a2, double n2) {
        double p = (a1 + a2) / (n1 + n2);
        double se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
        if (se == 0) {
            return a1 / n1 == a2 / n2 ? 1 : 0;
        }
        return twoSided((a2 / n2 - a1 / n1) / se);
    }

    /**
     * Two-sided p-value of the least-squares slope of y on 0..n-1 being non-zero (t test with
     * n - 2 degrees of freedom); NaN with fewer than three points.
     */
    static double slopeTest(double[] y) {
        int n = y.length;
        if (n < 3) {
            return Double.NaN;
        }
        double mx = (n - 1) / 2.0;
        double my = 0;
        for (double v : y) {
            my += v;
        }
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (i - mx) * (i - mx);
            sxy += (i - mx) * (y[i] - my);
        }
        double slope = sxy / sxx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - (my + slope * (i - mx));
            sse += r * r;
        }
        if (sse == 0) {
            return slope == 0 ? 1 : 0;
        }
        double t = slope / Math.sqrt(sse / (n - 2) / sxx);
        return studentTwoSided(t, n - 2);
    }

    static double twoSided(double z) {
        return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
    }

    /** Standard normal CDF (W. J. Cody's rational approximation via erfc, accurate to ~1e-7). */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        // Numerical Recipes erfcc: fractional error below 1.2e-7 everywhere.
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t
                * Math.exp(
                        -z * z
                                - 1.26551223
                                + t
                                        * (1.00002368
                                                + t
                                                        * (0.37409196
                                                                + t
                                                                        * (0.09678418
                                                                                + t
                                                                                        * (-0.18628806
                                                                                                + t
                                                                                                        * (0.27886807
                                                                                                                + t
                                                                                                                        * (-1.13520398
                                                                                                                                + t
                                                                                                                                        * (1.48851587
                                                                                                                                                + t
                                                                                                                                                        * (-0.82215223
                                                                                                                                                                + t
                                                                                                                                                                        * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Two-sided p-value of Student's t with df degrees of freedom (regularised incomplete beta). */
    static double studentTwoSided(double t, int df) {
        double x = df / (df + t * t);
        return incompleteBeta(df / 2.0, 0.5, x);
    }

    private static double incompleteBeta(double a, double b, double x) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double bt = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return bt * betaFraction(a, b, x) / a;
        }
        return 1 - bt * betaFraction(b, a, 1 - x) / b;
    }

    private static double betaFraction(double a, double b, double x) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = 1 / (Math.abs(d) < 1e-30 ? 1e-30 : d);
        double h = d;
        for (int m = 1; m <= 200; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < 1e-30 ? 1e-30 : d);
            c = 1 + aa / c;
            c = Math.abs(c) < 1e-30 ? 1e-30 : c;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < 1e-30 ? 1e-30 : d);
            c = 1 + aa / c;
            c = Math.abs(c) < 1e-30 ? 1e-30 : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-12) {
                break;
            }
        }
        return h;
    }

    private static double logGamma(double x) {
        // Lanczos approximation (g = 7, n = 9).
        double[] c = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
