package scot.cairn.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.vocab.PreferredLiteral;
import scot.cairn.vocab.Skos;

/** Small reads over the union of the store's graphs (inside a read transaction). */
final class Rdf {
    static {
        // A JVM's first Jena use must initialise Jena before vocabulary constants are read.
        org.apache.jena.sys.JenaSystem.init();
    }

    private final DatasetGraph dsg;
    private final Map<Node, String> labels = new java.util.HashMap<>();

    Rdf(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    DatasetGraph dsg() {
        return dsg;
    }

    static Node uri(String uri) {
        return NodeFactory.createURI(uri);
    }

    /** Distinct objects of {@code s p ?o} in any graph, in store order. */
    List<Node> objects(Node s, Node p) {
        Set<Node> out = new LinkedHashSet<>();
        Iterator<Quad> it = dsg.find(Node.ANY, s, p, Node.ANY);
        while (it.hasNext()) {
            out.add(it.next().getObject());
        }
        return new ArrayList<>(out);
    }

    /** Distinct subjects of {@code ?s p o} in any graph. */
    List<Node> subjects(Node p, Node o) {
        Set<Node> out = new LinkedHashSet<>();
        Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, p, o);
        while (it.hasNext()) {
            out.add(it.next().getSubject());
        }
        return new ArrayList<>(out);
    }

    Node object(Node s, Node p) {
        Iterator<Quad> it = dsg.find(Node.ANY, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    /** The first literal value of {@code s p}, or "". */
    String text(Node s, Node p) {
        for (Node o : objects(s, p)) {
            if (o.isLiteral()) {
                return o.getLiteralLexicalForm();
            }
        }
        return "";
    }

    /** rdfs:label, else skos:prefLabel, else the URI's last segment (English labels preferred). */
    String label(Node n) {
        if (n == null) {
            return "";
        }
        if (n.isLiteral()) {
            return n.getLiteralLexicalForm();
        }
        return labels.computeIfAbsent(n, this::readLabel);
    }

    private String readLabel(Node n) {
        for (Node p : List.of(RDFS.label.asNode(), Skos.prefLabel.asNode())) {
            String label = PreferredLiteral.of(objects(n, p).iterator());
            if (label != null) {
                return label;
            }
        }
        return lastSegment(n.isURI() ? n.getURI() : n.toString());
    }

    static String lastSegment(String uri) {
        String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        int i = Math.max(u.lastIndexOf('/'), u.lastIndexOf('#'));
        return i >= 0 ? u.substring(i + 1) : u;
    }
}
