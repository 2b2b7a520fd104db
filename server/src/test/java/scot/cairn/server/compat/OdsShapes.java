package scot.cairn.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import scot.cairn.store.TripleStore;

/**
 * Every filter combination opendatascot's {@code ods_dataset()} builds for a dataset (an area
 * level, one area or several, a period, a measure type, each dimension), sent to the running
 * server exactly as the client sends it, and the CSV answer compared, as a multiset of rows, with
 * the same query run by plain ARQ on the server's own store ({@link TripleStore#plainQuery}: the
 * stock TDB2 engine, without the cube optimizer).
 */
final class OdsShapes {
    private final RClientHttp http;
    private final TripleStore store;

    OdsShapes(RClientHttp http, TripleStore store) {
        this.http = http;
        this.store = store;
    }

    /** One filter argument of ods_dataset(): its column and the codes it matches, or an area level. */
    record Filter(String column, List<String> codes) {
        static Filter level(String prefix) {
            return new Filter(null, List.of(prefix));
        }

        @Override
        public String toString() {
            return (column == null ? "geography" : column) + "=" + String.join("|", codes);
        }
    }

    /** Every non-empty combination of {@code filters} (at most one level among them). */
    static List<List<Filter>> combinations(List<Filter> filters) {
        List<List<Filter>> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << filters.size(); mask++) {
            List<Filter> combination = new ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    combination.add(filters.get(i));
                }
            }
            all.add(combination);
        }
        return all;
    }

    /** The dimension URIs of a dataset as ods_schemes() reads them. */
    List<String> dimensions(String slug) {
        CsvAnswer structure = ask(OpendatascotCompatibilityIT.queryFile("schemes.rq", "dataset", slug));
        List<String> dims = new ArrayList<>();
        for (List<String> row : structure.rows()) {
            if (row.get(0).equals(RealSources.QB + "dimension")) {
                dims.add(row.get(1));
            }
        }
        return dims;
    }

    /**
     * Sends ods_dataset()'s query for {@code filters} and checks the answer equals plain ARQ's;
     * returns the number of rows.
     */
    int assertSameAsPlainArq(String slug, List<String> dimensions, List<Filter> filters) {
        String level = null;
        Map<String, List<String>> byColumn = new LinkedHashMap<>();
        for (Filter f : filters) {
            if (f.column() == null) {
                level = f.codes().get(0);
            } else {
                byColumn.put(f.column(), f.codes());
            }
        }
        String query = OpendatascotCompatibilityIT.observationQuery(slug, dimensions, level, byColumn);
        CsvAnswer answer = ask(query);
        List<List<String>> expected = plainRows(query, answer.header());
        assertThat(canonical(answer.rows()))
                .as("%s %s", slug, filters)
                .containsExactlyInAnyOrderElementsOf(canonical(expected));
        return answer.rows().size();
    }

    private CsvAnswer ask(String query) {
        HttpResponse<String> r = http.postMultipart("/sparql", query);
        assertThat(r.statusCode())
                .as("status of %s%n-> %s", query, CsvAnswer.abbreviate(r.body()))
                .isEqualTo(200);
        return CsvAnswer.parse(r.body());
    }

    /** Sends any query to the endpoint and checks its answer equals plain ARQ's; returns the number of rows. */
    int assertSameAsPlainArq(String query) {
        CsvAnswer answer = ask(query);
        assertThat(canonical(answer.rows()))
                .as("%s", query)
                .containsExactlyInAnyOrderElementsOf(canonical(plainRows(query, answer.header())));
        return answer.rows().size();
    }

    /** The distinct values of {@code ?x} in {@code query}, read from the store by plain ARQ. */
    List<String> values(String query) {
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            try (QueryExec exec = store.plainQuery(QueryFactory.create(query)).build()) {
                exec.select().forEachRemaining(b -> out.add(b.get("x").getURI()));
            }
            return out;
        });
    }

    /** Plain ARQ's answer in the columns of {@code header}, cells as SPARQL's CSV writes them. */
    private List<List<String>> plainRows(String query, List<String> header) {
        return store.read(dsg -> {
            List<List<String>> rows = new ArrayList<>();
            try (QueryExec exec = store.plainQuery(QueryFactory.create(query)).build()) {
                RowSet rs = exec.select();
                while (rs.hasNext()) {
                    Binding b = rs.next();
                    List<String> row = new ArrayList<>();
                    for (String column : header) {
                        Node n = b.get(column);
                        row.add(
                                n == null
                                        ? ""
                                        : n.isURI()
                                                ? n.getURI()
                                                : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString());
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    /** Rows with numbers in one form (the endpoint writes 568 for 568.0), so equal values compare equal. */
    private static List<List<String>> canonical(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> r = new ArrayList<>(row.size());
            for (String cell : row) {
                r.add(number(cell));
            }
            out.add(r);
        }
        return out;
    }

    private static String number(String cell) {
        if (!OpendatascotCompatibilityIT.NUMBER_CELL.matcher(cell).matches()) {
            return cell;
        }
        return new BigDecimal(cell).stripTrailingZeros().toPlainString();
    }
}
