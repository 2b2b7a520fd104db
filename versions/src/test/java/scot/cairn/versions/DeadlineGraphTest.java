package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Iterator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

class DeadlineGraphTest {
    private static final Node P = NodeFactory.createURI("urn:p");

    private static Graph triples(int n) {
        Graph g = GraphFactory.createDefaultGraph();
        for (int i = 0; i < n; i++) {
            g.add(Triple.create(NodeFactory.createURI("urn:s" + i), P, NodeFactory.createURI("urn:o" + (i % 7))));
        }
        return g;
    }

    @Test
    void aFindAfterTheDeadlineIsCancelled() {
        Graph view = new DeadlineGraph(triples(10), new Deadline(System.nanoTime() - 1), null);
        assertThatThrownBy(() -> view.find().hasNext()).isInstanceOf(QueryCancelledException.class);
    }

    @Test
    void anIterationThatOutrunsTheDeadlineStopsWithinABatch() {
        // long enough that a loaded machine still opens the iterator and reads ten triples before it
        Deadline deadline = Deadline.after(Duration.ofSeconds(3));
        Iterator<Triple> it = new DeadlineGraph(triples(5_000), deadline, null).find();
        for (int i = 0; i < 10; i++) {
            it.next();
        }
        while (!deadline.passed()) {
            Thread.onSpinWait();
        }
        int[] more = {0};
        assertThatThrownBy(() -> {
                    while (it.hasNext()) {
                        it.next();
                        more[0]++;
                    }
                })
                .isInstanceOf(QueryCancelledException.class);
        assertThat(more[0]).isLessThan(1024);
    }

    @Test
    void aDescribeWhoseDescriptionsRunPastTheDeadlineIsCancelled() {
        // ARQ gathers every description before it returns; the reads below it still see the clock
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        dsg.addGraph(
                NodeFactory.createURI("urn:g"),
                new DeadlineGraph(triples(2_000), new Deadline(System.nanoTime() - 1), null));
        try (QueryExecution qe = QueryExecution.create()
                .query("DESCRIBE ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
                .dataset(DatasetFactory.wrap(dsg))
                .build()) {
            assertThatThrownBy(qe::execDescribe).isInstanceOf(QueryCancelledException.class);
        }
    }

    @Test
    void leftOutTriplesAreNotSeen() {
        Graph view = new DeadlineGraph(
                triples(14), Deadline.NONE, t -> !t.getObject().getURI().equals("urn:o0"));
        assertThat(view.find().toList()).hasSize(12);
        assertThat(view.contains(NodeFactory.createURI("urn:s0"), P, NodeFactory.createURI("urn:o0")))
                .isFalse();
        assertThat(view.size()).isEqualTo(12);
    }
}
