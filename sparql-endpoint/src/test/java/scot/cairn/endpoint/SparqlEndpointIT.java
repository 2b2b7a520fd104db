package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import scot.cairn.store.TripleStore;

/**
 * The public /sparql endpoint over HTTP with default limits: formats, request forms, gzip, errors.
 * CORS is the server's, for every public API alike (server's PublicHeadersIT).
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SparqlEndpointIT {
    static final String OBS_OF_A = Fixture.PREFIXES + "SELECT ?obs ?area ?value WHERE { ?obs qb:dataSet <"
            + Fixture.DS_A + "> ; sdmxd:refArea ?area ; mp:count ?value } ORDER BY ?value";
    static final String CONSTRUCT_B =
            Fixture.PREFIXES + "CONSTRUCT { ?obs mp:count ?v ; sdmxd:refArea ?a } WHERE { ?obs qb:dataSet <"
                    + Fixture.DS_B + "> ; mp:count ?v ; sdmxd:refArea ?a }";

    @LocalServerPort
    int port;

    @Autowired
    TripleStore store;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    static Stream<Arguments> selectFormats() {
        return Stream.of(
                Arguments.of(null, "application/sparql-results+json", ResultSetLang.RS_JSON),
                Arguments.of("*/*", "application/sparql-results+json", ResultSetLang.RS_JSON),
                Arguments.of(
                        "application/sparql-results+json", "application/sparql-results+json", ResultSetLang.RS_JSON),
                Arguments.of("application/json", "application/sparql-results+json", ResultSetLang.RS_JSON),
                Arguments.of("application/sparql-results+xml", "application/sparql-results+xml", ResultSetLang.RS_XML),
                Arguments.of("text/csv", "text/csv", ResultSetLang.RS_CSV),
                Arguments.of("text/tab-separated-values", "text/tab-separated-values", ResultSetLang.RS_TSV),
                // what browsers send: the default (JSON results), labelled so that browsers display it
                Arguments.of(
                        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                        "application/json",
                        ResultSetLang.RS_JSON),
                // httr's default Accept header
                Arguments.of(
                        "application/json, text/xml, application/xml, */*",
                        "application/sparql-results+json",
                        ResultSetLang.RS_JSON),
                // quality values decide, not order
                Arguments.of("application/sparql-results+json;q=0.5, text/csv", "text/csv", ResultSetLang.RS_CSV));
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("selectFormats")
    void selectResultsInEveryFormatByAccept(String accept, String contentType, Lang lang) {
        HttpResponse<byte[]> r = accept == null ? http.query(OBS_OF_A) : http.query(OBS_OF_A, "Accept", accept);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(r)).startsWith(contentType);
        assertAllObservationsOfA(r.body(), lang);
    }

    @Test
    void jsonResultsAreTheBytesJenasOwnWriterWrites() {
        HttpResponse<byte[]> r = http.query(OBS_OF_A, "Accept", "application/sparql-results+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertAllObservationsOfA(r.body(), ResultSetLang.RS_JSON);
        ByteArrayOutputStream jenas = new ByteArrayOutputStream();
        store.read(dsg -> {
            try (QueryExec exec =
                    store.publicQuery(QueryFactory.create(OBS_OF_A)).build()) {
                RowSetWriterRegistry.getFactory(ResultSetLang.RS_JSON)
                        .create(ResultSetLang.RS_JSON)
                        .write(jenas, exec.select(), exec.getContext());
            }
            return null;
        });
        assertThat(r.body()).isEqualTo(jenas.toByteArray());
    }

    private static void assertAllObservationsOfA(byte[] body, Lang lang) {
        ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(body), lang);
        List<Integer> values = new ArrayList<>();
        while (rs.hasNext()) {
            QuerySolution s = rs.next();
            values.add(Integer.parseInt(s.get("value").asLiteral().getLexicalForm()));
            // CSV carries no term types: the area comes back as a string there
            var area = s.get("area");
            assertThat(
                            area.isResource()
                                    ? area.asResource().getURI()
                                    : area.asLiteral().getLexicalForm())
                    .startsWith(Fixture.URIS.base() + "id/statistical-geography/S01");
        }
        assertThat(values).hasSize(Fixture.OBS_A);
        assertThat(values.get(0)).isZero();
        assertThat(values.get(Fixture.OBS_A - 1)).isEqualTo(Fixture.OBS_A - 1);
    }

    @Test
    void suffixPicksTheFormatWhateverTheAcceptHeaderSays() {
        HttpResponse<byte[]> csv =
                http.get("/sparql.csv?query=" + Http.enc(OBS_OF_A), "Accept", "application/sparql-results+json");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(csv)).startsWith("text/csv");
        assertThat(Http.text(csv)).startsWith("obs,area,value\r\n");
        assertAllObservationsOfA(csv.body(), ResultSetLang.RS_CSV);

        HttpResponse<byte[]> json = http.get("/sparql.json?query=" + Http.enc(OBS_OF_A), "Accept", "text/csv");
        assertThat(Http.contentType(json)).startsWith("application/sparql-results+json");
        assertAllObservationsOfA(json.body(), ResultSetLang.RS_JSON);

        HttpResponse<byte[]> tsv = http.get("/sparql.tsv?query=" + Http.enc(OBS_OF_A));
        assertThat(Http.contentType(tsv)).startsWith("text/tab-separated-values");
        assertAllObservationsOfA(tsv.body(), ResultSetLang.RS_TSV);

        HttpResponse<byte[]> xml = http.get("/sparql.xml?query=" + Http.enc(OBS_OF_A));
        assertThat(Http.contentType(xml)).startsWith("application/sparql-results+xml");
        assertAllObservationsOfA(xml.body(), ResultSetLang.RS_XML);
    }

    @Test
    void askAnswersTrueAndFalseInEachResultsFormat() {
        String yes = Fixture.PREFIXES + "ASK { ?o qb:dataSet <" + Fixture.DS_B + "> }";
        String no = Fixture.PREFIXES + "ASK { ?o qb:dataSet <" + Fixture.URIS.dataset("absent") + "> }";
        for (Lang lang : List.of(ResultSetLang.RS_JSON, ResultSetLang.RS_XML)) {
            String accept = lang.getContentType().getContentTypeStr();
            HttpResponse<byte[]> r = http.query(yes, "Accept", accept);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Http.contentType(r)).startsWith(accept);
            assertThat(ResultSetMgr.readBoolean(new ByteArrayInputStream(r.body()), lang))
                    .as(accept)
                    .isTrue();
            assertThat(ResultSetMgr.readBoolean(
                            new ByteArrayInputStream(
                                    http.query(no, "Accept", accept).body()),
                            lang))
                    .as(accept)
                    .isFalse();
        }
    }

    @Test
    void askInCsvAndTsv() {
        String yes = Fixture.PREFIXES + "ASK { ?o qb:dataSet <" + Fixture.DS_B + "> }";
        HttpResponse<byte[]> csv = http.get("/sparql.csv?query=" + Http.enc(yes));
        assertThat(Http.contentType(csv)).startsWith("text/csv");
        assertThat(Http.text(csv)).isEqualTo("_askResult\r\ntrue\r\n");
        HttpResponse<byte[]> tsv = http.query(yes, "Accept", "text/tab-separated-values");
        assertThat(Http.contentType(tsv)).startsWith("text/tab-separated-values");
        assertThat(Http.text(tsv)).isEqualTo("?_askResult\ntrue\n");
    }

    static Stream<Arguments> graphFormats() {
        return Stream.of(
                Arguments.of(null, "text/turtle", Lang.TURTLE),
                Arguments.of("text/turtle", "text/turtle", Lang.TURTLE),
                Arguments.of("application/n-triples", "application/n-triples", Lang.NTRIPLES),
                Arguments.of("application/rdf+xml", "application/rdf+xml", Lang.RDFXML),
                Arguments.of("application/ld+json", "application/ld+json", Lang.JSONLD),
                Arguments.of("text/html,*/*;q=0.8", "text/plain", Lang.TURTLE));
    }

    @ParameterizedTest(name = "Accept: {0}")
    @MethodSource("graphFormats")
    void constructResultsInEveryGraphFormatByAccept(String accept, String contentType, Lang lang) {
        HttpResponse<byte[]> r = accept == null ? http.query(CONSTRUCT_B) : http.query(CONSTRUCT_B, "Accept", accept);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(r)).startsWith(contentType);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(lang).parse(g);
        assertThat(g.size()).isEqualTo(2L * Fixture.OBS_B);
    }

    @Test
    void constructByJsonSuffixIsJsonLdAndCsvSuffixIsRefused() {
        HttpResponse<byte[]> json = http.get("/sparql.json?query=" + Http.enc(CONSTRUCT_B));
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(json)).startsWith("application/ld+json");
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(json.body()))
                .lang(Lang.JSONLD)
                .parse(g);
        assertThat(g.size()).isEqualTo(2L * Fixture.OBS_B);

        HttpResponse<byte[]> csv = http.get("/sparql.csv?query=" + Http.enc(CONSTRUCT_B));
        assertThat(csv.statusCode()).isEqualTo(406);
        assertThat(Http.contentType(csv)).startsWith("text/plain");
        assertThat(Http.text(csv)).contains("text/turtle");
    }

    @Test
    void graphFormatsBuiltInMemoryHaveATighterTripleLimit() {
        // 1200 x 1200 solutions -> 1.44 M template triples: far over the in-memory bound for JSON-LD
        String q = "CONSTRUCT { ?s <urn:x:near> ?a } WHERE { GRAPH <" + Fixture.GRAPH_A + "> { ?s ?p ?o } GRAPH <"
                + Fixture.GRAPH_A + "> { ?a ?b ?c } }";
        HttpResponse<byte[]> r = http.query(q, "Accept", "application/ld+json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.text(r)).isEqualTo("Response too large");
    }

    @Test
    void describeReturnsEveryTripleAboutTheResource() {
        String obs = Fixture.URIS.observation("test-a", "S01000001", "year", "2000");
        HttpResponse<byte[]> r = http.query("DESCRIBE <" + obs + ">", "Accept", "application/n-triples");
        assertThat(r.statusCode()).isEqualTo(200);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(r.body())).lang(Lang.NTRIPLES).parse(g);
        assertThat(g.size()).isEqualTo(Fixture.TRIPLES_PER_OBS);
    }

    @Test
    void describeOfPatternResourcesGivesEachTripleOnceInEveryFormat() {
        String q = Fixture.PREFIXES + "DESCRIBE ?obs WHERE { ?obs qb:dataSet <" + Fixture.DS_B
                + "> } ORDER BY ?obs LIMIT 7";
        for (String accept :
                new String[] {"application/n-triples", "text/turtle", "application/rdf+xml", "application/ld+json"}) {
            HttpResponse<byte[]> r = http.query(q, "Accept", accept);
            assertThat(r.statusCode()).as(accept).isEqualTo(200);
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.source(new ByteArrayInputStream(r.body()))
                    .lang(org.apache.jena.riot.RDFLanguages.contentTypeToLang(
                            Http.contentType(r).replaceAll(";.*", "")))
                    .parse(g);
            assertThat(g.size()).as(accept).isEqualTo(7L * Fixture.TRIPLES_PER_OBS);
        }
        HttpResponse<byte[]> nt = http.query(q, "Accept", "application/n-triples");
        assertThat(Http.text(nt).lines()).hasSize(7 * Fixture.TRIPLES_PER_OBS).doesNotHaveDuplicates();
    }

    /**
     * Nested thousands deep in ARQ's algebra, which overflowed a request thread's stack (500);
     * OPTIONALs as deep are in {@link SparqlLimitsIT}: ARQ's cost for them grows faster than
     * their number, so thousands of them run into the time limit instead.
     */
    static Stream<Arguments> deepButLegalQueries() {
        StringBuilder union = new StringBuilder("SELECT (COUNT(*) AS ?n) WHERE { ");
        StringBuilder or = new StringBuilder("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(");
        for (int i = 0; i < 5_000; i++) {
            union.append(i == 0 ? "" : " UNION ")
                    .append("{ ?s <urn:x:p")
                    .append(i)
                    .append("> ?o }");
            or.append(i == 0 ? "" : " || ").append("?o = ").append(i);
        }
        return Stream.of(
                Arguments.of("5,000-branch UNION", union.append(" }").toString(), "n\r\n0\r\n"),
                Arguments.of(
                        "5,000-term || filter",
                        or.append(") }").toString(),
                        "n\r\n" + (Fixture.OBS_A + Fixture.OBS_B) + "\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepButLegalQueries")
    void deeplyNestedLegalQueriesAreAnswered(String what, String query, String answer) {
        HttpResponse<byte[]> r = http.post("/sparql", "application/sparql-query", query, "Accept", "text/csv");
        assertThat(r.statusCode()).as(what + ": " + Http.text(r)).isEqualTo(200);
        assertThat(Http.text(r)).isEqualTo(answer);
    }

    @Test
    void aQueryNestedTooDeeplyForAnyStackGets400AndTheEndpointLivesOn() {
        int depth = 400_000;
        String query = "ASK { FILTER(" + "(".repeat(depth) + "1" + ")".repeat(depth) + ") }";
        HttpResponse<byte[]> r = http.post("/sparql", "application/sparql-query", query);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(r)).startsWith("text/plain");
        assertThat(Http.text(r)).startsWith("Query too deeply nested");
        assertThat(http.query(OBS_OF_A, "Accept", "text/csv").statusCode()).isEqualTo(200);
    }

    @Test
    void unacceptableAcceptHeaderGets406ListingWhatIsAvailable() {
        HttpResponse<byte[]> r = http.query(OBS_OF_A, "Accept", "image/png");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(Http.text(r)).contains("text/csv").contains("application/sparql-results+json");
    }

    @Test
    void defaultGraphIsTheUnionOfAllNamedGraphs() {
        HttpResponse<byte[]> r = http.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "Accept", "text/csv");
        assertThat(Http.text(r)).isEqualTo("n\r\n" + Fixture.quadCount() + "\r\n");
        assertThat(store.size()).isEqualTo(Fixture.quadCount());

        HttpResponse<byte[]> graphs = http.query(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                "Accept",
                "text/csv");
        assertThat(Http.text(graphs))
                .contains(Fixture.GRAPH_A + "," + Fixture.OBS_A * Fixture.TRIPLES_PER_OBS)
                .contains(Fixture.GRAPH_B + "," + Fixture.OBS_B * Fixture.TRIPLES_PER_OBS);
    }

    @Test
    void defaultGraphUriParameterNarrowsTheDefaultGraph() {
        HttpResponse<byte[]> r = http.get(
                "/sparql?query=" + Http.enc("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") + "&default-graph-uri="
                        + Http.enc(Fixture.GRAPH_B),
                "Accept",
                "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.text(r)).isEqualTo("n\r\n" + Fixture.OBS_B * Fixture.TRIPLES_PER_OBS + "\r\n");
    }

    @Test
    void postFormEncoded() {
        HttpResponse<byte[]> r = http.post(
                "/sparql", "application/x-www-form-urlencoded", "query=" + Http.enc(OBS_OF_A), "Accept", "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertAllObservationsOfA(r.body(), ResultSetLang.RS_CSV);
    }

    @Test
    void postSparqlQueryBody() {
        HttpResponse<byte[]> r =
                http.post("/sparql", "application/sparql-query", OBS_OF_A, "Accept", "application/sparql-results+xml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertAllObservationsOfA(r.body(), ResultSetLang.RS_XML);
    }

    @Test
    void postMultipartExactlyAsRsHttrSendsIt() {
        HttpResponse<byte[]> r = http.postMultipartLikeHttr("/sparql", "query", OBS_OF_A, "Accept", "text/csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(r)).startsWith("text/csv");
        assertAllObservationsOfA(r.body(), ResultSetLang.RS_CSV);
    }

    @Test
    void postMultipartWithTheQueryAsAFilePart() {
        // curl -F query=@q.rq sends the part as a file upload with its own Content-Type
        String boundary = "------------------------4f1c2a8e9b7d6c5a";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"query\"; filename=\"q.rq\"\r\n"
                + "Content-Type: application/sparql-query\r\n"
                + "\r\n"
                + OBS_OF_A + "\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<byte[]> r = http.post("/sparql.csv", "multipart/form-data; boundary=" + boundary, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertAllObservationsOfA(r.body(), ResultSetLang.RS_CSV);
    }

    @Test
    void nonAsciiQueryTextSurvivesEveryRequestForm() {
        String q = "SELECT ?area WHERE { ?area <http://www.w3.org/2000/01/rdf-schema#label> \""
                + Fixture.NON_ASCII_LABEL + "\" }";
        String expected = "area\r\n" + Fixture.area(0) + "\r\n";
        assertThat(Http.text(http.query(q, "Accept", "text/csv"))).isEqualTo(expected);
        assertThat(Http.text(http.post(
                        "/sparql", "application/x-www-form-urlencoded", "query=" + Http.enc(q), "Accept", "text/csv")))
                .isEqualTo(expected);
        assertThat(Http.text(http.post("/sparql", "application/sparql-query", q, "Accept", "text/csv")))
                .isEqualTo(expected);
        assertThat(Http.text(http.postMultipartLikeHttr("/sparql", "query", q, "Accept", "text/csv")))
                .isEqualTo(expected);
        // and the label comes back in UTF-8
        HttpResponse<byte[]> label = http.query(
                "SELECT ?l WHERE { <" + Fixture.area(0) + "> <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                "Accept",
                "text/csv");
        assertThat(Http.text(label)).isEqualTo("l\r\n" + Fixture.NON_ASCII_LABEL + "\r\n");
    }

    @Test
    void updatesAreRefusedInEveryFormAndChangeNothing() {
        long version = store.version();
        long size = store.size();
        String insert = "INSERT DATA { GRAPH <" + Fixture.GRAPH_A + "> { <urn:x:s> <urn:x:p> <urn:x:o> } }";
        List<HttpResponse<byte[]>> answers = List.of(
                http.post("/sparql", "application/x-www-form-urlencoded", "update=" + Http.enc(insert)),
                http.get("/sparql?update=" + Http.enc(insert)),
                http.post("/sparql", "application/sparql-update", insert),
                http.post("/sparql", "application/sparql-query", insert),
                http.get("/sparql?query=" + Http.enc("DROP ALL")),
                http.postMultipartLikeHttr("/sparql", "update", insert),
                http.postMultipartLikeHttr("/sparql", "query", "CLEAR GRAPH <" + Fixture.GRAPH_A + ">"));
        for (HttpResponse<byte[]> r : answers) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Http.contentType(r)).startsWith("text/plain");
            assertThat(Http.text(r)).isEqualTo("SPARQL Update is not accepted on the public endpoint");
        }
        assertThat(store.version()).isEqualTo(version);
        assertThat(store.size()).isEqualTo(size);
    }

    @Test
    void noGraphStoreOrOtherMethodsOnThePublicPort() {
        long version = store.version();
        assertThat(http.method("PUT", "/sparql").statusCode()).isEqualTo(405);
        assertThat(http.method("DELETE", "/sparql?graph=" + Http.enc(Fixture.GRAPH_A))
                        .statusCode())
                .isEqualTo(405);
        assertThat(store.version()).isEqualTo(version);
    }

    @Test
    void malformedQueryGets400WithLineAndColumn() {
        HttpResponse<byte[]> r = http.query("SELECT ?s\nWHERE { ?s ?p }");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(r)).startsWith("text/plain");
        assertThat(Http.text(r))
                .startsWith("Malformed SPARQL query at line 2, column 15: ")
                .doesNotContain("\n");
    }

    @Test
    void missingQueryGets400AndBrowsersGetAForm() {
        HttpResponse<byte[]> r = http.get("/sparql");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.text(r)).startsWith("No query:");
        HttpResponse<byte[]> form = http.get("/sparql", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(form)).startsWith("text/html");
        assertThat(Http.text(form)).contains("<textarea name=\"query\"");
    }

    @Test
    void serviceCallsToOtherServersAreRefused() {
        HttpResponse<byte[]> r =
                http.query("SELECT * WHERE { SERVICE <http://127.0.0.1:" + port + "/sparql> { ?s ?p ?o } }");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.text(r)).startsWith("Query failed:");
    }

    @Test
    void unsupportedRequestBodyGets415() {
        HttpResponse<byte[]> r = http.post("/sparql", "application/json", "{\"query\":\"ASK {}\"}");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(Http.text(r)).startsWith("Unsupported Content-Type application/json");
    }

    @Test
    void gzipWhenAskedDecompressesToTheSameBody() {
        HttpResponse<byte[]> plain = http.query(OBS_OF_A, "Accept", "text/csv");
        HttpResponse<byte[]> gz = http.query(OBS_OF_A, "Accept", "text/csv", "Accept-Encoding", "gzip, deflate");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.body().length).isLessThan(plain.body().length);
        assertThat(Http.gunzip(gz.body())).isEqualTo(plain.body());
        assertThat(http.query(OBS_OF_A, "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding"))
                .isEmpty();
    }

    @Test
    void healthReportsOkAndTheStoreVersion() {
        HttpResponse<byte[]> r = http.get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(r)).startsWith("application/json");
        var json = org.apache.jena.atlas.json.JSON.parse(Http.text(r));
        assertThat(json.get("status").getAsString().value()).isEqualTo("ok");
        assertThat(json.get("storeVersion").getAsNumber().value().longValue()).isEqualTo(store.version());
        assertThat(json.get("storeEmpty").getAsBoolean().value()).isFalse();
    }
}
