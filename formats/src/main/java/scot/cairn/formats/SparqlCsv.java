package scot.cairn.formats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.out.NodeToLabel;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.system.SyntaxLabels;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;

/**
 * SPARQL 1.1 query results as CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/) through
 * {@link CsvWriter}, so that a result opened in a spreadsheet is as safe as a download: the
 * variables as the header, a URI as itself, a literal as its lexical form, a blank node by its
 * label, an unbound variable as an empty field, CRLF records; an ASK result is
 * {@code _askResult} then {@code true} or {@code false}. The same as Jena's own CSV writer except
 * that cells are written by {@link Formulas}.
 */
public final class SparqlCsv implements RowSetWriter {
    private final Formulas formulas;

    public SparqlCsv(Formulas formulas) {
        this.formulas = formulas;
    }

    @Override
    public void write(OutputStream out, RowSet rows, Context context) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        write(w, rows, context);
    }

    @Override
    public void write(Writer out, RowSet rows, Context context) {
        try {
            CsvWriter csv = CsvWriter.crlf(out, formulas);
            List<Var> vars = rows.getResultVars();
            csv.row(vars.stream().map(Var::getVarName).toList());
            // as Jena's own CSV writer labels them
            NodeToLabel blankNodes = context != null && context.isTrue(ARQ.outputGraphBNodeLabels)
                    ? SyntaxLabels.createNodeToLabelAsGiven()
                    : SyntaxLabels.createNodeToLabel();
            List<String> row = new ArrayList<>(vars.size());
            while (rows.hasNext()) {
                Binding b = rows.next();
                row.clear();
                for (Var v : vars) {
                    row.add(text(b.get(v), blankNodes));
                }
                csv.row(row);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(OutputStream out, boolean result, Context context) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvWriter.crlf(w, formulas)
                    .row("_askResult")
                    .row(result ? "true" : "false")
                    .flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Node n, NodeToLabel blankNodes) {
        if (n == null) {
            return null;
        }
        if (n.isLiteral()) {
            return n.getLiteralLexicalForm();
        }
        if (n.isURI()) {
            return n.getURI();
        }
        // "_:b0" without its "_:", as Jena writes it
        return n.isBlank() ? blankNodes.get(null, n).substring(2) : n.toString();
    }
}
