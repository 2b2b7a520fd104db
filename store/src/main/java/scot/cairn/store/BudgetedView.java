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
 * The store as one request's read sees it while a {@link RequestBudget} is open: every quad a
 * {@code find} returns is charged to the budget. Graphs taken from it read through it too.
 */
final class BudgetedView extends DatasetGraphWrapper implements DatasetGraphWrapperView {
    private final RequestBudget budget;

    BudgetedView(DatasetGraph dsg, RequestBudget budget) {
        super(dsg);
        this.budget = budget;
    }

    private Iterator<Quad> charged(Iterator<Quad> quads) {
        budget.checkTime();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return quads.hasNext();
            }

            @Override
            public Quad next() {
                Quad q = quads.next();
                budget.charge();
                return q;
            }
        };
    }

    @Override
    public Iterator<Quad> find(Quad quad) {
        return charged(super.find(quad));
    }

    @Override
    public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
        return charged(super.find(g, s, p, o));
    }

    @Override
    public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
        return charged(super.findNG(g, s, p, o));
    }

    @Override
    public Iterator<Quad> find() {
        return charged(super.find());
    }

    @Override
    public Graph getDefaultGraph() {
        return GraphView.createDefaultGraph(this);
    }

    @Override
    public Graph getGraph(Node graphNode) {
        return GraphView.createNamedGraph(this, graphNode);
    }

    @Override
    public Graph getUnionGraph() {
        return GraphView.createUnionGraph(this);
    }
}
