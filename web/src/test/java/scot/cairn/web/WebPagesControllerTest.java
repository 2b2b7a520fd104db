package scot.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.RequestDispatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The catalogue and dataset pages ({@link CataloguePages}, {@link DatasetPages}) with the error
 * pages ({@link ErrorPages}) in a {@code @WebMvcTest} slice over the bundled examples, loaded as
 * {@link WebReadersTest} loads them; the full context is the browser tests' and the server's.
 */
@WebMvcTest
@ContextConfiguration(
        classes = {WebPagesControllerTest.Examples.class, CataloguePages.class, DatasetPages.class, ErrorPages.class})
class WebPagesControllerTest {
    private static final String MEALS = "Free School Meal Registrations (example)";
    private static final String TAX = "Council Tax Collection (example)";

    @Autowired
    MockMvc mvc;

    /** What the application gives the pages: the example geography and datasets in an in-memory store. */
    @Configuration(proxyBeanMethods = false)
    static class Examples {
        @Bean
        UriScheme uriScheme() {
            return UriScheme.defaultScheme();
        }

        @Bean(destroyMethod = "close")
        TripleStore tripleStore(UriScheme uris) throws Exception {
            TripleStore store = TripleStore.inMemory();
            Path examples = WebReadersTest.EXAMPLES;
            new GeographyLoader(uris).load(examples.resolve("geography/example-lookup.csv"), store);
            CubeLoader loader = new CubeLoader(uris, AreaDirectory.of(Geography.fromStore(store, uris)));
            try (Stream<Path> defs = Files.list(examples.resolve("datasets"))) {
                for (Path def : defs.filter(p -> p.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    loader.load(CubeDefinition.read(def), Path.of(def.toString().replace(".yaml", ".csv")), store);
                }
            }
            return store;
        }

        @Bean
        StoreGeography storeGeography(TripleStore store, UriScheme uris) {
            return new StoreGeography(store, uris);
        }

        @Bean
        CatalogueReader catalogueReader(TripleStore store, UriScheme uris) {
            return new CatalogueReader(store, uris);
        }

        @Bean
        DatasetReader datasetReader(TripleStore store, UriScheme uris, StoreGeography geography) {
            return new DatasetReader(store, uris, geography);
        }

        @Bean
        AreaReader areaReader(TripleStore store, UriScheme uris, StoreGeography geography, CatalogueReader catalogue) {
            return new AreaReader(store, uris, geography, catalogue);
        }

        @Bean
        ProfileOffer profileOffer(CatalogueReader catalogue, StoreGeography geography) {
            return new ProfileOffer(catalogue, geography);
        }
    }

    @Test
    void theCatalogueIsHtmlListingBothExampleDatasets() throws Exception {
        MockHttpServletResponse r =
                mvc.perform(get("/").accept(MediaType.TEXT_HTML)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).startsWith("text/html");
        assertThat(r.getContentAsString())
                .contains("<h1>Find statistics</h1>")
                .contains("href=\"/datasets/free-school-meals\">" + MEALS + "</a>")
                .contains("href=\"/datasets/council-tax-collection\">" + TAX + "</a>");
    }

    @Test
    void theCatalogueSearchNarrowsTheList() throws Exception {
        String body = mvc.perform(get("/").param("q", "meals"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).contains(MEALS).doesNotContain(TAX);
    }

    @Test
    void aDatasetPageHasItsTitle() throws Exception {
        MockHttpServletResponse r =
                mvc.perform(get("/datasets/free-school-meals")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).startsWith("text/html");
        assertThat(r.getContentAsString()).contains("<h1>" + MEALS + "</h1>");
    }

    @Test
    void anUnknownDatasetIs404WithThePlainMessageOfTheErrorPages() throws Exception {
        MockHttpServletResponse r =
                mvc.perform(get("/datasets/no-such-thing")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(r.getErrorMessage()).isEqualTo("No dataset no-such-thing");
        // MockMvc has no container to forward the error to /error: forward it as Tomcat would
        MockHttpServletResponse page = mvc.perform(get("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, r.getStatus())
                        .requestAttr(RequestDispatcher.ERROR_MESSAGE, r.getErrorMessage())
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/datasets/no-such-thing"))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(404);
        assertThat(page.getContentType()).startsWith("text/plain");
        assertThat(page.getContentAsString()).isEqualTo("404 Not Found: No dataset no-such-thing\n");
    }

    @Test
    void hostileSliceParametersAreReadAsNotesNotFailures() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/datasets/free-school-meals")
                        .param("level", "<script>no-level</script>")
                        .param("within", "S99999999")
                        .param("chartArea", "x".repeat(5000))
                        .param("areaCodes", "NOT-A-CODE"))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentAsString()).contains("<h1>" + MEALS + "</h1>").doesNotContain("<script>no-level");
    }

    @Test
    void a400IsGivenInPlainWordsNotAs500() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/error")
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                        .requestAttr(RequestDispatcher.ERROR_MESSAGE, "Required parameter 'x' is not present.")
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/datasets/free-school-meals")
                        .accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentType()).startsWith("text/html");
        assertThat(page.getContentAsString())
                .contains("<h1>Bad request</h1>")
                .contains("Required parameter &#39;x&#39; is not present.");
    }
}
