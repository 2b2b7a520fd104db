package scot.cairn.maps;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.formats.Numbers;
import scot.cairn.geography.Geography;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.PreferredLiteral;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Skos;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;

/**
 * A choropleth of one slice of a dataset: one measure, one period, one level, one value of every
 * other dimension; each area of the level that has a boundary gets its value (or its status) and
 * a quantile class ({@link ClassBreaks}) coloured from a colour-blind-safe sequential ramp (viridis).
 * Read inside a read transaction.
 */
final class Choropleth {
    static {
        org.apache.jena.sys.JenaSystem.init();
    }

    /** Viridis at 5 evenly spaced stops, light (low values) to dark (high values): safe for colour-blind readers and in grey. */
    static final List<String> RAMP = List.of("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154");

    static final String NO_DATA_COLOUR = "#ffffff";
    static final String SUPPRESSED_COLOUR = "#bdbdbd";
    static final String SUPPRESSED = "suppressed";
    static final String NO_DATA = "no-data";

    private static final Node REF_AREA = SdmxDimension.refArea.asNode();
    private static final Node REF_PERIOD = SdmxDimension.refPeriod.asNode();
    private static final Node MEASURE_TYPE = QB.measureType.asNode();
    private static final Node DATA_SET = QB.dataSet.asNode();
    private static final Node UNIT = SdmxAttribute.unitMeasure.asNode();
    private static final Node STATUS = SdmxAttribute.obsStatus.asNode();

    /** The request: dataset slug, level, period (URI or label, null for the latest), measure type (null when only one) and other dimensions. */
    record Request(
            String dataset,
            AreaLevel level,
            String period,
            String measure,
            Map<String, String> dimensions,
            String within) {
        Request {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /** One area's entry. */
    record AreaValue(String code, String name, Double value, String status, Integer classIndex) {}

    /** One class of the legend. */
    record LegendClass(int index, double from, double to, String colour, String pattern, String label) {}

    /**
     * The computed choropleth. {@code apart} holds the slice's figures for archived areas whose
     * boundary changed: they have no boundary on this map (the areas that replaced them are drawn
     * with their own figures), so the map lists them beside it rather than drop them.
     */
    record Result(
            String title,
            String dataset,
            String datasetTitle,
            AreaLevel level,
            String period,
            String periodLabel,
            String measure,
            String measureLabel,
            String unit,
            double[] breaks,
            List<LegendClass> classes,
            Map<String, AreaValue> areas,
            List<AreaValue> apart,
            String source,
            String licence,
            String boundaries) {
        Result {
            apart = List.copyOf(apart);
        }

        /** The sentence under the map that lists {@link #apart}; empty when there are none. */
        String apartNote() {
            if (apart.isEmpty()) {
                return "";
            }
            List<String> items = apart.stream()
                    .map(a -> a.name() + " (" + a.code() + "): "
                            + (a.value() != null
                                    ? plain(a.value())
                                    : SUPPRESSED.equals(a.status()) ? "suppressed" : "no data"))
                    .toList();
            return "Not drawn, because the area's boundary has changed since: " + String.join("; ", items) + ".";
        }
    }

    private Choropleth() {}

    static Result compute(
            DatasetGraph dsg, UriScheme uris, MapLayers.Layer layer, Geography geography, Request request) {
        String slug = datasetSlug(uris, request.dataset());
        Node ds = NodeFactory.createURI(uris.dataset(slug));
        if (!Slugs.isSlug(slug) || !dsg.contains(Node.ANY, ds, RDF.type.asNode(), QB.DataSet.asNode())) {
            throw MapRequestException.notFound("Unknown dataset: " + request.dataset());
        }
        Node graph = graphOf(dsg, uris, ds, slug);
        List<Node> dimensions = new ArrayList<>();
        List<Node> measures = new ArrayList<>();
        readStructure(dsg, ds, dimensions, measures);
        Map<Node, Node> chosen = chosenValues(request, dimensions, ds);
        Node measure = chosenMeasure(request, measures, ds);
        Node period = period(dsg, graph, request.period(), ds);

        Map<String, MapArea> withBoundary = layer.areas();
        SliceScan slice = new SliceScan(
                ds,
                measure,
                period,
                chosen,
                dimensions,
                request,
                withBoundary,
                inScope(withBoundary, request.within()),
                geography,
                uris.area(""));
        slice.scan(dsg, graph);
        Labels labels = new Labels(dsg);
        slice.checkUnambiguous(labels);

        ClassBreaks breaks = classBreaks(slice.valueOf.values());
        Map<String, AreaValue> areas = areaValues(slice, breaks);
        List<AreaValue> apart = apartValues(slice.apartObservations, geography, measure);

        String datasetTitle = labels.of(ds);
        String measureLabel = labels.of(measure);
        String periodLabel = labels.of(period);
        Node licenceNode = object(dsg, ds, Dcterms.license.asNode());
        String licence = licenceNode == null ? "" : licenceLabel(labels, licenceNode);
        return new Result(
                title(labels, datasetTitle, measureLabel, chosen, periodLabel, request.level()),
                slug,
                datasetTitle,
                request.level(),
                period.getURI(),
                periodLabel,
                measure.getURI(),
                measureLabel,
                slice.unit == null ? "" : labels.of(slice.unit),
                breaks == null ? new double[0] : breaks.breaks(),
                legend(breaks),
                areas,
                apart,
                source(dsg, labels, ds, datasetTitle),
                licence,
                layer.attribution() == null ? "" : "Boundaries: " + layer.attribution());
    }

    /** The graph holding the dataset's observations: as its metadata says, else the scheme's graph for its slug. */
    private static Node graphOf(DatasetGraph dsg, UriScheme uris, Node ds, String slug) {
        Node graph = object(dsg, ds, Pmd.graph.asNode());
        return graph == null || !graph.isURI() ? NodeFactory.createURI(uris.graph(slug)) : graph;
    }

    /** The dataset's slug from the request: its slug, or its URI under this site. */
    private static String datasetSlug(UriScheme uris, String given) {
        if (given == null || given.isBlank()) {
            throw MapRequestException.badRequest(
                    "Missing parameter: dataset (the dataset's slug, e.g. free-school-meals)");
        }
        if (given.startsWith(uris.base() + "data/")) {
            return given.substring((uris.base() + "data/").length());
        }
        return given;
    }

    /** Adds the dataset's dimensions and measures (each once) from its structure definition; measures sorted by URI. */
    private static void readStructure(DatasetGraph dsg, Node ds, List<Node> dimensions, List<Node> measures) {
        Node dsd = object(dsg, ds, QB.structure.asNode());
        if (dsd != null) {
            dsg.find(Node.ANY, dsd, QB.component.asNode(), Node.ANY).forEachRemaining(c -> {
                Node dim = object(dsg, c.getObject(), QB.dimension.asNode());
                if (dim != null && !dimensions.contains(dim)) {
                    dimensions.add(dim);
                }
                Node m = object(dsg, c.getObject(), QB.measure.asNode());
                if (m != null && !measures.contains(m)) {
                    measures.add(m);
                }
            });
        }
        measures.sort((a, b) -> a.getURI().compareTo(b.getURI()));
    }

    /** The other dimensions' values the request fixes, each checked to be a dimension a map can fix. */
    private static Map<Node, Node> chosenValues(Request request, List<Node> dimensions, Node ds) {
        Map<Node, Node> chosen = new LinkedHashMap<>();
        for (var e : request.dimensions().entrySet()) {
            Node dim = NodeFactory.createURI(e.getKey());
            if (!dimensions.contains(dim)
                    || dim.equals(REF_AREA)
                    || dim.equals(REF_PERIOD)
                    || dim.equals(MEASURE_TYPE)) {
                throw MapRequestException.badRequest("Not a dimension of " + ds.getURI() + " that a map can fix: "
                        + e.getKey() + " (its other dimensions: " + others(dimensions) + ")");
            }
            chosen.put(dim, NodeFactory.createURI(e.getValue()));
        }
        return chosen;
    }

    /** The measure type asked for, or the only one when none is given. */
    private static Node chosenMeasure(Request request, List<Node> measures, Node ds) {
        if (request.measure() == null || request.measure().isBlank()) {
            if (measures.size() != 1) {
                throw MapRequestException.badRequest("Choose a measure: measure={measure type URI}, one of "
                        + measures.stream().map(Node::getURI).toList());
            }
            return measures.get(0);
        }
        Node measure = NodeFactory.createURI(request.measure().strip());
        if (!measures.contains(measure)) {
            throw MapRequestException.badRequest("Not a measure of " + ds.getURI() + ": " + request.measure()
                    + " (its measures: " + measures.stream().map(Node::getURI).toList() + ")");
        }
        return measure;
    }

    /** The codes of the areas with a boundary that lie within {@code within} (all of them when it is null). */
    private static Set<String> inScope(Map<String, MapArea> withBoundary, String within) {
        Set<String> inScope = new LinkedHashSet<>();
        for (MapArea a : withBoundary.values()) {
            if (within == null || a.within().contains(within) || a.code().equals(within)) {
                inScope.add(a.code());
            }
        }
        return inScope;
    }

    /** Quantile breaks of the figures, to the decimals as published plus two; null when there are none. */
    private static ClassBreaks classBreaks(java.util.Collection<Node> values) {
        double[] numbers = values.stream()
                .mapToDouble(n -> Numbers.decimal(n).doubleValue())
                .toArray();
        // decimals as published (the store's canonical 579.0 is a whole number)
        int decimals = values.stream()
                .map(Numbers::decimal)
                .filter(java.util.Objects::nonNull)
                .mapToInt(b -> Math.max(0, b.scale()))
                .max()
                .orElse(0);
        return numbers.length == 0 ? null : ClassBreaks.quantiles(numbers, decimals + 2);
    }

    /** The legend's classes for the breaks (none when there are no breaks). */
    private static List<LegendClass> legend(ClassBreaks breaks) {
        List<LegendClass> classes = new ArrayList<>();
        if (breaks != null) {
            int k = breaks.classes();
            for (int i = 0; i < k; i++) {
                double from = breaks.breaks()[i];
                double to = breaks.breaks()[i + 1];
                classes.add(new LegendClass(i, from, to, colour(i, k), "solid", plain(from) + " to " + plain(to)));
            }
        }
        return classes;
    }

    /** Each area in scope with its figure and class, or its status when it has no figure. */
    private static Map<String, AreaValue> areaValues(SliceScan slice, ClassBreaks breaks) {
        Map<String, AreaValue> areas = new LinkedHashMap<>();
        for (String code : slice.inScope) {
            MapArea a = slice.withBoundary.get(code);
            Node v = slice.valueOf.get(code);
            if (v != null) {
                double d = Numbers.decimal(v).doubleValue();
                areas.put(code, new AreaValue(code, a.name(), d, null, breaks.classOf(d)));
            } else {
                areas.put(code, new AreaValue(code, a.name(), null, statusName(slice.statusOf.get(code)), null));
            }
        }
        return areas;
    }

    /** The figures of the archived areas listed beside the map. */
    private static List<AreaValue> apartValues(
            Map<String, Map<Node, Node>> apartObservations, Geography geography, Node measure) {
        List<AreaValue> apart = new ArrayList<>();
        apartObservations.forEach((code, o) -> {
            String name = geography.area(code).map(Geography.Area::shownName).orElse(code);
            Node v = o.get(measure);
            if (Numbers.decimal(v) != null) {
                apart.add(new AreaValue(code, name, Numbers.decimal(v).doubleValue(), null, null));
            } else {
                apart.add(new AreaValue(code, name, null, statusName(o.get(STATUS)), null));
            }
        });
        return apart;
    }

    /** An observation status as shown: the URI's last segment or the literal; no data when there is none. */
    private static String statusName(Node st) {
        return st == null ? NO_DATA : st.isURI() ? lastSegment(st.getURI()) : st.getLiteralLexicalForm();
    }

    /** "Dataset: measure, values chosen, period (level)". */
    private static String title(
            Labels labels,
            String datasetTitle,
            String measureLabel,
            Map<Node, Node> chosen,
            String periodLabel,
            AreaLevel level) {
        StringBuilder title = new StringBuilder(datasetTitle).append(": ").append(measureLabel);
        for (Node v : chosen.values()) {
            title.append(", ").append(labels.of(v));
        }
        title.append(", ")
                .append(periodLabel)
                .append(" (")
                .append(level.collectionLabel())
                .append(')');
        return title.toString();
    }

    /** "Source: publisher, dataset (URI); its source". */
    private static String source(DatasetGraph dsg, Labels labels, Node ds, String datasetTitle) {
        Node publisher = object(dsg, ds, Dcterms.publisher.asNode());
        Node sourceNode = object(dsg, ds, Dcterms.source.asNode());
        StringBuilder source = new StringBuilder("Source: ");
        if (publisher != null) {
            source.append(labels.of(publisher)).append(", ");
        }
        source.append(datasetTitle).append(" (").append(ds.getURI()).append(')');
        if (sourceNode != null) {
            source.append("; ").append(labels.of(sourceNode));
        }
        return source.toString();
    }

    /**
     * Reads the observations of one slice: the figure or status of each area in scope, the values
     * seen of the dimensions not fixed (a map needs exactly one each), the unit, and the archived
     * areas whose boundary changed (listed beside the map).
     */
    private static final class SliceScan {
        private final Node ds;
        private final Node measure;
        private final Node period;
        private final Map<Node, Node> chosen;
        private final Request request;
        private final Map<String, MapArea> withBoundary;
        private final Set<String> inScope;
        private final Geography geography;
        private final String areaPrefix;

        private final Map<String, Node> valueOf = new HashMap<>();
        private final Map<String, Node> statusOf = new HashMap<>();
        private final Map<Node, Set<Node>> unchosenValues = new LinkedHashMap<>();
        private final Map<String, Map<Node, Node>> apartObservations = new java.util.TreeMap<>();
        private Node unit;
        private boolean matchedAtAnyLevel;

        SliceScan(
                Node ds,
                Node measure,
                Node period,
                Map<Node, Node> chosen,
                List<Node> dimensions,
                Request request,
                Map<String, MapArea> withBoundary,
                Set<String> inScope,
                Geography geography,
                String areaPrefix) {
            this.ds = ds;
            this.measure = measure;
            this.period = period;
            this.chosen = chosen;
            this.request = request;
            this.withBoundary = withBoundary;
            this.inScope = inScope;
            this.geography = geography;
            this.areaPrefix = areaPrefix;
            for (Node d : dimensions) {
                if (!d.equals(REF_AREA) && !d.equals(REF_PERIOD) && !d.equals(MEASURE_TYPE) && !chosen.containsKey(d)) {
                    unchosenValues.put(d, new TreeSet<>((a, b) -> a.toString().compareTo(b.toString())));
                }
            }
        }

        /** Reads the slice, starting from the most selective fixed value (fewest observations) and checking the others. */
        void scan(DatasetGraph dsg, Node graph) {
            Map<Node, Node> fixed = new LinkedHashMap<>(chosen);
            fixed.put(MEASURE_TYPE, measure);
            fixed.put(REF_PERIOD, period);
            Map.Entry<Node, Node> driver = mostSelective(dsg, graph, fixed);
            Map<Node, Node> obs = new HashMap<>();
            Iterator<Quad> subjects = dsg.find(graph, Node.ANY, driver.getKey(), driver.getValue());
            while (subjects.hasNext()) {
                Node s = subjects.next().getSubject();
                obs.clear();
                dsg.find(graph, s, Node.ANY, Node.ANY).forEachRemaining(q -> obs.put(q.getPredicate(), q.getObject()));
                if (inSlice(obs)) {
                    matchedAtAnyLevel = true;
                    admit(obs);
                }
            }
        }

        private boolean inSlice(Map<Node, Node> obs) {
            if (!ds.equals(obs.get(DATA_SET))
                    || !measure.equals(obs.get(MEASURE_TYPE))
                    || !period.equals(obs.get(REF_PERIOD))) {
                return false;
            }
            for (var c : chosen.entrySet()) {
                if (!c.getValue().equals(obs.get(c.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** Records an observation of the slice when it is of an area of the map's level. */
        private void admit(Map<Node, Node> obs) {
            Node area = obs.get(REF_AREA);
            if (area == null || !area.isURI() || !area.getURI().startsWith(areaPrefix)) {
                return;
            }
            String code = drawnCode(area.getURI().substring(areaPrefix.length()), obs);
            if (code == null) {
                return;
            }
            for (var u : unchosenValues.entrySet()) {
                Node v = obs.get(u.getKey());
                if (v != null) {
                    u.getValue().add(v);
                }
            }
            if (unit == null) {
                unit = obs.get(UNIT);
            }
            if (!inScope.contains(code)) {
                return;
            }
            Node value = obs.get(measure);
            if (Numbers.decimal(value) != null) {
                // a number; anything else (an ill-typed or non-numeric literal) is shown as having no value
                valueOf.put(code, value);
            } else {
                Node status = obs.get(STATUS);
                statusOf.put(code, status == null ? NodeFactory.createLiteralString(NO_DATA) : status);
            }
        }

        /**
         * The code the observation is drawn under: its own; for an archived area whose code alone
         * changed, the current code (unless that area has its own figure); null when it is of another
         * level or not drawn (an archived area whose boundary changed is kept apart).
         */
        private String drawnCode(String code, Map<Node, Node> obs) {
            if (AreaLevel.ofCode(code).orElse(null) != request.level()) {
                return null;
            }
            Geography.Area archived = withBoundary.containsKey(code)
                    ? null
                    : geography.area(code).filter(a -> !a.live()).orElse(null);
            if (archived == null) {
                return code;
            }
            String same = geography.sameArea(code);
            if (withBoundary.containsKey(same)) {
                return inScope.contains(same) && !valueOf.containsKey(same) && !statusOf.containsKey(same)
                        ? same
                        : null;
            }
            if (request.within() == null
                    || archived.within().contains(request.within())
                    || code.equals(request.within())) {
                apartObservations.put(code, new HashMap<>(obs));
            }
            return null;
        }

        /** Fails when nothing matched the slice, or when a dimension not fixed has more than one value in it. */
        void checkUnambiguous(Labels labels) {
            if (!matchedAtAnyLevel) {
                StringBuilder slice =
                        new StringBuilder("measure " + measure.getURI() + ", period " + labels.of(period));
                chosen.forEach((d, v) ->
                        slice.append(", ").append(d.getURI()).append(" = ").append(v.getURI()));
                throw MapRequestException.badRequest(
                        "No observations of " + ds.getURI() + " match this slice (" + slice + ")");
            }
            for (var u : unchosenValues.entrySet()) {
                if (u.getValue().size() > 1) {
                    List<String> some =
                            u.getValue().stream().limit(5).map(Node::getURI).toList();
                    throw MapRequestException.badRequest("Choose a value of the dimension "
                            + u.getKey().getURI() + " (" + labels.of(u.getKey()) + "): it has "
                            + u.getValue().size() + " values in this slice, e.g. " + some);
                }
            }
        }
    }

    /**
     * The fixed (property, value) pair with the fewest observations in the graph: counting stops as
     * soon as a pair passes the best so far, so this costs about as much as reading the smallest.
     */
    private static Map.Entry<Node, Node> mostSelective(DatasetGraph dsg, Node graph, Map<Node, Node> fixed) {
        Map.Entry<Node, Node> best = null;
        long bestCount = Long.MAX_VALUE;
        for (Map.Entry<Node, Node> e : fixed.entrySet()) {
            long n = 0;
            Iterator<Quad> it = dsg.find(graph, Node.ANY, e.getKey(), e.getValue());
            while (it.hasNext() && n < bestCount) {
                it.next();
                n++;
            }
            if (n < bestCount) {
                best = e;
                bestCount = n;
            }
        }
        return best;
    }

    private static String licenceLabel(Labels labels, Node licence) {
        String declared = labels.declared(licence);
        if (declared != null) {
            return "Licence: " + declared + " (" + licence.getURI() + ")";
        }
        if (licence.isURI() && licence.getURI().contains("open-government-licence/version/3")) {
            return "Licence: Open Government Licence v3.0 (" + licence.getURI() + ")";
        }
        return "Licence: " + (licence.isURI() ? licence.getURI() : licence.getLiteralLexicalForm());
    }

    private static Node period(DatasetGraph dsg, Node graph, String given, Node ds) {
        if (given != null && !given.isBlank()) {
            String p = given.strip();
            if (p.startsWith("http://") || p.startsWith("https://")) {
                Node n = NodeFactory.createURI(p);
                if (dsg.find(graph, Node.ANY, REF_PERIOD, n).hasNext()) {
                    return n;
                }
                throw MapRequestException.badRequest("No observations of " + ds.getURI() + " for the period " + p);
            }
            for (Node label : List.of(NodeFactory.createLiteralString(p), NodeFactory.createLiteralLang(p, "en"))) {
                Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, RDFS.label.asNode(), label);
                while (it.hasNext()) {
                    Node candidate = it.next().getSubject();
                    if (dsg.find(graph, Node.ANY, REF_PERIOD, candidate).hasNext()) {
                        return candidate;
                    }
                }
            }
            throw MapRequestException.badRequest("No observations of " + ds.getURI() + " for the period " + p
                    + " (give the period's label as published, e.g. 2021 or 2019/2020, or its URI)");
        }
        // the latest period: the greatest label
        Labels labels = new Labels(dsg);
        Node latest = null;
        String latestLabel = null;
        Set<Node> seen = new java.util.HashSet<>();
        Iterator<Quad> it = dsg.find(graph, Node.ANY, REF_PERIOD, Node.ANY);
        while (it.hasNext()) {
            Node p = it.next().getObject();
            if (seen.add(p)) {
                String l = labels.of(p);
                if (latest == null || l.compareTo(latestLabel) > 0) {
                    latest = p;
                    latestLabel = l;
                }
            }
        }
        if (latest == null) {
            throw MapRequestException.notFound("The dataset " + ds.getURI() + " has no observations");
        }
        return latest;
    }

    static String colour(int index, int classes) {
        if (classes == 1) {
            return RAMP.get(2);
        }
        return RAMP.get((int) Math.round(index * (RAMP.size() - 1) / (double) (classes - 1)));
    }

    /** The shortest decimal form of a number: 10.8, 17, 0.25 ({@link Numbers#computed}). */
    static String plain(double v) {
        String s = Numbers.computed(v);
        return s == null ? "" : s.equals("-0") ? "0" : s;
    }

    static String format(double v, int decimals) {
        return new BigDecimal(v)
                .setScale(Math.min(decimals, 6), java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String others(List<Node> dimensions) {
        return dimensions.stream()
                .filter(d -> !d.equals(REF_AREA) && !d.equals(REF_PERIOD) && !d.equals(MEASURE_TYPE))
                .map(Node::getURI)
                .toList()
                .toString();
    }

    static Node object(DatasetGraph dsg, Node s, Node p) {
        Iterator<Quad> it = dsg.find(Node.ANY, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    static String lastSegment(String uri) {
        int cut = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('#'));
        return cut >= 0 && cut < uri.length() - 1 ? uri.substring(cut + 1) : uri;
    }

    /** Labels of nodes within one read transaction (rdfs:label, else skos:prefLabel, else the last URI segment). */
    static final class Labels {
        private final DatasetGraph dsg;
        private final Map<Node, String> cache = new HashMap<>();

        Labels(DatasetGraph dsg) {
            this.dsg = dsg;
        }

        String of(Node n) {
            if (n == null) {
                return "";
            }
            if (n.isLiteral()) {
                return n.getLiteralLexicalForm();
            }
            return cache.computeIfAbsent(n, x -> {
                String d = declared(x);
                return d != null ? d : lastSegment(x.toString());
            });
        }

        String declared(Node n) {
            for (Node p : List.of(RDFS.label.asNode(), Dcterms.title.asNode(), Skos.prefLabel.asNode())) {
                String label = PreferredLiteral.of(Iter.map(dsg.find(Node.ANY, n, p, Node.ANY), Quad::getObject));
                if (label != null) {
                    return label;
                }
            }
            return null;
        }
    }
}
