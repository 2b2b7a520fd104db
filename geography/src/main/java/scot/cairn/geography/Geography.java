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
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;

import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.UriScheme;

/**
 * The statistical geography as plain Java values: every area by code with its name, level and
 * the codes of the areas that contain it.
 *
 * <p>Read from a lookup file by {@link LookupFile}, or back from a store's geography graph with
 * {@link #fromStore} (the one reader of that graph; {@link StoreGeography} keeps it per store
 * version). Loaders use it to reject unknown area codes and to map an area to its data zones;
 * tabulation, profiles, maps and the web pages to name areas and walk their containment.
 * Instances are immutable and thread-safe; lookups by code are hash lookups.
 */
public final class Geography {

    /**
     * One area.
     *
     * @param code   GSS code, e.g. {@code S01006506}
     * @param name   official name as published (placeholders such as {@code IZ01 - 01} kept)
     * @param level  the level its code prefix names
     * @param within codes of every area that contains it, smallest level first
     */
    public record Area(String code, String name, AreaLevel level, List<String> within) {
        public Area {
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(level, "level must not be null");
            if (AreaLevel.ofCode(code).orElse(null) != level) {
                throw new IllegalArgumentException("code " + code + " is not at level " + level);
            }
            within = List.copyOf(within);
        }
    }

    private static final Comparator<String> BY_LEVEL_THEN_CODE = Comparator
            .<String>comparingInt(c -> AreaLevel.ofCode(c).map(AreaLevel::rank).orElse(Integer.MAX_VALUE))
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, Area> byCode;
    private final Map<AreaLevel, List<Area>> byLevel;
    private final Map<String, List<String>> dataZonesByArea;
    /** The areas inside each area, by code; the reverse of {@link Area#within()}. */
    private final Map<String, List<Area>> inside;

    Geography(Collection<Area> areas) {
        Map<String, Area> codes = new HashMap<>(areas.size() * 2);
        Map<AreaLevel, List<Area>> levels = new EnumMap<>(AreaLevel.class);
        Map<String, List<String>> dataZones = new HashMap<>();
        Map<String, List<Area>> contained = new HashMap<>();
        for (Area a : areas) {
            if (codes.put(a.code(), a) != null) {
                throw new IllegalArgumentException("area " + a.code() + " given twice");
            }
            levels.computeIfAbsent(a.level(), l -> new ArrayList<>()).add(a);
            for (String parent : a.within()) {
                contained.computeIfAbsent(parent, c -> new ArrayList<>()).add(a);
            }
        }
        for (Area a : areas) {
            if (a.level() == AreaLevel.DATA_ZONE) {
                dataZones.computeIfAbsent(a.code(), c -> new ArrayList<>()).add(a.code());
                for (String parent : a.within()) {
                    dataZones.computeIfAbsent(parent, c -> new ArrayList<>()).add(a.code());
                }
            }
        }
        levels.values().forEach(l -> l.sort(Comparator.comparing(Area::code)));
        levels.replaceAll((l, list) -> List.copyOf(list));
        dataZones.values().forEach(l -> l.sort(null));
        dataZones.replaceAll((c, list) -> List.copyOf(list));
        contained.values().forEach(l -> l.sort(Comparator.comparing(Area::code)));
        contained.replaceAll((c, list) -> List.copyOf(list));
        this.byCode = codes;
        this.byLevel = levels;
        this.dataZonesByArea = dataZones;
        this.inside = contained;
    }

    /**
     * Reads the geography graph ({@link UriScheme#geographyGraph()}) of {@code store}; empty when
     * no geography is loaded. Subjects whose {@code foi:code} is not a code of a known level are
     * ignored.
     */
    public static Geography fromStore(TripleStore store, UriScheme uris) {
        Node graph = NodeFactory.createURI(uris.geographyGraph());
        return store.read(dsg -> read(dsg, graph));
    }

    private static Geography read(DatasetGraph dsg, Node graph) {
        Map<Node, String> codes = new HashMap<>();
        scan(dsg, graph, Foi.code.asNode(), q -> {
            if (q.getObject().isLiteral()) {
                String code = q.getObject().getLiteralLexicalForm();
                if (AreaLevel.ofCode(code).isPresent()) {
                    codes.put(q.getSubject(), code);
                }
            }
        });
        Map<Node, String> names = new HashMap<>(codes.size() * 2);
        scan(dsg, graph, RDFS.label.asNode(), q -> {
            if (q.getObject().isLiteral() && codes.containsKey(q.getSubject())) {
                names.putIfAbsent(q.getSubject(), q.getObject().getLiteralLexicalForm());
            }
        });
        Map<Node, List<String>> within = new HashMap<>(codes.size() * 2);
        scan(dsg, graph, Foi.within.asNode(), q -> {
            String parent = codes.get(q.getObject());
            if (parent != null && codes.containsKey(q.getSubject())) {
                within.computeIfAbsent(q.getSubject(), s -> new ArrayList<>()).add(parent);
            }
        });
        List<Area> areas = new ArrayList<>(codes.size());
        codes.forEach((node, code) -> {
            List<String> parents = within.getOrDefault(node, new ArrayList<>());
            parents.sort(BY_LEVEL_THEN_CODE);
            areas.add(new Area(code, names.getOrDefault(node, code), AreaLevel.ofCode(code).orElseThrow(), parents));
        });
        return new Geography(areas);
    }

    private static void scan(DatasetGraph dsg, Node graph, Node predicate, java.util.function.Consumer<Quad> action) {
        // TDB2 iterators are released when exhausted, and this loop always exhausts them.
        dsg.find(graph, Node.ANY, predicate, Node.ANY).forEachRemaining(action);
    }

    static Comparator<String> byLevelThenCode() {
        return BY_LEVEL_THEN_CODE;
    }

    /** The area with this code, if loaded. */
    public Optional<Area> area(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** True when an area with this code is loaded. */
    public boolean contains(String code) {
        return byCode.containsKey(code);
    }

    /** The areas of one level, by code; empty when the level is absent. */
    public List<Area> areas(AreaLevel level) {
        return byLevel.getOrDefault(level, List.of());
    }

    /** Number of areas of one level. */
    public int count(AreaLevel level) {
        return areas(level).size();
    }

    /** Number of areas at every level present, smallest level first. */
    public Map<AreaLevel, Integer> counts() {
        Map<AreaLevel, Integer> m = new EnumMap<>(AreaLevel.class);
        byLevel.forEach((l, list) -> m.put(l, list.size()));
        return m;
    }

    /** Number of areas at all levels. */
    public int size() {
        return byCode.size();
    }

    /** True when no area is loaded. */
    public boolean isEmpty() {
        return byCode.isEmpty();
    }

    /** The code of the area of {@code level} that contains {@code code}, if the geography records one. */
    public Optional<String> parent(String code, AreaLevel level) {
        Area a = byCode.get(code);
        if (a == null) {
            return Optional.empty();
        }
        return a.within().stream().filter(p -> AreaLevel.ofCode(p).orElse(null) == level).findFirst();
    }

    /**
     * The data zones that make up an area, by code: the data zone itself for a data zone, and
     * every data zone within it for a larger area; empty for an unknown code.
     */
    public List<String> dataZones(String code) {
        return dataZonesByArea.getOrDefault(code, List.of());
    }

    /** The areas of {@code level} inside the area {@code code} (by {@code foi:within}), by code; empty for an unknown code. */
    public List<Area> within(String code, AreaLevel level) {
        return inside.getOrDefault(code, List.of()).stream().filter(a -> a.level() == level).toList();
    }
}
