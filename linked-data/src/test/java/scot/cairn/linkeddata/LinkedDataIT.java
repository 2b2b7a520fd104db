package scot.cairn.linkeddata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import scot.cairn.store.TripleStore;

/** Dereferencing minted URIs over real HTTP: content negotiation, pages, escaping, 404 and 406. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinkedDataIT {
    private static final String B = LinkedDataTestApplication.BASE;

    @Value("${local.server.port}")
    int port;

    @Autowired
    TripleStore store;

    Http http() {
        return new Http(port);
    }

    /**
     * The wiring: every controller of {@link LinkedDataConfiguration} answers over real HTTP in the
     * context the application builds, beside the minted-URI routes ({@code /data} is the catalogue,
     * {@code /data/...} a dataset). What each answers is in its {@code @WebMvcTest} slice
     * ({@link CatalogueControllerTest}, {@link DownloadControllerTest},
     * {@link ReleaseCalendarControllerTest}).
     */
    @Test
    void everyControllerOfTheFeatureIsWiredBesideTheMintedUris() {
        HttpResponse<String> list = http().get("/data.json");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"count\":2");
        HttpResponse<String> download = http().get("/downloads/cube-table?uri="
                + Links.enc(LinkedDataTestApplication.BASE + "data/household-waste"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        HttpResponse<String> calendar = http().get("/calendar.csv?on=2025-06-01");
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(calendar.body()).startsWith("URI,Title,Last updated,Next update due,Status");
        assertThat(http().get("/void.ttl").statusCode()).isEqualTo(200);
        assertThat(http().get("/data/household-waste", "text/turtle").statusCode())
                .isEqualTo(200);
    }

    /** One URI of each kind the publisher mints. */
    static List<String> mintedPaths() {
        return List.of(
                "data/household-waste",
                "data/structure/household-waste",
                "data/structure/household-waste/component/wasteCategory",
                "data/household-waste/S12000008/2016/recycled/count",
                "def/code-list/household-waste/wasteCategory",
                "def/concept/waste-category/recycled",
                "def/concept-scheme/gender",
                "def/dimension/gender",
                "def/measure-properties/count",
                "def/concept/measure-units/people",
                "def/concept/observation-status/suppressed",
                "def/concept/folders/themes/population",
                "id/statistical-geography/S12000008",
                "graph/population-estimates");
    }

    static Stream<Arguments> pathsAndFormats() {
        return mintedPaths().stream()
                .flatMap(p -> Stream.of(
                        Arguments.of(p, "text/turtle", "ttl", Lang.TURTLE),
                        Arguments.of(p, "application/n-triples", "nt", Lang.NTRIPLES),
                        Arguments.of(p, "application/rdf+xml", "rdf", Lang.RDFXML),
                        Arguments.of(p, "application/ld+json", "json", Lang.JSONLD)));
    }

    @ParameterizedTest(name = "{0} as {1} and .{2}")
    @MethodSource("pathsAndFormats")
    void everyMintedUriDereferencesByAcceptAndByExtensionToTheSameTriples(
            String path, String type, String ext, Lang lang) {
        HttpResponse<String> byAccept = http().get("/" + path, type);
        assertThat(byAccept.statusCode()).as(byAccept.body()).isEqualTo(200);
        assertThat(byAccept.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        Model a = parse(byAccept.body(), lang);
        Resource subject = a.createResource(B + path);
        assertThat(a.listStatements(subject, null, (org.apache.jena.rdf.model.RDFNode) null)
                        .toList())
                .as("statements about %s", subject)
                .isNotEmpty();

        HttpResponse<String> byExtension = http().get("/" + path + "." + ext, "text/html");
        assertThat(byExtension.statusCode()).isEqualTo(200);
        assertThat(byExtension.headers().firstValue("Content-Type").orElse("")).startsWith(type);
        assertThat(parse(byExtension.body(), lang).isIsomorphicWith(a)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mintedPaths")
    void browsersGetAnHtmlPageWithTitleAlternatesAndQueryLink(String path) {
        HttpResponse<String> r =
                http().get("/" + path, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body())
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "<html lang=\"en\">",
                        "<title>",
                        "<h1>",
                        "<main>",
                        "href=\"/" + path + ".ttl\"",
                        "/sparql?query=SELECT");
        assertThat(r.body()).doesNotContain("http://localhost", "<script", "<link rel=\"stylesheet\"");
    }

    @Test
    void datasetDescriptionIncludesItsStructureAndComponents() {
        Model m = parse(http().get("/data/population-estimates.ttl").body(), Lang.TURTLE);
        Resource dsd = m.createResource(B + "data/structure/population-estimates");
        Resource genderSpec = m.createResource(B + "data/structure/population-estimates/component/gender");
        assertThat(m.contains(
                        m.createResource(B + "data/population-estimates"),
                        m.createProperty("http://purl.org/linked-data/cube#structure"),
                        dsd))
                .isTrue();
        assertThat(m.contains(dsd, m.createProperty("http://purl.org/linked-data/cube#component"), genderSpec))
                .isTrue();
        assertThat(m.contains(
                        genderSpec,
                        m.createProperty("http://purl.org/linked-data/cube#codeList"),
                        m.createResource(B + "def/code-list/population-estimates/gender")))
                .isTrue();
        // labels of the objects come along, so a client can show the page without more requests
        assertThat(m.contains(
                        m.createResource(B + "id/organisation/nrs"),
                        m.createProperty("http://www.w3.org/2000/01/rdf-schema#label"),
                        "National Records of Scotland"))
                .isTrue();
    }

    @Test
    void datasetPageShowsMetadataStructureAndDownloadLinks() {
        String html = http().get("/data/household-waste", "text/html").body();
        assertThat(html)
                .contains(
                        "<h1>Household waste</h1>",
                        "href=\"/downloads/cube-table?uri=http%3A%2F%2Fdata.example.scot%2Fdata%2Fhousehold-waste\"",
                        "href=\"/slice/observations.json?dataset=http%3A%2F%2Fdata.example.scot%2Fdata%2Fhousehold-waste\"",
                        "href=\"/downloads/dataset.nt?uri=http%3A%2F%2Fdata.example.scot%2Fdata%2Fhousehold-waste\"",
                        "<caption>Components of Household waste structure</caption>",
                        "<a href=\"/def/dimension/wasteCategory\">Waste Category</a>",
                        "<a href=\"/def/code-list/household-waste/wasteCategory\">Waste Category codes</a>",
                        "Scottish Environment Protection Agency",
                        "2025-05-01",
                        "<a href=\"/datasets/household-waste\">Explore this dataset");
    }

    @Test
    void textFromTheStoreIsEscapedInPages() {
        String dataset = http().get("/data/household-waste", "text/html").body();
        assertThat(dataset)
                .contains("&lt;b&gt;Not bold&lt;/b&gt; &amp; &quot;quoted&quot;")
                .doesNotContain("<b>Not bold</b>");
        String area =
                http().get("/id/statistical-geography/S08000015", "text/html").body();
        assertThat(area).contains("<h1>Ayrshire &amp; Arran</h1>").doesNotContain("Ayrshire & Arran");
    }

    @Test
    void areaPageListsParentsChildrenOneLevelDownAndDatasetsWithData() {
        String council =
                http().get("/id/statistical-geography/S12000008", "text/html").body();
        assertThat(council).contains("<a href=\"/areas/S12000008\">Browse this area and its datasets</a>");
        assertThat(section(council, "Within")).contains("(S08000015)", "(S92000003)");
        assertThat(section(council, "Areas one level down"))
                .contains("(S02001236)")
                .doesNotContain("S01006506");
        assertThat(section(council, "Datasets with data for this area"))
                .contains(">Household waste<", ">Population estimates<");

        String scotland =
                http().get("/id/statistical-geography/S92000003", "text/html").body();
        assertThat(section(scotland, "Areas one level down"))
                .contains("(S08000015)")
                .doesNotContain("S12000008", "S01006506");

        String dataZone =
                http().get("/id/statistical-geography/S01006506", "text/html").body();
        assertThat(section(dataZone, "Areas one level down")).contains("No smaller areas");
        assertThat(section(dataZone, "Datasets with data for this area"))
                .contains(">Population estimates<")
                .doesNotContain("Household waste");

        String healthBoard =
                http().get("/id/statistical-geography/S08000015", "text/html").body();
        assertThat(section(healthBoard, "Areas one level down")).contains("(S12000008)", "(S12000021)");
        // only the suppressed observation refers to the health board
        assertThat(section(healthBoard, "Datasets with data for this area")).contains(">Household waste<");
    }

    @Test
    void anArchivedAreaSaysWhenItsCodeEndedAndWhatReplacedItAndIsNoOnesPartToday() {
        String page =
                http().get("/id/statistical-geography/S08000099", "text/html").body();
        assertThat(page)
                .contains("<h1>Ayrshire &amp; Arran (to 2014; boundary changed)</h1>")
                .contains(
                        "This code is archived: it was in force until 2014-03-31. It was replaced by Ayrshire &amp; Arran (S08000015), "
                                + "whose boundary is different, so figures published for this code are kept apart from theirs.");
        assertThat(section(page, "Within")).contains("(S92000003)");
        String scotland =
                http().get("/id/statistical-geography/S92000003", "text/html").body();
        assertThat(section(scotland, "Areas one level down"))
                .contains("(S08000015)")
                .doesNotContain("S08000099");
        Model m = parse(http().get("/id/statistical-geography/S08000099.nt").body(), Lang.NTRIPLES);
        assertThat(m.contains(
                        m.createResource(B + "id/statistical-geography/S08000099"),
                        m.createProperty("http://purl.org/dc/terms/isReplacedBy"),
                        m.createResource(B + "id/statistical-geography/S08000015")))
                .isTrue();
    }

    @Test
    void observationDereferencesWithItsValueAndDimensionLabels() {
        Model m = parse(
                http().get("/data/household-waste/S12000021/2017/landfilled/count.nt")
                        .body(),
                Lang.NTRIPLES);
        Resource obs = m.createResource(B + "data/household-waste/S12000021/2017/landfilled/count");
        assertThat(m.getRequiredProperty(obs, m.createProperty(B + "def/measure-properties/count"))
                        .getInt())
                .isEqualTo(2107);
        assertThat(m.contains(
                        m.createResource(B + "def/concept/waste-category/landfilled"),
                        m.createProperty("http://www.w3.org/2000/01/rdf-schema#label"),
                        "Landfilled"))
                .isTrue();
    }

    @Test
    void unknownUriIs404WithPlainMessage() {
        HttpResponse<String> r = http().get("/data/no-such-dataset", "text/turtle");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body().strip()).isEqualTo("No description of " + B + "data/no-such-dataset");
        assertThat(http().get("/id/statistical-geography/S99999999.ttl").statusCode())
                .isEqualTo(404);
        assertThat(http().get("/def/concept/gender/unknown", "text/html").statusCode())
                .isEqualTo(404);
    }

    @Test
    void unacceptableFormatIs406NamingTheOfferedOnes() {
        HttpResponse<String> r = http().get("/data/household-waste", "image/png");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("text/turtle", "application/ld+json");
    }

    @Test
    void qualityValuesDecideBetweenFormats() {
        HttpResponse<String> r = http().get("/def/dimension/gender", "text/html;q=0.5, application/n-triples");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/n-triples");
        HttpResponse<String> curl = http().get("/def/dimension/gender", "*/*");
        assertThat(curl.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void aPublicationChangesWhatCachedUrisReturn() {
        String path = "/def/concept/gender/female";
        assertThat(http().get(path + ".nt").body()).doesNotContain("Weiblich");
        assertThat(http().get(path, "text/html").body()).doesNotContain("Weiblich");
        org.apache.jena.graph.Node g = org.apache.jena.graph.NodeFactory.createURI(B + "graph/cache-test");
        store.write(dsg -> dsg.add(
                g,
                org.apache.jena.graph.NodeFactory.createURI(B + "def/concept/gender/female"),
                org.apache.jena.vocabulary.SKOS.altLabel.asNode(),
                org.apache.jena.graph.NodeFactory.createLiteralString("Weiblich")));
        try {
            assertThat(http().get(path + ".nt").body()).contains("\"Weiblich\"");
            assertThat(http().get(path, "text/html").body()).contains("Weiblich");
        } finally {
            store.dropGraphs(List.of(g.getURI()));
        }
        assertThat(http().get(path + ".nt").body()).doesNotContain("Weiblich");
    }

    /** The HTML between {@code <h2>heading</h2>} and the next heading. */
    static String section(String html, String heading) {
        int start = html.indexOf("<h2>" + heading + "</h2>");
        assertThat(start).as("section %s", heading).isNotNegative();
        int end = html.indexOf("<h2>", start + 4);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    static Model parse(String body, Lang lang) {
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(body, lang).base("http://base.invalid/").parse(m);
        return m;
    }
}
