package scot.cairn.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.formats.Numbers;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Adms;
import scot.cairn.vocab.CairnVersion;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.DatasetSummary;
import scot.cairn.web.WebModel.Dimension;
import scot.cairn.web.WebModel.Measure;
import scot.cairn.web.WebModel.Point;
import scot.cairn.web.WebModel.Ref;
import scot.cairn.web.WebModel.Row;
import scot.cairn.web.WebModel.Version;

/**
 * What a dataset page reads: the dataset's metadata, structure and versions (once per store
 * version), a preview of a slice, and one area's series over time.
 */
public class DatasetReader {
    /** Observations scanned at most to find each measure's units. */
    private static final int UNIT_SCAN = 5000;
    /** Up to this many named areas, observations are found area by area; above it, by scanning the dataset. */
    private static final int AREA_LOOKUPS = 50;

    private final TripleStore store;
    private final UriScheme uris;
    private final StoreGeography geography;
    private final VersionMemo memo;

    public DatasetReader(TripleStore store, UriScheme uris, StoreGeography geography) {
        this.store = store;
        this.uris = uris;
        this.geography = geography;
        this.memo = new VersionMemo(store);
    }

    /**
     * An area node as the pages show it ({@link CubeStructure#area}); an archived code of the
     * loaded geography is named as archived: "Glasgow City (to 2019; boundary changed)".
     */
    private Area area(Rdf rdf, Node n, Geography g) {
        Area a = CubeStructure.area(rdf, n);
        return g.area(a.code())
                .filter(x -> !x.live() && uris.area(x.code()).equals(n.getURI()))
                .map(x -> new Area(a.uri(), a.code(), x.shownName(), a.level()))
                .orElse(a);
    }

    /** A dataset's metadata and structure, when {@code slug} names a published dataset. */
    public Optional<DatasetDetail> dataset(String slug) {
        if (!Slugs.isSlug(slug)) {
            return Optional.empty();
        }
        Optional<DatasetDetail> known = memo.get("dataset " + slug, () -> {
            Geography g = geography.current();
            return store.read(dsg -> read(new Rdf(dsg), slug, g));
        });
        if (known.isEmpty()) {
            memo.forget("dataset " + slug); // never keep one entry per unknown name asked for
        }
        return known;
    }

    private Optional<DatasetDetail> read(Rdf rdf, String slug, Geography g) {
        Node ds = Rdf.uri(uris.dataset(slug));
        if (!rdf.dsg().contains(Node.ANY, ds, RDF.type.asNode(), QB.DataSet.asNode())) {
            return Optional.empty();
        }
        DatasetSummary summary = CatalogueReader.summary(rdf, ds, slug, null);
        List<Area> areas = new ArrayList<>(CubeStructure.codes(rdf, ds, CubeStructure.REF_AREA).stream()
                .map(n -> area(rdf, n, g))
                .toList());
        areas.sort(Comparator.comparing(
                        (Area a) -> a.level() == null ? 99 : -a.level().rank())
                .thenComparing(Area::name)
                .thenComparing(Area::code));
        List<Ref> periods = new ArrayList<>(CubeStructure.codes(rdf, ds, CubeStructure.REF_PERIOD).stream()
                .map(n -> new Ref(n.getURI(), rdf.label(n)))
                .toList());
        periods.sort(Comparator.comparing(Ref::label));
        Node sourceNode = rdf.object(ds, Dcterms.source.asNode());
        String source = sourceNode == null ? "" : sourceNode.isURI() ? sourceNode.getURI() : rdf.label(sourceNode);
        return Optional.of(new DatasetDetail(
                summary,
                rdf.text(ds, Pmd.qualityNotes.asNode()),
                contact(rdf, ds),
                source,
                CubeStructure.refs(rdf, ds, Dcterms.creator.asNode()),
                areas,
                periods,
                measures(rdf, ds),
                otherDimensions(rdf, ds),
                versions(rdf, ds)));
    }

    private static String contact(Rdf rdf, Node ds) {
        String contact = rdf.text(ds, Pmd.contactEmail.asNode());
        if (contact.isEmpty()) {
            Node c = rdf.object(ds, Pmd.contactEmail.asNode());
            contact = c != null && c.isURI() ? c.getURI() : "";
        }
        return contact.replaceFirst("^mailto:", "");
    }

    private static List<Measure> measures(Rdf rdf, Node ds) {
        List<Node> measureNodes = CubeStructure.codes(rdf, ds, CubeStructure.MEASURE_TYPE);
        Map<Node, Set<Node>> units = units(rdf, ds);
        return measureNodes.stream()
                .map(m -> new Measure(
                        m.getURI(),
                        rdf.label(m),
                        units.getOrDefault(m, Set.of()).stream()
                                .map(u -> new Ref(u.getURI(), rdf.label(u)))
                                .toList()))
                .sorted(Comparator.comparing(Measure::label))
                .toList();
    }

    private static List<Dimension> otherDimensions(Rdf rdf, Node ds) {
        List<Dimension> others = new ArrayList<>();
        for (Node dim : CubeStructure.dimensions(rdf, ds)) {
            if (dim.equals(CubeStructure.REF_AREA)
                    || dim.equals(CubeStructure.REF_PERIOD)
                    || dim.equals(CubeStructure.MEASURE_TYPE)) {
                continue;
            }
            List<Ref> codes = CubeStructure.codes(rdf, ds, dim).stream()
                    .map(n -> new Ref(n.getURI(), rdf.label(n)))
                    .toList();
            others.add(new Dimension(dim.getURI(), rdf.label(dim), codes));
        }
        return others;
    }

    /** The units each measure's observations carry (from the first observations: a sample, not every one). */
    private static Map<Node, Set<Node>> units(Rdf rdf, Node ds) {
        Map<Node, Set<Node>> out = new HashMap<>();
        Iterator<Quad> obs = rdf.dsg().find(Node.ANY, Node.ANY, QB.dataSet.asNode(), ds);
        for (int i = 0; i < UNIT_SCAN && obs.hasNext(); i++) {
            Node o = obs.next().getSubject();
            Node m = rdf.object(o, CubeStructure.MEASURE_TYPE);
            Node u = rdf.object(o, CubeStructure.UNIT);
            if (m != null && u != null && u.isURI()) {
                out.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(u);
            }
        }
        return out;
    }

    /** The dataset's release history from its version records ({@code dcat:hasVersion}), newest first. */
    private List<Version> versions(Rdf rdf, Node ds) {
        List<Version> out = new ArrayList<>();
        for (Node v : rdf.objects(ds, Dcat.hasVersion.asNode())) {
            String n = rdf.text(v, Dcat.version.asNode());
            if (!v.isURI() || n.isEmpty()) {
                continue;
            }
            try {
                String href = uris.mints(v.getURI()) ? "/" + uris.localPath(v.getURI()) : v.getURI();
                out.add(new Version(
                        Integer.parseInt(n.strip()),
                        v.getURI(),
                        href,
                        rdf.text(v, Dcterms.issued.asNode()),
                        rdf.text(v, CairnVersion.kind.asNode()),
                        rdf.text(v, Adms.versionNotes.asNode()),
                        rdf.text(v, CairnVersion.checksum.asNode())));
            } catch (NumberFormatException e) {
                // a version record without a number is not listed
            }
        }
        out.sort(Comparator.comparingInt(Version::number).reversed());
        return out;
    }

    /**
     * Up to {@code limit} observations of the slice, with labels. {@code filters} maps a dimension
     * URI (refArea, refPeriod, measureType or another) to the value URIs any of which it may take.
     */
    public List<Row> preview(DatasetDetail d, Map<String, List<String>> filters, int limit) {
        Geography g = geography.current();
        return store.read(dsg -> {
            Rdf rdf = new Rdf(dsg);
            Node ds = Rdf.uri(d.summary().uri());
            List<Row> rows = new ArrayList<>();
            Map<Node, Set<Node>> wanted = new LinkedHashMap<>();
            filters.forEach(
                    (k, v) -> wanted.put(Rdf.uri(k), v.stream().map(Rdf::uri).collect(Collectors.toSet())));
            for (Node obs : candidates(rdf, ds, wanted)) {
                Map<Node, Node> p = properties(rdf, obs);
                if (!ds.equals(p.get(QB.dataSet.asNode())) || !accepts(p, wanted)) {
                    continue;
                }
                rows.add(row(rdf, d, p, g));
                if (rows.size() >= limit) {
                    break;
                }
            }
            rows.sort(Comparator.comparing(
                            (Row r) -> r.area() == null ? "" : r.area().code())
                    .thenComparing(Row::period)
                    .thenComparing(r -> String.join("\u0000", r.others()))
                    .thenComparing(Row::measure));
            return rows;
        });
    }

    private Row row(Rdf rdf, DatasetDetail d, Map<Node, Node> p, Geography g) {
        Node measure = p.get(CubeStructure.MEASURE_TYPE);
        Node value = measure == null ? null : p.get(measure);
        Node area = p.get(CubeStructure.REF_AREA);
        List<String> others = d.dimensions().stream()
                .map(dim -> rdf.label(p.get(Rdf.uri(dim.uri()))))
                .toList();
        return new Row(
                area == null ? null : area(rdf, area, g),
                rdf.label(p.get(CubeStructure.REF_PERIOD)),
                others,
                rdf.label(measure),
                Numbers.text(value),
                ValueFormat.of(value),
                rdf.label(p.get(CubeStructure.UNIT)),
                rdf.label(p.get(CubeStructure.STATUS)));
    }

    /**
     * The values of one measure for one area over every period, the other dimensions fixed to
     * {@code fixed} (dimension URI to value URI), in period order, each with its unit.
     */
    public List<Point> series(DatasetDetail d, String areaUri, String measureUri, Map<String, String> fixed) {
        return store.read(dsg -> {
            Rdf rdf = new Rdf(dsg);
            Node ds = Rdf.uri(d.summary().uri());
            Node measure = Rdf.uri(measureUri);
            Map<Node, Set<Node>> wanted = new LinkedHashMap<>();
            wanted.put(CubeStructure.REF_AREA, Set.of(Rdf.uri(areaUri)));
            wanted.put(CubeStructure.MEASURE_TYPE, Set.of(measure));
            fixed.forEach((k, v) -> wanted.put(Rdf.uri(k), Set.of(Rdf.uri(v))));
            TreeMap<String, Point> byPeriod = new TreeMap<>();
            for (Node obs : candidates(rdf, ds, wanted)) {
                Map<Node, Node> p = properties(rdf, obs);
                if (!ds.equals(p.get(QB.dataSet.asNode())) || !accepts(p, wanted)) {
                    continue;
                }
                String period = rdf.label(p.get(CubeStructure.REF_PERIOD));
                byPeriod.put(
                        period,
                        new Point(
                                period,
                                number(p.get(measure)),
                                rdf.label(p.get(CubeStructure.STATUS)),
                                rdf.label(p.get(CubeStructure.UNIT))));
            }
            return List.copyOf(byPeriod.values());
        });
    }

    private static Double number(Node v) {
        if (v != null && v.isLiteral()) {
            try {
                return Double.parseDouble(v.getLiteralLexicalForm());
            } catch (NumberFormatException e) {
                // a non-numeric value is shown as not available
            }
        }
        return null;
    }

    /**
     * Observations that might match, lazily (callers stop at their limit): those of the wanted
     * areas when a few areas are named, else the dataset's.
     */
    private static Iterable<Node> candidates(Rdf rdf, Node ds, Map<Node, Set<Node>> wanted) {
        Set<Node> areas = wanted.get(CubeStructure.REF_AREA);
        Supplier<Iterator<Quad>> quads;
        if (areas == null || areas.isEmpty() || areas.size() > AREA_LOOKUPS) {
            quads = () -> rdf.dsg().find(Node.ANY, Node.ANY, QB.dataSet.asNode(), ds);
        } else {
            quads = () -> areas.stream()
                    .flatMap(a -> Iter.asStream(rdf.dsg().find(Node.ANY, Node.ANY, CubeStructure.REF_AREA, a)))
                    .iterator();
        }
        return () -> {
            Set<Node> seen = new HashSet<>();
            return Iter.iter(quads.get()).map(Quad::getSubject).filter(seen::add);
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
}
