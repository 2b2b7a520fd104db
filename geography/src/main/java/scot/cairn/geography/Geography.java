package scot.cairn.geography;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * The statistical geography as plain Java values: every area by code with its name, level and
 * the codes of the areas that contain it, and the archived areas whose codes were replaced
 * ({@link Lifecycle}; added to a lookup by a {@link CodeHistory}).
 *
 * <p>Read from a lookup file by {@link LookupFile}, or back from a store's geography graph with
 * {@link #fromStore} (the one reader of that graph; {@link StoreGeography} keeps it per store
 * version). Loaders use it to reject unknown area codes and to map an area to its data zones;
 * tabulation, profiles, maps and the web pages to name areas and walk their containment.
 * Instances are immutable and thread-safe; lookups by code are hash lookups.
 */
public final class Geography {

    /**
     * One area, live or archived.
     *
     * @param code      GSS code, e.g. {@code S01006506}
     * @param name      official name as published (placeholders such as {@code IZ01 - 01} kept)
     * @param level     the level its code prefix names
     * @param within    codes of every area that contains it, smallest level first (for an archived
     *                  area, the areas that contained it while its code was in force)
     * @param lifecycle whether its code is in force, since and until when, and what replaced what
     */
    public record Area(String code, String name, AreaLevel level, List<String> within, Lifecycle lifecycle) {
        public Area {
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(level, "level must not be null");
            Objects.requireNonNull(lifecycle, "lifecycle must not be null");
            if (AreaLevel.ofCode(code).orElse(null) != level) {
                throw new IllegalArgumentException("code " + code + " is not at level " + level);
            }
            within = List.copyOf(within);
        }

        /** A live area with no recorded history. */
        public Area(String code, String name, AreaLevel level, List<String> within) {
            this(code, name, level, within, Lifecycle.CURRENT);
        }

        /** True while the area's code is in force. */
        public boolean live() {
            return lifecycle.live();
        }

        /**
         * The name as pages, profiles and maps show it: the official name of a live area; for an
         * archived one, the year its code went out of force and whether the boundary changed,
         * e.g. {@code Glasgow City (to 2019; boundary changed)} or {@code Fife (old code, to 2018)}.
         */
        public String shownName() {
            if (live()) {
                return name;
            }
            int year = lifecycle.until().plusDays(1).getYear();
            return lifecycle.boundaryChanged()
                    ? name + " (to " + year + "; boundary changed)"
                    : name + " (old code, to " + year + ")";
        }
    }

    private static final Comparator<String> BY_LEVEL_THEN_CODE = Comparator.<String>comparingInt(
                    c -> AreaLevel.ofCode(c).map(AreaLevel::rank).orElse(Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, Area> byCode;
    private final Map<AreaLevel, List<Area>> byLevel;
    private final Map<AreaLevel, List<Area>> archivedByLevel;
    private final Map<String, List<String>> dataZonesByArea;
    /** The live areas inside each area, by code; the reverse of {@link Area#within()}. */
    private final Map<String, List<Area>> inside;
    /** Each archived code whose code alone changed, to the code of the same area it became. */
    private final Map<String, String> sameAs;

    Geography(Collection<Area> areas) {
        Map<String, Area> codes = new HashMap<>(areas.size() * 2);
        Map<AreaLevel, List<Area>> levels = new EnumMap<>(AreaLevel.class);
        Map<AreaLevel, List<Area>> archived = new EnumMap<>(AreaLevel.class);
        Map<String, List<String>> dataZones = new HashMap<>();
        Map<String, List<Area>> contained = new HashMap<>();
        for (Area a : areas) {
            if (codes.put(a.code(), a) != null) {
                throw new IllegalArgumentException("area " + a.code() + " given twice");
            }
            (a.live() ? levels : archived)
                    .computeIfAbsent(a.level(), l -> new ArrayList<>())
                    .add(a);
            if (a.live()) {
                for (String parent : a.within()) {
                    contained.computeIfAbsent(parent, c -> new ArrayList<>()).add(a);
                }
            }
        }
        for (Area a : areas) {
            if (a.level() == AreaLevel.DATA_ZONE && a.live()) {
                dataZones.computeIfAbsent(a.code(), c -> new ArrayList<>()).add(a.code());
                for (String parent : a.within()) {
                    dataZones.computeIfAbsent(parent, c -> new ArrayList<>()).add(a.code());
                }
            }
        }
        for (Map<AreaLevel, List<Area>> m : List.of(levels, archived)) {
            m.values().forEach(l -> l.sort(Comparator.comparing(Area::code)));
            m.replaceAll((l, list) -> List.copyOf(list));
        }
        dataZones.values().forEach(l -> l.sort(null));
        dataZones.replaceAll((c, list) -> List.copyOf(list));
        contained.values().forEach(l -> l.sort(Comparator.comparing(Area::code)));
        contained.replaceAll((c, list) -> List.copyOf(list));
        this.byCode = codes;
        this.byLevel = levels;
        this.archivedByLevel = archived;
        this.dataZonesByArea = dataZones;
        this.inside = contained;
        this.sameAs = sameAreas(codes);
    }

    /** Follows code-only replacements to the code the same area has now (or last had). */
    private static Map<String, String> sameAreas(Map<String, Area> codes) {
        Map<String, String> out = new HashMap<>();
        for (Area a : codes.values()) {
            Area at = a;
            int steps = 0;
            while (at.lifecycle().codeOnly() && at.lifecycle().replacedBy().size() == 1 && steps++ < codes.size()) {
                Area next = codes.get(at.lifecycle().replacedBy().get(0));
                if (next == null) {
                    break;
                }
                at = next;
            }
            if (at != a) {
                out.put(a.code(), at.code());
            }
        }
        return out;
    }

    /**
     * Reads the geography graph ({@link UriScheme#geographyGraph()}) of {@code store}; empty when
     * no geography is loaded. Subjects whose {@code foi:code} is not a code of a known level are
     * ignored.
     */
    public static Geography fromStore(TripleStore store, UriScheme uris) {
        Node graph = NodeFactory.createURI(uris.geographyGraph());
        return store.read(dsg -> StoredGeography.read(dsg, graph));
    }

    static Comparator<String> byLevelThenCode() {
        return BY_LEVEL_THEN_CODE;
    }

    /** The area with this code, live or archived, if loaded. */
    public Optional<Area> area(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** True when an area with this code, live or archived, is loaded. */
    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    /** The live areas of one level, by code; empty when the level is absent. */
    public List<Area> areas(AreaLevel level) {
        return byLevel.getOrDefault(level, List.of());
    }

    /** The archived areas of one level (codes no longer in force), by code. */
    public List<Area> archived(AreaLevel level) {
        return archivedByLevel.getOrDefault(level, List.of());
    }

    /** Every archived area, smallest level first, then by code. */
    public List<Area> archived() {
        List<Area> out = new ArrayList<>();
        archivedByLevel.values().forEach(out::addAll);
        return out;
    }

    /** Number of live areas of one level. */
    public int count(AreaLevel level) {
        return areas(level).size();
    }

    /** Number of live areas at every level present, smallest level first. */
    public Map<AreaLevel, Integer> counts() {
        Map<AreaLevel, Integer> m = new EnumMap<>(AreaLevel.class);
        byLevel.forEach((l, list) -> m.put(l, list.size()));
        return m;
    }

    /** Number of areas at all levels, live and archived. */
    public int size() {
        return byCode.size();
    }

    /** True when no area is loaded. */
    public boolean isEmpty() {
        return byCode.isEmpty();
    }

    /**
     * The code the same area has now: for an archived code whose code alone changed, the code it
     * became (following several such changes); otherwise the code itself. An archived area whose
     * boundary changed is its own area and keeps its code.
     */
    public String sameArea(String code) {
        return sameAs.getOrDefault(code, code);
    }

    /** The code of the area of {@code level} that contains {@code code}, if the geography records one. */
    public Optional<String> parent(String code, AreaLevel level) {
        Area a = byCode.get(code);
        if (a == null) {
            return Optional.empty();
        }
        return a.within().stream()
                .filter(p -> AreaLevel.ofCode(p).orElse(null) == level)
                .findFirst();
    }

    /**
     * The data zones that make up an area, by code: the data zone itself for a data zone, every
     * data zone within it for a larger area, those of the area it became for a code that alone
     * changed; empty for an unknown code and for an archived area whose boundary changed (its
     * data zones are not recorded).
     */
    public List<String> dataZones(String code) {
        return dataZonesByArea.getOrDefault(sameArea(code), List.of());
    }

    /**
     * The live areas of {@code level} inside the area {@code code} (by {@code foi:within}), by code;
     * empty for an unknown code and for an archived area whose boundary changed.
     */
    public List<Area> within(String code, AreaLevel level) {
        return inside.getOrDefault(sameArea(code), List.of()).stream()
                .filter(a -> a.level() == level)
                .toList();
    }
}
