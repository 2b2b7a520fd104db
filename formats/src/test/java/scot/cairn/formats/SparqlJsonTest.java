package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.jena.datatypes.BaseDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sys.JenaSystem;
import org.junit.jupiter.api.Test;

/** {@link SparqlJson} writes exactly the bytes Jena's own JSON results writer writes. */
class SparqlJsonTest {
    private static final RowSetWriter JENA = jenasWriter();
    private static final Context AS_GIVEN = context(true);

    private static RowSetWriter jenasWriter() {
        JenaSystem.init();
        return RowSetWriterRegistry.getFactory(ResultSetLang.RS_JSON).create(ResultSetLang.RS_JSON);
    }

    private static Context context(boolean labelsAsGiven) {
        Context c = new Context();
        c.set(ARQ.outputGraphBNodeLabels, labelsAsGiven);
        return c;
    }

    /** Every control character, the characters Jena escapes as \\uXXXX, and those it passes. */
    private static final List<String> STRINGS = List.of(
            "",
            "plain",
            controls(),
            "\u007F\u0080\u009F\u00A0\u00FF",
            "line\u2028para\u2029end\u2000\u20FF\u2100\u1FFF",
            "\"quoted\" and 'single'",
            "back\\slash\\\\",
            "a/b </script> <//> / </",
            "<",
            "caf\u00E9 \u65E5\u672C \uD83D\uDE00 \uD800\uDC00 \uDBFF\uDFFF",
            "lone high \uD83D then text",
            "lone low \uDE00 here",
            "high at end \uD83D",
            "\uDE00\uD83D reversed",
            "\uD83D\uD83D\uDE00 two highs",
            "tabs\tand\r\nnewlines\n\rand\bbell\f",
            "\r\n",
            "\r");

    private static String controls() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            s.append('x').append(c);
        }
        return s.toString();
    }

    private static List<Node> corpus() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(NodeFactory.createURI("http://statistics.gov.scot/id/statistical-geography/S12000033"));
        nodes.add(NodeFactory.createURI("http://example.org/with\"quote\"and\\backslash"));
        nodes.add(NodeFactory.createURI("http://example.org/caf\u00E9/\u65E5\u672C/\uD83D\uDE00/</x>"));
        nodes.add(NodeFactory.createURI("http://example.org/\u2028\u0001"));
        nodes.add(NodeFactory.createURI(""));
        nodes.add(NodeFactory.createBlankNode("x"));
        nodes.add(NodeFactory.createBlankNode("y"));
        nodes.add(NodeFactory.createBlankNode("x"));
        nodes.add(NodeFactory.createBlankNode("odd-label.\u00E9"));
        for (String s : STRINGS) {
            nodes.add(NodeFactory.createLiteralString(s));
            nodes.add(NodeFactory.createLiteralLang(s, "en-GB"));
            nodes.add(NodeFactory.createLiteralDirLang(s, "ar", TextDirection.RTL));
            nodes.add(NodeFactory.createLiteralDT(s, new BaseDatatype("http://example.org/dt/\"odd\"</a>")));
        }
        nodes.add(NodeFactory.createLiteralDirLang("hello", "en", TextDirection.LTR));
        nodes.add(NodeFactory.createLiteralDT("plain", XSDDatatype.XSDstring));
        nodes.add(NodeFactory.createLiteralDT("118049", XSDDatatype.XSDinteger));
        nodes.add(NodeFactory.createLiteralDT("-12.50", XSDDatatype.XSDdecimal));
        nodes.add(NodeFactory.createLiteralDT("1.5E3", XSDDatatype.XSDdouble));
        nodes.add(NodeFactory.createLiteralDT("2020-01-01T00:00:00Z", XSDDatatype.XSDdateTime));
        nodes.add(NodeFactory.createLiteralDT("not a number", XSDDatatype.XSDinteger));
        nodes.add(NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
        Node s = NodeFactory.createBlankNode("ts");
        Node p = NodeFactory.createURI("http://example.org/p");
        Node o = NodeFactory.createLiteralLang("o\n\"", "en");
        Node triple = NodeFactory.createTripleTerm(s, p, o);
        nodes.add(triple);
        nodes.add(NodeFactory.createTripleTerm(triple, p, NodeFactory.createTripleTerm(p, p, triple)));
        return nodes;
    }

    private static byte[] bytes(RowSetWriter writer, Supplier<RowSet> rows, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, rows.get(), context);
        return out.toByteArray();
    }

    private static void assertSameAsJena(Supplier<RowSet> rows) {
        for (Context context : new Context[] {null, context(false), AS_GIVEN}) {
            byte[] jenas = bytes(JENA, rows, context);
            byte[] ours = bytes(new SparqlJson(), rows, context);
            assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(jenas, StandardCharsets.UTF_8));
            assertThat(ours).isEqualTo(jenas);
        }
    }

    private static Supplier<RowSet> rows(List<Var> vars, List<Binding> bindings) {
        return () -> RowSetStream.create(vars, bindings.iterator());
    }

    @Test
    void everyNodeKindAndEscapeInOneColumnAndAcrossTwo() {
        Var a = Var.alloc("a");
        Var b = Var.alloc("b_2");
        List<Node> nodes = corpus();
        List<Binding> one = new ArrayList<>();
        List<Binding> two = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            one.add(BindingFactory.binding(a, nodes.get(i)));
            two.add(BindingFactory.builder()
                    .add(a, nodes.get(i))
                    .add(b, nodes.get(nodes.size() - 1 - i))
                    .build());
        }
        assertSameAsJena(rows(List.of(a), one));
        assertSameAsJena(rows(List.of(a, b), two));
        assertSameAsJena(rows(List.of(b, a), two));
    }

    @Test
    void unboundVariablesEmptyRowsAndVariablesNotInTheHead() {
        Var a = Var.alloc("a");
        Var b = Var.alloc("b");
        Var c = Var.alloc("c");
        Node x = NodeFactory.createURI("http://example.org/x");
        List<Binding> bindings = List.of(
                BindingFactory.binding(a, x),
                BindingFactory.binding(b, x),
                BindingFactory.empty(),
                BindingFactory.binding(c, x),
                BindingFactory.builder().add(a, x).add(c, x).build());
        assertSameAsJena(rows(List.of(a, b), bindings));
    }

    @Test
    void zeroRowsAndZeroVariables() {
        Var a = Var.alloc("a");
        assertSameAsJena(rows(List.of(a), List.of()));
        assertSameAsJena(rows(List.of(), List.of()));
        assertSameAsJena(rows(List.of(), List.of(BindingFactory.empty(), BindingFactory.empty())));
    }

    @Test
    void variableNamesAsJenaWritesThemInTheHead() {
        // only possible through the API: the head has them unescaped, a row escaped
        List<Var> vars = List.of(
                Var.alloc("\u00E9t\u00E9"),
                Var.alloc("a\nb"),
                Var.alloc("c\r\nd"),
                Var.alloc("e\n\nf\r"),
                Var.alloc("g\"h"),
                Var.alloc("\uD83D\uDE00\uD83D"),
                Var.alloc(""));
        BindingBuilder row = BindingFactory.builder();
        vars.forEach(v -> row.add(v, NodeFactory.createLiteralString(v.getVarName())));
        assertSameAsJena(rows(vars, List.of(row.build())));
        assertSameAsJena(rows(List.of(Var.alloc("last\n")), List.of()));
    }

    @Test
    void aNodeJenaDoesNotKnowIsAnEmptyObject() {
        Var a = Var.alloc("a");
        assertSameAsJena(rows(List.of(a), List.of(BindingFactory.binding(a, Var.alloc("v")))));
    }

    @Test
    void stringsLongerThanTheBuffer() {
        Var a = Var.alloc("a");
        String escapes = "\u0001\"\u2028".repeat(40_000);
        String wide = "\u65E5\uD83D\uDE00".repeat(30_000);
        assertSameAsJena(rows(
                List.of(a),
                List.of(
                        BindingFactory.binding(a, NodeFactory.createLiteralString(escapes)),
                        BindingFactory.binding(a, NodeFactory.createLiteralString(wide)),
                        BindingFactory.binding(a, NodeFactory.createURI("x".repeat(200_000))))));
    }

    @Test
    void randomRowsFromTheWholeAlphabet() {
        Random random = new Random(17);
        List<Node> nodes = corpus();
        List<Var> vars = List.of(
                Var.alloc("area"), Var.alloc("period"), Var.alloc("measure"), Var.alloc("sex"), Var.alloc("value"));
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            BindingBuilder b = BindingFactory.builder();
            for (Var v : vars) {
                int pick = random.nextInt(10);
                if (pick == 0) {
                    continue; // unbound
                }
                b.add(v, pick < 4 ? nodes.get(random.nextInt(nodes.size())) : randomNode(random));
            }
            bindings.add(b.build());
        }
        assertSameAsJena(rows(vars, bindings));
    }

    private static Node randomNode(Random random) {
        String text = randomText(random);
        return switch (random.nextInt(7)) {
            case 0 -> NodeFactory.createURI("http://example.org/" + text);
            case 1 -> NodeFactory.createBlankNode("b" + random.nextInt(50));
            case 2 -> NodeFactory.createLiteralLang(text, random.nextBoolean() ? "en" : "gd");
            case 3 -> NodeFactory.createLiteralDT(Integer.toString(random.nextInt()), XSDDatatype.XSDinteger);
            case 4 -> NodeFactory.createLiteralDirLang(text, "en", TextDirection.LTR);
            case 5 ->
                NodeFactory.createTripleTerm(
                        NodeFactory.createBlankNode("t" + random.nextInt(5)),
                        NodeFactory.createURI("http://example.org/p"),
                        NodeFactory.createLiteralString(text));
            default -> NodeFactory.createLiteralString(text);
        };
    }

    /** Mostly ASCII, with every kind of character Jena escapes or passes. */
    private static String randomText(Random random) {
        char[] special = {
            '"', '\\', '/', '<', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001F', '\u007F', '\u0085', '\u00E9',
            '\u2028', '\u2029', '\u20AC', '\u65E5', '\uD83D', '\uDE00', '\uFFFD'
        };
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            s.append(
                    random.nextInt(4) == 0
                            ? special[random.nextInt(special.length)]
                            : (char) (' ' + random.nextInt(95)));
        }
        return s.toString();
    }

    @Test
    void askTrueAndFalse() {
        for (boolean answer : new boolean[] {true, false}) {
            ByteArrayOutputStream jenas = new ByteArrayOutputStream();
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            JENA.write(jenas, answer, null);
            new SparqlJson().write(ours, answer, null);
            assertThat(ours.toByteArray()).isEqualTo(jenas.toByteArray());
            assertThat(ours.toString(StandardCharsets.UTF_8))
                    .isEqualTo("{ \n  \"head\" : { } ,\n  \"boolean\" : " + answer + "\n}\n");
        }
    }

    @Test
    void readsBackWithJenasReader() {
        Var a = Var.alloc("a");
        List<Binding> bindings = new ArrayList<>();
        for (String s : STRINGS) {
            // a lone surrogate is written as '?', as Jena writes it, so it cannot come back
            if (s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                bindings.add(BindingFactory.binding(a, NodeFactory.createLiteralLang(s, "en")));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SparqlJson().write(out, RowSetStream.create(List.of(a), bindings.iterator()), null);
        ResultSet read = ResultSetMgr.read(new ByteArrayInputStream(out.toByteArray()), ResultSetLang.RS_JSON);
        List<Node> back = new ArrayList<>();
        read.forEachRemaining(q -> back.add(q.get("a").asNode()));
        assertThat(back).isEqualTo(bindings.stream().map(b -> b.get(a)).toList());
    }

    @Test
    void whatTheOutputThrowsReachesTheCallerAndIsSentInLargeChunks() {
        // the endpoint's meter refuses an answer by throwing from write() once max-bytes is passed
        Var a = Var.alloc("a");
        List<Binding> bindings = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            bindings.add(BindingFactory.binding(a, NodeFactory.createURI("http://example.org/" + i)));
        }
        List<Integer> writes = new ArrayList<>();
        OutputStream meter = new OutputStream() {
            long bytes;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                bytes += len;
                if (bytes > 200_000) {
                    throw new IllegalStateException("too large");
                }
            }
        };
        assertThatThrownBy(() ->
                        new SparqlJson().write(meter, rows(List.of(a), bindings).get(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("too large");
        assertThat(writes).hasSize(4).allSatisfy(len -> assertThat(len).isGreaterThan(60_000));

        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("disk full");
            }
        };
        assertThatThrownBy(() -> new SparqlJson()
                        .write(broken, rows(List.of(a), bindings).get(), null))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasRootCauseMessage("disk full");
    }

    @Test
    void aWriterIsRefusedAsJenaRefusesIt() {
        assertThatThrownBy(() -> new SparqlJson()
                        .write(
                                new StringWriter(),
                                RowSetStream.create(
                                        List.of(), List.<Binding>of().iterator()),
                                null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
