package scot.cairn.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.Labels;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.BoundaryChange;
import scot.cairn.vocab.CairnGeography;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Foi;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.StatGeography;
import scot.cairn.vocab.UriScheme;
import scot.cairn.vocab.VoID;

/**
 * Builds the description of one URI from every graph of the store: all triples with it as
 * subject, labels of the objects and predicates; for a dataset also its structure and component
 * specifications; for a named graph a pointer to its dump. Runs inside a read transaction.
 */
final class Describer {
    static {
        // Static fields below use Jena's vocabulary classes; when one of those is a JVM's first Jena
        // use, Jena initialises re-entrantly and fails (RDF.Alt is null). Initialise it first.
        org.apache.jena.sys.JenaSystem.init();
    }

    private static final Node LABEL = RDFS.label.asNode();
    private static final Node WITHIN = Foi.within.asNode();
    private static final String NAMED_GRAPH = "http://www.w3.org/ns/sparql-service-description#NamedGraph";

    private final DatasetGraph dsg;
    private final UriScheme uris;

    Describer(DatasetGraph dsg, UriScheme uris) {
        this.dsg = dsg;
        this.uris = uris;
    }

    /** The description, empty when the store says nothing about the URI. */
    Model describe(String uri) {
        Node s = NodeFactory.createURI(uri);
        Graph g = GraphFactory.createDefaultGraph();
        addSubject(g, s);
        if (g.isEmpty() && dsg.find(s, Node.ANY, Node.ANY, Node.ANY).hasNext()) {
            // a named graph of ours: say what it is and where its contents are
            g.add(Triple.create(s, RDF.type.asNode(), NodeFactory.createURI(NAMED_GRAPH)));
            g.add(Triple.create(s, VoID.dataDump.asNode(), NodeFactory.createURI(Links.graphDump(uris, uri))));
        }
        if (g.contains(s, RDF.type.asNode(), QB.DataSet.asNode())) {
            Node dsd = Cube.object(dsg, s, QB.structure.asNode());
            if (dsd != null) {
                addSubject(g, dsd);
                Iterator<Quad> it = dsg.find(Node.ANY, dsd, QB.component.asNode(), Node.ANY);
                while (it.hasNext()) {
                    addSubject(g, it.next().getObject());
                }
            }
        }
        addLabels(g);
        Model m = ModelFactory.createModelForGraph(g);
        if (!m.isEmpty()) {
            m.setNsPrefixes(PublisherVocabulary.prefixes(uris));
        }
        return m;
    }

    private void addSubject(Graph g, Node s) {
        Iterator<Quad> it = dsg.find(Node.ANY, s, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            g.add(it.next().asTriple());
        }
    }

    private void addLabels(Graph g) {
        Set<Node> nodes = new HashSet<>();
        g.find().forEachRemaining(t -> {
            nodes.add(t.getPredicate());
            if (t.getObject().isURI()) {
                nodes.add(t.getObject());
            }
        });
        for (Node n : nodes) {
            Iterator<Quad> it = dsg.find(Node.ANY, n, LABEL, Node.ANY);
            while (it.hasNext()) {
                g.add(it.next().asTriple());
            }
        }
    }

    /**
     * An area's context for its page; {@code history} is a sentence on an archived code (when it
     * went out of force, what replaced it, whether the boundary changed), empty otherwise, and
     * {@code title} the area's name with that said briefly.
     */
    record AreaContext(
            List<Node> parents, List<Node> children, Map<Node, String> datasets, String title, String history) {}

    /**
     * The areas containing {@code area}, the areas one level down (within it and within no other
     * area that is itself within it), and the datasets with observations for it, found from the
     * index on {@code refArea} (bounded by the area's own observations, not a scan of all).
     */
    AreaContext areaContext(Node area, Labels labels) {
        List<Node> parents = objects(area, WITHIN);
        parents.sort(byLevelDescending());
        List<Node> children = currentChildren(area);
        Map<Node, String> datasets = datasetsAbout(area, labels);
        String name = labels.of(area);
        if (!archived(area)) {
            return new AreaContext(parents, children, datasets, name, "");
        }
        Node until = Cube.object(dsg, area, BoundaryChange.terminateddate.asNode());
        Node boundary = Cube.object(dsg, area, CairnGeography.boundaryChanged.asNode());
        boolean redrawn =
                boundary == null || !boundary.isLiteral() || !"false".equals(boundary.getLiteralLexicalForm());
        String last = until == null ? "" : Labels.lastSegment(until);
        List<String> successors = objects(area, Dcterms.isReplacedBy.asNode()).stream()
                .map(n -> labels.of(n) + " (" + Labels.lastSegment(n) + ")")
                .sorted()
                .toList();
        String by = successors.isEmpty() ? "another code" : String.join(" and ", successors);
        String history = "This code is archived" + (last.isEmpty() ? "" : ": it was in force until " + last)
                + ". It was replaced by "
                + by
                + (redrawn
                        ? ", whose boundary is different, so figures published for this code are kept apart from theirs."
                        : ", the same area under a new code.");
        String year = "";
        try {
            year = "to " + java.time.LocalDate.parse(last).plusDays(1).getYear();
        } catch (java.time.format.DateTimeParseException e) {
            // no usable end date: the title says only what changed
        }
        String note = redrawn
                ? (year.isEmpty() ? "archived" : year) + "; boundary changed"
                : "old code" + (year.isEmpty() ? "" : ", " + year);
        return new AreaContext(parents, children, datasets, name + " (" + note + ")", history);
    }

    /** The areas in force directly inside the area (not inside another area inside it), by code. */
    private List<Node> currentChildren(Node area) {
        Set<Node> inside = new HashSet<>();
        dsg.find(Node.ANY, Node.ANY, WITHIN, area).forEachRemaining(q -> inside.add(q.getSubject()));
        List<Node> children = new ArrayList<>();
        for (Node x : inside) {
            if (archived(x)) {
                continue; // a code no longer in force is not one of the area's parts today
            }
            boolean direct = true;
            Iterator<Quad> up = dsg.find(Node.ANY, x, WITHIN, Node.ANY);
            while (up.hasNext() && direct) {
                Node p = up.next().getObject();
                direct = p.equals(area) || !inside.contains(p);
            }
            if (direct) {
                children.add(x);
            }
        }
        children.sort(Comparator.comparing(Labels::lastSegment));
        return children;
    }

    /** The datasets with observations of the area, by URI, with their labels. */
    private Map<Node, String> datasetsAbout(Node area, Labels labels) {
        Map<Node, Node> graphs = new LinkedHashMap<>();
        Iterator<Quad> obs = dsg.find(Node.ANY, Node.ANY, Cube.REF_AREA, area);
        while (obs.hasNext()) {
            Quad q = obs.next();
            graphs.putIfAbsent(q.getGraph(), q.getSubject());
        }
        Map<Node, String> datasets = new java.util.TreeMap<>(Comparator.comparing(Node::getURI));
        for (Node anObservation : graphs.values()) {
            Node ds = Cube.object(dsg, anObservation, Cube.DATA_SET);
            if (ds != null && ds.isURI()) {
                datasets.put(ds, labels.of(ds));
            }
        }
        return datasets;
    }

    /** True when the area's status is statistics.gov.scot's "Archive": its code is no longer in force. */
    private boolean archived(Node area) {
        Node status = Cube.object(dsg, area, StatGeography.status.asNode());
        return status != null && status.isLiteral() && StatGeography.ARCHIVED.equals(status.getLiteralLexicalForm());
    }

    private List<Node> objects(Node s, Node p) {
        List<Node> out = new ArrayList<>();
        dsg.find(Node.ANY, s, p, Node.ANY).forEachRemaining(q -> {
            if (!out.contains(q.getObject())) {
                out.add(q.getObject());
            }
        });
        return out;
    }

    private static Comparator<Node> byLevelDescending() {
        return Comparator.comparing((Node n) -> -AreaLevel.ofCode(Labels.lastSegment(n))
                        .map(AreaLevel::rank)
                        .orElse(0))
                .thenComparing(Labels::lastSegment);
    }
}
