package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.store.TripleStore;

/**
 * The dataset list, the DCAT catalogue and the VoID description: {@link CatalogueController} alone
 * in a {@code @WebMvcTest} slice on the fixture's store (its wiring is {@link LinkedDataIT}'s).
 */
@WebMvcTest
@ContextConfiguration(classes = {LinkedDataFixture.class, CatalogueController.class})
class CatalogueControllerTest {
    private static final String B = LinkedDataTestApplication.BASE;
    private static final String WASTE = B + "data/household-waste";
    private static final String POPULATION = B + "data/population-estimates";

    @Autowired
    MockMvc mvc;

    @Autowired
    TripleStore store;

    SliceHttp http() {
        return new SliceHttp(mvc);
    }

    @Test
    void listAsJsonHasTheUserFacingFieldsOfEveryDataset() throws IOException {
        HttpResponse<String> r = http().get("/data", "application/json");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode js = new ObjectMapper().readTree(r.body());
        assertThat(js.get("count").asInt()).isEqualTo(2);
        JsonNode waste = js.get("datasets").get(0);
        assertThat(waste.get("uri").asText()).isEqualTo(WASTE);
        assertThat(waste.get("title").asText()).isEqualTo("Household waste");
        assertThat(waste.get("publisher").get(0).get("label").asText())
                .isEqualTo("Scottish Environment Protection Agency");
        assertThat(waste.get("theme").get(0).get("label").asText()).isEqualTo("Environment");
        assertThat(waste.get("modified").asText()).isEqualTo("2024-05-01");
        assertThat(waste.get("nextUpdateDue").asText()).isEqualTo("2025-05-01");
        assertThat(js.get("datasets").get(1).get("uri").asText()).isEqualTo(POPULATION);
    }

    @Test
    void listFiltersByThemePublisherAndText() throws IOException {
        assertThat(uris("/data.json?theme=population")).containsExactly(POPULATION);
        assertThat(uris("/data.json?theme=" + Links.enc(B + "def/concept/folders/themes/environment")))
                .containsExactly(WASTE);
        assertThat(uris("/data.json?publisher=" + Links.enc("National Records of Scotland")))
                .containsExactly(POPULATION);
        assertThat(uris("/data.json?publisher=" + Links.enc(B + "id/organisation/sepa")))
                .containsExactly(WASTE);
        assertThat(uris("/data.json?q=GENDER+mid-year")).containsExactly(POPULATION);
        assertThat(uris("/data.json?q=waste&theme=population")).isEmpty();
        assertThat(uris("/data.json")).containsExactly(WASTE, POPULATION);
    }

    @Test
    void listAsCsvByAcceptAndByExtension() {
        String expected = "URI,Title,Publisher,Theme,Issued,Modified,Next update due,Licence\r\n"
                + POPULATION
                + ",Population estimates,National Records of Scotland,Population,2018-08-01,2024-08-01,2025-08-01,"
                + "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\r\n";
        HttpResponse<String> byAccept = http().get("/data?theme=population", "text/csv");
        assertThat(byAccept.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(byAccept.body()).isEqualTo(expected);
        assertThat(http().get("/data.csv?theme=population").body()).isEqualTo(expected);
    }

    @Test
    void listAsHtmlIsEscapedAndKeepsTheFilterInTheForm() {
        HttpResponse<String> r = http().get("/data?q=%3Cscript%3E", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("value=\"&lt;script&gt;\"", "0 of 2 datasets")
                .doesNotContain("<script>");
        String all = http().get("/data").body();
        assertThat(all)
                .contains(
                        "<a href=\"/data/household-waste\">Household waste</a>",
                        "2 of 2 datasets",
                        "<label for=\"theme\">Theme</label>",
                        "<option value=\"population\">Population</option>");
    }

    @Test
    void dcatCatalogueListsEveryDatasetWithDistributions() {
        for (String[] f : new String[][] {{"text/turtle", "ttl"}, {"application/ld+json", "json"}}) {
            Lang lang = f[1].equals("ttl") ? Lang.TURTLE : Lang.JSONLD;
            Model byAccept = LinkedDataIT.parse(http().get("/catalogue", f[0]).body(), lang);
            Model byExtension =
                    LinkedDataIT.parse(http().get("/catalogue." + f[1]).body(), lang);
            assertThat(byAccept.isIsomorphicWith(byExtension)).isTrue();
            Resource catalog = byAccept.createResource(B + "catalogue");
            assertThat(byAccept.contains(
                            catalog, RDF.type, byAccept.createResource("http://www.w3.org/ns/dcat#Catalog")))
                    .isTrue();
            Property dataset = byAccept.createProperty("http://www.w3.org/ns/dcat#dataset");
            assertThat(byAccept.listObjectsOfProperty(catalog, dataset).toList())
                    .containsExactlyInAnyOrder(byAccept.createResource(WASTE), byAccept.createResource(POPULATION));
            Property distribution = byAccept.createProperty("http://www.w3.org/ns/dcat#distribution");
            Property downloadUrl = byAccept.createProperty("http://www.w3.org/ns/dcat#downloadURL");
            List<String> urls = new ArrayList<>();
            byAccept.listObjectsOfProperty(byAccept.createResource(WASTE), distribution)
                    .forEachRemaining(d -> urls.add(
                            d.asResource().getPropertyResourceValue(downloadUrl).getURI()));
            assertThat(urls).contains(B + "downloads/cube-table?uri=" + Links.enc(WASTE));
        }
        assertThat(http().get("/catalogue", "text/html").body())
                .contains("<h1>Catalogue of datasets</h1>", "href=\"/data/household-waste\"");
    }

    @Test
    void voidCountsEqualTheActualGraphSizes() {
        Model m = LinkedDataIT.parse(http().get("/void", "text/turtle").body(), Lang.TURTLE);
        Property triples = m.createProperty("http://rdfs.org/ns/void#triples");
        for (String slug : List.of("household-waste", "population-estimates")) {
            long expected = store.size(B + "graph/" + slug) + store.size(B + "graph/" + slug + "/metadata");
            assertThat(m.getRequiredProperty(m.createResource(B + "data/" + slug), triples)
                            .getLong())
                    .as(slug)
                    .isEqualTo(expected);
        }
        Resource all = m.createResource(B + "void");
        assertThat(m.getRequiredProperty(all, triples).getLong()).isEqualTo(store.size());
        assertThat(m.getRequiredProperty(all, m.createProperty("http://rdfs.org/ns/void#sparqlEndpoint"))
                        .getResource()
                        .getURI())
                .isEqualTo(B + "sparql");
        assertThat(m.listObjectsOfProperty(all, m.createProperty("http://rdfs.org/ns/void#subset"))
                        .toList())
                .hasSize(2);
        assertThat(LinkedDataIT.parse(http().get("/void.nt").body(), Lang.NTRIPLES)
                        .isIsomorphicWith(m))
                .isTrue();
    }

    @Test
    void voidCountsFollowAPublication() {
        String graph = B + "graph/extra-test-graph";
        long before = LinkedDataIT.parse(http().get("/void.ttl").body(), Lang.TURTLE)
                .getRequiredProperty(
                        org.apache.jena.rdf.model.ResourceFactory.createResource(B + "void"),
                        org.apache.jena.rdf.model.ResourceFactory.createProperty("http://rdfs.org/ns/void#triples"))
                .getLong();
        store.write(dsg -> dsg.add(
                org.apache.jena.graph.NodeFactory.createURI(graph),
                org.apache.jena.graph.NodeFactory.createURI(B + "id/thing"),
                RDF.type.asNode(),
                RDF.Property.asNode()));
        try {
            long after = LinkedDataIT.parse(http().get("/void.ttl").body(), Lang.TURTLE)
                    .getRequiredProperty(
                            org.apache.jena.rdf.model.ResourceFactory.createResource(B + "void"),
                            org.apache.jena.rdf.model.ResourceFactory.createProperty("http://rdfs.org/ns/void#triples"))
                    .getLong();
            assertThat(after).isEqualTo(before + 1);
        } finally {
            store.dropGraphs(List.of(graph));
        }
    }

    private List<String> uris(String path) throws IOException {
        JsonNode js = new ObjectMapper().readTree(http().get(path).body());
        List<String> out = new ArrayList<>();
        js.get("datasets").forEach(d -> out.add(d.get("uri").asText()));
        return out;
    }
}
