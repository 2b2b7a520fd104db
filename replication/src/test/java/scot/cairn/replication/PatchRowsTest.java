package scot.cairn.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.riot.RiotException;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import scot.cairn.store.ChangeSink;

/** The patch parsed on its own thread reaches the sink row for row, in order, and failures on either side end both. */
class PatchRowsTest {
    static final Node G = NodeFactory.createURI("http://example.org/graph/cube");
    static final Node P = NodeFactory.createURI("http://example.org/p");

    /** {@code n} rows, every seventh a delete (of the row before it), with blank nodes and awkward literals. */
    static List<Object[]> rows(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node s = i % 11 == 0
                    ? NodeFactory.createBlankNode("b" + i)
                    : NodeFactory.createURI("http://example.org/obs/" + i);
            Quad q = Quad.create(G, s, P, NodeFactory.createLiteralString("v" + i + " \"q\"\n\u00e9"));
            rows.add(new Object[] {i % 7 != 6, i % 7 == 6 ? rows.get(i - 1)[1] : q});
        }
        return rows;
    }

    static byte[] patch(List<Object[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFChangesWriterText w = RDFChangesWriterText.create(out);
        w.start();
        for (Object[] r : rows) {
            Quad q = (Quad) r[1];
            if ((Boolean) r[0]) {
                w.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            } else {
                w.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            }
        }
        w.finish();
        w.close();
        return out.toByteArray();
    }

    static class Collect implements ChangeSink {
        final List<Object[]> rows = new ArrayList<>();

        @Override
        public void add(Quad quad) {
            rows.add(new Object[] {true, quad});
        }

        @Override
        public void delete(Quad quad) {
            rows.add(new Object[] {false, quad});
        }
    }

    @Test
    void everyRowArrivesInOrderAcrossBatches() {
        List<Object[]> rows = rows(PatchRows.BATCH * 3 + 17);
        Collect sink = new Collect();
        PatchRows.apply(new ByteArrayInputStream(patch(rows)), sink);
        assertThat(sink.rows).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(sink.rows.get(i)).as("row %d", i).isEqualTo(rows.get(i));
        }
        Collect none = new Collect();
        PatchRows.apply(new ByteArrayInputStream(new byte[0]), none);
        assertThat(none.rows).isEmpty();
    }

    @Test
    void aMalformedPatchFailsAfterTheRowsBeforeIt() {
        byte[] good = patch(rows(10));
        byte[] bad = (new String(good, StandardCharsets.UTF_8) + "A <http://example.org/g> <broken\n")
                .getBytes(StandardCharsets.UTF_8);
        Collect sink = new Collect();
        assertThatThrownBy(() -> PatchRows.apply(new ByteArrayInputStream(bad), sink))
                .isInstanceOf(RiotException.class);
        assertThat(sink.rows).hasSize(10);
    }

    @Test
    void aSinkThatFailsStopsTheParserWhichReadsNoFurther() throws Exception {
        byte[] bytes = patch(rows(PatchRows.BATCH * 40));
        long[] read = {0};
        InputStream counting = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, Math.min(len, 4096));
                read[0] += Math.max(0, n);
                return n;
            }
        };
        ChangeSink failing = new Collect() {
            @Override
            public void add(Quad quad) {
                if (this.rows.size() > 5) {
                    throw new IllegalStateException("index thread failed");
                }
                super.add(quad);
            }
        };
        assertThatThrownBy(() -> PatchRows.apply(counting, failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("index thread failed");
        // apply returned only once the parser had stopped: nothing reads the stream any more
        assertThat(read[0]).as("bytes read").isLessThan(bytes.length);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("cairn-patch-parser") && t.isAlive());
    }
}
