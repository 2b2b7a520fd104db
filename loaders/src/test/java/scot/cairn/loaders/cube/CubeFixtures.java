package scot.cairn.loaders.cube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.TripleStore;

/** Small shared pieces for the cube tests: a definition, a geography, helpers to query a store. */
final class CubeFixtures {
    private CubeFixtures() {}

    /** Aberdeen City data zones, its intermediate zone and council, a second council, Scotland. */
    static final AreaDirectory AREAS = AreaDirectory.ofCodes(List.of(
            "S01006506", "S01006507", "S01006508", "S01006509", "S02001236", "S12000033", "S12000034", "S92000003"));

    static final String DEFINITION = """
            slug: school-meals
            title: School meals
            description: Pupils taking school meals, by data zone and sex.
            publisher: Scottish Government
            themes: [education]
            issued: 2020-01-15
            nextUpdateDue: 2021-01-15
            contact: school.stats@gov.scot
            qualityNotes: Small counts are suppressed.
            levels: [data-zone, council]
            dimensions:
              - column: Gender
                name: gender
                codes:
                  - {code: all, label: All}
                  - {code: female, label: Female, parent: all}
                  - {code: male, label: Male, parent: all}
            measures:
              - measurement: Count
                units: [Pupils]
                datatype: integer
              - measurement: Ratio
                units: [Percent]
            """;

    static CubeDefinition definition() {
        return CubeDefinition.read(DEFINITION, "school-meals.yaml");
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the publisher vocabulary graph, as the server does on first start, so the cube's external terms are declared. */
    static void loadVocabulary(TripleStore store, scot.cairn.vocab.UriScheme uris) {
        var model = scot.cairn.vocab.PublisherVocabulary.build(uris);
        store.replaceGraphs(new scot.cairn.store.GraphReplacement(List.of(uris.vocabularyGraph()), sink -> {
            Node g = org.apache.jena.graph.NodeFactory.createURI(uris.vocabularyGraph());
            model.getGraph().find().forEachRemaining(t -> sink.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        }));
    }

    /** Every quad of the store as sorted N-Quads-like strings, to compare content before and after. */
    static Set<String> quads(TripleStore store) {
        return store.read(dsg -> {
            Set<String> s = new TreeSet<>();
            var it = dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                s.add(q.toString());
            }
            return s;
        });
    }

    /** Runs a SELECT over the union of named graphs and returns the rows' values of {@code var} as strings. */
    static List<String> select(TripleStore store, String query, String var) {
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            try (var qe = QueryExecutionFactory.create(PREFIXES + query, store.dataset())) {
                var rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution row = rs.next();
                    var n = row.get(var);
                    out.add(n == null ? null : n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                }
            }
            return out;
        });
    }

    static boolean ask(TripleStore store, String query) {
        return store.read(dsg -> {
            try (var qe = QueryExecutionFactory.create(PREFIXES + query, store.dataset())) {
                return qe.execAsk();
            }
        });
    }

    static final String PREFIXES = """
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX qb: <http://purl.org/linked-data/cube#>
            PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
            PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX dcat: <http://www.w3.org/ns/dcat#>
            PREFIX void: <http://rdfs.org/ns/void#>
            PREFIX pmdcat: <http://publishmydata.com/def/dataset#>
            """;
}
