package scot.cairn.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.AreaDataset;
import scot.cairn.web.WebModel.AreaGroup;
import scot.cairn.web.WebModel.AreaPage;
import scot.cairn.web.WebModel.DatasetSummary;
import scot.cairn.web.WebModel.Level;

/**
 * What area pages and area pickers read: areas and their neighbours from the published geography
 * ({@link StoreGeography}), the statistics for an area or for the areas inside it (from the
 * catalogue's area index), and which levels have boundaries.
 */
public class AreaReader {
    /** GeoSPARQL's {@code geo:hasGeometry}: an area with a boundary has one. */
    static final Node HAS_GEOMETRY = Rdf.uri("http://www.opengis.net/ont/geosparql#hasGeometry");

    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;
    private final CatalogueReader catalogue;
    private final VersionMemo memo;

    public AreaReader(TripleStore store, UriScheme uris, StoreGeography geography, CatalogueReader catalogue) {
        this.store = store;
        this.uris = uris;
        this.geography = geography;
        this.catalogue = catalogue;
        this.memo = new VersionMemo(store);
    }

    UriScheme uris() {
        return uris;
    }

    /** An area's page, when {@code code} names an area of the loaded geography. */
    public Optional<AreaPage> area(String code) {
        if (code == null || !code.matches("[A-Za-z0-9]{1,20}")) {
            return Optional.empty();
        }
        Geography g = geography.current();
        Optional<Geography.Area> found = g.area(code);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Area area = area(found.get());
        List<Area> within = new ArrayList<>(found.get().within().stream()
                .flatMap(c -> g.area(c).stream())
                .map(this::area)
                .toList());
        within.sort(Comparator.comparing(
                        (Area a) -> a.level() == null ? 0 : -a.level().rank())
                .thenComparing(Area::name));
        List<AreaGroup> children = new ArrayList<>(); // in the order childLevels gives: the main path first
        for (AreaLevel childLevel : childLevels(found.get().level())) {
            List<Area> inside = new ArrayList<>(
                    g.within(code, childLevel).stream().map(this::area).toList());
            if (!inside.isEmpty()) {
                inside.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
                children.add(new AreaGroup(CubeStructure.level(childLevel), List.copyOf(inside)));
            }
        }
        var life = found.get().lifecycle();
        List<Area> replaces = life.replaces().stream()
                .flatMap(c -> g.area(c).stream())
                .map(this::area)
                .toList();
        List<Area> replacedBy = life.replacedBy().stream()
                .flatMap(c -> g.area(c).stream())
                .map(this::area)
                .toList();
        return Optional.of(new AreaPage(
                area,
                List.copyOf(within),
                List.copyOf(children),
                statistics(g, found.get()),
                AreaHistoryText.of(found.get(), g),
                replaces,
                replacedBy));
    }

    /**
     * Every dataset with figures for the area itself or for areas inside it: one entry per
     * dataset and level, each with the slice that opens it ("its 283 data zones" opens the data
     * zones of the council). The area itself comes first, then smaller levels. Figures published
     * under an earlier code of the same area (only the code changed) are the area's too; those of
     * a code whose boundary changed stay with that code.
     */
    private List<AreaDataset> statistics(Geography g, Geography.Area area) {
        List<Geography.Area> sameArea = new ArrayList<>(List.of(area));
        g.archived(area.level()).stream()
                .filter(a ->
                        !a.code().equals(area.code()) && g.sameArea(a.code()).equals(area.code()))
                .forEach(sameArea::add);
        List<AreaDataset> out = new ArrayList<>();
        for (DatasetSummary d : catalogue.catalogue()) {
            Map<AreaLevel, Set<String>> areas = catalogue.areasOf(d.slug());
            Set<String> named = areas.getOrDefault(area.level(), Set.of());
            sameArea.stream()
                    .filter(a -> named.contains(a.code()))
                    .findFirst()
                    .ifPresent(a ->
                            out.add(new AreaDataset(d, null, 1, a == area ? area.name() : a.shownName(), a.code())));
            for (AreaLevel smaller : AreaLevel.values()) {
                Set<String> codes = areas.get(smaller);
                if (codes == null || smaller.rank() >= area.level().rank()) {
                    continue;
                }
                long inside = g.within(area.code(), smaller).stream()
                        .filter(a -> codes.contains(a.code()))
                        .count();
                if (inside > 0) {
                    out.add(new AreaDataset(d, CubeStructure.level(smaller), (int) inside, area.name(), area.code()));
                }
            }
        }
        out.sort(Comparator.comparingInt((AreaDataset x) ->
                        x.level() == null ? 0 : 10 - x.level().rank())
                .thenComparing(x -> x.dataset().title().toLowerCase(java.util.Locale.ROOT)));
        return List.copyOf(out);
    }

    /** A geography area as the pages show it: an archived one with the year its code ended and whether its boundary changed. */
    private Area area(Geography.Area a) {
        return new Area(uris.area(a.code()), a.code(), a.shownName(), CubeStructure.level(a.level()));
    }

    /** The archived areas at the given levels, by name then code (for the list of former areas). */
    public List<Area> archivedAt(List<AreaLevel> levels) {
        return memo.get("archived " + levels, () -> {
            Geography g = geography.current();
            List<Area> out = new ArrayList<>();
            levels.forEach(l -> g.archived(l).stream().map(this::area).forEach(out::add));
            out.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
            return List.copyOf(out);
        });
    }

    /** The levels an area page lists below an area: the steps Scotland -> council -> intermediate zone -> data zone, and the other groupings. */
    static List<AreaLevel> childLevels(AreaLevel level) {
        if (level == null) {
            return List.of();
        }
        return switch (level) {
            case COUNTRY -> List.of(AreaLevel.COUNCIL, AreaLevel.HEALTH_BOARD);
            case HEALTH_BOARD -> List.of(AreaLevel.COUNCIL);
            case COUNCIL -> List.of(AreaLevel.INTERMEDIATE_ZONE, AreaLevel.WARD);
            case HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, SCOTTISH_PARLIAMENT_CONSTITUENCY ->
                List.of(AreaLevel.INTERMEDIATE_ZONE);
            case INTERMEDIATE_ZONE, WARD -> List.of(AreaLevel.DATA_ZONE);
            case DATA_ZONE -> List.of();
        };
    }

    /** Every area at the given level, by name (for pickers). */
    public List<Area> areasAt(AreaLevel level) {
        return memo.get("areas " + level, () -> {
            List<Area> out = new ArrayList<>(
                    geography.current().areas(level).stream().map(this::area).toList());
            out.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
            return List.copyOf(out);
        });
    }

    /** The areas at {@code level} lying within the area {@code code}, by name. */
    public List<Area> areasWithin(String code, AreaLevel level) {
        if (code == null || !code.matches("[A-Za-z0-9]{1,20}")) {
            return List.of();
        }
        List<Area> out = new ArrayList<>(
                geography.current().within(code, level).stream().map(this::area).toList());
        out.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
        return List.copyOf(out);
    }

    /** The area with this code, if the geography has it. */
    public Optional<Area> find(String code) {
        if (code == null || !code.matches("[A-Za-z0-9]{1,20}")) {
            return Optional.empty();
        }
        return geography.current().area(code).map(this::area);
    }

    /** The named graph that holds the boundaries of one level ({@code {base}graph/boundaries/{collection}}). */
    String boundaryGraph(AreaLevel level) {
        return uris.base() + "graph/boundaries/" + level.collectionName();
    }

    /** The levels whose boundaries are loaded (their boundary graph holds a geometry), smallest first. */
    public List<Level> boundaryLevels() {
        return memo.get(
                "boundary levels",
                () -> store.read(dsg -> {
                    List<Level> out = new ArrayList<>();
                    for (AreaLevel l : AreaLevel.values()) {
                        if (dsg.contains(Rdf.uri(boundaryGraph(l)), Node.ANY, HAS_GEOMETRY, Node.ANY)) {
                            out.add(CubeStructure.level(l));
                        }
                    }
                    out.sort(Comparator.comparingInt(Level::rank));
                    return List.copyOf(out);
                }));
    }

    /** Whether the area with this code has a boundary loaded. */
    public boolean hasBoundary(String code) {
        Optional<AreaLevel> l = AreaLevel.ofCode(code);
        return l.isPresent()
                && store.read(dsg -> dsg.contains(
                        Rdf.uri(boundaryGraph(l.get())), Rdf.uri(uris.area(code)), HAS_GEOMETRY, Node.ANY));
    }
}
