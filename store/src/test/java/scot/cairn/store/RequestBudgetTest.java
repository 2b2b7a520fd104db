package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;

/** A request's reads are charged to its budget: past its quads or its time (a fake clock), the read stops. */
class RequestBudgetTest {
    private static final Node G = NodeFactory.createURI("urn:g");

    private static TripleStore storeOf(int quads) {
        TripleStore store = TripleStore.inMemory();
        store.write(dsg -> {
            for (int i = 0; i < quads; i++) {
                dsg.add(new Quad(
                        G,
                        NodeFactory.createURI("urn:s" + i),
                        NodeFactory.createURI("urn:p"),
                        NodeFactory.createLiteralString("v" + i)));
            }
        });
        return store;
    }

    private static long countAll(TripleStore store) {
        return store.read(dsg -> {
            long n = 0;
            for (var it = dsg.find(G, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        });
    }

    @Test
    void aReadPastTheQuadBudgetStopsAndTheStoreStaysUsable() {
        try (TripleStore store = storeOf(100)) {
            try (RequestBudget.Scope scope =
                    RequestBudget.open(new RequestBudget.Limits(Duration.ZERO, 40), System::nanoTime)) {
                assertThatThrownBy(() -> countAll(store))
                        .isInstanceOf(RequestBudget.Exceeded.class)
                        .hasMessageContaining("more than 40 quads")
                        .satisfies(e ->
                                assertThat(((RequestBudget.Exceeded) e).time()).isFalse());
            }
            // the budget is gone with its scope, and the read transaction ended cleanly
            assertThat(countAll(store)).isEqualTo(100);
            store.write(dsg -> dsg.delete(new Quad(
                    G,
                    NodeFactory.createURI("urn:s0"),
                    NodeFactory.createURI("urn:p"),
                    NodeFactory.createLiteralString("v0"))));
            assertThat(countAll(store)).isEqualTo(99);
        }
    }

    @Test
    void aRequestPastItsTimeIsCutAtItsNextRead() {
        AtomicLong clock = new AtomicLong();
        try (TripleStore store = storeOf(10);
                RequestBudget.Scope scope =
                        RequestBudget.open(new RequestBudget.Limits(Duration.ofSeconds(30), 0), clock::get)) {
            assertThat(countAll(store)).isEqualTo(10);
            // a deliberately slow store: the request's time passes while it works
            assertThatThrownBy(() -> store.read(dsg -> {
                        var first = dsg.find(G, Node.ANY, Node.ANY, Node.ANY);
                        first.next();
                        clock.addAndGet(Duration.ofSeconds(31).toNanos());
                        return dsg.find(G, Node.ANY, Node.ANY, Node.ANY).next();
                    }))
                    .isInstanceOf(RequestBudget.Exceeded.class)
                    .hasMessageContaining("ran out of its time (30.0 s)")
                    .satisfies(
                            e -> assertThat(((RequestBudget.Exceeded) e).time()).isTrue());
        }
    }

    @Test
    void graphsTakenFromTheViewAreChargedToo() {
        try (TripleStore store = storeOf(20);
                RequestBudget.Scope scope =
                        RequestBudget.open(new RequestBudget.Limits(Duration.ZERO, 5), System::nanoTime)) {
            assertThatThrownBy(() -> store.read(dsg -> dsg.getGraph(G).find().toList()))
                    .isInstanceOf(RequestBudget.Exceeded.class);
        }
    }

    @Test
    void withoutABudgetNothingIsCharged() {
        try (TripleStore store = storeOf(50)) {
            assertThat(RequestBudget.current()).isNull();
            assertThat(countAll(store)).isEqualTo(50);
        }
    }
}
