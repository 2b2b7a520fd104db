package scot.cairn.formats.cube;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.SdmxAttribute;
import scot.cairn.vocab.SdmxDimension;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;

/**
 * One published dataset as the downloads see it: its URI, graphs and the dimensions of its
 * structure in {@code qb:order}. Read inside a read transaction.
 *
 * @param dimensions every dimension property in order, including refArea, refPeriod and measureType
 */
public record Cube(Node dataset, String slug, Node dataGraph, Node metadataGraph, List<Node> dimensions) {
    static {
        // Static fields below use Jena's vocabulary classes; when one of those is a JVM's first Jena
        // use, Jena initialises re-entrantly and fails (RDF.Alt is null). Initialise it first.
        org.apache.jena.sys.JenaSystem.init();
    }

    public static final Node REF_AREA = SdmxDimension.refArea.asNode();
    public static final Node REF_PERIOD = SdmxDimension.refPeriod.asNode();
    public static final Node MEASURE_TYPE = QB.measureType.asNode();
    public static final Node DATA_SET = QB.dataSet.asNode();
    public static final Node UNIT = SdmxAttribute.unitMeasure.asNode();
    public static final Node STATUS = SdmxAttribute.obsStatus.asNode();

    public Cube {
        dimensions = List.copyOf(dimensions);
    }

    /** The dimensions other than area, period and measure type, in order. */
    public List<Node> otherDimensions() {
        return dimensions.stream()
                .filter(d -> !d.equals(REF_AREA) && !d.equals(REF_PERIOD) && !d.equals(MEASURE_TYPE))
                .toList();
    }

    /**
     * The dataset named by {@code uri}, when it is a {@code qb:DataSet} minted under {@code uris}
     * as {@code {base}data/{slug}}.
     */
    public static Optional<Cube> find(DatasetGraph dsg, UriScheme uris, String uri) {
        if (uri == null || !uris.mints(uri)) {
            return Optional.empty();
        }
        String local = uris.localPath(uri);
        if (!local.startsWith("data/") || !Slugs.isSlug(local.substring(5))) {
            return Optional.empty();
        }
        Node ds = NodeFactory.createURI(uri);
        if (!dsg.contains(Node.ANY, ds, RDF.type.asNode(), QB.DataSet.asNode())) {
            return Optional.empty();
        }
        String slug = local.substring(5);
        Node graph = object(dsg, ds, Pmd.graph.asNode());
        if (graph == null || !graph.isURI()) {
            graph = NodeFactory.createURI(uris.graph(slug));
        }
        return Optional.of(
                new Cube(ds, slug, graph, NodeFactory.createURI(uris.metadataGraph(slug)), dimensions(dsg, ds)));
    }

    private static List<Node> dimensions(DatasetGraph dsg, Node ds) {
        record Ordered(int order, Node property) {}
        List<Ordered> found = new ArrayList<>();
        Node dsd = object(dsg, ds, QB.structure.asNode());
        if (dsd != null) {
            Iterator<Quad> components = dsg.find(Node.ANY, dsd, QB.component.asNode(), Node.ANY);
            while (components.hasNext()) {
                Node spec = components.next().getObject();
                Node dim = object(dsg, spec, QB.dimension.asNode());
                if (dim == null) {
                    continue;
                }
                Node order = object(dsg, spec, QB.order.asNode());
                int n = Integer.MAX_VALUE;
                if (order != null && order.isLiteral()) {
                    try {
                        n = Integer.parseInt(order.getLiteralLexicalForm().strip());
                    } catch (NumberFormatException e) {
                        // an unordered component goes last; the structure is still usable
                    }
                }
                if (found.stream().noneMatch(o -> o.property.equals(dim))) {
                    found.add(new Ordered(n, dim));
                }
            }
        }
        found.sort((a, b) -> a.order != b.order
                ? Integer.compare(a.order, b.order)
                : a.property.getURI().compareTo(b.property.getURI()));
        List<Node> dims = new ArrayList<>(found.stream().map(Ordered::property).toList());
        // The measure-dimension pattern always has these three, whatever the structure says.
        for (Node required : List.of(MEASURE_TYPE, REF_PERIOD, REF_AREA)) {
            if (!dims.contains(required)) {
                dims.add(0, required);
            }
        }
        return dims;
    }

    /** The first object of {@code s p ?o} in any graph, or null. */
    public static Node object(DatasetGraph dsg, Node s, Node p) {
        Iterator<Quad> it = dsg.find(Node.ANY, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }
}
