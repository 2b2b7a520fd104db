package scot.cairn.loaders.cube.ic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The W3C RDF Data Cube well-formedness constraints IC-1 to IC-21
 * (<a href="https://www.w3.org/TR/vocab-data-cube/#wf-rules">spec section 11</a>), run as SPARQL
 * against one data set's graphs in a {@link TripleStore}.
 *
 * <p>The queries are resources next to this class ({@code ic-NN.rq}, see the README there for how
 * they differ from the spec's text: scoped to one data set, normalisation written in, and IC-12/17
 * as linear GROUP BY queries). Observations are read from {@code {base}graph/{slug}}; the structure,
 * code lists and vocabulary from the union default graph. Each constraint reports at most one
 * sample offender.
 *
 * <p>Thread-safe and stateless; each check runs in one read transaction, so it never blocks or is
 * blocked by a publication in progress, and sees one committed state.
 */
public final class IntegrityConstraints {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrityConstraints.class);

    private static final String PREFIXES = """
            PREFIX qb: <http://purl.org/linked-data/cube#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final String MEASURE_TYPE = "http://purl.org/linked-data/cube#measureType";

    /** Constraint ids and titles, in the specification's words. */
    static final List<String[]> CONSTRAINTS = List.of(
            new String[] {"IC-1", "Unique DataSet: every qb:Observation has exactly one associated qb:DataSet"},
            new String[] {"IC-2", "Unique DSD: every qb:DataSet has exactly one associated qb:DataStructureDefinition"},
            new String[] {
                "IC-3",
                "DSD includes measure: every qb:DataStructureDefinition must include at least one declared measure"
            },
            new String[] {
                "IC-4",
                "Dimensions have range: every dimension declared in a qb:DataStructureDefinition must have a declared rdfs:range"
            },
            new String[] {
                "IC-5",
                "Concept dimensions have code lists: every dimension with range skos:Concept must have a qb:codeList"
            },
            new String[] {
                "IC-6",
                "Only attributes may be optional: qb:componentRequired false is allowed on attribute components only"
            },
            new String[] {
                "IC-7",
                "Slice Keys must be declared: every qb:SliceKey must be associated with a qb:DataStructureDefinition"
            },
            new String[] {
                "IC-8",
                "Slice Keys consistent with DSD: every qb:componentProperty of a qb:SliceKey must be declared as a component of the DSD"
            },
            new String[] {
                "IC-9", "Unique slice structure: each qb:Slice must have exactly one associated qb:sliceStructure"
            },
            new String[] {
                "IC-10",
                "Slice dimensions complete: every qb:Slice must have a value for every dimension declared in its qb:sliceStructure"
            },
            new String[] {
                "IC-11",
                "All dimensions required: every qb:Observation has a value for each dimension declared in its DSD"
            },
            new String[] {
                "IC-12",
                "No duplicate observations: no two qb:Observations in the same qb:DataSet may have the same value for all dimensions"
            },
            new String[] {
                "IC-13",
                "Required attributes: every qb:Observation has a value for each component declared qb:componentRequired true"
            },
            new String[] {
                "IC-14",
                "All measures present: in a qb:DataSet without qb:measureType, every qb:Observation has a value for every declared measure"
            },
            new String[] {
                "IC-15",
                "Measure dimension consistent: in a qb:DataSet using qb:measureType, every qb:Observation has a value for the measure given by its qb:measureType"
            },
            new String[] {
                "IC-16",
                "Single measure on measure dimension observation: such a qb:Observation has a value for its qb:measureType measure only"
            },
            new String[] {
                "IC-17",
                "All measures present in measures dimension cube: for each combination of non-measure dimension values there is one observation per declared measure"
            },
            new String[] {
                "IC-18",
                "Consistent data set links: a qb:Observation in a qb:Slice of a qb:DataSet must be in that qb:DataSet"
            },
            new String[] {
                "IC-19", "Codes from code list: a dimension value must be a skos:Concept of the dimension's qb:codeList"
            },
            new String[] {
                "IC-20",
                "Codes from hierarchy: a dimension value must be reachable from a qb:hierarchyRoot of its qb:HierarchicalCodeList along qb:parentChildProperty"
            },
            new String[] {
                "IC-21",
                "Codes from hierarchy (inverse): a dimension value must be reachable from a qb:hierarchyRoot of its qb:HierarchicalCodeList along the inverse qb:parentChildProperty"
            });

    private IntegrityConstraints() {}

    /**
     * Checks the data set {@code scheme.dataset(slug)} whose observations are in
     * {@code scheme.graph(slug)} and whose structure and metadata are in
     * {@code scheme.metadataGraph(slug)}.
     *
     * @return one violation per broken constraint, in IC order; empty when the data set is well formed
     */
    public static List<Violation> check(TripleStore store, UriScheme scheme, String slug) {
        return check(store, new Target(scheme.dataset(slug), scheme.graph(slug), scheme.metadataGraph(slug)));
    }

    /** As {@link #check(TripleStore, UriScheme, String)}, for explicit URIs. */
    static List<Violation> check(TripleStore store, Target target) {
        List<Violation> violations = new ArrayList<>();
        for (Outcome o : run(store, target)) {
            if (o.violation() != null) {
                violations.add(o.violation());
            }
        }
        return violations;
    }

    /** The data set and its two graphs. */
    record Target(String dataset, String observationGraph, String metadataGraph) {
        Target {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(observationGraph, "observationGraph");
            Objects.requireNonNull(metadataGraph, "metadataGraph");
        }

        Binding binding() {
            return BindingFactory.builder()
                    .add(org.apache.jena.sparql.core.Var.alloc("dataset"), NodeFactory.createURI(dataset))
                    .add(org.apache.jena.sparql.core.Var.alloc("obsGraph"), NodeFactory.createURI(observationGraph))
                    .add(org.apache.jena.sparql.core.Var.alloc("metaGraph"), NodeFactory.createURI(metadataGraph))
                    .build();
        }
    }

    /**
     * The result of one constraint: its violation (null when it holds), the wall time it took and
     * the CPU time of the checking thread (the figure that stays meaningful on a shared machine).
     */
    record Outcome(String constraint, Violation violation, long millis, long cpuMillis) {}

    /** Runs every constraint in one read transaction, timing each. */
    static List<Outcome> run(TripleStore store, Target target) {
        return store.read(dsg -> {
            Binding b = target.binding();
            Structure structure = new Structure(
                    select(dsg, b, resource("observation-dimensions.rq"), r -> r.get("dim")),
                    select(dsg, b, resource("measures.rq"), r -> r.get("measure")));
            List<Outcome> outcomes = new ArrayList<>();
            for (String[] c : CONSTRAINTS) {
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                Violation v = evaluate(dsg, b, c[0], c[1], structure);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1_000_000;
                LOG.debug("{} {} in {} ms (cpu {} ms)", c[0], v == null ? "holds" : "violated", ms, cpu);
                outcomes.add(new Outcome(c[0], v, ms, cpu));
            }
            return outcomes;
        });
    }

    /** What the DSD declares, read once: decides which measure constraints apply and fills the templates. */
    private record Structure(List<String> observationDimensions, List<String> measures) {
        boolean measureDimension() {
            return observationDimensions.contains(MEASURE_TYPE);
        }
    }

    private static Violation evaluate(DatasetGraph dsg, Binding b, String id, String description, Structure s) {
        String file = String.format("ic-%02d.rq", Integer.parseInt(id.substring(3)));
        return switch (id) {
            case "IC-12" -> {
                if (s.observationDimensions().isEmpty()) {
                    yield null; // as in the spec's query: without dimensions no pair can be compared (IC-2/IC-11 report
                    // why)
                }
                yield first(dsg, b, grouped(resource(file), s.observationDimensions(), -1), id, description);
            }
            // IC-14 concerns cubes without a measure dimension, IC-15 to IC-17 cubes with one
            case "IC-14" -> s.measureDimension() ? null : first(dsg, b, resource(file), id, description);
            case "IC-15" -> s.measureDimension() ? first(dsg, b, resource(file), id, description) : null;
            case "IC-16" -> {
                if (!s.measureDimension() || s.measures().isEmpty()) {
                    yield null;
                }
                String list = String.join(
                        ", ", s.measures().stream().map(m -> "<" + m + ">").toList());
                yield first(dsg, b, resource(file).replace("$MEASURES", list), id, description);
            }
            case "IC-17" -> {
                if (!s.measureDimension()) {
                    yield null;
                }
                List<String> dims = new ArrayList<>(s.observationDimensions());
                dims.remove(MEASURE_TYPE);
                yield first(dsg, b, grouped(resource(file), dims, s.measures().size()), id, description);
            }
            case "IC-20", "IC-21" -> {
                String step1 = file.replace(".rq", "-hierarchies.rq");
                List<Binding> hierarchies = new ArrayList<>();
                try (QueryExec qe = QueryExec.dataset(dsg)
                        .query(PREFIXES + resource(step1))
                        .substitution(b)
                        .build()) {
                    qe.select().forEachRemaining(hierarchies::add);
                }
                for (Binding h : hierarchies) {
                    // a code list that is a blank node cannot be named in the query text; walk it from its dimension
                    String list = h.get("list").isURI() ? "<" + h.get("list").getURI() + ">" : "?list";
                    String q = resource(file)
                            .replace("$LIST", list)
                            .replace("$PCP", "<" + h.get("pcp").getURI() + ">");
                    Violation v = first(dsg, b, q, id, description);
                    if (v != null) {
                        yield v;
                    }
                }
                yield null;
            }
            default -> first(dsg, b, resource(file), id, description);
        };
    }

    /** Fills the IC-12/IC-17 templates: one triple pattern and one group key per dimension. */
    private static String grouped(String template, List<String> dims, int measures) {
        StringBuilder patterns = new StringBuilder();
        StringBuilder vars = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            patterns.append(i == 0 ? "" : " ; ")
                    .append('<')
                    .append(dims.get(i))
                    .append("> ?v")
                    .append(i);
            vars.append(" ?v").append(i);
        }
        String groupBy = dims.isEmpty() ? "(STR(?dataset) AS ?all)" : vars.toString();
        String body = dims.isEmpty() ? "" : patterns.toString();
        return template.replace("; $DIMENSIONS .", dims.isEmpty() ? "." : "; " + body + " .")
                .replace("$VARS", groupBy)
                .replace("$MEASURE_COUNT", Integer.toString(measures));
    }

    private static Violation first(DatasetGraph dsg, Binding b, String query, String id, String description) {
        try (QueryExec qe =
                QueryExec.dataset(dsg).query(PREFIXES + query).substitution(b).build()) {
            RowSet rows = qe.select();
            if (!rows.hasNext()) {
                return null;
            }
            Binding row = rows.next();
            return new Violation(id, description, label(row.get("offender")), label(row.get("component")));
        }
    }

    private static List<String> select(DatasetGraph dsg, Binding b, String query, Function<Binding, Node> column) {
        List<String> values = new ArrayList<>();
        try (QueryExec qe =
                QueryExec.dataset(dsg).query(PREFIXES + query).substitution(b).build()) {
            qe.select().forEachRemaining(row -> {
                Node n = column.apply(row);
                if (n != null && n.isURI()) {
                    values.add(n.getURI());
                }
            });
        }
        return values;
    }

    private static String label(Node n) {
        if (n == null) {
            return null;
        }
        if (n.isURI()) {
            return n.getURI();
        }
        if (n.isBlank()) {
            return "_:" + n.getBlankNodeLabel();
        }
        return n.toString();
    }

    private static String resource(String name) {
        try (InputStream in = IntegrityConstraints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing query resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
