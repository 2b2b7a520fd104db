package scot.cairn.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

class DescriptionsTest {
    private static final Node G1 = uri("urn:g1");
    private static final Node G2 = uri("urn:g2");
    private static final Node P = uri("urn:p");
    private static final Node Q = uri("urn:q");

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }

    /**
     * Ten subjects in two graphs (some triples in both), each pointing at a chain of two blank
     * nodes in the first graph; the blank nodes of subject 3 are shared with subject 4.
     */
    private static DatasetGraph data() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        for (int i = 0; i < 10; i++) {
            Node s = uri("urn:s" + i);
            dsg.add(G1, s, P, NodeFactory.createLiteralString("v" + i));
            dsg.add(G2, s, P, NodeFactory.createLiteralString("v" + i));
            dsg.add(G2, s, Q, uri("urn:s" + (i + 1) % 10));
            Node b1 = NodeFactory.createBlankNode("b" + (i == 4 ? 3 : i));
            Node b2 = NodeFactory.createBlankNode("c" + (i == 4 ? 3 : i));
            dsg.add(G1, s, Q, b1);
            dsg.add(G1, b1, Q, b2);
            dsg.add(G1, b2, P, NodeFactory.createLiteralString("deep" + i));
        }
        return dsg;
    }

    private static List<Triple> ours(
            DatasetGraph dsg, String describe, java.util.function.BooleanSupplier cancelled, long maxHeld) {
        Query q = QueryFactory.create(describe);
        try (QueryExec exec =
                QueryExec.dataset(dsg).query(Descriptions.resourceQuery(q)).build()) {
            RowSet rows = exec.select();
            List<Triple> out = new ArrayList<>();
            Descriptions.describe(dsg, q, rows, cancelled, maxHeld, () -> new IllegalStateException("too many"))
                    .forEachRemaining(out::add);
            return out;
        }
    }

    private static Graph arq(DatasetGraph dsg, String describe) {
        try (QueryExec exec = QueryExec.dataset(dsg).query(describe).build()) {
            return exec.describe();
        }
    }

    @Test
    void describesWhatArqDescribesGivingEachTripleOnce() {
        DatasetGraph dsg = data();
        for (String describe : new String[] {
            "DESCRIBE <urn:s3>",
            "DESCRIBE <urn:s3> <urn:s4>",
            "DESCRIBE ?s WHERE { GRAPH ?g { ?s <urn:q> ?o } }",
            "DESCRIBE ?s ?o WHERE { GRAPH <urn:g2> { ?s <urn:q> ?o } } ORDER BY ?s LIMIT 3",
            "DESCRIBE * WHERE { GRAPH ?g { ?s <urn:p> \"v7\" } }",
            "DESCRIBE <urn:s1> ?s WHERE { GRAPH ?g { ?s <urn:p> \"v2\" } }",
            "DESCRIBE <urn:nothing>"
        }) {
            List<Triple> ours = ours(dsg, describe, () -> false, 1_000);
            Graph expected = arq(dsg, describe);
            Graph got = GraphFactory.createDefaultGraph();
            ours.forEach(got::add);
            assertThat(ours).as(describe).doesNotHaveDuplicates().hasSize(expected.size());
            assertThat(got.isIsomorphicWith(expected)).as(describe).isTrue();
        }
    }

    @Test
    void theDescriptionsOfAllSubjectsStopAtTheCancelFlagWithinOneBatchOfReads() {
        DatasetGraph dsg = data();
        AtomicInteger looks = new AtomicInteger();
        Query q = QueryFactory.create("DESCRIBE ?s WHERE { GRAPH ?g { ?s ?p ?o } }");
        try (QueryExec exec =
                QueryExec.dataset(dsg).query(Descriptions.resourceQuery(q)).build()) {
            // the flag goes up at the third look: after the first resources, before the rest
            Iterator<Triple> it = Descriptions.describe(
                    dsg, q, exec.select(), () -> looks.incrementAndGet() >= 3, 1_000, IllegalStateException::new);
            int[] given = {0};
            assertThatThrownBy(() -> it.forEachRemaining(t -> given[0]++)).isInstanceOf(QueryCancelledException.class);
            assertThat(given[0])
                    .isPositive()
                    .isLessThan(ours(dsg, "DESCRIBE ?s WHERE { GRAPH ?g { ?s ?p ?o } }", () -> false, 1_000)
                            .size());
        }
    }

    @Test
    void moreResourcesThanMayBeHeldAreRefused() {
        DatasetGraph dsg = data();
        // <urn:s1> and its two blank nodes: three nodes held, five triples
        assertThat(ours(dsg, "DESCRIBE <urn:s1>", () -> false, 5)).hasSize(5);
        assertThatThrownBy(() -> ours(dsg, "DESCRIBE <urn:s1>", () -> false, 4))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ours(dsg, "DESCRIBE ?s WHERE { GRAPH <urn:g2> { ?s <urn:p> ?o } }", () -> false, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("too many");
    }

    @Test
    void onlyDescribeQueriesHaveAResourceQuery() {
        assertThatThrownBy(() -> Descriptions.resourceQuery(QueryFactory.create("SELECT * { ?s ?p ?o }")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Descriptions.resourceQuery(QueryFactory.create("DESCRIBE <urn:x>"))
                        .isSelectType())
                .isTrue();
    }
}
