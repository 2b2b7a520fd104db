package scot.cairn.loaders.cube.ic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.QuadSink;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The constraints on a 100,000-observation data-zone-shaped cube (1,000 areas x 10 years x 2 sexes
 * x 5 measures, measure-dimension pattern, 800,000 observation triples) in a TDB2 store
 * on disk that also holds a second data set of the same size. Prints the time of each constraint
 * (the figures of docs/BENCHMARKS.md); asserts only what the checks find.
 * Run: {@code mvn -o -pl loaders verify -Dit.test=IntegrityConstraintsScaleIT}.
 */
class IntegrityConstraintsScaleIT {
    private static final UriScheme SCHEME = UriScheme.defaultScheme();
    private static final String QB = "http://purl.org/linked-data/cube#";
    private static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    private static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private static final String REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea";
    private static final String REF_PERIOD = "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod";
    private static final String UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure";
    private static final int AREAS = 1_000;
    private static final int YEARS = 10;
    private static final String[] SEXES = {"male", "female"};
    private static final int MEASURES = 5;

    private static TripleStore store;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        // on disk, as published: in-memory TDB2 simulates its files and is several times slower
        store = TripleStore.open(dir.resolve("store"));
        for (String slug : List.of("big-cube", "neighbour")) {
            long t0 = System.nanoTime();
            long quads = store.replaceGraphs(new GraphReplacement(
                    List.of(SCHEME.graph(slug), SCHEME.metadataGraph(slug)), sink -> writeCube(slug, sink)));
            System.out.printf("loaded %s: %,d quads in %.1f s%n", slug, quads, (System.nanoTime() - t0) / 1e9);
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void everyConstraintHoldsOnOneHundredThousandObservations() {
        long t0 = System.nanoTime();
        List<IntegrityConstraints.Outcome> outcomes = IntegrityConstraints.run(
                store,
                new IntegrityConstraints.Target(
                        SCHEME.dataset("big-cube"), SCHEME.graph("big-cube"), SCHEME.metadataGraph("big-cube")));
        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        outcomes.forEach(o -> System.out.printf(
                "%-6s %7d ms wall %7d ms cpu %s%n",
                o.constraint(), o.millis(), o.cpuMillis(), o.violation() == null ? "holds" : o.violation()));
        System.out.printf(
                "all 21 constraints on 100,000 observations: %,d ms wall, %,d ms cpu, load average %.1f%n",
                totalMs,
                outcomes.stream()
                        .mapToLong(IntegrityConstraints.Outcome::cpuMillis)
                        .sum(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());

        // the times are printed for docs/BENCHMARKS.md, not asserted: a test asserts what the checks find
        assertThat(outcomes)
                .hasSize(21)
                .allSatisfy(o -> assertThat(o.violation()).isNull());
    }

    @Test
    void duplicateAmongOneHundredThousandObservationsIsFound() {
        try (TripleStore copy = TripleStore.open(dir.resolve("with-duplicate"))) {
            copy.replaceGraphs(new GraphReplacement(
                    List.of(SCHEME.graph("big-cube"), SCHEME.metadataGraph("big-cube")), sink -> {
                        writeCube("big-cube", sink);
                        // the last observation again under another URI
                        Node g = uri(SCHEME.graph("big-cube"));
                        Node o = uri(SCHEME.observation("big-cube", "duplicate"));
                        sink.add(g, o, uri(QB + "dataSet"), uri(SCHEME.dataset("big-cube")));
                        sink.add(g, o, uri(REF_AREA), uri(SCHEME.area(area(AREAS - 1))));
                        sink.add(g, o, uri(REF_PERIOD), uri(period(YEARS - 1)));
                        sink.add(g, o, uri(SCHEME.dimension("sex")), uri(SCHEME.concept("sex", SEXES[1])));
                        sink.add(g, o, uri(QB + "measureType"), uri(measure(MEASURES - 1)));
                        sink.add(g, o, uri(measure(MEASURES - 1)), NodeFactory.createLiteralString("1"));
                        sink.add(g, o, uri(UNIT), uri(SCHEME.unit("people")));
                    }));
            long t0 = System.nanoTime();
            List<Violation> violations = IntegrityConstraints.check(copy, SCHEME, "big-cube");
            System.out.printf(
                    "check with one duplicate: %,d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, violations);
            // a duplicate in a measure-dimension cube is also a third observation where two measures are declared
            assertThat(violations).extracting(Violation::constraint).containsExactly("IC-12", "IC-17");
        }
    }

    private static void writeCube(String slug, QuadSink sink) {
        Node g = uri(SCHEME.graph(slug));
        Node m = uri(SCHEME.metadataGraph(slug));
        Node ds = uri(SCHEME.dataset(slug));
        Node dsd = uri(SCHEME.structure(slug));
        Node type = uri(RDF_TYPE);
        Node sex = uri(SCHEME.dimension("sex"));
        Node scheme = uri(SCHEME.conceptScheme("sex"));
        sink.add(m, ds, type, uri(QB + "DataSet"));
        sink.add(m, ds, uri(QB + "structure"), dsd);
        sink.add(m, dsd, type, uri(QB + "DataStructureDefinition"));
        List<String[]> components = new ArrayList<>();
        components.add(new String[] {"dimension", REF_AREA});
        components.add(new String[] {"dimension", REF_PERIOD});
        components.add(new String[] {"dimension", sex.getURI()});
        components.add(new String[] {"dimension", QB + "measureType"});
        components.add(new String[] {"attribute", UNIT});
        for (int i = 0; i < MEASURES; i++) {
            components.add(new String[] {"measure", measure(i)});
        }
        for (String[] c : components) {
            Node cs = uri(SCHEME.componentSpec(slug, c[1].replaceAll(".*[#/]", "")));
            sink.add(m, dsd, uri(QB + "component"), cs);
            sink.add(m, cs, uri(QB + c[0]), uri(c[1]));
            String kind = switch (c[0]) {
                case "dimension" -> "DimensionProperty";
                case "measure" -> "MeasureProperty";
                default -> "AttributeProperty";
            };
            sink.add(m, uri(c[1]), type, uri(QB + kind));
            sink.add(
                    m,
                    uri(c[1]),
                    uri(RDFS + "range"),
                    uri(c[1].equals(sex.getURI()) ? SKOS + "Concept" : RDFS + "Resource"));
        }
        sink.add(m, sex, uri(QB + "codeList"), scheme);
        sink.add(m, scheme, type, uri(SKOS + "ConceptScheme"));
        for (String s : SEXES) {
            sink.add(m, uri(SCHEME.concept("sex", s)), type, uri(SKOS + "Concept"));
            sink.add(m, uri(SCHEME.concept("sex", s)), uri(SKOS + "inScheme"), scheme);
        }
        for (int a = 0; a < AREAS; a++) {
            for (int y = 0; y < YEARS; y++) {
                for (String s : SEXES) {
                    for (int k = 0; k < MEASURES; k++) {
                        Node o = uri(SCHEME.observation(slug, area(a), Integer.toString(2011 + y), s, "m" + k));
                        sink.add(Quad.create(g, o, type, uri(QB + "Observation")));
                        sink.add(g, o, uri(QB + "dataSet"), ds);
                        sink.add(g, o, uri(REF_AREA), uri(SCHEME.area(area(a))));
                        sink.add(g, o, uri(REF_PERIOD), uri(period(y)));
                        sink.add(g, o, sex, uri(SCHEME.concept("sex", s)));
                        sink.add(g, o, uri(QB + "measureType"), uri(measure(k)));
                        sink.add(g, o, uri(measure(k)), NodeFactory.createLiteralString(Integer.toString(a + y + k)));
                        sink.add(g, o, uri(UNIT), uri(SCHEME.unit("people")));
                    }
                }
            }
        }
    }

    private static String area(int i) {
        return String.format("S01%06d", 6000 + i);
    }

    private static String period(int y) {
        return "http://reference.data.gov.uk/id/year/" + (2011 + y);
    }

    private static String measure(int k) {
        return SCHEME.measureProperty("m" + k);
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
