package scot.cairn.loaders.cube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import scot.cairn.vocab.UriScheme;

/**
 * The URIs one cube mints, as Jena nodes made once each: a file of millions of rows names a few
 * hundred areas, periods, codes and units, so each row reuses the nodes of the rows before.
 */
final class CubeTerms {

    final UriScheme uris;
    final CubeDefinition def;
    final Node dataGraph;
    final Node metadataGraph;
    final Node dataset;
    final String observationPrefix;
    final List<DimensionSpec> dims;
    final Node[] dimensionProperties;
    private final Map<MeasureSpec, Node> measures = new HashMap<>();
    private final Map<String, Node> areas = new HashMap<>();
    private final Map<String, Node> periods = new HashMap<>();
    private final List<Map<String, Node>> concepts = new ArrayList<>();
    private final Map<String, Node> units = new HashMap<>();
    private final Map<String, Node> statuses = new HashMap<>();

    CubeTerms(CubeDefinition def, UriScheme uris) {
        this.def = def;
        this.uris = uris;
        this.dataGraph = uri(uris.graph(def.slug()));
        this.metadataGraph = uri(uris.metadataGraph(def.slug()));
        this.dataset = uri(uris.dataset(def.slug()));
        this.observationPrefix = uris.observation(def.slug());
        this.dims = def.dimensions();
        this.dimensionProperties = new Node[dims.size()];
        for (int i = 0; i < dims.size(); i++) {
            dimensionProperties[i] = uri(uris.dimension(dims.get(i).name()));
            concepts.add(new HashMap<>());
        }
        for (MeasureSpec m : def.measures()) {
            measures.put(m, uri(uris.measureProperty(m.property())));
        }
    }

    static Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    Node measure(MeasureSpec m) {
        return measures.get(m);
    }

    Node area(String code) {
        return areas.computeIfAbsent(code, c -> uri(uris.area(c)));
    }

    Node period(ReferencePeriod p) {
        return periods.computeIfAbsent(p.uri(), NodeFactory::createURI);
    }

    Node concept(int dimension, String code) {
        return concepts.get(dimension)
                .computeIfAbsent(code, c -> uri(uris.concept(dims.get(dimension).scheme(), c)));
    }

    Node unit(String slug) {
        return units.computeIfAbsent(slug, s -> uri(uris.unit(s)));
    }

    Node status(String code) {
        return statuses.computeIfAbsent(code, s -> uri(uris.observationStatus(s)));
    }
}
