package scot.cairn.tabulation.differencing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import scot.cairn.tabulation.TabulationRefusedException;

/**
 * The register of every area a dataset's tables have been released for: the standard areas of
 * every level, and every user-defined area (custom area or locality) of every user, kept with the
 * private store so it survives restarts. A new user-defined area is admitted only if the partition
 * ("atoms", see {@link Atoms}) of the data zones that all these areas induce, with the new area
 * added, has no piece below the minimum: otherwise some difference or combination of released
 * tables would describe that small piece alone. Admission and registration are one step (under
 * the registry's lock), so two requests cannot together do what neither may alone.
 *
 * <p>The decision depends on the geography and on record counts per data zone only (what
 * population estimates publish), never on the values of the table asked for, so a refusal tells
 * nothing about the microdata (the "simulatable auditing" principle).
 */
public final class AreaRegistry {

    /** Where released user-defined areas are kept (the tabulation service's private store). */
    public interface Store {
        /** Every user-defined area released for the dataset: its zone codes and the client that first released it. */
        List<Released> released(String dataset);

        /** Records one more released area. */
        void record(String dataset, List<String> zones, String client);

        /** How many areas a client released (any dataset) since a moment. */
        int releasedSince(String client, java.time.Instant since);
    }

    /** A released area and the client that first released it. */
    public record Released(List<String> zones, String client) {}

    private static final org.slf4j.Logger AUDIT = org.slf4j.LoggerFactory.getLogger("cairn.audit");

    private final DifferencingSettings settings;
    private final ClientLimits limits;
    private final Store store;
    private final Map<String, State> states = new HashMap<>();

    public AreaRegistry(DifferencingSettings settings, Store store) {
        this(settings, ClientLimits.defaults(), store);
    }

    public AreaRegistry(DifferencingSettings settings, ClientLimits limits, Store store) {
        this.settings = settings;
        this.limits = limits;
        this.store = store;
    }

    public DifferencingSettings settings() {
        return settings;
    }

    /** A dataset's partition, for one version of its data (record counts change with an ingest). */
    private record State(
            Object version,
            ZoneGeography geography,
            Map<String, Integer> index,
            Atoms atoms,
            Set<List<String>> released,
            List<int[]> releasedZones,
            List<String> releasedBy,
            StandardAreas standard,
            Combinations combinations,
            boolean[] hidden) {}

    /**
     * Admits a user-defined area for a table of {@code dataset}, registering it, or refuses it.
     *
     * @param version   changes when the dataset is ingested again (its record counts change)
     * @param geography the dataset's zones, record counts and standard areas (read only when needed)
     * @param zones     the area's data zone codes, all of the dataset's geography
     * @param client    who asks (an API key's name, or a salted hash of an address), for quotas and the audit
     * @param anonymous whether the client presented no API key
     * @throws TabulationRefusedException (HTTP 422) naming the rule and what to change
     * @throws ClientLimitException       when the client may not release one more area (401 or 429)
     */
    public synchronized void admit(
            String dataset,
            Object version,
            Supplier<ZoneGeography> geography,
            List<String> zones,
            String client,
            boolean anonymous) {
        State state = state(dataset, version, geography);
        List<String> sorted = zones.stream().distinct().sorted().toList();
        int[] area = zoneIndexes(state, sorted);
        if (settings.blocks() == DifferencingSettings.BuildingBlocks.INTERMEDIATE_ZONE) {
            requireWholeIntermediateZones(state.geography(), area);
        }
        if (state.released().contains(sorted)) {
            return;
        }
        checkClient(client, anonymous);
        long[] records = state.geography().zoneRecords();
        refuseSmallPieces(state, area, records);
        Atoms.Split split = state.atoms().split(area, records);
        Combinations combinations = state.combinations()
                .refine(split.atoms().count(), split.pieceOf(), split.atoms().atomsOf(area));
        boolean[] hidden = combinations.hidden(split.atoms().count());
        int exposed = newlyExposed(state, split.atoms(), hidden);
        if (exposed >= 0) {
            throw refusal(split.atoms().zones(exposed), false);
        }
        auditNearIdentical(dataset, state, area, client);
        store.record(dataset, sorted, client);
        Set<List<String>> released = new HashSet<>(state.released());
        released.add(sorted);
        List<int[]> releasedZones = new ArrayList<>(state.releasedZones());
        releasedZones.add(area);
        List<String> releasedBy = new ArrayList<>(state.releasedBy());
        releasedBy.add(client);
        states.put(
                dataset,
                new State(
                        version,
                        state.geography(),
                        state.index(),
                        split.atoms(),
                        released,
                        releasedZones,
                        releasedBy,
                        state.standard(),
                        combinations,
                        hidden));
    }

    /** Each zone's index in the geography; a zone not in it is an error. */
    private static int[] zoneIndexes(State state, List<String> sorted) {
        return sorted.stream()
                .mapToInt(z -> {
                    Integer i = state.index().get(z);
                    if (i == null) {
                        throw new IllegalArgumentException("'" + z + "' is not a data zone of the dataset's geography");
                    }
                    return i;
                })
                .toArray();
    }

    /** Refuses an area that cuts a piece too small out of the released ones, or lies too near one of them. */
    private void refuseSmallPieces(State state, int[] area, long[] records) {
        for (Atoms.Piece p : state.atoms().cuts(area, records)) {
            boolean inside = tooSmall(p.zonesInside(), p.recordsInside());
            if (inside || tooSmall(p.zonesOutside(), p.recordsOutside())) {
                throw refusal(inside ? p.zonesInside() : p.zonesOutside(), inside);
            }
        }
        long[] nearest = nearestReleased(state, area);
        if (nearest != null) {
            throw refusal((int) nearest[0], false);
        }
    }

    /** An API key when the settings ask for one; then the client's quota of new areas in 24 hours. */
    private void checkClient(String client, boolean anonymous) {
        if (anonymous && limits.requireApiKey()) {
            throw new ClientLimitException(
                    ClientLimitException.Reason.API_KEY_NEEDED,
                    "areas you define (custom areas and localities) can be tabulated with an API key only; standard areas need none");
        }
        int quota = anonymous ? limits.perAnonymousPerDay() : limits.perClientPerDay();
        if (store.releasedSince(client, java.time.Instant.now().minus(java.time.Duration.ofDays(1))) >= quota) {
            throw new ClientLimitException(
                    ClientLimitException.Reason.CLIENT_QUOTA,
                    "this client has tabulated " + quota
                            + " new areas of its own in the last 24 hours, the most allowed"
                            + (anonymous ? " without an API key" : "")
                            + "; tabulate areas already released, standard areas, or try again later");
        }
    }

    /**
     * Writes to the audit log when the new area comes within the near-identical distance of an area
     * another client released (ABS scrutinises such patterns of use; an operator reviews them).
     */
    private void auditNearIdentical(String dataset, State state, int[] area, String client) {
        boolean[] in = new boolean[state.geography().zoneRecords().length];
        for (int z : area) {
            in[z] = true;
        }
        for (int i = 0; i < state.releasedZones().size(); i++) {
            if (state.releasedBy().get(i).equals(client)) {
                continue;
            }
            int[] other = state.releasedZones().get(i);
            int common = 0;
            for (int z : other) {
                common += in[z] ? 1 : 0;
            }
            int differ = other.length + area.length - 2 * common;
            if (differ <= limits.nearIdenticalZones()) {
                AUDIT.warn(
                        "near-identical-area dataset={} client={} earlierClient={} zonesDiffering={} zones={}",
                        dataset,
                        client,
                        state.releasedBy().get(i),
                        differ,
                        area.length);
            }
        }
    }

    /**
     * A small atom that some combination of released areas left undetermined before and would
     * describe alone with the new area, or -1. (Small atoms are those of the standard geography:
     * new ones were refused above; those the standard areas already isolate cannot be helped here.)
     */
    private int newlyExposed(State before, Atoms after, boolean[] hiddenAfter) {
        for (int a = 0; a < before.atoms().count(); a++) {
            if (before.hidden()[a] && !hiddenAfter[a] && tooSmall(after.zones(a), after.records(a))) {
                return a;
            }
        }
        return -1;
    }

    /**
     * A released area (standard or user-defined) that differs from the new one by too small a
     * piece, as {zones, records} of the difference, or null. Atoms miss one case this catches: a
     * standard area that already sets a small piece apart from its neighbours (an intermediate zone
     * cut by a ward boundary, say), which the new area would then give away by a plain difference.
     */
    private long[] nearestReleased(State state, int[] area) {
        long[] zoneRecords = state.geography().zoneRecords();
        long areaRecords = 0;
        boolean[] in = new boolean[zoneRecords.length];
        for (int z : area) {
            in[z] = true;
            areaRecords += zoneRecords[z];
        }
        for (long[] d : state.standard().differences(area, in, areaRecords, zoneRecords)) {
            if (d[0] > 0 && tooSmall((int) d[0], d[1])) {
                return d;
            }
        }
        for (int[] other : state.releasedZones()) {
            long otherRecords = 0;
            int common = 0;
            long commonRecords = 0;
            for (int z : other) {
                otherRecords += zoneRecords[z];
                if (in[z]) {
                    common++;
                    commonRecords += zoneRecords[z];
                }
            }
            long zones = (long) other.length + area.length - 2L * common;
            if (zones > 0 && tooSmall((int) zones, otherRecords + areaRecords - 2 * commonRecords)) {
                return new long[] {zones, otherRecords + areaRecords - 2 * commonRecords};
            }
        }
        return null;
    }

    /** How many pieces the released areas of a dataset cut its data zones into (standard and user-defined areas). */
    public synchronized int atoms(String dataset, Object version, Supplier<ZoneGeography> geography) {
        return state(dataset, version, geography).atoms().count();
    }

    private boolean tooSmall(int zones, long records) {
        return zones < settings.minAtomZones() || (records > 0 && records < settings.minAtomRecords());
    }

    private TabulationRefusedException refusal(int zones, boolean inside) {
        String where = inside ? "of the area" : "next to the area";
        return new TabulationRefusedException(
                "differencing",
                "the area would set apart " + zones + " data zone" + (zones == 1 ? "" : "s") + " " + where
                        + " that no other released area separates; subtracting one released table from another would then describe "
                        + "that small piece alone (each piece must span at least " + settings.minAtomZones()
                        + " data zones and hold at least "
                        + settings.minAtomRecords() + " records)",
                "move the boundary by whole intermediate zones, or add or remove neighbouring data zones so that no part of an "
                        + "intermediate zone, ward or other released area is cut off on its own");
    }

    private static void requireWholeIntermediateZones(ZoneGeography g, int[] area) {
        Map<Integer, Integer> inArea = new HashMap<>();
        for (int z : area) {
            inArea.merge(g.intermediateZone()[z], 1, Integer::sum);
        }
        Map<Integer, Integer> total = new HashMap<>();
        for (int iz : g.intermediateZone()) {
            if (inArea.containsKey(iz)) {
                total.merge(iz, 1, Integer::sum);
            }
        }
        List<String> partial = new ArrayList<>();
        inArea.forEach((iz, n) -> {
            if (n < total.get(iz)) {
                partial.add(g.intermediateZoneCodes().get(iz));
            }
        });
        java.util.Collections.sort(partial);
        if (!partial.isEmpty()) {
            throw new TabulationRefusedException(
                    "building-blocks",
                    "user-defined areas are made of whole intermediate zones here, and " + partial.size()
                            + " intermediate zone(s) are only partly in the area: "
                            + partial.stream().limit(10).toList(),
                    "add the missing data zones of those intermediate zones, or remove the ones you chose from them");
        }
    }

    private State state(String dataset, Object version, Supplier<ZoneGeography> geography) {
        State s = states.get(dataset);
        if (s != null && s.version().equals(version)) {
            return s;
        }
        ZoneGeography g = geography.get();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < g.zoneCodes().size(); i++) {
            index.put(g.zoneCodes().get(i), i);
        }
        Atoms atoms = Atoms.ofLevels(g.standardParents(), g.zoneRecords());
        Combinations combinations = Combinations.ofStandard(g.standardParents(), atoms);
        Set<List<String>> released = new HashSet<>();
        List<int[]> releasedZones = new ArrayList<>();
        List<String> releasedBy = new ArrayList<>();
        for (Released r : store.released(dataset)) {
            int[] idx = r.zones().stream()
                    .filter(index::containsKey)
                    .mapToInt(index::get)
                    .toArray();
            if (idx.length > 0 && released.add(r.zones())) {
                Atoms.Split split = atoms.split(idx, g.zoneRecords());
                atoms = split.atoms();
                combinations = combinations.refine(atoms.count(), split.pieceOf(), atoms.atomsOf(idx));
                releasedZones.add(idx);
                releasedBy.add(r.client());
            }
        }
        State fresh = new State(
                version,
                g,
                index,
                atoms,
                released,
                releasedZones,
                releasedBy,
                new StandardAreas(g),
                combinations,
                combinations.hidden(atoms.count()));
        states.put(dataset, fresh);
        return fresh;
    }
}
