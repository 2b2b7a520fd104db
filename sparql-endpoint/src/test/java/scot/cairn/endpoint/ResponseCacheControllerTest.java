package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.MockMvcHttp;

/**
 * Whole responses are cached per query, format and store version; a publication invalidates them.
 * The endpoint's controllers and their collaborators in a {@code @WebMvcTest} slice on the
 * fixture's store (the wiring over real HTTP is {@link SparqlEndpointIT}'s).
 */
@WebMvcTest(properties = "cairn.sparql.cache-bytes=16MB")
@ContextConfiguration(classes = {EndpointFixture.class, SparqlEndpointConfiguration.class})
class ResponseCacheControllerTest {
    static final String COUNT_B =
            Fixture.PREFIXES + "SELECT (COUNT(?obs) AS ?n) WHERE { ?obs qb:dataSet <" + Fixture.DS_B + "> }";

    @Autowired
    MockMvc mvc;

    @Autowired
    TripleStore store;

    @Autowired
    ResponseCache cache;

    @Test
    void aRepeatedQueryIsAnsweredFromTheCacheUntilAPublicationChangesTheStore() {
        SliceQueries http = new SliceQueries(new MockMvcHttp(mvc));
        HttpResponse<byte[]> first = http.query(COUNT_B, "Accept", "text/csv");
        assertThat(Http.text(first)).isEqualTo("n\r\n" + Fixture.OBS_B + "\r\n");
        long hits = cache.hits();

        HttpResponse<byte[]> second = http.query(COUNT_B, "Accept", "text/csv");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(cache.hits()).isEqualTo(hits + 1);

        // another format is another entry
        HttpResponse<byte[]> json = http.query(COUNT_B, "Accept", "application/sparql-results+json");
        assertThat(Http.contentType(json)).startsWith("application/sparql-results+json");
        assertThat(cache.hits()).isEqualTo(hits + 1);

        // publish one more observation into dataset B's graph
        long version = store.version();
        store.replaceGraphs(new GraphReplacement(List.of(Fixture.GRAPH_A), sink -> {}));
        assertThat(store.version()).isGreaterThan(version);
        assertThat(cache.size()).isZero();
        String extra = Fixture.URIS.observation("test-b", "extra");
        store.write(d -> d.add(Quad.create(
                NodeFactory.createURI(Fixture.GRAPH_B),
                NodeFactory.createURI(extra),
                NodeFactory.createURI(Fixture.QB + "dataSet"),
                NodeFactory.createURI(Fixture.DS_B))));

        HttpResponse<byte[]> after = http.query(COUNT_B, "Accept", "text/csv");
        assertThat(Http.text(after)).isEqualTo("n\r\n" + (Fixture.OBS_B + 1) + "\r\n");
        assertThat(cache.hits()).isEqualTo(hits + 1);
        // and the graph replaced with nothing is gone from the answers too
        assertThat(Http.text(http.query(
                        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + Fixture.GRAPH_A + "> { ?s ?p ?o } }",
                        "Accept",
                        "text/csv")))
                .isEqualTo("n\r\n0\r\n");
    }

    /** {@link Http#query}, answered in the slice. */
    record SliceQueries(MockMvcHttp mvc) {
        HttpResponse<byte[]> query(String query, String... headers) {
            return mvc.get("/sparql?query=" + Http.enc(query), headers);
        }
    }
}
