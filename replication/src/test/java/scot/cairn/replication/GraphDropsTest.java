package scot.cairn.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import scot.cairn.store.TripleStore;

/** The publisher's note of graphs dropped whole: read strictly, and applied as one drop in place of its rows. */
class GraphDropsTest {
    static final Node G = NodeFactory.createURI("http://example.org/graph/cube");
    static final Node M = NodeFactory.createURI("http://example.org/graph/meta");
    static final Node P = NodeFactory.createURI("http://example.org/p");

    static Quad q(Node g, int i) {
        return Quad.create(
                g, NodeFactory.createURI("http://example.org/obs/" + i), P, NodeFactory.createLiteralString("v"));
    }

    static String last(Quad q) {
        String uri = q.getSubject().getURI();
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** What reaches the store: "+quad", "-quad", "drop graph". */
    static final class Seen implements TripleStore.ReplicaSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void add(Quad quad) {
            seen.add("+" + last(quad));
        }

        @Override
        public void delete(Quad quad) {
            seen.add("-" + last(quad));
        }

        @Override
        public void dropGraph(Node graph) {
            seen.add("drop " + graph.getURI());
        }
    }

    @Test
    void theNotedRowsBecomeOneDropAndTheOthersPassThrough() {
        List<GraphDrops.Drop> drops = GraphDrops.parse("1 3 " + G.getURI() + "\n5 1 " + M.getURI() + "\n");
        assertThat(drops).containsExactly(new GraphDrops.Drop(1, 3, G.getURI()), new GraphDrops.Drop(5, 1, M.getURI()));
        Seen seen = new Seen();
        TripleStore.ReplicaSink sink = GraphDrops.applying(drops, seen);
        sink.add(q(G, 0));
        sink.delete(q(G, 0));
        sink.delete(q(G, 1));
        sink.delete(q(G, 2));
        sink.add(q(G, 3));
        sink.delete(q(M, 4));
        sink.delete(q(G, 3));
        assertThat(seen.seen).containsExactly("+0", "drop " + G.getURI(), "+3", "drop " + M.getURI(), "-3");
        assertThat(GraphDrops.parse(null)).isEmpty();
        assertThat(GraphDrops.applying(List.of(), seen)).isSameAs(seen);
    }

    @Test
    void aPatchThatDisagreesWithItsNoteIsRefused() {
        TripleStore.ReplicaSink sink = GraphDrops.applying(GraphDrops.parse("0 2 " + G.getURI()), new Seen());
        sink.delete(q(G, 0));
        assertThatThrownBy(() -> sink.delete(q(M, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("dropped whole");
        TripleStore.ReplicaSink adding = GraphDrops.applying(GraphDrops.parse("0 2 " + G.getURI()), new Seen());
        assertThatThrownBy(() -> adding.add(q(G, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMalformedNoteIsRefused() {
        for (String bad : List.of(
                "x 2 " + G.getURI(),
                "1 0 " + G.getURI(),
                "-1 2 " + G.getURI(),
                "1 2",
                "1 2 " + G.getURI() + " extra",
                "5 2 " + G.getURI() + "\n6 1 " + M.getURI())) {
            assertThatThrownBy(() -> GraphDrops.parse(bad)).as(bad).isInstanceOf(IllegalStateException.class);
        }
    }
}
