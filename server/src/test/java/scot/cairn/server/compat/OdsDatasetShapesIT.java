package scot.cairn.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.server.PublisherUnderTest;
import scot.cairn.server.compat.OdsShapes.Filter;
import scot.cairn.store.TripleStore;

/**
 * Every filter combination opendatascot's ods_dataset() builds, on the bundled example datasets of
 * a fresh server, answers exactly as plain ARQ on the same store ({@link OdsShapes}); the same on
 * the real NRS population file is {@link NrsPopulationShapesIT}.
 */
class OdsDatasetShapesIT {
    static Path dataDir;
    static ConfigurableApplicationContext app;
    static OdsShapes shapes;

    @BeforeAll
    static void startWithTheBundledExamples() throws IOException {
        dataDir = Path.of("target/ods-shapes-it", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dataDir);
        app = PublisherUnderTest.start(dataDir, "--cairn.sparql.cache-bytes=0");
        shapes = new OdsShapes(new RClientHttp(PublisherUnderTest.port(app)), app.getBean(TripleStore.class));
    }

    @AfterAll
    static void stop() throws IOException {
        PublisherUnderTest.stop(app, dataDir);
    }

    @Test
    void dataZoneDatasetEveryFilterCombination() {
        List<String> dims = shapes.dimensions("free-school-meals");
        List<Filter> filters = List.of(
                Filter.level("S01"),
                new Filter("refArea", List.of("S01006506", "S01006510")),
                new Filter("refPeriod", List.of("2022")),
                new Filter("measureType", List.of("count")),
                new Filter("gender", List.of("female")));
        int nonEmpty = 0;
        for (List<Filter> combination : OdsShapes.combinations(filters)) {
            nonEmpty += shapes.assertSameAsPlainArq("free-school-meals", dims, combination) > 0 ? 1 : 0;
        }
        // every combination selects something in this dataset: the comparison is never of two empty answers
        assertThat(nonEmpty).isEqualTo(31);
        // 'male$' also matches female: the answer is what the query says
        assertThat(shapes.assertSameAsPlainArq(
                        "free-school-meals", dims, List.of(new Filter("gender", List.of("male")), Filter.level("S01"))))
                .isGreaterThan(shapes.assertSameAsPlainArq(
                        "free-school-meals", dims, List.of(new Filter("gender", List.of("female")))));
    }

    /**
     * The aggregates the store answers from per-dataset summaries (COUNT and SUM by each dimension,
     * by area level through a BIND or a level filter, with a constant dimension value), sent to
     * the endpoint on each example dataset, answer as plain ARQ does.
     */
    @Test
    void aggregatesOverEachExampleDatasetAnswerAsPlainArq() {
        String qb = "http://purl.org/linked-data/cube#";
        String geography = "http://statistics.gov.scot/id/statistical-geography/";
        int nonEmpty = 0;
        for (String slug : List.of("free-school-meals", "council-tax-collection")) {
            String ds = "?o <" + qb + "dataSet> <http://statistics.gov.scot/data/" + slug + "> ";
            List<String> dims = shapes.dimensions(slug);
            List<String> measures =
                    shapes.values("select distinct ?x where { " + ds + "; <" + qb + "measureType> ?x }");
            assertThat(measures).isNotEmpty();
            String area = "<http://purl.org/linked-data/sdmx/2009/dimension#refArea>";
            List<String> queries = new ArrayList<>();
            queries.add("select ?level (count(*) as ?n) where { " + ds + "; " + area + " ?a . "
                    + "bind(substr(strafter(str(?a), '" + geography + "'), 1, 3) as ?level) } group by ?level");
            for (String dim : dims) {
                if (dim.endsWith("refArea")) {
                    continue;
                }
                queries.add("select ?d (count(?o) as ?n) where { " + ds + "; <" + dim + "> ?d } group by ?d");
                for (String m : measures) {
                    queries.add("select ?d (sum(?v) as ?s) (count(*) as ?n) where { " + ds + "; <" + dim + "> ?d ; <"
                            + m + "> ?v } group by ?d");
                    queries.add("select ?d (sum(?v) as ?s) where { " + ds + "; <" + dim + "> ?d ; " + area + " ?a ; <"
                            + m + "> ?v . filter(strstarts(strafter(str(?a), '" + geography
                            + "'), 'S12')) } group by ?d");
                    queries.add("select ?d (sum(?v) as ?s) where { " + ds + "; <" + dim + "> ?d ; <" + qb
                            + "measureType> <" + m + "> ; <" + m + "> ?v } group by ?d");
                }
            }
            for (String q : queries) {
                nonEmpty += shapes.assertSameAsPlainArq(q) > 0 ? 1 : 0;
            }
        }
        assertThat(nonEmpty).isGreaterThan(10);
    }

    @Test
    void councilDatasetEveryFilterCombination() {
        List<String> dims = shapes.dimensions("council-tax-collection");
        List<Filter> filters = List.of(
                Filter.level("S12"),
                new Filter("refArea", List.of("S12000033", "S92000003")),
                new Filter("refPeriod", List.of("2020-2021")),
                new Filter("measureType", List.of("percent")));
        int nonEmpty = 0;
        for (List<Filter> combination : OdsShapes.combinations(filters)) {
            nonEmpty += shapes.assertSameAsPlainArq("council-tax-collection", dims, combination) > 0 ? 1 : 0;
        }
        assertThat(nonEmpty).isEqualTo(15);
    }
}
