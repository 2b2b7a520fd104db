package scot.cairn.formats.cube;

import java.util.HashMap;
import java.util.Map;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.vocab.PreferredLiteral;
import scot.cairn.vocab.Skos;

/**
 * Labels of nodes, looked up once each in the union of all graphs and cached, for use inside one
 * read transaction (a download repeats the same few hundred labels over millions of rows).
 * Not thread-safe: one instance per request.
 */
public final class Labels {
    static {
        // Static fields below use Jena's vocabulary classes; when one of those is a JVM's first Jena
        // use, Jena initialises re-entrantly and fails (RDF.Alt is null). Initialise it first.
        org.apache.jena.sys.JenaSystem.init();
    }

    private static final Node LABEL = RDFS.label.asNode();
    private static final Node PREF_LABEL = Skos.prefLabel.asNode();

    private final DatasetGraph dsg;
    private final Map<Node, String> cache = new HashMap<>();

    public Labels(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    /** The node's rdfs:label (else skos:prefLabel, else its literal form, else its last URI segment). */
    public String of(Node node) {
        if (node == null) {
            return "";
        }
        if (node.isLiteral()) {
            return node.getLiteralLexicalForm();
        }
        String cached = cache.get(node);
        if (cached == null) {
            cached = lookup(node);
            cache.put(node, cached);
        }
        return cached;
    }

    /** The label when the node has one, else null (no fallback). */
    public String declared(Node node) {
        String label = first(node, LABEL);
        return label != null ? label : first(node, PREF_LABEL);
    }

    private String lookup(Node node) {
        String label = declared(node);
        return label != null ? label : lastSegment(node);
    }

    private String first(Node node, Node predicate) {
        if (!node.isURI() && !node.isBlank()) {
            return null;
        }
        return PreferredLiteral.of(Iter.map(dsg.find(Node.ANY, node, predicate, Node.ANY), Quad::getObject));
    }

    /** The last path (or fragment) segment of a URI: by convention, a meaningful code. */
    public static String lastSegment(Node node) {
        if (!node.isURI()) {
            return node.toString();
        }
        return lastSegment(node.getURI());
    }

    public static String lastSegment(String uri) {
        int cut = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('#'));
        return cut >= 0 && cut < uri.length() - 1 ? uri.substring(cut + 1) : uri;
    }
}
