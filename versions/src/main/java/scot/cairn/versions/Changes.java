package scot.cairn.versions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.Numbers;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Skos;

/**
 * What changed between two versions of a dataset, observation by observation. Computed from the
 * reverse patches between them and the live triples of the observations they touch, so the cost
 * follows the size of the change, not of the dataset.
 *
 * @param slug     the dataset
 * @param from     the earlier state compared ("old")
 * @param to       the later state compared ("new")
 * @param rows     one per added, removed or changed observation, in observation URI order
 * @param areas    codes of the areas whose observations changed
 * @param periods  labels of the periods whose observations changed
 * @param measures labels of the measure types whose observations changed
 * @param dimensions the other dimensions the rows carry, with their labels
 */
public record Changes(
        String slug,
        int from,
        int to,
        List<Row> rows,
        Set<String> areas,
        Set<String> periods,
        Set<String> measures,
        Map<Node, String> dimensions) {

    /** How an observation changed. */
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    /**
     * One changed observation; old values are empty for an added one, new values for a removed one.
     *
     * @param codes labels of the other dimensions' values, in {@link #dimensions} order
     */
    public record Row(
            Kind kind,
            String observation,
            String area,
            String period,
            String measure,
            List<String> codes,
            String unit,
            String oldValue,
            String oldStatus,
            String newValue,
            String newStatus) {}

    public long added() {
        return rows.stream().filter(r -> r.kind() == Kind.ADDED).count();
    }

    public long removed() {
        return rows.stream().filter(r -> r.kind() == Kind.REMOVED).count();
    }

    public long changed() {
        return rows.stream().filter(r -> r.kind() == Kind.CHANGED).count();
    }

    /** One paragraph for the command line. */
    public String summary() {
        return String.format(
                "%s, version %d -> %d: %d observations added, %d removed, %d changed%n  areas: %s%n  periods: %s%n  measures: %s",
                slug,
                from,
                to,
                added(),
                removed(),
                changed(),
                String.join(", ", areas),
                String.join(", ", periods),
                String.join(", ", measures));
    }

    /**
     * Writes the rows as CSV: Change, FeatureCode, DateCode, Measurement, one column per other
     * dimension, Units, old and new value and status, Observation; cells that a spreadsheet would
     * run as formulas neutralised.
     */
    public void writeCsv(OutputStream out) {
        writeCsv(out, Formulas.NEUTRALISE);
    }

    /** As {@link #writeCsv(OutputStream)}, cells as {@code formulas} says. */
    public void writeCsv(OutputStream out, Formulas formulas) {
        try {
            CsvWriter p =
                    CsvWriter.crlf(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), formulas);
            List<String> header = new ArrayList<>(List.of("Change", "FeatureCode", "DateCode", "Measurement"));
            header.addAll(dimensions.values());
            header.addAll(List.of("Units", "OldValue", "OldStatus", "NewValue", "NewStatus", "Observation"));
            p.row(header);
            for (Row r : rows) {
                List<String> rec = new ArrayList<>(
                        List.of(r.kind().name().toLowerCase(java.util.Locale.ROOT), r.area(), r.period(), r.measure()));
                rec.addAll(r.codes());
                rec.addAll(
                        List.of(r.unit(), r.oldValue(), r.oldStatus(), r.newValue(), r.newStatus(), r.observation()));
                p.row(rec);
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Set<Node> FIXED = Set.of(
            RDF.type.asNode(),
            QB.dataSet.asNode(),
            SdmxDimension.refArea.asNode(),
            SdmxDimension.refPeriod.asNode(),
            QB.measureType.asNode(),
            SdmxAttribute.unitMeasure.asNode(),
            SdmxAttribute.obsStatus.asNode());

    /** Compares two versions. Inside nothing: opens its own read transaction. */
    static Changes compute(Versions versions, String slug, int from, int to) {
        if (from == to) {
            throw new IllegalArgumentException("compare two different versions, not " + from + " with itself");
        }
        var uris = versions.uris();
        Node data = NodeFactory.createURI(uris.graph(slug));
        return versions.store().read(live -> {
            List<VersionRecord> records = Records.read(live, uris, slug);
            int loIdx = Records.indexOf(records, uris, slug, Math.min(from, to));
            int hiIdx = Records.indexOf(records, uris, slug, Math.max(from, to));
            PatchWalk walk = new PatchWalk(versions.datasetDir(slug), records, data);
            Touched touched = walk.touched(loIdx, hiIdx, uris.dataset(slug) + "/");
            States states = walk.rolledBack(live, touched.subjects(), loIdx, hiIdx);
            Map<Node, Set<Triple>> older = from < to ? states.atLo() : states.atHi();
            Map<Node, Set<Triple>> newer = from < to ? states.atHi() : states.atLo();
            Labeller labels = new Labeller(live, touched.labels());
            List<Node> subjects = new ArrayList<>(touched.subjects());
            subjects.sort((a, b) -> a.getURI().compareTo(b.getURI()));
            Map<Node, String> dims = dimensions(subjects, older, newer, labels);
            return tabulate(slug, from, to, subjects, older, newer, dims, labels);
        });
    }

    /** The observations the patches between two versions touch, and the labels the patches carry. */
    private record Touched(Set<Node> subjects, Map<Node, String> labels) {}

    /** The touched observations' triples at the lower and the higher version. */
    private record States(Map<Node, Set<Triple>> atLo, Map<Node, Set<Triple>> atHi) {}

    /** Reads a dataset's reverse patches, newest first, for the observations of its data graph. */
    private record PatchWalk(Path dir, List<VersionRecord> records, Node data) {

        /** Reads the patch from record {@code i} back to record {@code i - 1}. */
        void read(int i, Patches.Visitor visitor) {
            Patches.read(
                    Patches.file(
                            dir, records.get(i).number(), records.get(i - 1).number()),
                    visitor);
        }

        Touched touched(int loIdx, int hiIdx, String obsPrefix) {
            Set<Node> touched = new HashSet<>();
            Map<Node, String> patchLabels = new HashMap<>();
            for (int i = hiIdx; i > loIdx; i--) {
                read(i, new Patches.Visitor() {
                    @Override
                    public void add(Node g, Node s, Node p, Node o) {
                        note(g, s, p, o);
                    }

                    @Override
                    public void delete(Node g, Node s, Node p, Node o) {
                        note(g, s, p, o);
                    }

                    private void note(Node g, Node s, Node p, Node o) {
                        if (g.equals(data) && s.isURI() && s.getURI().startsWith(obsPrefix)) {
                            touched.add(s);
                        } else if (p.equals(RDFS.label.asNode()) && o.isLiteral()) {
                            patchLabels.putIfAbsent(s, o.getLiteralLexicalForm());
                        }
                    }
                });
            }
            return new Touched(touched, patchLabels);
        }

        /** The subjects' live triples, rolled back patch by patch to the lower version, copied on the way at the higher. */
        States rolledBack(DatasetGraph live, Set<Node> subjects, int loIdx, int hiIdx) {
            Map<Node, Set<Triple>> state = new HashMap<>();
            for (Node s : subjects) {
                Set<Triple> ts = new HashSet<>();
                live.find(data, s, Node.ANY, Node.ANY).forEachRemaining(q -> ts.add(q.asTriple()));
                state.put(s, ts);
            }
            Map<Node, Set<Triple>> atHi = hiIdx == records.size() - 1 ? copy(state) : null;
            for (int i = records.size() - 1; i > loIdx; i--) {
                read(i, new Patches.Visitor() {
                    @Override
                    public void add(Node g, Node s, Node p, Node o) {
                        Set<Triple> ts = g.equals(data) ? state.get(s) : null;
                        if (ts != null) {
                            ts.add(Triple.create(s, p, o));
                        }
                    }

                    @Override
                    public void delete(Node g, Node s, Node p, Node o) {
                        Set<Triple> ts = g.equals(data) ? state.get(s) : null;
                        if (ts != null) {
                            ts.remove(Triple.create(s, p, o));
                        }
                    }
                });
                if (i - 1 == hiIdx) {
                    atHi = copy(state);
                }
            }
            return new States(state, atHi);
        }
    }

    /** The dimensions other than area, period and measure that the observations carry, with their labels, in URI order. */
    private static Map<Node, String> dimensions(
            List<Node> subjects, Map<Node, Set<Triple>> older, Map<Node, Set<Triple>> newer, Labeller labels) {
        Map<Node, String> dims = new TreeMap<>((a, b) -> a.getURI().compareTo(b.getURI()));
        for (Node s : subjects) {
            Set<Triple> both = union(older.get(s), newer.get(s));
            for (Triple t : both) {
                Node p = t.getPredicate();
                if (!FIXED.contains(p) && !isMeasure(p, both) && t.getObject().isURI()) {
                    dims.putIfAbsent(p, labels.of(p));
                }
            }
        }
        return dims;
    }

    /** One row per observation added, removed or changed between {@code older} and {@code newer}. */
    private static Changes tabulate(
            String slug,
            int from,
            int to,
            List<Node> subjects,
            Map<Node, Set<Triple>> older,
            Map<Node, Set<Triple>> newer,
            Map<Node, String> dims,
            Labeller labels) {
        List<Row> rows = new ArrayList<>();
        Set<String> areas = new TreeSet<>();
        Set<String> periods = new TreeSet<>();
        Set<String> measures = new LinkedHashSet<>();
        for (Node s : subjects) {
            Map<Node, Node> o = byPredicate(older.get(s));
            Map<Node, Node> n = byPredicate(newer.get(s));
            Kind kind = kind(o, n, older.get(s), newer.get(s));
            if (kind == null) {
                continue;
            }
            Map<Node, Node> any = n.isEmpty() ? o : n;
            String area = code(any.get(SdmxDimension.refArea.asNode()));
            String period = labels.of(any.get(SdmxDimension.refPeriod.asNode()));
            String measure = labels.of(any.get(QB.measureType.asNode()));
            List<String> codes = new ArrayList<>();
            for (Node d : dims.keySet()) {
                codes.add(labels.of(any.get(d)));
            }
            rows.add(new Row(
                    kind,
                    s.getURI(),
                    area,
                    period,
                    measure,
                    codes,
                    labels.of(any.get(SdmxAttribute.unitMeasure.asNode())),
                    value(o),
                    labels.of(o.get(SdmxAttribute.obsStatus.asNode())),
                    value(n),
                    labels.of(n.get(SdmxAttribute.obsStatus.asNode()))));
            areas.add(area);
            periods.add(period);
            measures.add(measure);
        }
        return new Changes(slug, from, to, rows, areas, periods, measures, dims);
    }

    /** How an observation changed, or null when it did not (or is in neither version). */
    private static Kind kind(Map<Node, Node> o, Map<Node, Node> n, Set<Triple> older, Set<Triple> newer) {
        if (o.isEmpty() && n.isEmpty()) {
            return null;
        } else if (o.isEmpty()) {
            return Kind.ADDED;
        } else if (n.isEmpty()) {
            return Kind.REMOVED;
        }
        return older.equals(newer) ? null : Kind.CHANGED;
    }

    private static boolean isMeasure(Node p, Set<Triple> triples) {
        for (Triple t : triples) {
            if (t.getPredicate().equals(QB.measureType.asNode())
                    && t.getObject().equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static Set<Triple> union(Set<Triple> a, Set<Triple> b) {
        Set<Triple> u = new HashSet<>();
        if (a != null) {
            u.addAll(a);
        }
        if (b != null) {
            u.addAll(b);
        }
        return u;
    }

    private static Map<Node, Set<Triple>> copy(Map<Node, Set<Triple>> m) {
        Map<Node, Set<Triple>> c = new HashMap<>();
        m.forEach((k, v) -> c.put(k, new HashSet<>(v)));
        return c;
    }

    private static Map<Node, Node> byPredicate(Set<Triple> ts) {
        Map<Node, Node> m = new HashMap<>();
        if (ts != null) {
            ts.forEach(t -> m.put(t.getPredicate(), t.getObject()));
        }
        return m;
    }

    private static String value(Map<Node, Node> obs) {
        Node mt = obs.get(QB.measureType.asNode());
        Node v = mt == null ? null : obs.get(mt);
        return v == null ? "" : v.isLiteral() ? Numbers.text(v) : v.toString();
    }

    private static String code(Node n) {
        if (n == null) {
            return "";
        }
        String u = n.getURI();
        return u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf('#')) + 1);
    }

    /** Labels from the live store, else from the patches (a period no version has any more), else the URI's last segment. */
    private static final class Labeller {
        private final DatasetGraph live;
        private final Map<Node, String> fallback;
        private final Map<Node, String> cache = new HashMap<>();

        Labeller(DatasetGraph live, Map<Node, String> fallback) {
            this.live = live;
            this.fallback = fallback;
        }

        String of(Node n) {
            if (n == null) {
                return "";
            }
            if (n.isLiteral()) {
                return n.getLiteralLexicalForm();
            }
            return cache.computeIfAbsent(n, k -> {
                for (Node p : List.of(RDFS.label.asNode(), Skos.prefLabel.asNode())) {
                    var it = live.find(Node.ANY, k, p, Node.ANY);
                    while (it.hasNext()) {
                        Node o = it.next().getObject();
                        if (o.isLiteral()) {
                            return o.getLiteralLexicalForm();
                        }
                    }
                }
                String f = fallback.get(k);
                return f != null ? f : code(k);
            });
        }
    }
}
