package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import scot.cairn.geography.Geography;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Everything a profile needs from one version of the store: the geography, an index of areas,
 * and the series tables extracted so far (each at most once per snapshot). Thread-safe.
 */
final class Snapshot {

    final long version;
    final Geography geography;
    final String[] codes;
    final Map<String, Integer> index;
    /** Index of Scotland, or -1 when the geography has no country. */
    final int scotland;
    final String scotlandName;
    final int[] allDataZones;

    private final TripleStore store;
    private final Extractor extractor;
    private final Map<Series, SeriesTable> tables = new ConcurrentHashMap<>();
    private final Map<String, int[]> dataZones = new ConcurrentHashMap<>();
    private final Map<String, List<String>> children = new ConcurrentHashMap<>();
    private final Map<Series, int[]> groups = new ConcurrentHashMap<>();
    private final Map<String, Object> derived = new ConcurrentHashMap<>();

    Snapshot(TripleStore store, UriScheme uris, Geography geography, long version) {
        this.store = store;
        this.version = version;
        this.geography = geography;
        // Archived areas whose boundary changed are areas of their own; a code that alone changed
        // is read as the area it became, so its figures count as that area's.
        List<String> all = new ArrayList<>();
        for (AreaLevel l : AreaLevel.values()) {
            geography.areas(l).forEach(a -> all.add(a.code()));
            geography.archived(l).stream().map(Geography.Area::code).filter(c -> geography.sameArea(c).equals(c)).forEach(all::add);
        }
        this.codes = all.toArray(String[]::new);
        this.index = new HashMap<>(codes.length * 2);
        for (int i = 0; i < codes.length; i++) {
            index.put(codes[i], i);
        }
        for (Geography.Area a : geography.archived()) {
            Integer same = index.get(geography.sameArea(a.code()));
            if (same != null) {
                index.putIfAbsent(a.code(), same);
            }
        }
        var country = geography.areas(AreaLevel.COUNTRY).stream().findFirst();
        this.scotland = country.map(a -> index.get(a.code())).orElse(-1);
        this.scotlandName = country.map(Geography.Area::name).orElse("Scotland");
        this.allDataZones = geography.areas(AreaLevel.DATA_ZONE).stream().mapToInt(a -> index.get(a.code())).toArray();
        this.extractor = new Extractor(uris, index, codes.length);
    }

    /** The tables of these series, extracting those not yet extracted (grouped by dataset, one read transaction). */
    Map<Series, SeriesTable> tables(Collection<Series> wanted) {
        Set<Series> missing = new LinkedHashSet<>();
        for (Series s : wanted) {
            if (!tables.containsKey(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            synchronized (this) {
                missing.removeIf(tables::containsKey);
                if (!missing.isEmpty()) {
                    Map<String, List<Series>> byDataset = new LinkedHashMap<>();
                    missing.forEach(s -> byDataset.computeIfAbsent(s.dataset(), d -> new ArrayList<>()).add(s));
                    tables.putAll(store.read(dsg -> {
                        Map<Series, SeriesTable> out = new HashMap<>();
                        byDataset.forEach((ds, list) -> out.putAll(extractor.extract(dsg, ds, list)));
                        return out;
                    }));
                }
            }
        }
        Map<Series, SeriesTable> out = new HashMap<>();
        for (Series s : wanted) {
            out.put(s, tables.get(s));
        }
        return out;
    }

    /** The data zones of an area as indexes. */
    int[] dataZones(String code) {
        return dataZones.computeIfAbsent(code, c -> geography.dataZones(c).stream()
                .map(index::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray());
    }

    /** Index of a data zone code, or -1. */
    int indexOf(String code) {
        Integer i = index.get(code);
        return i == null ? -1 : i;
    }

    /**
     * The areas of {@code level} that lie wholly inside the given data zones (by code). Areas that
     * straddle the boundary are left out, so that a sub-area's value never includes outside data.
     */
    List<String> childrenWithin(String cacheKey, int[] dzs, AreaLevel level) {
        java.util.function.Supplier<List<String>> compute = () -> {
            if (level == AreaLevel.DATA_ZONE) {
                List<String> out = new ArrayList<>(dzs.length);
                for (int d : dzs) {
                    out.add(codes[d]);
                }
                return out;
            }
            Set<Integer> inside = new java.util.HashSet<>(dzs.length * 2);
            Set<String> candidates = new LinkedHashSet<>();
            for (int d : dzs) {
                inside.add(d);
                geography.parent(codes[d], level).ifPresent(candidates::add);
            }
            List<String> out = new ArrayList<>();
            for (String c : candidates) {
                boolean nested = true;
                for (int d : dataZones(c)) {
                    if (!inside.contains(d)) {
                        nested = false;
                        break;
                    }
                }
                if (nested) {
                    out.add(c);
                }
            }
            return out;
        };
        return cacheKey == null ? compute.get() : children.computeIfAbsent(cacheKey + "@" + level, k -> compute.get());
    }

    /** Each area's deprivation group (0 when unknown), from the latest period of the series. */
    int[] groups(Series s) {
        return groups.computeIfAbsent(s, k -> {
            SeriesTable t = tables(List.of(k)).get(k);
            int[] g = new int[codes.length];
            for (int a = 0; a < codes.length && t.periods.length > 0; a++) {
                for (int p = t.periods.length - 1; p >= 0; p--) {
                    if (t.status(a, p) == SeriesTable.VALUE) {
                        g[a] = (int) Math.round(t.value(a, p));
                        break;
                    }
                }
            }
            return g;
        });
    }

    /** A value derived from this snapshot once (a profile's family groups at one level), by key. */
    @SuppressWarnings("unchecked")
    <T> T derived(String key, java.util.function.Supplier<T> compute) {
        return (T) derived.computeIfAbsent(key, k -> compute.get());
    }
}
