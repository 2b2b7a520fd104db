package scot.cairn.formats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.TextDirection;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdf.model.impl.Util;
import org.apache.jena.riot.out.NodeToLabel;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.system.SyntaxLabels;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;

/**
 * SPARQL 1.1 query results as JSON (https://www.w3.org/TR/sparql11-results-json/), byte for byte
 * what Jena 5.6's {@code RowSetWriterJSON} writes for the same rows and context: its layout,
 * spacing, key order, escaping ({@code JsonIO.escape}: a six-character escape with upper-case hex
 * for U+0000-U+001F, U+007F-U+009F and U+2000-U+20FF, {@code \/} only after {@code <}), blank node
 * labels, language, direction and triple terms. Jena's writer goes through an {@code
 * IndentedWriter} a character at a time, which was three quarters of the CPU of a large answer;
 * here the layout, which only depends on the nesting, is written as it is, and characters are
 * escaped and UTF-8 encoded straight into one byte buffer (a lone surrogate as {@code ?}, as
 * Java's UTF-8 writer that Jena writes through replaces it).
 */
public final class SparqlJson implements RowSetWriter {
    @Override
    public void write(OutputStream out, RowSet rows, Context context) {
        try {
            new Output(out, labels(context)).rows(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As Jena's: JSON results are bytes, and their encoding is UTF-8. */
    @Override
    public void write(Writer out, RowSet rows, Context context) {
        throw new UnsupportedOperationException("Writing JSON results to a java.io.Writer. Use an OutputStream.");
    }

    @Override
    public void write(OutputStream out, boolean result, Context context) {
        try {
            Output o = new Output(out, null);
            o.ascii("{ \n  \"head\" : { } ,\n  \"boolean\" : ").ascii(result ? "true" : "false");
            o.ascii("\n}\n").flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blank node labels as Jena's writers give them: fresh ({@code b0}, {@code b1}...) or as stored. */
    private static NodeToLabel labels(Context context) {
        return context != null && context.isTrue(ARQ.outputGraphBNodeLabels)
                ? SyntaxLabels.createNodeToLabelAsGiven()
                : SyntaxLabels.createNodeToLabel();
    }

    /** One result being written: the buffer, and the blank node labels given so far. */
    private static final class Output {
        private static final int ROW_INDENT = 6;
        private static final int VALUE_INDENT = 8;
        private static final byte[] ROW_START = layout("      { ");
        private static final byte[] FIRST_VALUE = layout("\n        ");
        private static final byte[] NEXT_VALUE = layout(" ,\n        ");
        private static final byte[] ROW_END = layout("\n      }");
        private static final byte[] URI = layout("{ \"type\": \"uri\" , \"value\": ");
        private static final byte[] BNODE = layout("{ \"type\": \"bnode\" , \"value\": ");
        private static final byte[] LITERAL = layout("{ \"type\": \"literal\" , ");
        private static final byte[] DATATYPE = layout("\"datatype\": ");
        private static final byte[] LITERAL_VALUE = layout(" , \"value\": ");
        private static final byte[] VALUE_END = layout(" }");
        /** Characters escaped into the buffer at a time: at most 6 bytes each, and 4 over for a pair. */
        private static final int CHUNK = 8192;

        private static final byte[] HEX = layout("0123456789ABCDEF");

        private final OutputStream out;
        private final NodeToLabel labels;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        Output(OutputStream out, NodeToLabel labels) {
            this.out = out;
            this.labels = labels;
        }

        void rows(RowSet rows) throws IOException {
            List<Var> vars = rows.getResultVars();
            ascii("{ \"head\": {\n    \"vars\": [ ");
            header(vars);
            ascii(" ]\n  } ,\n  \"results\": {\n    \"bindings\": [\n");
            byte[][] keys = keys(vars);
            boolean first = true;
            while (rows.hasNext()) {
                Binding b = rows.next();
                if (!first) {
                    ascii(" ,\n");
                }
                first = false;
                row(vars, keys, b);
            }
            // Jena pads the line after the last row to the indent: spaces on an empty line when there was none
            ascii(first ? "      \n" : "\n");
            ascii("    ]\n  }\n}\n");
            flush();
        }

        /**
         * The variables, unescaped as Jena writes them; a line break in a name (possible only
         * through the API) starts a new line indented by 6, CR LF as one, as Jena's {@code
         * IndentedWriter} does.
         */
        private void header(List<Var> vars) throws IOException {
            boolean lineStart = false;
            for (int i = 0; i < vars.size(); i++) {
                String name = vars.get(i).getVarName();
                String text = "\"" + name + "\"" + (i + 1 < vars.size() ? " , " : "");
                char last = 0;
                for (int j = 0; j < text.length(); j++) {
                    char c = text.charAt(j);
                    if (c == '\n' && last == '\r') {
                        last = c;
                        continue;
                    }
                    last = c;
                    if (lineStart) {
                        spaces(ROW_INDENT);
                        lineStart = false;
                    }
                    if (c == '\n' || c == '\r') {
                        ascii("\n");
                        lineStart = true;
                    } else {
                        ensure(4);
                        if (raw(c, j + 1 < text.length() ? text.charAt(j + 1) : 0)) {
                            j++;
                        }
                    }
                }
            }
            if (lineStart) {
                spaces(ROW_INDENT);
            }
        }

        private void row(List<Var> vars, byte[][] keys, Binding b) throws IOException {
            put(ROW_START);
            boolean first = true;
            for (int i = 0; i < vars.size(); i++) {
                Node n = b.get(vars.get(i));
                if (n == null) {
                    continue;
                }
                put(first ? FIRST_VALUE : NEXT_VALUE);
                first = false;
                put(keys[i]);
                value(n, VALUE_INDENT);
            }
            put(ROW_END);
        }

        /** Each variable's key in a row, quoted and escaped, with its {@code ": "}. */
        private static byte[][] keys(List<Var> vars) throws IOException {
            byte[][] keys = new byte[vars.size()][];
            for (int i = 0; i < keys.length; i++) {
                java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
                Output o = new Output(key, null);
                o.quoted(vars.get(i).getVarName());
                o.ascii(": ").flush();
                keys[i] = key.toByteArray();
            }
            return keys;
        }

        /** One term, its {@code "{"} where the cursor is, on a line indented by {@code indent}. */
        private void value(Node n, int indent) throws IOException {
            if (n.isURI()) {
                put(URI);
                quoted(n.getURI());
            } else if (n.isLiteral()) {
                literal(n);
            } else if (n.isBlank()) {
                put(BNODE);
                // comes as "_:b0"
                quoted(labels.get(null, n).substring(2));
            } else if (n.isTripleTerm()) {
                tripleTerm(n.getTriple(), indent);
                return;
            } else if (n.isNodeGraph()) {
                throw new UnsupportedOperationException("Graph terms");
            } else {
                // anything else: Jena logs a warning and writes an empty object
                ascii("{ ");
            }
            put(VALUE_END);
        }

        private void literal(Node n) throws IOException {
            put(LITERAL);
            if (Util.isSimpleString(n) || Util.isLangString(n) || Util.isDirLangString(n)) {
                String lang = n.getLiteralLanguage();
                if (lang != null && !lang.isEmpty()) {
                    ascii("\"xml:lang\": ");
                    quoted(lang);
                    ascii(" , ");
                }
                TextDirection direction = n.getLiteralBaseDirection();
                if (direction != null) {
                    ascii("\"its:dir\": ");
                    quoted(direction.direction());
                    ascii(" , ");
                }
                ascii("\"value\": ");
            } else {
                put(DATATYPE);
                quoted(n.getLiteralDatatypeURI());
                put(LITERAL_VALUE);
            }
            quoted(n.getLiteralLexicalForm());
        }

        /** A triple term over several lines, as Jena lays it out (two spaces after "subject", three after "object"). */
        private void tripleTerm(Triple t, int indent) throws IOException {
            ascii("{\n");
            spaces(indent + 2);
            ascii("\"type\": \"triple\" , \n");
            spaces(indent + 2);
            ascii("\"value\": {\n");
            spaces(indent + 4);
            ascii("\"subject\":  ");
            value(t.getSubject(), indent + 4);
            ascii(" ,\n");
            spaces(indent + 4);
            ascii("\"predicate\": ");
            value(t.getPredicate(), indent + 4);
            ascii(" ,\n");
            spaces(indent + 4);
            ascii("\"object\":   ");
            value(t.getObject(), indent + 4);
            ascii("\n");
            spaces(indent + 2);
            ascii("}\n");
            spaces(indent);
            ascii("}");
        }

        /**
         * {@code s} quoted and escaped as Jena's {@code JsonIO.escape} does; room is made a chunk
         * at a time (at most 6 bytes a character), not a character at a time.
         */
        private void quoted(String s) throws IOException {
            int len = s.length();
            ensure(1);
            buf[pos++] = '"';
            for (int i = 0; i < len; ) {
                int end = Math.min(len, i + CHUNK);
                ensure((end - i) * 6 + 4);
                i = escaped(s, i, end);
            }
            ensure(1);
            buf[pos++] = '"';
        }

        /**
         * Characters {@code from} to {@code to} of {@code s} (and the low half of a surrogate
         * pair that straddles {@code to}) into the buffer, which has room; the index after them.
         */
        private int escaped(String s, int from, int to) {
            int len = s.length();
            int i = from;
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/') {
                    buf[pos++] = (byte) c;
                } else if (c == '"' || c == '\\') {
                    escape((byte) c);
                } else if (c == '/') {
                    if (i > 0 && s.charAt(i - 1) == '<') {
                        escape((byte) '/');
                    } else {
                        buf[pos++] = '/';
                    }
                } else if (c == '\b') {
                    escape((byte) 'b');
                } else if (c == '\f') {
                    escape((byte) 'f');
                } else if (c == '\n') {
                    escape((byte) 'n');
                } else if (c == '\r') {
                    escape((byte) 'r');
                } else if (c == '\t') {
                    escape((byte) 't');
                } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x2000 && c < 0x2100)) {
                    buf[pos++] = '\\';
                    buf[pos++] = 'u';
                    buf[pos++] = HEX[(c >> 12) & 0xF];
                    buf[pos++] = HEX[(c >> 8) & 0xF];
                    buf[pos++] = HEX[(c >> 4) & 0xF];
                    buf[pos++] = HEX[c & 0xF];
                } else if (raw(c, i + 1 < len ? s.charAt(i + 1) : 0)) {
                    i++;
                }
            }
            return i;
        }

        private void escape(byte c) {
            buf[pos++] = '\\';
            buf[pos++] = c;
        }

        /**
         * {@code c} in UTF-8 into the buffer, which has room for 4 bytes; true when it was a high
         * surrogate and took {@code next}, its low half, with it. A lone surrogate is {@code ?}, as
         * Java's UTF-8 encoder replaces it.
         */
        private boolean raw(char c, char next) {
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
                int cp = Character.toCodePoint(c, next);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return true;
            } else if (Character.isSurrogate(c)) {
                buf[pos++] = '?';
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
            return false;
        }

        private void put(byte[] bytes) throws IOException {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }

        private static byte[] layout(String layout) {
            return layout.getBytes(StandardCharsets.US_ASCII);
        }

        /** Layout text, all ASCII. */
        Output ascii(String s) throws IOException {
            int len = s.length();
            ensure(len);
            for (int i = 0; i < len; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return this;
        }

        private void spaces(int n) throws IOException {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = ' ';
            }
        }

        private void ensure(int n) throws IOException {
            if (pos + n > buf.length) {
                out.write(buf, 0, pos);
                pos = 0;
            }
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
            out.flush();
        }
    }
}
