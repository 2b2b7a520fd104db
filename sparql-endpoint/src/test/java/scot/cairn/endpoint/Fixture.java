package scot.cairn.endpoint;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * A small store: two datasets in their own named graphs (observations with area, period and a
 * count), their metadata graphs, and a geography graph of 20 data zones, one with a non-ASCII label.
 */
final class Fixture {
    static final UriScheme URIS = UriScheme.defaultScheme();
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String SDMX_DIM = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String COUNT = URIS.base() + "def/measure-properties/count";
    static final String DS_A = URIS.dataset("test-a");
    static final String DS_B = URIS.dataset("test-b");
    static final String GRAPH_A = URIS.graph("test-a");
    static final String GRAPH_B = URIS.graph("test-b");
    static final String GEOGRAPHY = URIS.geographyGraph();
    static final int OBS_A = 200;
    static final int OBS_B = 50;
    static final int AREAS = 20;
    /** Triples per observation: type, dataSet, refArea, refPeriod, measureType, count. */
    static final int TRIPLES_PER_OBS = 6;

    static final String NON_ASCII_LABEL = "Dùn Èideann – Leith";

    static final String PREFIXES = "PREFIX qb: <" + QB + ">\n"
            + "PREFIX sdmxd: <" + SDMX_DIM + ">\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "PREFIX mp: <" + URIS.base() + "def/measure-properties/>\n";

    private Fixture() {}

    static String area(int i) {
        return URIS.area(String.format("S01%06d", i + 1));
    }

    /** All quads in the fixture (the union default graph has the same number of triples). */
    static long quadCount() {
        return (long) (OBS_A + OBS_B) * TRIPLES_PER_OBS + 2L * 3 + AREAS * 2L;
    }

    static void load(TripleStore store) {
        store.replaceGraphs(new GraphReplacement(
                java.util.List.of(
                        GRAPH_A, GRAPH_B, URIS.metadataGraph("test-a"), URIS.metadataGraph("test-b"), GEOGRAPHY),
                sink -> {
                    observations(sink, "test-a", GRAPH_A, DS_A, OBS_A);
                    observations(sink, "test-b", GRAPH_B, DS_B, OBS_B);
                    for (String slug : new String[] {"test-a", "test-b"}) {
                        Node g = uri(URIS.metadataGraph(slug));
                        Node ds = uri(URIS.dataset(slug));
                        sink.add(Quad.create(g, ds, RDF.type.asNode(), uri(QB + "DataSet")));
                        sink.add(Quad.create(
                                g, ds, RDFS.label.asNode(), NodeFactory.createLiteralString("Test dataset " + slug)));
                        sink.add(Quad.create(
                                g,
                                ds,
                                uri("http://purl.org/dc/terms/identifier"),
                                NodeFactory.createLiteralString(slug)));
                    }
                    Node geo = uri(GEOGRAPHY);
                    for (int i = 0; i < AREAS; i++) {
                        Node a = uri(area(i));
                        sink.add(Quad.create(
                                geo,
                                a,
                                RDFS.label.asNode(),
                                NodeFactory.createLiteralString(i == 0 ? NON_ASCII_LABEL : "Area " + i)));
                        sink.add(Quad.create(
                                geo,
                                a,
                                uri("http://publishmydata.com/def/ontology/foi/code"),
                                NodeFactory.createLiteralString(String.format("S01%06d", i + 1))));
                    }
                }));
    }

    private static void observations(scot.cairn.store.QuadSink sink, String slug, String graph, String dataset, int n) {
        Node g = uri(graph);
        for (int i = 0; i < n; i++) {
            Node obs = uri(URIS.observation(
                    slug, String.format("S01%06d", i % AREAS + 1), "year", String.valueOf(2000 + i / AREAS)));
            sink.add(Quad.create(g, obs, RDF.type.asNode(), uri(QB + "Observation")));
            sink.add(Quad.create(g, obs, uri(QB + "dataSet"), uri(dataset)));
            sink.add(Quad.create(g, obs, uri(SDMX_DIM + "refArea"), uri(area(i % AREAS))));
            sink.add(Quad.create(
                    g,
                    obs,
                    uri(SDMX_DIM + "refPeriod"),
                    uri("http://reference.data.gov.uk/id/year/" + (2000 + i / AREAS))));
            sink.add(Quad.create(g, obs, uri(QB + "measureType"), uri(COUNT)));
            sink.add(Quad.create(
                    g,
                    obs,
                    uri(COUNT),
                    NodeFactory.createLiteralDT(
                            String.valueOf(i), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)));
        }
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }
}
