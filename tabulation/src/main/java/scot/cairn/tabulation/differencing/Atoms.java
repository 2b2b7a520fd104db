package scot.cairn.tabulation.differencing;

import java.util.Arrays;

/**
 * The partition ("atoms") that a set of released areas induces on the data zones: two zones are in
 * the same atom when every released area holds both or neither. Any difference, chain of
 * differences or linear combination of released areas is constant on atoms, so what it can
 * isolate is a union of atoms; keeping every atom large keeps every such combination large
 * (Duke-Williams and Rees 1998 call the pieces "differenced areas"; Statistics Canada and Stats NZ
 * call them slivers). Immutable: {@link #split} returns a new partition.
 *
 * <p>Zones are indexes 0..n-1 (the dataset's data zones in code order); each zone has a record
 * count. Splitting by an area costs O(zones in the area + atoms it touches).
 */
public final class Atoms {
    private final int[] atomOf;
    private final int atoms;
    private final int[] zones;
    private final long[] records;

    private Atoms(int[] atomOf, int atoms, int[] zones, long[] records) {
        this.atomOf = atomOf;
        this.atoms = atoms;
        this.zones = zones;
        this.records = records;
    }

    /**
     * The partition induced by the given standard levels: {@code parent[l][z]} is the area index of
     * zone {@code z} at level {@code l} (any non-negative ids; -1 for none).
     */
    public static Atoms ofLevels(int[][] parent, long[] zoneRecords) {
        int n = zoneRecords.length;
        int[] atomOf = new int[n];
        java.util.Map<IntKey, Integer> ids = new java.util.HashMap<>();
        for (int z = 0; z < n; z++) {
            int[] sig = new int[parent.length];
            for (int l = 0; l < parent.length; l++) {
                sig[l] = parent[l][z];
            }
            atomOf[z] = ids.computeIfAbsent(new IntKey(sig), k -> ids.size());
        }
        return of(atomOf, ids.size(), zoneRecords);
    }

    private static Atoms of(int[] atomOf, int atoms, long[] zoneRecords) {
        int[] zones = new int[atoms];
        long[] records = new long[atoms];
        for (int z = 0; z < atomOf.length; z++) {
            zones[atomOf[z]]++;
            records[atomOf[z]] += zoneRecords[z];
        }
        return new Atoms(atomOf, atoms, zones, records);
    }

    private record IntKey(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IntKey k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    public int count() {
        return atoms;
    }

    public int zoneCount() {
        return atomOf.length;
    }

    public int atomOf(int zone) {
        return atomOf[zone];
    }

    public int zones(int atom) {
        return zones[atom];
    }

    public long records(int atom) {
        return records[atom];
    }

    /**
     * The pieces an area would cut off: for each atom the area cuts (holds some but not all of
     * its zones), the part inside and the part outside, as (zones, records) pairs. Atoms the area
     * holds whole or not at all are unchanged and not listed.
     *
     * @param area distinct zone indexes
     */
    public java.util.List<Piece> cuts(int[] area, long[] zoneRecords) {
        int[] inZones = new int[atoms];
        long[] inRecords = new long[atoms];
        int[] touched = new int[area.length];
        int t = 0;
        for (int z : area) {
            int a = atomOf[z];
            if (inZones[a]++ == 0) {
                touched[t++] = a;
            }
            inRecords[a] += zoneRecords[z];
        }
        java.util.List<Piece> out = new java.util.ArrayList<>();
        for (int i = 0; i < t; i++) {
            int a = touched[i];
            if (inZones[a] < zones[a]) {
                out.add(new Piece(a, inZones[a], inRecords[a], zones[a] - inZones[a], records[a] - inRecords[a]));
            }
        }
        return out;
    }

    /** An atom cut in two by an area: the zones and records inside the area and outside it. */
    public record Piece(int atom, int zonesInside, long recordsInside, int zonesOutside, long recordsOutside) {}

    /**
     * The partition refined by one more released area, and for each old atom the new atom holding
     * its part inside the area when the area cut it (-1 otherwise; the outside part keeps the old number).
     */
    public record Split(Atoms atoms, int[] pieceOf) {}

    /** The partition refined by one more released area (distinct zone indexes). */
    public Split split(int[] area, long[] zoneRecords) {
        int[] next = atomOf.clone();
        int[] fresh = new int[atoms];
        Arrays.fill(fresh, -1);
        int count = atoms;
        java.util.List<Piece> cut = cuts(area, zoneRecords);
        boolean[] isCut = new boolean[atoms];
        for (Piece p : cut) {
            isCut[p.atom()] = true;
        }
        for (int z : area) {
            int a = atomOf[z];
            if (isCut[a]) {
                if (fresh[a] < 0) {
                    fresh[a] = count++;
                }
                next[z] = fresh[a];
            }
        }
        return new Split(of(next, count, zoneRecords), fresh);
    }

    /** The distinct atoms an area (distinct zone indexes) is made of. */
    public int[] atomsOf(int[] area) {
        return java.util.Arrays.stream(area).map(z -> atomOf[z]).distinct().toArray();
    }
}
