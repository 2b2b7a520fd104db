package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import scot.cairn.geography.Geography;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * Everything a profile needs from one state of the geography: the areas, an index of them, and
 * the series tables read for that index ({@link SeriesTables}, each kept while its dataset's
 * graphs are unchanged). Thread-safe.
 */
final class Snapshot {

    /** The geography graph's stamp this snapshot was read at. */
    final long geographyStamp;

    final Geography geography;
    final String[] codes;
    final Map<String, Integer> index;
    /** Index of Scotland, or -1 when the geography has no country. */
    final int scotland;

    final String scotlandName;
    final int[] allDataZones;

    private final SeriesTables tables;
    private final Extractor extractor;
    private final Map<String, int[]> dataZones = new ConcurrentHashMap<>();
    private final Map<String, List<String>> children = new ConcurrentHashMap<>();
    /** Deprivation groups by the table they were computed from (by identity: a new table, new groups). */
    private final Map<SeriesTable, int[]> groups = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    /** Values derived from series tables, by key, each with the tables it was derived from (by identity). */
    private final Map<String, Derived> derived = new ConcurrentHashMap<>();

    Snapshot(SeriesTables tables, UriScheme uris, Geography geography, long geographyStamp) {
        this.tables = tables;
        this.geographyStamp = geographyStamp;
        this.geography = geography;
        // Archived areas whose boundary changed are areas of their own; a code that alone changed
        // is read as the area it became, so its figures count as that area's.
        List<String> all = new ArrayList<>();
        for (AreaLevel l : AreaLevel.values()) {
            geography.areas(l).forEach(a -> all.add(a.code()));
            geography.archived(l).stream()
                    .map(Geography.Area::code)
                    .filter(c -> geography.sameArea(c).equals(c))
                    .forEach(all::add);
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
        this.allDataZones = geography.areas(AreaLevel.DATA_ZONE).stream()
                .mapToInt(a -> index.get(a.code()))
                .toArray();
        this.extractor = new Extractor(uris, index, codes.length);
    }

    /** The current tables of these series, read where missing or out of date. */
    Map<Series, SeriesTable> tables(Collection<Series> wanted) {
        return tables.get(this, wanted);
    }

    /** Reads series of this snapshot's areas out of the store. */
    Extractor extractor() {
        return extractor;
    }

    /** The data zones of an area as indexes. */
    int[] dataZones(String code) {
        return dataZones.computeIfAbsent(
                code,
                c -> geography.dataZones(c).stream()
                        .map(index::get)
                        .filter(java.util.Objects::nonNull)
                        .mapToInt(Integer::intValue)
                        .toArray());
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

    /** Each area's deprivation group (0 when unknown), from the latest period of the series' current table. */
    int[] groups(Series s) {
        SeriesTable table = tables(List.of(s)).get(s);
        return groups.computeIfAbsent(table, t -> {
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

    /** A derived value and the tables it was computed from. */
    private record Derived(List<SeriesTable> from, Object value) {}

    /**
     * A value derived from the current tables of {@code from} (a profile's family groups at one
     * level), by key: computed once, and again when one of those tables has been read anew (a
     * publication of its dataset), since a snapshot outlives them.
     */
    @SuppressWarnings("unchecked")
    <T> T derived(String key, Collection<Series> from, java.util.function.Supplier<T> compute) {
        Map<Series, SeriesTable> current = tables(from);
        List<SeriesTable> now = from.stream().map(current::get).toList();
        Derived d = derived.get(key);
        if (d == null || !same(d.from(), now)) {
            // Computed from tables at least as new as now: a newer read in between only recomputes next time.
            d = new Derived(now, compute.get());
            derived.put(key, d);
        }
        return (T) d.value();
    }

    private static boolean same(List<SeriesTable> a, List<SeriesTable> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
