package scot.cairn.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import scot.cairn.store.TripleStore;

/** The publisher's note of graphs dropped whole: read strictly, and applied as one drop in place of its rows, which are not parsed. */
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

    /** The rows as RDF Patch text, through the filter and Jena's reader, into {@code sink}. */
    static void apply(List<Object[]> rows, List<GraphDrops.Drop> drops, TripleStore.ReplicaSink sink) {
        Node marker = GraphDrops.newMarker();
        byte[] text = PatchRowsTest.patch(rows);
        PatchRows.apply(
                GraphDrops.filtered(new ByteArrayInputStream(text), drops, marker), GraphDrops.applying(marker, sink));
    }

    static Object[] add(Quad q) {
        return new Object[] {true, q};
    }

    static Object[] del(Quad q) {
        return new Object[] {false, q};
    }

    @Test
    void theNotedRowsBecomeOneDropAndTheOthersPassThrough() {
        List<GraphDrops.Drop> drops = GraphDrops.parse("1 3 " + G.getURI() + "\n5 1 " + M.getURI() + "\n");
        assertThat(drops).containsExactly(new GraphDrops.Drop(1, 3, G.getURI()), new GraphDrops.Drop(5, 1, M.getURI()));
        Seen seen = new Seen();
        apply(
                List.of(
                        add(q(G, 0)),
                        del(q(G, 0)),
                        del(q(G, 1)),
                        del(q(G, 2)),
                        add(q(G, 3)),
                        del(q(M, 4)),
                        del(q(G, 3))),
                drops,
                seen);
        assertThat(seen.seen).containsExactly("+0", "drop " + G.getURI(), "+3", "drop " + M.getURI(), "-3");
        Seen plain = new Seen();
        apply(List.of(add(q(G, 0)), del(q(G, 0))), GraphDrops.parse(null), plain);
        assertThat(plain.seen).containsExactly("+0", "-0");
    }

    @Test
    void aPatchThatDisagreesWithItsNoteIsRefused() {
        List<GraphDrops.Drop> drops = GraphDrops.parse("0 2 " + G.getURI());
        assertThatThrownBy(() -> apply(List.of(del(q(G, 0)), del(q(M, 1))), drops, new Seen()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 1")
                .hasMessageContaining("dropped whole");
        assertThatThrownBy(() -> apply(List.of(add(q(G, 0)), del(q(G, 1))), drops, new Seen()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("row 0");
        assertThatThrownBy(() -> apply(List.<Object[]>of(del(q(G, 0))), drops, new Seen()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ends");
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
