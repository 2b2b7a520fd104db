package scot.cairn.tabulation.differencing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which atoms some linear combination of released areas describes alone. Atom {@code x} is
 * isolated when the indicator of {@code x} is in the span of the released areas' indicators; it
 * is hidden when some vector {@code y} over atoms is orthogonal to every released area
 * ({@code sum of y over each area's atoms = 0}) and has {@code y[x] != 0}: adding {@code t * y} to
 * the atoms' contents changes no released total, but changes {@code x}. So this keeps a basis of
 * that null space, over the integers modulo the prime 2^61 - 1 (exact arithmetic; a combination
 * over the rationals is missed only if the prime divides one of its denominators), and an area is
 * admitted only if every small atom that was hidden stays hidden.
 *
 * <p>Starting from the standard areas: the atoms of each area of the level with most areas (the
 * intermediate zones) give the vectors "this atom minus the first atom of its area", then every
 * other standard area is imposed as a constraint (for Scotland: 1,688 atoms, a null space of 142
 * dimensions). Cutting an atom in two adds the vector "one piece minus the other"; every released
 * area removes at most one dimension. Immutable.
 */
final class Combinations {
    static final long P = (1L << 61) - 1;

    private final long[][] basis;

    private Combinations(long[][] basis) {
        this.basis = basis;
    }

    /** The null space of the standard areas ({@code parent[l][zone]}) over the given atoms. */
    static Combinations ofStandard(int[][] parent, Atoms atoms) {
        // Vectors are as long as there can ever be atoms (one per zone), so cutting atoms never copies them.
        int m = atoms.zoneCount();
        int base = 0;
        for (int l = 1; l < parent.length; l++) {
            if (distinct(parent[l]) > distinct(parent[base])) {
                base = l;
            }
        }
        int[] firstOfArea = new int[parent.length == 0 ? 0 : maxIndex(parent[base]) + 2];
        Arrays.fill(firstOfArea, -1);
        List<long[]> vectors = new ArrayList<>();
        boolean[] seen = new boolean[atoms.count()];
        for (int z = 0; z < atoms.zoneCount(); z++) {
            int a = atoms.atomOf(z);
            if (seen[a]) {
                continue;
            }
            seen[a] = true;
            int area = parent.length == 0 ? 0 : parent[base][z] + 1;
            if (firstOfArea[area] < 0) {
                firstOfArea[area] = a;
            } else {
                long[] v = new long[m];
                v[a] = 1;
                v[firstOfArea[area]] = P - 1;
                vectors.add(v);
            }
        }
        Combinations c = new Combinations(vectors.toArray(new long[0][]));
        for (int l = 0; l < parent.length; l++) {
            if (l != base) {
                for (int[] areaAtoms : areasOf(parent[l], atoms)) {
                    c = c.impose(areaAtoms);
                }
            }
        }
        return c;
    }

    /**
     * The null space after atoms were cut by a new area: {@code pieceOf[a]} is the new atom
     * holding the part of old atom {@code a} inside the area (or -1 when {@code a} was not cut;
     * the outside part keeps the number {@code a}); then the area itself ({@code areaAtoms}, new
     * numbering) is imposed. An old vector is still in the null space unchanged (it puts its weight
     * on the outside part), and is shared, not copied, unless the area changes it.
     */
    Combinations refine(int newAtoms, int[] pieceOf, int[] areaAtoms) {
        List<long[]> vectors = new ArrayList<>(basis.length + pieceOf.length);
        vectors.addAll(List.of(basis));
        int length = basis.length > 0 ? basis[0].length : newAtoms;
        for (int a = 0; a < pieceOf.length; a++) {
            if (pieceOf[a] >= 0) {
                long[] v = new long[Math.max(length, newAtoms)];
                v[pieceOf[a]] = 1;
                v[a] = P - 1;
                vectors.add(v);
            }
        }
        return new Combinations(vectors.toArray(new long[0][])).impose(areaAtoms);
    }

    /** The null space with one more area (its atoms) required orthogonal. */
    Combinations impose(int[] areaAtoms) {
        int n = basis.length;
        long[] dot = new long[n];
        int pivot = -1;
        for (int i = 0; i < n; i++) {
            long s = 0;
            for (int a : areaAtoms) {
                s += basis[i][a];
                if (s >= P) {
                    s -= P;
                }
            }
            dot[i] = s;
            if (s != 0 && pivot < 0) {
                pivot = i;
            }
        }
        if (pivot < 0) {
            return this;
        }
        long[] py = basis[pivot];
        int[] nonZero = nonZero(py);
        long inv = pow(dot[pivot], P - 2);
        long[][] next = new long[n - 1][];
        for (int i = 0, j = 0; i < n; i++) {
            if (i == pivot) {
                continue;
            }
            if (dot[i] == 0) {
                next[j++] = basis[i];
                continue;
            }
            long f = mul(dot[i], inv);
            long[] y = basis[i].clone();
            for (int a : nonZero) {
                y[a] = sub(y[a], mul(f, py[a]));
            }
            next[j++] = y;
        }
        return new Combinations(next);
    }

    /** For each atom, whether some combination of released areas does not pin it (it is hidden). */
    boolean[] hidden(int atoms) {
        boolean[] out = new boolean[atoms];
        for (long[] y : basis) {
            for (int a = 0; a < Math.min(atoms, y.length); a++) {
                out[a] |= y[a] != 0;
            }
        }
        return out;
    }

    int dimension() {
        return basis.length;
    }

    private static List<int[]> areasOf(int[] parent, Atoms atoms) {
        java.util.Map<Integer, java.util.Set<Integer>> byArea = new java.util.HashMap<>();
        for (int z = 0; z < parent.length; z++) {
            if (parent[z] >= 0) {
                byArea.computeIfAbsent(parent[z], k -> new java.util.TreeSet<>())
                        .add(atoms.atomOf(z));
            }
        }
        List<int[]> out = new ArrayList<>();
        byArea.values()
                .forEach(s -> out.add(s.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    private static int distinct(int[] values) {
        return (int) Arrays.stream(values).distinct().count();
    }

    private static int maxIndex(int[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static int[] nonZero(long[] y) {
        int n = 0;
        for (long v : y) {
            n += v != 0 ? 1 : 0;
        }
        int[] out = new int[n];
        for (int a = 0, i = 0; a < y.length; a++) {
            if (y[a] != 0) {
                out[i++] = a;
            }
        }
        return out;
    }

    private static long sub(long a, long b) {
        long r = a - b;
        return r < 0 ? r + P : r;
    }

    /** a * b mod 2^61 - 1, for a, b below the prime. */
    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        long r = (lo & P) + (lo >>> 61) + (hi << 3);
        r = (r & P) + (r >>> 61);
        return r >= P ? r - P : r;
    }

    private static long pow(long base, long exp) {
        long result = 1;
        long b = base;
        for (long e = exp; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = mul(result, b);
            }
            b = mul(b, b);
        }
        return result;
    }
}
