package scot.cairn.profiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.profiles.ProfileDefinition.Series;
import scot.cairn.store.TermIds;
import scot.cairn.vocab.UriScheme;

/**
 * Reads series out of a store into {@link SeriesTable}s: one scan per predicate of a dataset's graph
 * (refArea, refPeriod, measureType, obsStatus, each measure and fixed dimension), shared by every
 * series of that dataset, then a hash join on the observation node. No SPARQL.
 */
final class Extractor {

    private static final String QB = "http://purl.org/linked-data/cube#";
    private static final Node REF_AREA = uri("http://purl.org/linked-data/sdmx/2009/dimension#refArea");
    private static final Node REF_PERIOD = uri("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod");
    private static final Node MEASURE_TYPE = uri(QB + "measureType");
    private static final Node OBS_STATUS = uri("http://purl.org/linked-data/sdmx/2009/attribute#obsStatus");

    private final UriScheme uris;
    private final Map<String, Integer> areaIndex;
    private final int areaCount;

    Extractor(UriScheme uris, Map<String, Integer> areaIndex, int areaCount) {
        this.uris = uris;
        this.areaIndex = areaIndex;
        this.areaCount = areaCount;
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    private static final class Obs {
        int area = -1;
        Node period;
        double value = Double.NaN;
        byte status = SeriesTable.ABSENT;
    }

    /**
     * Scans the quads of one graph with one predicate (and optionally one object), giving each
     * quad's subject as an opaque key and its object. The key is the subject's term id
     * ({@link TermIds}), so observation URIs are never decoded (the dominant cost of a plain find);
     * each distinct object is decoded once per scan.
     */
    interface Scan {
        void scan(Node g, Node p, Node o, java.util.function.BiConsumer<Object, Node> action);
    }

    static Scan scanner(DatasetGraph dsg) {
        TermIds ids = TermIds.over(dsg);
        return (g, p, o, action) -> {
            Map<Long, Node> decoded = new HashMap<>();
            try (TermIds.Cursor quads = ids.match(g, p, o)) {
                while (quads.next()) {
                    Node object = decoded.computeIfAbsent(quads.object(), ids::node);
                    action.accept(quads.subject(), object);
                }
            }
        };
    }

    /** Extracts several series of one dataset in one read of its graph; dsg must be in a read transaction. */
    Map<Series, SeriesTable> extract(DatasetGraph dsg, String dataset, List<Series> series) {
        Scan scan = scanner(dsg);
        Node g = uri(uris.graph(dataset));
        String source = uris.dataset(dataset);
        Map<Series, SeriesTable> out = new HashMap<>();

        Map<Series, Map<Object, Obs>> selected = new HashMap<>();
        Map<Object, List<Obs>> wanted = new HashMap<>();
        select(scan, g, dataset, series, selected, wanted, out);
        if (selected.isEmpty()) {
            return out;
        }
        joinAreasPeriodsAndStatuses(scan, g, wanted);
        joinValues(scan, g, selected, wanted);

        Map<Node, String> periodLabels = periodLabels(dsg, selected);
        for (Map.Entry<Series, Map<Object, Obs>> e : selected.entrySet()) {
            out.put(e.getKey(), table(source, e.getKey(), e.getValue(), periodLabels));
        }
        return out;
    }

    /**
     * Selects each series' observations: those of its measure type (one scan per measure), narrowed
     * by each fixed dimension value (one scan per dimension). Puts each series' selection in
     * {@code selected} and each selected observation's entries in {@code wanted}; a series with none
     * gets a failed table in {@code out}.
     */
    private void select(
            Scan scan,
            Node g,
            String dataset,
            List<Series> series,
            Map<Series, Map<Object, Obs>> selected,
            Map<Object, List<Obs>> wanted,
            Map<Series, SeriesTable> out) {
        String source = uris.dataset(dataset);
        Map<String, Set<Object>> byMeasure = new HashMap<>();
        Map<String, Map<Object, String>> byDimension = new HashMap<>();
        for (Series s : series) {
            byMeasure.computeIfAbsent(s.measure(), m -> {
                Set<Object> obs = new HashSet<>();
                scan.scan(g, MEASURE_TYPE, uri(uris.measureProperty(m)), (subject, o) -> obs.add(subject));
                return obs;
            });
            for (String d : s.dimensions().keySet()) {
                byDimension.computeIfAbsent(d, name -> dimensionCodes(scan, g, name));
            }
        }
        for (Series s : series) {
            Set<Object> measureObs = byMeasure.get(s.measure());
            if (measureObs.isEmpty()) {
                out.put(
                        s,
                        SeriesTable.failed(
                                source,
                                areaCount,
                                "dataset " + dataset + " has no observations with measure type " + s.measure()));
                continue;
            }
            Map<Object, Obs> sel = new HashMap<>();
            for (Object o : measureObs) {
                if (hasFixedValues(s, byDimension, o)) {
                    Obs ob = new Obs();
                    sel.put(o, ob);
                    wanted.computeIfAbsent(o, x -> new ArrayList<>(1)).add(ob);
                }
            }
            if (sel.isEmpty()) {
                String missing = "dataset " + dataset + " has no observations with measure type " + s.measure()
                        + " and " + s.dimensions();
                out.put(s, SeriesTable.failed(source, areaCount, missing));
                continue;
            }
            selected.put(s, sel);
        }
    }

    /** Each observation's code (the value's last segment) for one dimension. */
    private Map<Object, String> dimensionCodes(Scan scan, Node g, String name) {
        Map<Object, String> codes = new HashMap<>();
        Map<Node, String> segments = new HashMap<>();
        scan.scan(
                g,
                uri(uris.dimension(name)),
                Node.ANY,
                (subject, o) -> codes.put(subject, segments.computeIfAbsent(o, Extractor::lastSegment)));
        return codes;
    }

    private static boolean hasFixedValues(Series s, Map<String, Map<Object, String>> byDimension, Object o) {
        for (Map.Entry<String, String> e : s.dimensions().entrySet()) {
            if (!e.getValue().equals(byDimension.get(e.getKey()).get(o))) {
                return false;
            }
        }
        return true;
    }

    /** Gives the wanted observations their area index, period and status (one scan each). */
    private void joinAreasPeriodsAndStatuses(Scan scan, Node g, Map<Object, List<Obs>> wanted) {
        Map<Node, Integer> areas = new HashMap<>();
        scan.scan(g, REF_AREA, Node.ANY, (subject, object) -> {
            List<Obs> l = wanted.get(subject);
            if (l != null) {
                Integer a = areas.computeIfAbsent(object, n -> areaIndex.getOrDefault(lastSegment(n), -1));
                for (Obs ob : l) {
                    ob.area = a;
                }
            }
        });
        scan.scan(g, REF_PERIOD, Node.ANY, (subject, object) -> {
            List<Obs> l = wanted.get(subject);
            if (l != null) {
                for (Obs ob : l) {
                    ob.period = object;
                }
            }
        });
        scan.scan(g, OBS_STATUS, Node.ANY, (subject, object) -> {
            List<Obs> l = wanted.get(subject);
            if (l != null) {
                byte st = lastSegment(object).equals("suppressed") ? SeriesTable.SUPPRESSED : SeriesTable.UNAVAILABLE;
                for (Obs ob : l) {
                    if (ob.status != SeriesTable.VALUE) {
                        ob.status = st;
                    }
                }
            }
        });
    }

    /** Gives the selected observations their numeric values (one scan per measure). */
    private void joinValues(Scan scan, Node g, Map<Series, Map<Object, Obs>> selected, Map<Object, List<Obs>> wanted) {
        Map<String, Map<Object, Double>> valuesByMeasure = new HashMap<>();
        for (Series s : selected.keySet()) {
            valuesByMeasure.computeIfAbsent(s.measure(), m -> {
                Map<Object, Double> values = new HashMap<>();
                scan.scan(g, uri(uris.measureProperty(m)), Node.ANY, (subject, object) -> {
                    if (wanted.containsKey(subject) && object.isLiteral()) {
                        try {
                            values.put(subject, Double.parseDouble(object.getLiteralLexicalForm()));
                        } catch (NumberFormatException ignored) {
                            // a non-numeric literal is not a value; the observation stays without one
                        }
                    }
                });
                return values;
            });
        }
        for (Map.Entry<Series, Map<Object, Obs>> e : selected.entrySet()) {
            Map<Object, Double> values = valuesByMeasure.get(e.getKey().measure());
            e.getValue().forEach((subject, ob) -> {
                Double v = values.get(subject);
                if (v != null) {
                    ob.value = v;
                    ob.status = SeriesTable.VALUE;
                }
            });
        }
    }

    /** The label of each period the selected observations have. */
    private static Map<Node, String> periodLabels(DatasetGraph dsg, Map<Series, Map<Object, Obs>> selected) {
        Map<Node, String> periodLabels = new HashMap<>();
        for (Map.Entry<Series, Map<Object, Obs>> e : selected.entrySet()) {
            for (Obs ob : e.getValue().values()) {
                if (ob.period != null && !periodLabels.containsKey(ob.period)) {
                    periodLabels.put(ob.period, label(dsg, ob.period));
                }
            }
        }
        return periodLabels;
    }

    private SeriesTable table(String source, Series s, Map<Object, Obs> sel, Map<Node, String> periodLabels) {
        TreeSet<String> labels = new TreeSet<>();
        for (Obs ob : sel.values()) {
            if (ob.period != null && ob.area >= 0) {
                labels.add(periodLabels.get(ob.period));
            }
        }
        String[] periods = labels.toArray(String[]::new);
        Map<String, Integer> pIndex = new HashMap<>();
        for (int i = 0; i < periods.length; i++) {
            pIndex.put(periods[i], i);
        }
        int n = periods.length;
        double[] values = new double[areaCount * n];
        java.util.Arrays.fill(values, Double.NaN);
        byte[] status = new byte[areaCount * n];
        boolean sum = !s.sumOver().isEmpty();
        long count = 0;
        for (Obs ob : sel.values()) {
            if (ob.period == null || ob.area < 0) {
                continue;
            }
            count++;
            int i = ob.area * n + pIndex.get(periodLabels.get(ob.period));
            byte before = status[i];
            if (before != SeriesTable.ABSENT && !sum) {
                return SeriesTable.failed(
                        source,
                        areaCount,
                        "dataset " + s.dataset() + " has several observations with measure type " + s.measure()
                                + " and " + s.dimensions()
                                + " for one area and period: fix the other dimensions or list them in sumOver");
            }
            if (ob.status == SeriesTable.VALUE) {
                if (before == SeriesTable.ABSENT) {
                    status[i] = SeriesTable.VALUE;
                    values[i] = ob.value;
                } else if (before == SeriesTable.VALUE) {
                    values[i] += ob.value;
                }
            } else {
                // A sum with a suppressed part is itself unknown: never treat the part as zero.
                status[i] = ob.status == SeriesTable.ABSENT ? SeriesTable.UNAVAILABLE : ob.status;
                values[i] = Double.NaN;
            }
        }
        return new SeriesTable(source, periods, areaCount, values, status, null, count);
    }

    private static String label(DatasetGraph dsg, Node period) {
        Iterator<Quad> it = dsg.find(Node.ANY, period, RDFS.label.asNode(), Node.ANY);
        try {
            while (it.hasNext()) {
                Quad q = it.next();
                if (q.getObject().isLiteral()) {
                    return q.getObject().getLiteralLexicalForm();
                }
            }
        } finally {
            org.apache.jena.atlas.iterator.Iter.close(it);
        }
        return lastSegment(period);
    }

    static String lastSegment(Node n) {
        String s = n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf('#'));
        return cut >= 0 ? s.substring(cut + 1) : s;
    }
}
