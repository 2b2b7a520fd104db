package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

class CubeLoaderTest {

    @TempDir
    Path dir;

    final UriScheme uris = UriScheme.defaultScheme();
    final TripleStore store = TripleStore.inMemory();
    final CubeLoader loader = new CubeLoader(uris, CubeFixtures.AREAS);

    static final String CSV = """
            FeatureCode,DateCode,Measurement,Units,Value,Gender
            S01006506,2019,Count,Pupils,12,Male
            S01006506,2019,Count,Pupils,*,Female
            S01006506,2019,Ratio,Percent,45.5,All
            S01006507,2019,Count,Pupils,7,Male
            S12000033,2018/2019,Ratio,Percent,1e-1,All
            """;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void loadsObservationsInTheMeasureDimensionPattern() {
        LoadReport report = loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);

        assertThat(report.observations()).isEqualTo(5);
        assertThat(report.triples())
                .isEqualTo(store.size(uris.graph("school-meals")) + store.size(uris.metadataGraph("school-meals")));
        String obs = "http://statistics.gov.scot/data/school-meals/S01006506/2019/male/count";
        assertThat(CubeFixtures.select(store, """
                SELECT ?v WHERE { <%s> qb:dataSet <http://statistics.gov.scot/data/school-meals> ;
                   sdmx-dimension:refArea <http://statistics.gov.scot/id/statistical-geography/S01006506> ;
                   sdmx-dimension:refPeriod <http://reference.data.gov.uk/id/year/2019> ;
                   <http://statistics.gov.scot/def/dimension/gender> <http://statistics.gov.scot/def/concept/gender/male> ;
                   sdmx-attribute:unitMeasure <http://statistics.gov.scot/def/concept/measure-units/pupils> ;
                   qb:measureType ?mt . <%s> ?mt ?v . FILTER(datatype(?v) = xsd:integer) }""".formatted(obs, obs), "v")).containsExactly("12");
        assertThat(CubeFixtures.select(
                        store,
                        "SELECT ?v WHERE { ?o qb:measureType ?mt ; ?mt ?v ; sdmx-dimension:refPeriod "
                                + "<http://reference.data.gov.uk/id/government-year/2018-2019> }",
                        "v"))
                .containsExactly("0.1");
    }

    @Test
    void markerBecomesAStatusWithNoValue() {
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);
        String obs = "<http://statistics.gov.scot/data/school-meals/S01006506/2019/female/count>";
        assertThat(CubeFixtures.select(store, "SELECT ?s WHERE { " + obs + " sdmx-attribute:obsStatus ?s }", "s"))
                .containsExactly("http://statistics.gov.scot/def/concept/observation-status/suppressed");
        assertThat(CubeFixtures.ask(store, "ASK { " + obs + " qb:measureType ?mt ; ?mt ?v }"))
                .isFalse();
        assertThat(CubeFixtures.ask(store, "ASK { " + obs + " a qb:Observation }"))
                .isTrue();
    }

    @Test
    void writesStructureCodeListsAndPeriodLabels() {
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);
        assertThat(CubeFixtures.select(store, """
                SELECT ?order WHERE { <http://statistics.gov.scot/data/school-meals> qb:structure/qb:component ?c .
                  ?c qb:order ?order } ORDER BY ?order""", "order")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        // codes actually used, as the R client asks for them
        assertThat(CubeFixtures.select(store, """
                SELECT ?label WHERE { <http://statistics.gov.scot/data/school-meals> qb:structure/qb:component ?cs .
                  ?cs qb:dimension <http://statistics.gov.scot/def/dimension/gender> ; qb:codeList ?cl .
                  ?cl skos:member/rdfs:label ?label } ORDER BY ?label""", "label")).containsExactly("All", "Female", "Male");
        assertThat(CubeFixtures.select(store, """
                SELECT ?area WHERE { ?cs qb:dimension sdmx-dimension:refArea ; qb:codeList ?cl . ?cl skos:member ?area }
                ORDER BY ?area""", "area")).hasSize(3);
        assertThat(CubeFixtures.select(store, """
                SELECT ?label WHERE { GRAPH <http://statistics.gov.scot/graph/school-meals/metadata> {
                  <http://reference.data.gov.uk/id/government-year/2018-2019> rdfs:label ?label } }""", "label")).containsExactly("2018/2019");
        assertThat(CubeFixtures.select(store, """
                SELECT ?b WHERE { <http://statistics.gov.scot/def/concept/gender/male> skos:broader ?b }""", "b"))
                .containsExactly("http://statistics.gov.scot/def/concept/gender/all");
    }

    @Test
    void writesCatalogueMetadataInTheMetadataGraph() {
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);
        String g =
                "GRAPH <http://statistics.gov.scot/graph/school-meals/metadata> { <http://statistics.gov.scot/data/school-meals> ";
        assertThat(CubeFixtures.select(store, "SELECT ?t WHERE { " + g + "dcterms:title ?t } }", "t"))
                .containsExactly("School meals");
        assertThat(CubeFixtures.select(store, "SELECT ?l WHERE { " + g + "dcterms:license ?l } }", "l"))
                .containsExactly(CubeDefinition.OGL_V3);
        assertThat(CubeFixtures.select(store, "SELECT ?m WHERE { " + g + "dcterms:modified ?m } }", "m"))
                .hasSize(1);
        assertThat(CubeFixtures.select(store, "SELECT ?d WHERE { " + g + "pmdcat:nextUpdateDue ?d } }", "d"))
                .containsExactly("2021-01-15");
        assertThat(CubeFixtures.select(store, "SELECT ?c WHERE { " + g + "dcat:contactPoint ?c } }", "c"))
                .containsExactly("mailto:school.stats@gov.scot");
        assertThat(CubeFixtures.select(store, "SELECT ?p WHERE { " + g + "dcterms:publisher/rdfs:label ?p } }", "p"))
                .containsExactly("Scottish Government");
        assertThat(CubeFixtures.select(
                        store, "SELECT ?u WHERE { " + g + "dcat:distribution/dcat:downloadURL ?u } }", "u"))
                .containsExactly(
                        "http://statistics.gov.scot/downloads/cube-table?uri=http%3A%2F%2Fstatistics.gov.scot%2Fdata%2Fschool-meals");
        assertThat(CubeFixtures.select(
                        store,
                        "SELECT ?l WHERE { " + g + "dcat:theme ?t . ?t a skos:Concept ; skos:prefLabel ?l ; "
                                + "skos:inScheme <http://statistics.gov.scot/def/concept-scheme/themes> } }",
                        "l"))
                .containsExactly("Education");
        List<String> triples = CubeFixtures.select(store, "SELECT ?n WHERE { " + g + "void:triples ?n } }", "n");
        assertThat(triples).containsExactly(Long.toString(store.size(uris.graph("school-meals"))));
    }

    @Test
    void reloadKeepsObservationUrisAndReplacesTheOldVersion() {
        Path csv = CubeFixtures.write(dir, "meals.csv", CSV);
        loader.load(CubeFixtures.definition(), csv, store);
        List<String> first = CubeFixtures.select(store, "SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o", "o");
        long size = store.size(uris.graph("school-meals"));
        loader.load(CubeFixtures.definition(), csv, store);
        assertThat(CubeFixtures.select(store, "SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o", "o"))
                .isEqualTo(first);
        assertThat(store.size(uris.graph("school-meals"))).isEqualTo(size);

        Path smaller = CubeFixtures.write(
                dir,
                "meals2.csv",
                "FeatureCode,DateCode,Measurement,Units,Value,Gender\n" + "S01006506,2019,Count,Pupils,13,Male\n");
        loader.load(CubeFixtures.definition(), smaller, store);
        assertThat(CubeFixtures.select(store, "SELECT ?o WHERE { ?o a qb:Observation }", "o"))
                .hasSize(1);
        assertThat(CubeFixtures.select(
                        store, "SELECT ?v WHERE { ?o a qb:Observation ; qb:measureType ?m ; ?m ?v }", "v"))
                .containsExactly("13");
    }

    @Test
    void deleteDropsBothGraphs() {
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);
        assertThat(store.graphNames()).contains(uris.graph("school-meals"), uris.metadataGraph("school-meals"));
        loader.delete("school-meals", store);
        assertThat(store.graphNames()).doesNotContain(uris.graph("school-meals"), uris.metadataGraph("school-meals"));
        assertThat(store.size()).isZero();
    }

    @Test
    void validateReportsCountsWithoutWriting() {
        ValidationReport report = loader.validate(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV));
        assertThat(report.valid()).isTrue();
        assertThat(report.observations()).isEqualTo(5);
        assertThat(report.statuses()).containsExactly(java.util.Map.entry("suppressed", 1L));
        assertThat(report.triples()).isGreaterThan(5 * 8);
        assertThat(store.size()).isZero();
    }

    @Test
    void progressIsReportedAtTheEnd() {
        long[] last = {-1};
        boolean[] done = {false};
        loader.withProgress((rows, rate, finished) -> {
                    last[0] = rows;
                    done[0] |= finished;
                })
                .load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);
        assertThat(last[0]).isEqualTo(5);
        assertThat(done[0]).isTrue();
    }

    @Test
    void passesTheW3cIntegrityConstraints() {
        CubeFixtures.loadVocabulary(store, uris);
        // Every combination has both measures; one value is suppressed.
        String complete = """
                FeatureCode,DateCode,Measurement,Units,Value,Gender
                S01006506,2019,Count,Pupils,12,Male
                S01006506,2019,Ratio,Percent,40,Male
                S01006506,2019,Count,Pupils,*,Female
                S01006506,2019,Ratio,Percent,*,Female
                S12000033,2018/2019,Count,Pupils,1000,All
                S12000033,2018/2019,Ratio,Percent,0.1,All
                """;
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", complete), store);
        // IC-15 asks every observation for a value of its measure; a suppressed observation has a status instead
        // (the statistics.gov.scot convention), so it is the only possible offender.
        assertThat(scot.cairn.loaders.cube.ic.IntegrityConstraints.check(store, uris, "school-meals"))
                .allSatisfy(v -> {
                    assertThat(v.constraint()).isEqualTo("IC-15");
                    assertThat(v.offender()).contains("/female/");
                });
    }

    @Test
    void everyQuadIsInTheDatasetGraphs() {
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", CSV), store);
        assertThat(Set.copyOf(store.graphNames()))
                .containsExactlyInAnyOrder(uris.graph("school-meals"), uris.metadataGraph("school-meals"));
    }
}
