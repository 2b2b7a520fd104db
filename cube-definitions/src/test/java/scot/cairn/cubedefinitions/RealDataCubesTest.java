package scot.cairn.cubedefinitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.geography.CodeHistory;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.loaders.cube.ValidationReport;
import scot.cairn.loaders.cube.ic.IntegrityConstraints;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.UriScheme;

/**
 * The definitions in this folder against the real public files they describe: each validates
 * against the real 2011 geography, loads, and passes the W3C integrity constraints.
 */
class RealDataCubesTest {

    static final Path HERE = Path.of(System.getProperty("user.dir"));
    static final UriScheme URIS = UriScheme.defaultScheme();
    static TripleStore store;
    static Geography geography;

    @TempDir
    Path tmp;

    @BeforeAll
    static void openStore() {
        store = TripleStore.inMemory();
        var model = PublisherVocabulary.build(URIS);
        store.replaceGraphs(new GraphReplacement(List.of(URIS.vocabularyGraph()), sink -> {
            Node g = NodeFactory.createURI(URIS.vocabularyGraph());
            model.getGraph().find().forEachRemaining(t -> sink.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        }));
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    /** The official lookup with the built-in history of the 2018-2019 code changes, as load-geography reads it. */
    static AreaDirectory realGeography() {
        if (geography == null) {
            geography = new GeographyLoader(URIS).read(RealData.require("geography/Datazone2011lookup.csv"), null);
        }
        return AreaDirectory.of(geography);
    }

    static CubeDefinition definition(String slug) {
        return CubeDefinition.read(HERE.resolve(slug + ".yaml"));
    }

    static List<String> select(String query, String var) {
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            try (var qe = QueryExecutionFactory.create(query, store.dataset())) {
                qe.execSelect()
                        .forEachRemaining(r -> out.add(
                                r.get(var).isLiteral()
                                        ? r.getLiteral(var).getLexicalForm()
                                        : r.get(var).toString()));
            }
            return out;
        });
    }

    @Test
    void recyclingLoadsAsPublishedWithTheArchivedCouncilCodes() {
        Path csv = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        CubeDefinition def = definition("recycling");

        // Against the current lookup alone, the old Glasgow and North Lanarkshire codes are unknown.
        Geography lookupAlone = new GeographyLoader(URIS)
                .read(RealData.require("geography/Datazone2011lookup.csv"), null, CodeHistory.NONE);
        ValidationReport strict = new CubeLoader(URIS, AreaDirectory.of(lookupAlone))
                .withMaxErrors(1000)
                .validate(def, csv);
        assertThat(strict.errors()).extracting(InputError::rule).containsOnly("unknown-area");
        assertThat(strict.errors())
                .extracting(e -> e.message().substring(0, 27))
                .containsOnly("unknown area code S12000044", "unknown area code S12000046");
        // one message per old code, saying on how many more rows it recurs (62 rows in all)
        assertThat(strict.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "recycling_data.csv:226:1: unknown area code S12000046 (not in the loaded geography); the same on 30 more rows, the last on line 850",
                        "recycling_data.csv:249:1: unknown area code S12000044 (not in the loaded geography); the same on 30 more rows, the last on line 796");

        // With the code history they are archived areas, and the file is valid as published.
        assertThat(new CubeLoader(URIS, realGeography()).validate(def, csv).errors())
                .isEmpty();
        LoadReport r = new CubeLoader(URIS, realGeography()).load(def, csv, store);
        assertThat(r.observations()).isEqualTo(1023);
        // IC-17 (every measure for every combination of the other dimensions) cannot hold: each waste
        // indicator has one measure type, as on statistics.gov.scot. Every other constraint holds.
        assertThat(IntegrityConstraints.check(store, URIS, "recycling"))
                .extracting(v -> v.constraint())
                .isSubsetOf("IC-17");
        assertThat(select("""
                SELECT ?label WHERE { GRAPH <http://statistics.gov.scot/graph/recycling/metadata> {
                  <http://reference.data.gov.uk/id/government-year/2009-2010> <http://www.w3.org/2000/01/rdf-schema#label> ?label } }""", "label")).containsExactly("2009/2010");
        assertThat(select("""
                SELECT DISTINCT ?u WHERE { ?o <http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure> ?u } ORDER BY ?u""", "u"))
                .containsExactly(
                        "http://statistics.gov.scot/def/concept/measure-units/kg-per-capita",
                        "http://statistics.gov.scot/def/concept/measure-units/ktonnes",
                        "http://statistics.gov.scot/def/concept/measure-units/percent-of-municipal-waste",
                        "http://statistics.gov.scot/def/concept/measure-units/tonnes");
        // Scotland's 2009/2010 recycling ratio, as the R client would ask for it.
        assertThat(select("""
                PREFIX qb: <http://purl.org/linked-data/cube#>
                SELECT ?v WHERE { ?o qb:dataSet <http://statistics.gov.scot/data/recycling> ;
                  <http://purl.org/linked-data/sdmx/2009/dimension#refArea> <http://statistics.gov.scot/id/statistical-geography/S92000003> ;
                  <http://purl.org/linked-data/sdmx/2009/dimension#refPeriod> <http://reference.data.gov.uk/id/government-year/2009-2010> ;
                  <http://statistics.gov.scot/def/dimension/wasteIndicator> <http://statistics.gov.scot/def/concept/waste-indicator/waste-recycled> ;
                  qb:measureType ?m . ?o ?m ?v }""", "v")).hasSize(1);
    }

    @Test
    void simdIndicatorsKeepEveryMarkerAsAStatusObservation() throws IOException {
        Path csv = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        CubeDefinition def = definition("simd-2020-indicators");
        int[] markers = markers(csv, Long.MAX_VALUE);
        assertThat(markers[0]).isEqualTo(567 + 189 + 500 + 501);

        // The whole file: every cell an observation, every marker counted as a status observation.
        ValidationReport v = new CubeLoader(URIS, realGeography()).validate(def, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(6976L * 34);
        assertThat(v.statuses())
                .containsOnly(
                        Map.entry("suppressed", (long) markers[0]), Map.entry("not-available", (long) markers[1]));

        // In the store (the first 400 data zones: 13,600 observations; the whole cube is 2.2 M quads, slow to
        // load into the in-memory test store on a shared 2-core machine): markers are observations with a
        // status and no number.
        // The first 399 data zones and two with NA cells (file lines 3702 and 3769).
        Path slice = tmp.resolve("simd_head.csv");
        List<String> all = Files.readAllLines(csv);
        List<String> head = new ArrayList<>(all.subList(0, 400));
        head.add(all.get(3701));
        head.add(all.get(3768));
        Files.write(slice, head);
        int[] sliceMarkers = markers(slice, Long.MAX_VALUE);
        assertThat(sliceMarkers[0]).isPositive();
        assertThat(sliceMarkers[1]).isPositive();
        LoadReport r = new CubeLoader(URIS, realGeography()).load(def, slice, store);
        assertThat(r.observations()).isEqualTo(401L * 34);
        String statusCount = """
                SELECT (COUNT(?o) AS ?n) WHERE { GRAPH <http://statistics.gov.scot/graph/simd-2020-indicators> {
                  ?o <http://purl.org/linked-data/sdmx/2009/attribute#obsStatus> <http://statistics.gov.scot/def/concept/observation-status/%s> } }""";
        assertThat(select(statusCount.formatted("suppressed"), "n")).containsExactly(Integer.toString(sliceMarkers[0]));
        assertThat(select(statusCount.formatted("not-available"), "n"))
                .containsExactly(Integer.toString(sliceMarkers[1]));
        assertThat(select("""
                PREFIX qb: <http://purl.org/linked-data/cube#>
                SELECT (COUNT(?o) AS ?n) WHERE { GRAPH <http://statistics.gov.scot/graph/simd-2020-indicators> {
                  ?o <http://purl.org/linked-data/sdmx/2009/attribute#obsStatus> ?s ; qb:measureType ?m ; ?m ?v } }""", "n")).containsExactly("0");
        assertThat(select("""
                PREFIX qb: <http://purl.org/linked-data/cube#>
                SELECT (COUNT(?o) AS ?n) WHERE { GRAPH <http://statistics.gov.scot/graph/simd-2020-indicators> {
                  ?o a qb:Observation } }""", "n")).containsExactly(Long.toString(401L * 34));
        // IC-17 cannot hold: each indicator has one measure type (as in statistics.gov.scot's own cubes);
        // IC-15 names marker observations, which carry a status instead of a value by convention.
        assertThat(IntegrityConstraints.check(store, URIS, "simd-2020-indicators"))
                .extracting(x -> x.constraint())
                .isSubsetOf("IC-15", "IC-17");
    }

    @Test
    void theSimdProfilesQuintilesAndPopulationValidateInFullAndLoad() {
        Path ranks = RealData.require("simd/simd2020v2_22062020.csv");
        ValidationReport v = new CubeLoader(URIS, realGeography()).validate(definition("simd-2020v2-ranks"), ranks);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(6976L * 3);
        LoadReport r = new CubeLoader(URIS, realGeography()).load(definition("simd-2020v2-ranks"), ranks, store);
        assertThat(r.observations()).isEqualTo(6976L * 3);
        // S01006506 (Culter - 01): rank 4,691, national quintile 4, as in the file.
        assertThat(select("""
                SELECT ?q WHERE { ?o <http://purl.org/linked-data/cube#dataSet> <http://statistics.gov.scot/data/simd-2020v2-ranks> ;
                  <http://purl.org/linked-data/sdmx/2009/dimension#refArea> <http://statistics.gov.scot/id/statistical-geography/S01006506> ;
                  <http://statistics.gov.scot/def/measure-properties/quintile> ?q }""", "q")).containsExactly("4");

        Path population = RealData.require("population/population20_dz11.csv");
        ValidationReport p =
                new CubeLoader(URIS, realGeography()).validate(definition("population-total-2020"), population);
        assertThat(p.errors()).isEmpty();
        assertThat(p.observations()).isEqualTo(6976L * 3);
    }

    /** Counts of '*' and 'NA' cells in a CSV file without quoted fields. */
    private static int[] markers(Path csv, long maxLines) throws IOException {
        int stars = 0, na = 0;
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                for (String cell : line.split(",", -1)) {
                    stars += cell.equals("*") ? 1 : 0;
                    na += cell.equals("NA") ? 1 : 0;
                }
            }
        }
        return new int[] {stars, na};
    }

    @Test
    void populationByAgeValidatesInFullAndASliceLoads() throws IOException {
        Path csv = RealData.require("population/population20_dz11.csv");
        CubeDefinition def = definition("population-estimates-2020");
        ValidationReport v = new CubeLoader(URIS, realGeography()).validate(def, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(20_928L * 91);

        // The whole file is 1.9 M observations; the store part of the test loads the first 300 rows.
        Path slice = tmp.resolve("population20_dz11_head.csv");
        try (var lines = Files.lines(csv)) {
            Files.write(slice, lines.limit(301).toList());
        }
        LoadReport r = new CubeLoader(URIS, realGeography()).load(def, slice, store);
        assertThat(r.observations()).isEqualTo(300L * 91);
        assertThat(IntegrityConstraints.check(store, URIS, "population-estimates-2020"))
                .isEmpty();
        String[] first = Files.readAllLines(csv).get(1).split(",");
        assertThat(first[0] + " " + first[2]).isEqualTo("S01006506 All");
        assertThat(select("""
                SELECT ?v WHERE { <http://statistics.gov.scot/data/population-estimates-2020/S01006506/2020/all/90-plus/count>
                  <http://statistics.gov.scot/def/measure-properties/count> ?v }""", "v")).containsExactly(first[first.length - 1]);
    }

    @Test
    void employmentMatchesTable2qbsCube() {
        Path csv = RealData.require("rdf/table2qb_employment/csv/input.csv");
        Path ttl = RealData.require("rdf/table2qb_employment/ttl/cube.ttl");
        LoadReport r = new CubeLoader(URIS, realGeography()).load(definition("employment"), csv, store);
        assertThat(IntegrityConstraints.check(store, URIS, "employment")).isEmpty();

        Model theirs = RDFDataMgr.loadModel(ttl.toString());
        String q = """
                PREFIX qb: <http://purl.org/linked-data/cube#>
                PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
                SELECT ?area ?period ?gender ?mt ?unit ?v WHERE {
                  ?o a qb:Observation ; qb:dataSet <http://statistics.gov.scot/data/employment> ;
                     sdmx-dimension:refArea ?area ; sdmx-dimension:refPeriod ?period ;
                     <http://statistics.gov.scot/def/dimension/gender> ?gender ; qb:measureType ?mt ;
                     <http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure> ?unit . ?o ?mt ?v }""";
        Set<String> expected = new TreeSet<>();
        try (var qe = QueryExecutionFactory.create(q, theirs)) {
            qe.execSelect().forEachRemaining(s -> expected.add(key(s)));
        }
        Set<String> actual = new TreeSet<>();
        store.read(dsg -> {
            try (var qe = QueryExecutionFactory.create(q, store.dataset())) {
                qe.execSelect().forEachRemaining(s -> actual.add(key(s)));
            }
            return null;
        });
        assertThat(expected).hasSize(384);
        assertThat(r.observations()).isEqualTo(384);
        assertThat(actual).isEqualTo(expected);
        assertThat(new HashSet<>(actual)).hasSize(384);
    }

    /** Area by code (table2qb used another geography base), measure by name, value as a number. */
    private static String key(org.apache.jena.query.QuerySolution s) {
        String area = s.getResource("area").getURI();
        String mt = s.getResource("mt").getURI();
        return area.substring(area.lastIndexOf('/') + 1) + " "
                + s.getResource("period").getURI() + " "
                + s.getResource("gender").getURI() + " " + mt.substring(mt.lastIndexOf('/') + 1) + " "
                + s.getResource("unit").getURI() + " "
                + new java.math.BigDecimal(s.getLiteral("v").getLexicalForm())
                        .stripTrailingZeros()
                        .toPlainString();
    }
}
