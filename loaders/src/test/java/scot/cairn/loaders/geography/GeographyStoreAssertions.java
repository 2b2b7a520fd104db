package scot.cairn.loaders.geography;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.TripleStore;

/** SPARQL and quad-set helpers shared by the geography tests. */
final class GeographyStoreAssertions {
    private GeographyStoreAssertions() {}

    static final String PREFIXES = """
            PREFIX foi: <http://publishmydata.com/def/ontology/foi/>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX geo: <http://statistics.gov.scot/id/statistical-geography/>
            PREFIX coll: <http://statistics.gov.scot/def/foi/collection/>
            PREFIX se: <http://statistics.data.gov.uk/def/statistical-entity#>
            PREFIX sg: <http://statistics.data.gov.uk/def/statistical-geography#>
            PREFIX bc: <http://statistics.data.gov.uk/def/boundary-change/>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX cg: <https://cairn.scot/def/geography#>
            """;

    /** Runs a SELECT over the store's union default graph; each row as the values of {@code vars}, joined by '|'. */
    static List<String> select(TripleStore store, String query, String... vars) {
        return store.read(dsg -> {
            List<String> rows = new ArrayList<>();
            try (QueryExecution qe = QueryExecution.dataset(store.dataset())
                    .query(PREFIXES + query)
                    .build()) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    List<String> cells = new ArrayList<>();
                    for (String v : vars) {
                        var n = s.get(v);
                        cells.add(n == null ? "" : n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                    }
                    rows.add(String.join("|", cells));
                }
            }
            return rows;
        });
    }

    /** A single numeric answer, e.g. of {@code SELECT (COUNT(*) AS ?n)}. */
    static long count(TripleStore store, String query) {
        return Long.parseLong(select(store, query, "n").get(0));
    }

    /** Every quad in every named graph. */
    static Set<Quad> quads(TripleStore store) {
        return store.read(dsg -> {
            Set<Quad> all = new HashSet<>();
            dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(all::add);
            return all;
        });
    }
}
