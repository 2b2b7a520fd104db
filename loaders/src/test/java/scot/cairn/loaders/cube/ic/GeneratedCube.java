package scot.cairn.loaders.cube.ic;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.QuadSink;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * A data-zone-shaped cube of {@code areas} x 10 years x 2 sexes x 5 measures (measure-dimension
 * pattern, eight triples per observation), written straight into a store: the small one of
 * {@link IntegrityConstraintsScaleIT} and the 100,000-observation one of
 * {@link IntegrityConstraintsScaleBenchmark} are the same shape.
 */
record GeneratedCube(int areas) {
    static final UriScheme SCHEME = UriScheme.defaultScheme();
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    static final String REF_AREA = "http://purl.org/linked-data/sdmx/2009/dimension#refArea";
    static final String REF_PERIOD = "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod";
    static final String UNIT = "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure";
    static final int YEARS = 10;
    static final String[] SEXES = {"male", "female"};
    static final int MEASURES = 5;

    GeneratedCube {
        if (areas < 1) {
            throw new IllegalArgumentException("at least one area, not " + areas);
        }
    }

    int observations() {
        return areas * YEARS * SEXES.length * MEASURES;
    }

    /** Publishes the cube as {@code slug} (its observation and metadata graphs); the quads written. */
    long publish(TripleStore store, String slug) {
        return store.replaceGraphs(new GraphReplacement(
                List.of(SCHEME.graph(slug), SCHEME.metadataGraph(slug)), sink -> write(slug, sink)));
    }

    /** Publishes the cube as {@code slug} with its last observation again under another URI. */
    void publishWithDuplicate(TripleStore store, String slug) {
        store.replaceGraphs(new GraphReplacement(List.of(SCHEME.graph(slug), SCHEME.metadataGraph(slug)), sink -> {
            write(slug, sink);
            Node g = uri(SCHEME.graph(slug));
            Node o = uri(SCHEME.observation(slug, "duplicate"));
            sink.add(g, o, uri(QB + "dataSet"), uri(SCHEME.dataset(slug)));
            sink.add(g, o, uri(REF_AREA), uri(SCHEME.area(area(areas - 1))));
            sink.add(g, o, uri(REF_PERIOD), uri(period(YEARS - 1)));
            sink.add(g, o, uri(SCHEME.dimension("sex")), uri(SCHEME.concept("sex", SEXES[1])));
            sink.add(g, o, uri(QB + "measureType"), uri(measure(MEASURES - 1)));
            sink.add(g, o, uri(measure(MEASURES - 1)), NodeFactory.createLiteralString("1"));
            sink.add(g, o, uri(UNIT), uri(SCHEME.unit("people")));
        }));
    }

    static IntegrityConstraints.Target target(String slug) {
        return new IntegrityConstraints.Target(SCHEME.dataset(slug), SCHEME.graph(slug), SCHEME.metadataGraph(slug));
    }

    private void write(String slug, QuadSink sink) {
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
        for (int a = 0; a < areas; a++) {
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

    static String area(int i) {
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
