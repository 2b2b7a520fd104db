package scot.cairn.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

import scot.cairn.formats.Numbers;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.AreaGroup;
import scot.cairn.web.WebModel.AreaPage;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.DatasetSummary;
import scot.cairn.web.WebModel.Dimension;
import scot.cairn.web.WebModel.Level;
import scot.cairn.web.WebModel.Measure;
import scot.cairn.web.WebModel.Point;
import scot.cairn.web.WebModel.Ref;
import scot.cairn.web.WebModel.Row;

/**
 * What the pages read from the store: the catalogue, a dataset's metadata and structure, areas
 * and their neighbours (from the published geography, {@link StoreGeography}), slice previews and
 * time series. Catalogue and dataset structures are
 * read once per store version (any publication changes the version, so they never go stale).
 */
public class WebData {
    static final Node REF_AREA = SdmxDimension.refArea.asNode();
    static final Node REF_PERIOD = SdmxDimension.refPeriod.asNode();
    static final Node MEASURE_TYPE = QB.measureType.asNode();
    private static final Node STATUS = SdmxAttribute.obsStatus.asNode();
    private static final Node UNIT = SdmxAttribute.unitMeasure.asNode();
    /** Observations scanned at most to find each measure's units. */
    private static final int UNIT_SCAN = 5000;

    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();
    private volatile long cachedVersion = -1;

    /** @param geography the store's geography, shared with the application's other readers */
    public WebData(TripleStore store, UriScheme uris, StoreGeography geography) {
        this.store = store;
        this.uris = uris;
        this.geography = geography;
    }

    public UriScheme uris() {
        return uris;
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, java.util.function.Supplier<T> read) {
        long v = store.version();
        if (v != cachedVersion) {
            cache.clear();
            cachedVersion = v;
        }
        return (T) cache.computeIfAbsent(key, k -> read.get());
    }

    static Level level(AreaLevel l) {
        return new Level(l.collectionName(), l.collectionLabel(), l.label(), l.rank());
    }

    /** Every published dataset, by title. */
    public List<DatasetSummary> catalogue() {
        return cached("catalogue", () -> store.read(dsg -> {
            Rdf rdf = new Rdf(dsg);
            List<DatasetSummary> out = new ArrayList<>();
            for (Node ds : rdf.subjects(RDF.type.asNode(), QB.DataSet.asNode())) {
                slugOf(ds).ifPresent(slug -> out.add(summary(rdf, ds, slug)));
            }
            out.sort(Comparator.comparing((DatasetSummary d) -> d.title().toLowerCase(Locale.ROOT)).thenComparing(DatasetSummary::uri));
            return List.copyOf(out);
        }));
    }

    /** The catalogue filtered by theme, level and publisher (URI, code or label) and by words in title or description. */
    public List<DatasetSummary> search(String text, String theme, String level, String publisher) {
        return catalogue().stream().filter(d -> {
            if (!blank(theme) && d.themes().stream().noneMatch(r -> r.matches(theme))) {
                return false;
            }
            if (!blank(publisher) && d.publishers().stream().noneMatch(r -> r.matches(publisher))) {
                return false;
            }
            if (!blank(level) && d.levels().stream().noneMatch(l -> l.name().equalsIgnoreCase(level.strip()))) {
                return false;
            }
            if (!blank(text)) {
                String hay = (d.title() + " " + d.description()).toLowerCase(Locale.ROOT);
                for (String w : text.toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (!w.isEmpty() && !hay.contains(w)) {
                        return false;
                    }
                }
            }
            return true;
        }).toList();
    }

    /** The distinct values of a catalogue facet, by label. */
    public List<Ref> facet(java.util.function.Function<DatasetSummary, List<Ref>> refs) {
        Map<String, Ref> byUri = new TreeMap<>();
        catalogue().forEach(d -> refs.apply(d).forEach(r -> byUri.putIfAbsent(r.uri(), r)));
        return byUri.values().stream().sorted(Comparator.comparing(Ref::label)).toList();
    }

    /** The levels any dataset has data at, smallest first. */
    public List<Level> levelFacet() {
        Set<Level> levels = new LinkedHashSet<>();
        catalogue().forEach(d -> levels.addAll(d.levels()));
        return levels.stream().sorted(Comparator.comparingInt(Level::rank)).toList();
    }

    private Optional<String> slugOf(Node ds) {
        if (!ds.isURI() || !uris.mints(ds.getURI())) {
            return Optional.empty();
        }
        String local = uris.localPath(ds.getURI());
        return local.startsWith("data/") && Slugs.isSlug(local.substring(5)) ? Optional.of(local.substring(5)) : Optional.empty();
    }

    private DatasetSummary summary(Rdf rdf, Node ds, String slug) {
        String title = rdf.text(ds, Dcterms.title.asNode());
        List<Area> areas = codes(rdf, ds, REF_AREA).stream().map(n -> area(rdf, n)).toList();
        Set<Level> levels = new LinkedHashSet<>();
        areas.stream().map(Area::level).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparingInt(Level::rank)).forEach(levels::add);
        Node license = rdf.object(ds, Dcterms.license.asNode());
        return new DatasetSummary(slug, ds.getURI(), title.isEmpty() ? rdf.label(ds) : title,
                rdf.text(ds, Dcterms.description.asNode()), refs(rdf, ds, Dcterms.publisher.asNode()),
                refs(rdf, ds, Dcat.theme.asNode()), List.copyOf(levels), rdf.text(ds, Dcterms.issued.asNode()),
                rdf.text(ds, Dcterms.modified.asNode()), rdf.text(ds, Pmd.nextUpdateDue.asNode()),
                license == null ? "" : license.isURI() ? license.getURI() : license.getLiteralLexicalForm());
    }

    private static List<Ref> refs(Rdf rdf, Node s, Node p) {
        List<Ref> out = new ArrayList<>();
        for (Node o : rdf.objects(s, p)) {
            out.add(o.isURI() ? new Ref(o.getURI(), rdf.label(o)) : new Ref(rdf.label(o), rdf.label(o)));
        }
        out.sort(Comparator.comparing(Ref::label));
        return out;
    }

    /** The component specification of {@code dimension} in the dataset's structure, with its code list's members. */
    private static List<Node> codes(Rdf rdf, Node ds, Node dimension) {
        Node dsd = rdf.object(ds, QB.structure.asNode());
        if (dsd == null) {
            return List.of();
        }
        for (Node spec : rdf.objects(dsd, QB.component.asNode())) {
            if (dimension.equals(rdf.object(spec, QB.dimension.asNode()))) {
                Node list = rdf.object(spec, QB.codeList.asNode());
                return list == null ? List.of() : rdf.objects(list, Skos.member.asNode());
            }
        }
        return List.of();
    }

    /** The dimensions of the dataset's structure in {@code qb:order}. */
    private static List<Node> dimensions(Rdf rdf, Node ds) {
        Node dsd = rdf.object(ds, QB.structure.asNode());
        if (dsd == null) {
            return List.of();
        }
        TreeMap<String, Node> ordered = new TreeMap<>();
        for (Node spec : rdf.objects(dsd, QB.component.asNode())) {
            Node dim = rdf.object(spec, QB.dimension.asNode());
            if (dim == null) {
                continue;
            }
            Node order = rdf.object(spec, QB.order.asNode());
            int n = Integer.MAX_VALUE;
            if (order != null && order.isLiteral()) {
                try {
                    n = Integer.parseInt(order.getLiteralLexicalForm().strip());
                } catch (NumberFormatException e) {
                    // unordered components go last
                }
            }
            ordered.put(String.format("%011d %s", n, dim.getURI()), dim);
        }
        return List.copyOf(new LinkedHashSet<>(ordered.values()));
    }

    Area area(Rdf rdf, Node n) {
        String code = rdf.text(n, Foi.code.asNode());
        if (code.isEmpty()) {
            code = Rdf.lastSegment(n.getURI());
        }
        String name = rdf.text(n, Foi.displayName.asNode());
        return new Area(n.getURI(), code, name.isEmpty() ? rdf.label(n) : name, AreaLevel.ofCode(code).map(WebData::level).orElse(null));
    }

    /** A dataset's metadata and structure, when {@code slug} names a published dataset. */
    public Optional<DatasetDetail> dataset(String slug) {
        if (!Slugs.isSlug(slug)) {
            return Optional.empty();
        }
        Optional<DatasetDetail> known = cached("dataset " + slug, () -> store.read(dsg -> readDataset(new Rdf(dsg), slug)));
        if (known.isEmpty()) {
            cache.remove("dataset " + slug); // never keep one entry per unknown name asked for
        }
        return known;
    }

    private Optional<DatasetDetail> readDataset(Rdf rdf, String slug) {
        Node ds = Rdf.uri(uris.dataset(slug));
        if (!rdf.dsg().contains(Node.ANY, ds, RDF.type.asNode(), QB.DataSet.asNode())) {
            return Optional.empty();
        }
        DatasetSummary summary = summary(rdf, ds, slug);
        List<Area> areas = new ArrayList<>(codes(rdf, ds, REF_AREA).stream().map(n -> area(rdf, n)).toList());
        areas.sort(Comparator.comparing((Area a) -> a.level() == null ? 99 : -a.level().rank()).thenComparing(Area::name).thenComparing(Area::code));
        List<Ref> periods = new ArrayList<>(codes(rdf, ds, REF_PERIOD).stream().map(n -> new Ref(n.getURI(), rdf.label(n))).toList());
        periods.sort(Comparator.comparing(Ref::label));
        List<Node> measureNodes = codes(rdf, ds, MEASURE_TYPE);
        Map<Node, Set<Node>> units = units(rdf, ds, measureNodes);
        List<Measure> measures = measureNodes.stream()
                .map(m -> new Measure(m.getURI(), rdf.label(m), units.getOrDefault(m, Set.of()).stream().map(u -> new Ref(u.getURI(), rdf.label(u))).toList()))
                .sorted(Comparator.comparing(Measure::label)).toList();
        List<Dimension> others = new ArrayList<>();
        for (Node dim : dimensions(rdf, ds)) {
            if (dim.equals(REF_AREA) || dim.equals(REF_PERIOD) || dim.equals(MEASURE_TYPE)) {
                continue;
            }
            List<Ref> codes = codes(rdf, ds, dim).stream().map(n -> new Ref(n.getURI(), rdf.label(n))).toList();
            others.add(new Dimension(dim.getURI(), rdf.label(dim), codes));
        }
        String contact = rdf.text(ds, Pmd.contactEmail.asNode());
        if (contact.isEmpty()) {
            Node c = rdf.object(ds, Pmd.contactEmail.asNode());
            contact = c != null && c.isURI() ? c.getURI() : "";
        }
        Node sourceNode = rdf.object(ds, Dcterms.source.asNode());
        String source = sourceNode == null ? "" : sourceNode.isURI() ? sourceNode.getURI() : rdf.label(sourceNode);
        return Optional.of(new DatasetDetail(summary, rdf.text(ds, Pmd.qualityNotes.asNode()), contact.replaceFirst("^mailto:", ""),
                source, refs(rdf, ds, Dcterms.creator.asNode()), areas, periods, measures, others));
    }

    private static Map<Node, Set<Node>> units(Rdf rdf, Node ds, List<Node> measures) {
        Map<Node, Set<Node>> out = new HashMap<>();
        Iterator<Quad> obs = rdf.dsg().find(Node.ANY, Node.ANY, QB.dataSet.asNode(), ds);
        for (int i = 0; i < UNIT_SCAN && obs.hasNext(); i++) {
            Node o = obs.next().getSubject();
            Node m = rdf.object(o, MEASURE_TYPE);
            Node u = rdf.object(o, UNIT);
            if (m != null && u != null && u.isURI()) {
                out.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(u);
            }
        }
        return out;
    }

    /**
     * Up to {@code limit} observations of the slice, with labels. {@code filters} maps a dimension
     * URI (refArea, refPeriod, measureType or another) to the value URIs any of which it may take.
     */
    public List<Row> preview(DatasetDetail d, Map<String, List<String>> filters, int limit) {
        return store.read(dsg -> {
            Rdf rdf = new Rdf(dsg);
            Node ds = Rdf.uri(d.summary().uri());
            List<Row> rows = new ArrayList<>();
            Map<Node, Set<Node>> wanted = new LinkedHashMap<>();
            filters.forEach((k, v) -> wanted.put(Rdf.uri(k), v.stream().map(Rdf::uri).collect(java.util.stream.Collectors.toSet())));
            for (Node obs : candidates(rdf, ds, wanted)) {
                Map<Node, Node> p = properties(rdf, obs);
                if (!ds.equals(p.get(QB.dataSet.asNode())) || !accepts(p, wanted)) {
                    continue;
                }
                Node measure = p.get(MEASURE_TYPE);
                Node value = measure == null ? null : p.get(measure);
                Node area = p.get(REF_AREA);
                List<String> others = d.dimensions().stream().map(dim -> rdf.label(p.get(Rdf.uri(dim.uri())))).toList();
                rows.add(new Row(area == null ? null : area(rdf, area), rdf.label(p.get(REF_PERIOD)), others, rdf.label(measure),
                        value == null ? "" : Numbers.text(value), rdf.label(p.get(UNIT)), rdf.label(p.get(STATUS))));
                if (rows.size() >= limit) {
                    break;
                }
            }
            rows.sort(Comparator.comparing((Row r) -> r.area() == null ? "" : r.area().code()).thenComparing(Row::period)
                    .thenComparing(r -> String.join("\u0000", r.others())).thenComparing(Row::measure));
            return rows;
        });
    }

    /**
     * The values of one measure for one area over every period, the other dimensions fixed to
     * {@code fixed} (dimension URI to value URI), in period order.
     */
    public List<Point> series(DatasetDetail d, String areaUri, String measureUri, Map<String, String> fixed) {
        return store.read(dsg -> {
            Rdf rdf = new Rdf(dsg);
            Node ds = Rdf.uri(d.summary().uri());
            Node measure = Rdf.uri(measureUri);
            Map<Node, Set<Node>> wanted = new LinkedHashMap<>();
            wanted.put(REF_AREA, Set.of(Rdf.uri(areaUri)));
            wanted.put(MEASURE_TYPE, Set.of(measure));
            fixed.forEach((k, v) -> wanted.put(Rdf.uri(k), Set.of(Rdf.uri(v))));
            TreeMap<String, Point> byPeriod = new TreeMap<>();
            for (Node obs : candidates(rdf, ds, wanted)) {
                Map<Node, Node> p = properties(rdf, obs);
                if (!ds.equals(p.get(QB.dataSet.asNode())) || !accepts(p, wanted)) {
                    continue;
                }
                String period = rdf.label(p.get(REF_PERIOD));
                Node v = p.get(measure);
                Double value = null;
                if (v != null && v.isLiteral()) {
                    try {
                        value = Double.parseDouble(v.getLiteralLexicalForm());
                    } catch (NumberFormatException e) {
                        // a non-numeric value is shown as not available
                    }
                }
                byPeriod.put(period, new Point(period, value, rdf.label(p.get(STATUS))));
            }
            return List.copyOf(byPeriod.values());
        });
    }

    /** Up to this many named areas, observations are found area by area; above it, by scanning the dataset. */
    private static final int AREA_LOOKUPS = 50;

    /**
     * Observations that might match, lazily (callers stop at their limit): those of the wanted
     * areas when a few areas are named, else the dataset's.
     */
    private static Iterable<Node> candidates(Rdf rdf, Node ds, Map<Node, Set<Node>> wanted) {
        Set<Node> areas = wanted.get(REF_AREA);
        java.util.function.Supplier<Iterator<Quad>> quads;
        if (areas == null || areas.isEmpty() || areas.size() > AREA_LOOKUPS) {
            quads = () -> rdf.dsg().find(Node.ANY, Node.ANY, QB.dataSet.asNode(), ds);
        } else {
            quads = () -> areas.stream().flatMap(a -> org.apache.jena.atlas.iterator.Iter.asStream(rdf.dsg().find(Node.ANY, Node.ANY, REF_AREA, a))).iterator();
        }
        return () -> {
            Set<Node> seen = new java.util.HashSet<>();
            return org.apache.jena.atlas.iterator.Iter.iter(quads.get()).map(Quad::getSubject).filter(seen::add);
        };
    }

    private static Map<Node, Node> properties(Rdf rdf, Node obs) {
        Map<Node, Node> p = new HashMap<>();
        Iterator<Quad> it = rdf.dsg().find(Node.ANY, obs, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            p.putIfAbsent(q.getPredicate(), q.getObject());
        }
        return p;
    }

    private static boolean accepts(Map<Node, Node> p, Map<Node, Set<Node>> wanted) {
        for (Map.Entry<Node, Set<Node>> w : wanted.entrySet()) {
            if (!w.getValue().isEmpty() && !w.getValue().contains(p.get(w.getKey()))) {
                return false;
            }
        }
        return true;
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
        List<Area> within = new ArrayList<>(found.get().within().stream().flatMap(c -> g.area(c).stream()).map(this::area).toList());
        within.sort(Comparator.comparing((Area a) -> a.level() == null ? 0 : -a.level().rank()).thenComparing(Area::name));
        List<AreaGroup> children = new ArrayList<>(); // in the order childLevels gives: the main path first
        for (AreaLevel childLevel : childLevels(found.get().level())) {
            List<Area> inside = new ArrayList<>(g.within(code, childLevel).stream().map(this::area).toList());
            if (!inside.isEmpty()) {
                inside.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
                children.add(new AreaGroup(level(childLevel), List.copyOf(inside)));
            }
        }
        // The datasets whose area code list names the area.
        Set<String> slugs = store.read(dsg -> {
            Set<String> named = new LinkedHashSet<>();
            String prefix = uris.base() + "def/code-list/";
            for (Node list : new Rdf(dsg).subjects(Skos.member.asNode(), Rdf.uri(uris.area(code)))) {
                if (list.isURI() && list.getURI().startsWith(prefix) && list.getURI().endsWith("/refArea")) {
                    named.add(list.getURI().substring(prefix.length(), list.getURI().length() - "/refArea".length()));
                }
            }
            return named;
        });
        return Optional.of(new AreaPage(area, List.copyOf(within), List.copyOf(children), catalogueIn(slugs)));
    }

    /** A geography area as the pages show it. */
    private Area area(Geography.Area a) {
        return new Area(uris.area(a.code()), a.code(), a.name(), level(a.level()));
    }

    private List<DatasetSummary> catalogueIn(Set<String> slugs) {
        return catalogue().stream().filter(d -> slugs.contains(d.slug())).toList();
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
            case HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, SCOTTISH_PARLIAMENT_CONSTITUENCY -> List.of(AreaLevel.INTERMEDIATE_ZONE);
            case INTERMEDIATE_ZONE, WARD -> List.of(AreaLevel.DATA_ZONE);
            case DATA_ZONE -> List.of();
        };
    }

    /** Every area at the given level, by name (for pickers). */
    public List<Area> areasAt(AreaLevel level) {
        return cached("areas " + level, () -> {
            List<Area> out = new ArrayList<>(geography.current().areas(level).stream().map(this::area).toList());
            out.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
            return List.copyOf(out);
        });
    }

    /** The areas at {@code level} lying within the area {@code code}, by name. */
    public List<Area> areasWithin(String code, AreaLevel level) {
        if (code == null || !code.matches("[A-Za-z0-9]{1,20}")) {
            return List.of();
        }
        List<Area> out = new ArrayList<>(geography.current().within(code, level).stream().map(this::area).toList());
        out.sort(Comparator.comparing(Area::name).thenComparing(Area::code));
        return List.copyOf(out);
    }

    /** GeoSPARQL's {@code geo:hasGeometry}: an area with a boundary has one. */
    static final Node HAS_GEOMETRY = Rdf.uri("http://www.opengis.net/ont/geosparql#hasGeometry");

    /** The named graph that holds the boundaries of one level ({@code {base}graph/boundaries/{collection}}). */
    String boundaryGraph(AreaLevel level) {
        return uris.base() + "graph/boundaries/" + level.collectionName();
    }

    /** The levels whose boundaries are loaded (their boundary graph holds a geometry), smallest first. */
    public List<Level> boundaryLevels() {
        return cached("boundary levels", () -> store.read(dsg -> {
            List<Level> out = new ArrayList<>();
            for (AreaLevel l : AreaLevel.values()) {
                if (dsg.contains(Rdf.uri(boundaryGraph(l)), Node.ANY, HAS_GEOMETRY, Node.ANY)) {
                    out.add(level(l));
                }
            }
            out.sort(Comparator.comparingInt(Level::rank));
            return List.copyOf(out);
        }));
    }

    /** Whether the area with this code has a boundary loaded. */
    public boolean hasBoundary(String code) {
        Optional<AreaLevel> l = AreaLevel.ofCode(code);
        return l.isPresent() && store.read(dsg -> dsg.contains(Rdf.uri(boundaryGraph(l.get())), Rdf.uri(uris.area(code)), HAS_GEOMETRY, Node.ANY));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
