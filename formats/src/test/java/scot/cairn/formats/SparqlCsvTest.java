package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.junit.jupiter.api.Test;

class SparqlCsvTest {
    private static final Var AREA = Var.alloc("area");
    private static final Var LABEL = Var.alloc("label");
    private static final Var VALUE = Var.alloc("value");

    private static RowSet rows() {
        Binding a = BindingFactory.builder()
                .add(AREA, NodeFactory.createURI("http://statistics.gov.scot/id/statistical-geography/S12000033"))
                .add(LABEL, NodeFactory.createLiteralString("Aberdeen, City"))
                .add(VALUE, NodeFactory.createLiteralDT("-12.5", XSDDatatype.XSDdecimal))
                .build();
        Binding b = BindingFactory.builder()
                .add(AREA, NodeFactory.createBlankNode("x"))
                .add(LABEL, NodeFactory.createLiteralString("=HYPERLINK(\"http://evil.example\")"))
                .build();
        return RowSetStream.create(List.of(AREA, LABEL, VALUE), List.of(a, b).iterator());
    }

    private static String write(java.util.function.Consumer<ByteArrayOutputStream> w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.accept(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatJenasCsvWriterWritesButNeutralisesFormulas() {
        String csv = write(out -> new SparqlCsv(Formulas.NEUTRALISE).write(out, rows(), null));
        assertThat(csv)
                .isEqualTo("area,label,value\r\n"
                        + "http://statistics.gov.scot/id/statistical-geography/S12000033,\"Aberdeen, City\",-12.5\r\n"
                        + "b0,\"'=HYPERLINK(\"\"http://evil.example\"\")\",\r\n");
    }

    @Test
    void keepIsJenasOwnOutput() {
        String ours = write(out -> new SparqlCsv(Formulas.KEEP).write(out, rows(), null));
        String jenas = write(out -> RowSetWriterRegistry.getFactory(ResultSetLang.RS_CSV)
                .create(ResultSetLang.RS_CSV)
                .write(out, rows(), null));
        assertThat(ours).isEqualTo(jenas);
    }

    @Test
    void askIsOneCellUnderAskResult() {
        assertThat(write(out -> new SparqlCsv(Formulas.NEUTRALISE).write(out, true, null)))
                .isEqualTo("_askResult\r\ntrue\r\n");
    }
}
