package scot.cairn.store;

import java.util.Iterator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;

/**
 * A transactional Jena dataset that behaves like the store's TDB2 database in the two ways its
 * readers can see: literals are kept in their stored form ({@link NodeIds#storedForm}:
 * {@code "24.60"^^xsd:decimal} is written, found and read back as {@code "24.6"}), and the default
 * graph is the union of the named graphs (TDB2's union default graph). The store's fallback when
 * it is not TDB2 ({@link TripleStore#plainInMemory}). A view ({@link DatasetGraphWrapperView}):
 * queries run on it, not on the dataset it wraps.
 */
final class StoredFormDataset extends DatasetGraphWrapper implements DatasetGraphWrapperView {

    StoredFormDataset(DatasetGraph base) {
        super(base);
    }

    private static Node stored(Node o) {
        return o == null || o == Node.ANY ? o : NodeIds.storedForm(o);
    }

    @Override
    public Graph getDefaultGraph() {
        return GraphView.createUnionGraph(this);
    }

    @Override
    public Graph getGraph(Node graphNode) {
        return Quad.isDefaultGraph(graphNode) ? getDefaultGraph() : GraphView.createNamedGraph(this, graphNode);
    }

    @Override
    public void add(Quad quad) {
        add(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public void add(Node g, Node s, Node p, Node o) {
        super.add(g, s, p, stored(o));
    }

    @Override
    public void delete(Quad quad) {
        delete(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public void delete(Node g, Node s, Node p, Node o) {
        super.delete(g, s, p, stored(o));
    }

    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        super.deleteAny(g, s, p, stored(o));
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        return find(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        return super.find(g, s, p, stored(o));
    }

    @Override
    public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
        return super.findNG(g, s, p, stored(o));
    }

    @Override
    public boolean contains(Quad quad) {
        return contains(quad.getGraph(), quad.getSubject(), quad.getPredicate(), quad.getObject());
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o) {
        return super.contains(g, s, p, stored(o));
    }
}
