package scot.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.AreaPage;
import scot.cairn.web.WebModel.DatasetDetail;
import scot.cairn.web.WebModel.DatasetSummary;
import scot.cairn.web.WebModel.Level;
import scot.cairn.web.WebModel.Point;
import scot.cairn.web.WebModel.Ref;
import scot.cairn.web.WebModel.Row;

/** What the pages read, over the bundled example geography and datasets loaded as the server loads them. */
class WebReadersTest {
    static final Path EXAMPLES = Path.of("../examples/data");
    static final String AREA = SliceChoice.AREA;
    static final String PERIOD = SliceChoice.PERIOD;
    static final String MEASURE = SliceChoice.MEASURE;
    static final String DZ = "http://statistics.gov.scot/id/statistical-geography/S01006506";
    static final String COUNT = "http://statistics.gov.scot/def/measure-properties/count";
    static final String COLLECTIONS = UriScheme.defaultScheme().collection("");

    static TripleStore store;
    static CatalogueReader catalogue;
    static DatasetReader datasets;
    static AreaReader areas;

    @BeforeAll
    static void load() throws Exception {
        UriScheme uris = UriScheme.defaultScheme();
        store = TripleStore.inMemory();
        new GeographyLoader(uris).load(EXAMPLES.resolve("geography/example-lookup.csv"), store);
        CubeLoader loader = new CubeLoader(uris, AreaDirectory.of(Geography.fromStore(store, uris)));
        try (Stream<Path> defs = Files.list(EXAMPLES.resolve("datasets"))) {
            for (Path def :
                    defs.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                loader.load(CubeDefinition.read(def), Path.of(def.toString().replace(".yaml", ".csv")), store);
            }
        }
        catalogue = new CatalogueReader(store, uris);
        StoreGeography geography = new StoreGeography(store, uris);
        datasets = new DatasetReader(store, uris, geography);
        areas = new AreaReader(store, uris, geography, catalogue);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theCatalogueListsEachDatasetWithTheLevelsItsAreasAreAt() {
        List<DatasetSummary> all = catalogue.catalogue();
        assertThat(all).extracting(DatasetSummary::slug).containsExactly("council-tax-collection", "free-school-meals");
        assertThat(all.get(0).levels()).extracting(Level::name).containsExactly("council-areas", "countries");
        assertThat(all.get(1).levels()).extracting(Level::name).containsExactly("data-zones-2011");
        assertThat(all.get(1).nextUpdateDue()).isEqualTo("2025-06-01");
        assertThat(all.get(1).themes()).extracting(Ref::code).containsExactly("education");
        assertThat(all.get(1).lastUpdated()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void searchFiltersByWordsThemeLevelAndPublisher() {
        assertThat(catalogue.search("meals", null, null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search("MEALS pupils", "", "", ""))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search(null, "education", null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search(null, null, "council-areas", null))
                .extracting(DatasetSummary::slug)
                .containsExactly("council-tax-collection");
        assertThat(catalogue.search(null, null, null, "http://statistics.gov.scot/id/organisation/cairn-examples"))
                .hasSize(2);
        assertThat(catalogue.search("meals", "local-government", null, null)).isEmpty();
        assertThat(catalogue.levelFacet())
                .extracting(Level::name)
                .containsExactly("data-zones-2011", "council-areas", "countries");
    }

    @Test
    void aDatasetShowsItsStructureWithCodesAndUnits() {
        DatasetDetail d = datasets.dataset("free-school-meals").orElseThrow();
        assertThat(d.areas())
                .hasSize(21)
                .allSatisfy(a -> assertThat(a.level().name()).isEqualTo("data-zones-2011"));
        assertThat(d.periods()).extracting(Ref::label).containsExactly("2021", "2022", "2023");
        assertThat(d.measures())
                .extracting(m -> m.label() + ":" + m.unitLabels())
                .containsExactlyInAnyOrder("Count:Pupils", "Ratio:Percent");
        assertThat(d.dimensions()).singleElement().satisfies(dim -> {
            assertThat(dim.label()).isEqualTo("Sex");
            assertThat(dim.codes()).extracting(Ref::label).containsExactlyInAnyOrder("All", "Female", "Male");
        });
        assertThat(d.qualityNotes()).contains("Counts under 5");
        assertThat(d.source()).isEmpty(); // the example definition names no source
        assertThat(datasets.dataset("no-such-dataset")).isEmpty();
        assertThat(datasets.dataset("../etc")).isEmpty();
    }

    @Test
    void aSlicePreviewHoldsTheChosenObservationsWithSuppressedValuesKept() {
        DatasetDetail d = datasets.dataset("free-school-meals").orElseThrow();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put(AREA, List.of(DZ));
        filters.put(PERIOD, List.of("http://reference.data.gov.uk/id/year/2022"));
        filters.put(MEASURE, List.of(COUNT));
        List<Row> rows = datasets.preview(d, filters, 100);
        // From free-school-meals.csv: S01006506,2022,Count: All 7, Female 5, Male * (suppressed)
        assertThat(rows)
                .extracting(r -> r.area().code() + " " + r.period() + " "
                        + r.others().get(0) + " " + r.measure() + " " + r.value() + " " + r.unit())
                .containsExactly(
                        "S01006506 2022 All Count 7 Pupils",
                        "S01006506 2022 Female Count 5 Pupils",
                        "S01006506 2022 Male Count  Pupils");
        assertThat(rows.get(2).status()).isNotBlank();
        assertThat(datasets.preview(d, Map.of(), 10)).hasSize(10);
    }

    @Test
    void theSliceQueryShownOnThePageFetchesTheSameObservations() {
        DatasetDetail d = datasets.dataset("free-school-meals").orElseThrow();
        Map<String, List<String>> filters = new LinkedHashMap<>();
        filters.put(AREA, List.of(DZ, "http://statistics.gov.scot/id/statistical-geography/S01006507"));
        filters.put(MEASURE, List.of(COUNT));
        int previewed = datasets.preview(d, filters, 1000).size();
        SliceChoice slice = new SliceChoice(filters, "", null, null, null, "", List.of(), List.of());
        String select = SliceQuery.sparql(d, slice, COLLECTIONS);
        int selected = store.read(dsg -> {
            // SPARQL's default graph on the public endpoint is the union of all graphs.
            try (QueryExecution qe = QueryExecutionFactory.create(
                    select, org.apache.jena.rdf.model.ModelFactory.createModelForGraph(dsg.getUnionGraph()))) {
                return ResultSetFormatter.consume(qe.execSelect());
            }
        });
        assertThat(previewed).isEqualTo(2 * 3 * 3); // 2 areas x 3 years x 3 sexes
        assertThat(selected).isEqualTo(previewed);
        org.apache.jena.query.QueryFactory.create(SliceQuery.construct(d, slice, COLLECTIONS));
    }

    @Test
    void aLevelFilterIsWrittenAsCollectionMembershipInTheShownQuery() {
        DatasetDetail d = datasets.dataset("council-tax-collection").orElseThrow();
        List<String> councils = d.areas().stream()
                .filter(a -> a.level().name().equals("council-areas"))
                .map(Area::uri)
                .toList();
        assertThat(councils).hasSize(2);
        Map<String, List<String>> filters = Map.of(AREA, councils);
        String collection = UriScheme.defaultScheme().collection("council-areas");
        SliceChoice slice = new SliceChoice(filters, "council-areas", null, null, collection, "", List.of(), List.of());
        String select = SliceQuery.sparql(d, slice, COLLECTIONS);
        assertThat(select).contains("foi/memberOf> <" + collection + ">").doesNotContain("VALUES ?area");
        int selected = store.read(dsg -> {
            try (QueryExecution qe = QueryExecutionFactory.create(
                    select, org.apache.jena.rdf.model.ModelFactory.createModelForGraph(dsg.getUnionGraph()))) {
                return ResultSetFormatter.consume(qe.execSelect());
            }
        });
        int previewed = datasets.preview(d, filters, 1000).size();
        assertThat(previewed).isPositive();
        assertThat(selected).isEqualTo(previewed);
        long constructed = store.read(dsg -> {
            try (QueryExecution qe = QueryExecutionFactory.create(
                    SliceQuery.construct(d, slice, COLLECTIONS),
                    org.apache.jena.rdf.model.ModelFactory.createModelForGraph(dsg.getUnionGraph()))) {
                return qe.execConstruct().listSubjects().toList().size();
            }
        });
        assertThat(constructed).isEqualTo(previewed);
    }

    @Test
    void theDataZonesOfACouncilAreListedForTheLocalityPicker() {
        assertThat(areas.areasWithin("S12000033", scot.cairn.vocab.AreaLevel.DATA_ZONE))
                .extracting(Area::code)
                .contains("S01006506")
                .allSatisfy(c -> assertThat(c).startsWith("S01"))
                .hasSize(12);
        assertThat(areas.areasWithin("nonsense code", scot.cairn.vocab.AreaLevel.DATA_ZONE))
                .isEmpty();
    }

    @Test
    void aTimeSeriesHasOneValuePerPeriodAndMarksMissingValues() {
        DatasetDetail d = datasets.dataset("free-school-meals").orElseThrow();
        String sex = d.dimensions().get(0).uri();
        List<Point> all =
                datasets.series(d, DZ, COUNT, Map.of(sex, "http://statistics.gov.scot/def/concept/gender/all"));
        assertThat(all).extracting(p -> p.period() + "=" + p.shown()).containsExactly("2021=8", "2022=7", "2023=6");
        List<Point> male =
                datasets.series(d, DZ, COUNT, Map.of(sex, "http://statistics.gov.scot/def/concept/gender/male"));
        assertThat(male).extracting(Point::shown).containsOnly("not available");
    }

    @Test
    void anAreaPageListsWhatContainsItWhatItContainsAndItsDatasets() {
        AreaPage dz = areas.area("S01006506").orElseThrow();
        assertThat(dz.area().name()).isEqualTo("Culter - 01");
        assertThat(dz.within()).extracting(Area::code).contains("S92000003", "S12000033", "S02001236");
        assertThat(dz.within().get(0).code()).isEqualTo("S92000003");
        assertThat(dz.children()).isEmpty();
        assertThat(dz.datasets())
                .extracting(x -> x.dataset().slug() + ": " + x.coverage())
                .containsExactly("free-school-meals: figures for Culter - 01");

        AreaPage council = areas.area("S12000033").orElseThrow();
        assertThat(council.children())
                .extracting(g -> g.level().name())
                .containsExactly("intermediate-zones-2011", "electoral-wards");
        // the council itself first, then the datasets of the areas inside it (here its 12 data zones)
        assertThat(council.datasets())
                .extracting(x -> x.dataset().slug() + ": " + x.coverage())
                .containsExactly(
                        "council-tax-collection: figures for Aberdeen City",
                        "free-school-meals: figures for its 12 data zones");

        AreaPage scotland = areas.area("S92000003").orElseThrow();
        assertThat(scotland.children().get(0).areas())
                .extracting(Area::name)
                .containsExactly("Aberdeen City", "City of Edinburgh");
        assertThat(areas.area("S99999999")).isEmpty();
        assertThat(areas.area("<script>")).isEmpty();
    }

    @Test
    void theLevelsWithBoundariesAreThoseWhoseBoundaryGraphHoldsGeometries() {
        UriScheme uris = UriScheme.defaultScheme();
        TripleStore own = TripleStore.inMemory();
        new GeographyLoader(uris).load(EXAMPLES.resolve("geography/example-lookup.csv"), own);
        AreaReader web = new AreaReader(own, uris, new StoreGeography(own, uris), new CatalogueReader(own, uris));
        assertThat(web.boundaryLevels()).isEmpty();
        assertThat(web.hasBoundary("S01006506")).isFalse();
        new scot.cairn.loaders.boundaries.BoundaryLoader(uris)
                .load(
                        EXAMPLES.resolve("boundaries/data-zones-2011.geojson"),
                        scot.cairn.vocab.AreaLevel.DATA_ZONE,
                        null,
                        Geography.fromStore(own, uris),
                        own);
        // read again after the publication (the answer is cached per store version)
        assertThat(web.boundaryLevels()).extracting(Level::name).containsExactly("data-zones-2011");
        assertThat(web.hasBoundary("S01006506")).isTrue();
        assertThat(web.hasBoundary("S02001236")).isFalse();
        assertThat(web.hasBoundary("not-a-code")).isFalse();
        assertThat(web.boundaryGraph(scot.cairn.vocab.AreaLevel.DATA_ZONE))
                .isEqualTo(uris.boundaryGraph(scot.cairn.vocab.AreaLevel.DATA_ZONE));
    }

    @Test
    void searchFindsWordsByTheirStemsAndByTheirBeginnings() {
        assertThat(catalogue.search("meal", null, null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search("registered", null, null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search("registering", null, null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search("sch", null, null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("free-school-meals");
        assertThat(catalogue.search("collected taxes", null, null, null))
                .extracting(DatasetSummary::slug)
                .containsExactly("council-tax-collection");
        assertThat(catalogue.search("deprivation", null, null, null)).isEmpty();
        SearchWords.Text simd = SearchWords.Text.of("Scottish Index of Multiple Deprivation 2020v2 indicators");
        assertThat(simd.matches("deprived")).isTrue();
        assertThat(simd.matches("deprived areas")).isFalse();
        assertThat(simd.matches("the index")).isTrue();
    }

    @Test
    void theDataZonesOfACouncilAreOneSliceWrittenAsWithinInTheShownQuery() {
        DatasetDetail d = datasets.dataset("free-school-meals").orElseThrow();
        org.springframework.util.LinkedMultiValueMap<String, String> params =
                new org.springframework.util.LinkedMultiValueMap<>();
        params.add("level", "data-zones-2011");
        params.add("within", "S12000033");
        params.add(MEASURE, COUNT);
        SliceChoice slice = SliceChoice.of(d, params, areas, scot.cairn.profiles.LocalityDirectory.none());
        assertThat(slice.within().name()).isEqualTo("Aberdeen City");
        assertThat(slice.filters().get(AREA)).hasSize(12);
        assertThat(slice.areasInWords(d)).isEqualTo("Data Zones 2011 in Aberdeen City");
        String select = SliceQuery.sparql(d, slice, COLLECTIONS);
        assertThat(select)
                .contains("foi/within> <http://statistics.gov.scot/id/statistical-geography/S12000033>")
                .doesNotContain("VALUES ?area");
        int selected = store.read(dsg -> {
            try (QueryExecution qe = QueryExecutionFactory.create(
                    select, org.apache.jena.rdf.model.ModelFactory.createModelForGraph(dsg.getUnionGraph()))) {
                return ResultSetFormatter.consume(qe.execSelect());
            }
        });
        assertThat(selected)
                .isEqualTo(datasets.preview(d, slice.filters(), 10_000).size())
                .isEqualTo(12 * 3 * 3);
        assertThat(DatasetPages.sliceQueryString(d.summary().uri(), slice))
                .contains("&level=data-zones-2011&within=S12000033")
                .doesNotContain(DatasetPages.enc(AREA));

        // A council's code typed among the area codes is read as "its data zones".
        org.springframework.util.LinkedMultiValueMap<String, String> typed =
                new org.springframework.util.LinkedMultiValueMap<>();
        typed.add("areaCodes", "S12000033");
        SliceChoice byCode = SliceChoice.of(d, typed, areas, scot.cairn.profiles.LocalityDirectory.none());
        assertThat(byCode.unknownCodes()).isEmpty();
        assertThat(byCode.within().code()).isEqualTo("S12000033");
        assertThat(byCode.filters().get(AREA)).hasSize(12);
        assertThat(byCode.notes())
                .singleElement()
                .asString()
                .contains("Aberdeen City (S12000033) is not itself in this dataset");
        typed.set("areaCodes", "S12999999 S01006506");
        SliceChoice unknown = SliceChoice.of(d, typed, areas, scot.cairn.profiles.LocalityDirectory.none());
        assertThat(unknown.unknownCodes()).containsExactly("S12999999");
        assertThat(unknown.filters().get(AREA)).containsExactly(DZ);
    }

    @Test
    void valuesAreShownByTheirDatatypeWithoutBinaryNoise() {
        assertThat(ValueFormat.of(org.apache.jena.graph.NodeFactory.createLiteralDT(
                        "0.85206999999999988", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdouble)))
                .isEqualTo("0.85207");
        assertThat(ValueFormat.of(org.apache.jena.graph.NodeFactory.createLiteralDT(
                        "1234567", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger)))
                .isEqualTo("1,234,567");
        assertThat(ValueFormat.of(org.apache.jena.graph.NodeFactory.createLiteralDT(
                        "1234.50", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal)))
                .isEqualTo("1,234.50");
        assertThat(ValueFormat.of(org.apache.jena.graph.NodeFactory.createLiteralDT(
                        "118049.0", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal)))
                .isEqualTo("118,049");
        assertThat(ValueFormat.of(org.apache.jena.graph.NodeFactory.createLiteralDT(
                        "not a number", org.apache.jena.datatypes.xsd.XSDDatatype.XSDdouble)))
                .isEqualTo("not a number");
        assertThat(ValueFormat.of(org.apache.jena.graph.NodeFactory.createLiteralString("*")))
                .isEqualTo("*");
        assertThat(ValueFormat.number(2.0E-7)).isEqualTo("0");
        assertThat(ValueFormat.number(41.5)).isEqualTo("41.5");
    }

    @Test
    void aDatasetWithoutVersionsIsCitedAsLastUpdated() {
        DatasetDetail d = datasets.dataset("free-school-meals").orElseThrow();
        assertThat(d.versions()).isEmpty();
        assertThat(d.citation())
                .matches(".*\\(\\d{4}\\)\\. Free School Meal Registrations.* \\[Data set\\]\\. .*")
                .endsWith(d.summary().uri() + ".");
    }

    @Test
    void archivedAreasAreNamedAsArchivedAndTheirPagesSayWhatReplacedThem(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        UriScheme uris = UriScheme.defaultScheme();
        Path history = dir.resolve("history.csv");
        Files.writeString(history, """
                old_code,new_code,date,level,boundary_changed
                S12000099,S12000033,2016-04-01,council,no
                S12000098,S12000036,2016-04-01,council,yes
                """);
        Path csv = dir.resolve("council-tax-collection.csv");
        Files.writeString(
                csv,
                Files.readString(EXAMPLES.resolve("datasets/council-tax-collection.csv"))
                        .replace("S12000033", "S12000099")
                        .replace("S12000036", "S12000098"));
        try (TripleStore own = TripleStore.inMemory()) {
            new GeographyLoader(uris)
                    .load(
                            EXAMPLES.resolve("geography/example-lookup.csv"),
                            null,
                            scot.cairn.geography.CodeHistory.read(history, 10),
                            own);
            new CubeLoader(uris, AreaDirectory.of(Geography.fromStore(own, uris)))
                    .load(CubeDefinition.read(EXAMPLES.resolve("datasets/council-tax-collection.yaml")), csv, own);
            StoreGeography geography = new StoreGeography(own, uris);
            AreaReader web = new AreaReader(own, uris, geography, new CatalogueReader(own, uris));
            DatasetReader sets = new DatasetReader(own, uris, geography);

            AreaPage old = web.area("S12000098").orElseThrow();
            assertThat(old.area().name()).isEqualTo("City of Edinburgh (to 2016; boundary changed)");
            assertThat(old.history())
                    .isEqualTo(
                            "This code was in force until 31 March 2016. On 1 April 2016 it was replaced by "
                                    + "City of Edinburgh (S12000036), whose boundary is different, so the figures published for this code are kept apart from theirs.");
            assertThat(old.replacedBy()).extracting(Area::code).containsExactly("S12000036");
            assertThat(old.children()).isEmpty();
            assertThat(old.within()).extracting(Area::code).containsExactly("S92000003", "S08000024");
            assertThat(old.datasets())
                    .extracting(x -> x.dataset().slug() + ": " + x.coverage())
                    .containsExactly("council-tax-collection: figures for City of Edinburgh");
            // Kept apart: the area that replaced it does not claim its figures.
            AreaPage now = web.area("S12000036").orElseThrow();
            assertThat(now.history())
                    .isEqualTo("In force since 1 April 2016, when it replaced City of Edinburgh (S12000098).");
            assertThat(now.datasets()).isEmpty();
            // Only the code changed: the same area, so its figures are this area's too.
            AreaPage aberdeen = web.area("S12000033").orElseThrow();
            assertThat(aberdeen.datasets())
                    .extracting(x -> x.dataset().slug() + ": " + x.coverage() + " under " + x.code())
                    .containsExactly(
                            "council-tax-collection: figures for Aberdeen City (old code, to 2016) under S12000099");
            assertThat(web.area("S12000099").orElseThrow().history())
                    .endsWith("the same area took the code of Aberdeen City (S12000033): "
                            + "only the code changed, so its figures count as that area's.");

            assertThat(web.archivedAt(List.of(scot.cairn.vocab.AreaLevel.COUNCIL)))
                    .extracting(Area::name)
                    .containsExactly(
                            "Aberdeen City (old code, to 2016)", "City of Edinburgh (to 2016; boundary changed)");
            assertThat(web.areasAt(scot.cairn.vocab.AreaLevel.COUNCIL))
                    .extracting(Area::code)
                    .containsExactly("S12000033", "S12000036");
            assertThat(sets.dataset("council-tax-collection").orElseThrow().areas())
                    .extracting(Area::name)
                    .contains("City of Edinburgh (to 2016; boundary changed)", "Aberdeen City (old code, to 2016)");
        }
    }
}
