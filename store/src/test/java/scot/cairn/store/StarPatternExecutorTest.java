package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The star executor must give exactly TDB2's answers (as multisets of rows) on every query shape,
 * including data spread over several graphs, and must actually be used for slice queries.
 */
class StarPatternExecutorTest {

    static final String B = "http://statistics.gov.scot/";
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String DIM = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String P = "PREFIX qb: <" + QB + "> PREFIX dim: <" + DIM + "> PREFIX g: <" + B + "def/dimension/> "
            + "PREFIX m: <" + B + "def/measure-properties/> PREFIX area: <" + B + "id/statistical-geography/> ";
    static TripleStore store;

    static Node u(String s) {
        return NodeFactory.createURI(s);
    }

    static Node obs(String slug, String code, int year, String sex, String m) {
        return u(B + "data/" + slug + "/" + code + "/" + year + "/" + sex + "/" + m);
    }

    @BeforeAll
    static void load() {
        store = TripleStore.inMemory();
        for (String slug : List.of("big", "small")) {
            Node g = u(B + "graph/" + slug);
            int areas = slug.equals("big") ? 30 : 4;
            store.replaceGraphs(new GraphReplacement(List.of(g.getURI()), sink -> {
                for (int a = 0; a < areas; a++) {
                    String code = String.format("S01%06d", 6500 + a);
                    for (int y = 2015; y < 2018; y++) {
                        for (String sex : List.of("male", "female")) {
                            for (String m : List.of("count", "ratio")) {
                                Node o = obs(slug, code, y, sex, m);
                                sink.add(Quad.create(
                                        g,
                                        o,
                                        u("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                        u(QB + "Observation")));
                                sink.add(Quad.create(g, o, u(QB + "dataSet"), u(B + "data/" + slug)));
                                sink.add(Quad.create(
                                        g, o, u(DIM + "refArea"), u(B + "id/statistical-geography/" + code)));
                                sink.add(Quad.create(
                                        g, o, u(DIM + "refPeriod"), u("http://reference.data.gov.uk/id/year/" + y)));
                                sink.add(Quad.create(
                                        g, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/" + sex)));
                                sink.add(
                                        Quad.create(g, o, u(QB + "measureType"), u(B + "def/measure-properties/" + m)));
                                sink.add(Quad.create(
                                        g,
                                        o,
                                        u(B + "def/measure-properties/" + m),
                                        NodeFactory.createLiteralByValue(a * 100 + y)));
                            }
                        }
                    }
                }
            }));
        }
        // A dataset written sex by sex and year by year, area inside: one area's observations lie in
        // runs of two, each hundreds of quads from the next (the subject scan restarts between them).
        Node spread = u(B + "graph/spread");
        store.replaceGraphs(new GraphReplacement(List.of(spread.getURI()), sink -> {
            for (String sex : List.of("male", "female")) {
                for (int y = 2015; y < 2018; y++) {
                    for (int a = 0; a < 40; a++) {
                        String code = String.format("S01%06d", 6500 + a);
                        for (String m : List.of("count", "ratio")) {
                            Node o = obs("spread", code, y, sex, m);
                            sink.add(Quad.create(spread, o, u(QB + "dataSet"), u(B + "data/spread")));
                            sink.add(Quad.create(
                                    spread, o, u(DIM + "refArea"), u(B + "id/statistical-geography/" + code)));
                            sink.add(Quad.create(
                                    spread, o, u(DIM + "refPeriod"), u("http://reference.data.gov.uk/id/year/" + y)));
                            sink.add(Quad.create(
                                    spread, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/" + sex)));
                            sink.add(Quad.create(
                                    spread, o, u(QB + "measureType"), u(B + "def/measure-properties/" + m)));
                            sink.add(Quad.create(
                                    spread,
                                    o,
                                    u(B + "def/measure-properties/" + m),
                                    NodeFactory.createLiteralByValue(a + y)));
                        }
                    }
                }
            }
        }));
        // Areas of several levels (data zones, intermediate zones, councils, Scotland), as the R
        // client's level filter selects them by code prefix; an all-persons total beside the sexes.
        Node levels = u(B + "graph/levels");
        store.replaceGraphs(new GraphReplacement(List.of(levels.getURI()), sink -> {
            List<String> codes = List.of("S01006500", "S01006501", "S02001236", "S12000033", "S12000034", "S92000003");
            int n = 0;
            for (String code : codes) {
                for (int y = 2015; y < 2017; y++) {
                    for (String sex : List.of("male", "female", "all")) {
                        for (String m : List.of("count", "ratio")) {
                            Node o = obs("levels", code, y, sex, m);
                            sink.add(Quad.create(levels, o, u(QB + "dataSet"), u(B + "data/levels")));
                            sink.add(Quad.create(
                                    levels, o, u(DIM + "refArea"), u(B + "id/statistical-geography/" + code)));
                            sink.add(Quad.create(
                                    levels, o, u(DIM + "refPeriod"), u("http://reference.data.gov.uk/id/year/" + y)));
                            sink.add(Quad.create(
                                    levels, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/" + sex)));
                            sink.add(Quad.create(
                                    levels, o, u(QB + "measureType"), u(B + "def/measure-properties/" + m)));
                            sink.add(Quad.create(
                                    levels,
                                    o,
                                    u(B + "def/measure-properties/" + m),
                                    NodeFactory.createLiteralByValue(n++ % 7 * 10 + y % 3)));
                        }
                    }
                }
            }
        }));
        // More areas than FilterToValues turns into a VALUES table: a level filter stays a filter,
        // tested by the star once per distinct area.
        Node many = u(B + "graph/many-areas");
        store.replaceGraphs(new GraphReplacement(List.of(many.getURI()), sink -> {
            for (int a = 0; a < FilterToValues.MAX_ROWS + 200; a++) {
                String code = (a % 10 == 0 ? "S02" : "S01") + String.format("%06d", a);
                for (String sex : List.of("male", "female")) {
                    Node o = obs("many-areas", code, 2020, sex, "count");
                    sink.add(Quad.create(many, o, u(QB + "dataSet"), u(B + "data/many-areas")));
                    sink.add(Quad.create(many, o, u(DIM + "refArea"), u(B + "id/statistical-geography/" + code)));
                    sink.add(
                            Quad.create(many, o, u(DIM + "refPeriod"), u("http://reference.data.gov.uk/id/year/2020")));
                    sink.add(Quad.create(many, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/" + sex)));
                    sink.add(Quad.create(many, o, u(QB + "measureType"), u(B + "def/measure-properties/count")));
                    sink.add(Quad.create(
                            many, o, u(B + "def/measure-properties/count"), NodeFactory.createLiteralByValue(a)));
                }
            }
        }));
        // The same triples in a second graph (counted once in the union), a second gender value for
        // one observation held only in another graph, and an observation whose dataset triple lives
        // apart from its dimensions.
        Node dup = u(B + "graph/duplicates");
        Node extra = u(B + "graph/extra");
        Node o = obs("big", "S01006503", 2016, "male", "count");
        Node split = u(B + "data/big/split-observation");
        store.replaceGraphs(new GraphReplacement(List.of(dup.getURI(), extra.getURI()), sink -> {
            sink.add(Quad.create(dup, o, u(QB + "dataSet"), u(B + "data/big")));
            sink.add(Quad.create(dup, o, u(DIM + "refArea"), u(B + "id/statistical-geography/S01006503")));
            sink.add(Quad.create(dup, o, u(QB + "measureType"), u(B + "def/measure-properties/count")));
            sink.add(Quad.create(extra, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/all")));
            sink.add(Quad.create(extra, split, u(QB + "dataSet"), u(B + "data/big")));
            sink.add(Quad.create(dup, split, u(DIM + "refArea"), u(B + "id/statistical-geography/S01006503")));
            sink.add(Quad.create(dup, split, u(DIM + "refPeriod"), u("http://reference.data.gov.uk/id/year/2016")));
            sink.add(Quad.create(dup, split, u(B + "def/dimension/gender"), u(B + "def/concept/gender/male")));
            sink.add(Quad.create(dup, split, u(QB + "measureType"), u(B + "def/measure-properties/count")));
            sink.add(Quad.create(
                    extra, split, u(B + "def/measure-properties/count"), NodeFactory.createLiteralByValue(7)));
        }));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static final String R_CLIENT = P + "select ?refArea ?refPeriod ?measureType ?gender ?value where { "
            + "?data qb:dataSet <" + B + "data/big> . ?data dim:refArea ?refArea . ?data dim:refPeriod ?refPeriod . "
            + "?data qb:measureType ?measureType . ?data g:gender ?gender . ?data ?measureType ?value . "
            + "filter (regex(str(?refArea), 'S01006503$')) } order by ?refPeriod ?refArea";

    @ParameterizedTest
    @ValueSource(
            strings = {
                // what opendatascot sends, and the same slice with the area as a constant
                R_CLIENT,
                P + "select * where { ?o qb:dataSet <" + B
                        + "data/big> ; dim:refArea area:S01006503 ; dim:refPeriod ?p ; "
                        + "qb:measureType ?mt ; g:gender ?sex . ?o ?mt ?v }",
                // every triple of the matching observations, through a variable predicate
                P + "select * where { ?o qb:dataSet <" + B + "data/big> ; dim:refArea area:S01006503 ; ?p ?v }",
                // two constants besides the dataset; a filter inside the group
                P + "select * where { ?o qb:dataSet <" + B + "data/small> ; dim:refArea area:S01006502 ; "
                        + "g:gender <" + B + "def/concept/gender/female> ; m:count ?v . filter(?v > 200) }",
                // areas from VALUES: one star per input row
                P + "select * where { values ?a { area:S01006501 area:S01006503 area:S01009999 } " + "?o qb:dataSet <"
                        + B + "data/small> ; dim:refArea ?a ; m:ratio ?v }",
                // a dataset or a value the store has never seen
                P + "select * where { ?o qb:dataSet <" + B + "data/none> ; dim:refArea area:S01006503 ; ?p ?v }",
                P + "select * where { ?o qb:dataSet <" + B + "data/big> ; dim:refArea area:S01999999 ; ?p ?v }",
                // two datasets at once: no observation is in both
                P + "select * where { ?o qb:dataSet <" + B + "data/big> ; qb:dataSet <" + B
                        + "data/small> ; dim:refArea area:S01006501 }",
                // a repeated variable: measureType used as the predicate of the value
                P + "select ?o ?v where { ?o qb:dataSet <" + B
                        + "data/big> ; dim:refArea area:S01006503 ; qb:measureType ?x ; ?x ?v }",
                // the observation itself given by VALUES (the star falls back to TDB2 for that row)
                P + "select * where { values ?o { <" + B + "data/big/S01006503/2016/male/count> <" + B
                        + "data/big/split-observation> } " + "?o qb:dataSet <" + B
                        + "data/big> ; dim:refArea area:S01006503 ; ?p ?v }",
                // inside one named graph: TDB2's own plan, and the triples of other graphs do not count
                P + "select * where { graph <" + B + "graph/big> { ?o qb:dataSet <" + B
                        + "data/big> ; dim:refArea area:S01006503 ; ?p ?v } }",
                // observations far apart in the store (several subject scans), and one whose dataset's
                // observations lie between those of another dataset
                P + "select * where { ?o qb:dataSet <" + B + "data/spread> ; dim:refArea area:S01006503 ; ?p ?v }",
                P + "select ?refArea ?refPeriod ?measureType ?gender ?value where { "
                        + "?data qb:dataSet <" + B
                        + "data/spread> . ?data dim:refArea ?refArea . ?data dim:refPeriod ?refPeriod . "
                        + "?data qb:measureType ?measureType . ?data g:gender ?gender . ?data ?measureType ?value . "
                        + "filter (regex(str(?refArea), 'S01006503$')) } order by ?refPeriod ?refArea",
                P + "select * where { ?o qb:dataSet <" + B + "data/spread> ; g:gender <" + B
                        + "def/concept/gender/female> ; "
                        + "dim:refPeriod <http://reference.data.gov.uk/id/year/2016> ; ?p ?v }",
                // an optional part and a count
                P + "select (count(*) as ?n) where { ?o qb:dataSet <" + B + "data/big> ; dim:refArea area:S01006510 . "
                        + "optional { ?o m:ratio ?r } }",
            })
    void sameAnswersAsTdb2(String text) {
        Query query = QueryFactory.create(text);
        List<Map<String, Node>> expected = rows(run(query, false));
        List<Map<String, Node>> actual = rows(run(query, true));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void slicesAreAnsweredByTheStarPlanWithTheDuplicatesCountedOnce() {
        long before = StarPatternExecutor.starsAnswered();
        List<Binding> rows = run(QueryFactory.create(R_CLIENT), true);
        assertThat(StarPatternExecutor.starsAnswered()).isGreaterThan(before);
        // 3 years x 2 sexes x 2 measures, one more gender for one observation, the split observation
        assertThat(rows).hasSize(12 + 1 + 1);
    }

    @Test
    void aDatasetWithoutAnySelectiveValueIsReadWholeByTheStarPlan() {
        long before = StarPatternExecutor.starsAnswered();
        Query query = QueryFactory.create(P + "select * where { ?o qb:dataSet <" + B + "data/small> ; m:count ?v }");
        List<Binding> rows = run(query, true);
        assertThat(rows).hasSize(4 * 3 * 2);
        assertThat(StarPatternExecutor.starsAnswered()).isGreaterThan(before);
        assertThat(rows(rows)).containsExactlyInAnyOrderElementsOf(rows(run(query, false)));
    }

    static final String LEVELS_DATASET = B + "data/levels";
    static final String AREA_BASE = B + "id/statistical-geography/";

    /**
     * Every combination of the filters opendatascot's ods_dataset() builds (an area level by code
     * prefix, an area, a period, a measure type, a dimension value, and OR chains of values), in
     * its exact query form, on the dataset with several levels and on the one spread through the
     * store; and the aggregates clients send over a whole dataset.
     */
    static List<String> clientShapes() {
        List<String> queries = new ArrayList<>();
        for (String dataset : List.of(LEVELS_DATASET, B + "data/spread", B + "data/many-areas")) {
            for (int mask = 0; mask < 1 << 5; mask++) {
                queries.add(odsDataset(dataset, mask));
            }
        }
        String star = "?o qb:dataSet <" + LEVELS_DATASET + "> ; dim:refArea ?area ; dim:refPeriod ?period ; "
                + "g:gender ?sex ; qb:measureType ?mt ; ?mt ?v . ";
        queries.add(P + "select ?period (sum(?v) as ?total) where { ?o qb:dataSet <" + LEVELS_DATASET
                + "> ; dim:refPeriod ?period ; m:count ?v } group by ?period");
        queries.add(P + "select ?sex (count(*) as ?n) where { ?o qb:dataSet <" + LEVELS_DATASET
                + "> ; g:gender ?sex } group by ?sex");
        queries.add(P + "select ?period ?area (sum(?v) as ?total) where { " + star + "filter(strstarts(str(?area), '"
                + AREA_BASE + "S12')) filter(?mt = m:count) } group by ?period ?area");
        queries.add(P + "select ?level (count(*) as ?n) (avg(?v) as ?mean) where { " + star
                + "bind(substr(strafter(str(?area), '" + AREA_BASE + "'), 1, 3) as ?level) } group by ?level");
        queries.add(P + "select (count(distinct ?area) as ?n) where { " + star + "}");
        queries.add(P + "select ?sex ?v where { " + star + "filter(regex(str(?sex), 'male$')) filter(?v < 30) }");
        return queries;
    }

    /** Filters the star tests row by row or per value: on the observation, on two variables, not repeatable. */
    static List<String> otherFilters() {
        String star = "?o qb:dataSet <" + LEVELS_DATASET + "> ; dim:refArea ?area ; dim:refPeriod ?period ; "
                + "g:gender ?sex ; qb:measureType ?mt ; ?mt ?v . ";
        return List.of(
                P + "select * where { " + star + "filter(contains(str(?o), '/S02')) }",
                P + "select * where { " + star + "filter(?v > 40 || contains(str(?area), 'S12')) }",
                P + "select * where { " + star + "filter(strlen(str(?area)) > 10 && ?v != 3) }",
                P + "select (count(*) as ?n) where { " + star + "filter(rand() < 2) }");
    }

    @ParameterizedTest
    @MethodSource("otherFilters")
    void otherFiltersOnTheStarAnswerAsTdb2(String text) {
        Query query = QueryFactory.create(text);
        assertThat(rows(run(query, true))).containsExactlyInAnyOrderElementsOf(rows(run(query, false)));
    }

    /** The query ods_dataset() sends for the filters chosen by the bits of {@code mask}. */
    static String odsDataset(String dataset, int mask) {
        StringBuilder q = new StringBuilder("PREFIX qb: <http://purl.org/linked-data/cube#> "
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> select ?refArea ?refPeriod ?measureType "
                + "?gender ?value where { ?data qb:dataSet <" + dataset + ">. ?data <" + DIM + "refArea> ?refArea. "
                + "?data <" + DIM + "refPeriod> ?refPeriod. ?data <" + QB + "measureType> ?measureType. "
                + "?data <" + B + "def/dimension/gender> ?gender. ?data ?measureType ?value.");
        if ((mask & 1) != 0) {
            q.append(" filter (strstarts(strafter(str(?refArea),'" + AREA_BASE + "'),'S01')).");
        }
        if ((mask & 2) != 0) {
            q.append(" filter (regex(str(?refArea ), 'S01006501$')||regex(str(?refArea ), 'S12000033$'))");
        }
        if ((mask & 4) != 0) {
            q.append(" filter (regex(str(?refPeriod ), '2016$'))");
        }
        if ((mask & 8) != 0) {
            q.append(" filter (regex(str(?measureType ), 'count$'))");
        }
        if ((mask & 16) != 0) {
            q.append(" filter (regex(str(?gender ), 'female$'))");
        }
        return q.append(" } order by ?refPeriod ?refArea").toString();
    }

    @ParameterizedTest
    @MethodSource("clientShapes")
    void everyFilterCombinationAndAggregateTheClientsSendAnswersAsTdb2(String text) {
        Query query = QueryFactory.create(text);
        long before = StarPatternExecutor.starsAnswered() + SummaryAggregates.answered();
        List<Map<String, Node>> actual = rows(run(query, true));
        assertThat(StarPatternExecutor.starsAnswered() + SummaryAggregates.answered())
                .as("answered by the star plan or a summary: %s", text)
                .isGreaterThan(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(rows(run(query, false)));
    }

    @Test
    void aFilterLeftOnTheStarKeepsThePatternWhole() {
        // ARQ's filter placement (on by default) would cut the pattern after the triples binding
        // ?area and ?period and join the rest once per row; the public query turns it off for such a
        // star, so the star executor sees one pattern and the filter together.
        String text = P + "select * where { ?o qb:dataSet <" + LEVELS_DATASET + "> ; dim:refArea ?area ; "
                + "dim:refPeriod ?period ; g:gender ?sex ; qb:measureType ?mt ; ?mt ?v . "
                + "filter(contains(str(?area), 'S0') || contains(str(?period), '2016')) }";
        Op plain = Optimize.stdOptimizationFactory
                .create(new Context())
                .rewrite(Algebra.compile(QueryFactory.create(text)));
        Op ours = store.optimizer()
                .rewriteFactory()
                .create(new Context())
                .rewrite(Algebra.compile(QueryFactory.create(text)));
        assertThat(patternSizes(plain)).as("ARQ's own placement splits it").hasSizeGreaterThan(1);
        assertThat(patternSizes(ours)).containsExactly(6);
    }

    private static List<Integer> patternSizes(Op op) {
        List<Integer> sizes = new ArrayList<>();
        OpWalker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpBGP bgp) {
                sizes.add(bgp.getPattern().size());
            }
        });
        return sizes;
    }

    @Test
    void theClientsFiltersSelectWhatTheySay() {
        // the level and the sex filters together: two data zones, two years, female, two measures
        List<Map<String, Node>> rows = rows(run(QueryFactory.create(odsDataset(LEVELS_DATASET, 1 | 16)), true));
        assertThat(rows).hasSize(2 * 2 * 2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("refArea").getURI()).startsWith(AREA_BASE + "S01");
            assertThat(r.get("gender").getURI()).endsWith("/female");
        });
        // no filter: every observation of the dataset
        assertThat(run(QueryFactory.create(odsDataset(LEVELS_DATASET, 0)), true))
                .hasSize(6 * 2 * 3 * 2);
    }

    static List<String> countShapes() {
        String big = "<" + B + "data/big>";
        String spread = "<" + B + "data/spread>";
        return List.of(
                // a dataset's observations: one pattern, TDB2's own bindings
                P + "select (count(?o) as ?n) where { ?o qb:dataSet " + big + " }",
                P + "select (count(*) as ?n) where { ?o qb:dataSet " + big + " }",
                P + "select (count(distinct ?o) as ?n) where { ?o qb:dataSet " + big + " }",
                P + "select (count(distinct ?o) as ?n) where { ?o qb:dataSet " + spread + " }",
                // a star: several rows per observation, duplicates across graphs counted once
                P + "select (count(?o) as ?n) (count(distinct ?o) as ?d) (count(*) as ?all) where { ?o qb:dataSet "
                        + big + " ; ?p ?v }",
                P + "select (count(distinct ?o) as ?n) (count(distinct ?v) as ?values) (count(distinct ?a) as ?areas) "
                        + "where { ?o qb:dataSet " + big + " ; dim:refArea ?a ; m:count ?v }",
                P + "select (count(distinct ?o) as ?n) where { ?o qb:dataSet " + big
                        + " ; dim:refArea area:S01006503 ; ?p ?v }",
                // with the clients' filters, and an expression the star does not test per value
                P + "select (count(?o) as ?n) where { ?o qb:dataSet " + big
                        + " ; dim:refArea ?a ; g:gender ?s . filter(regex(str(?a), '650[12]$')) "
                        + "filter(regex(str(?s), 'female$')) }",
                P + "select (count(?v) as ?n) (count(distinct ?v) as ?d) where { ?o qb:dataSet " + big
                        + " ; m:count ?v . filter(?v > 10) }",
                // values bound outside the store (VALUES) and values that are sometimes unbound (OPTIONAL)
                P + "select (count(distinct ?a) as ?n) (count(?o) as ?rows) where { values ?a { area:S01006501 "
                        + "area:S01006503 area:S01009999 } ?o qb:dataSet " + big + " ; dim:refArea ?a }",
                P + "select (count(?r) as ?n) (count(distinct ?r) as ?d) (count(*) as ?all) where { ?o qb:dataSet "
                        + big + " ; dim:refArea area:S01006510 . optional { ?o m:ratio ?r } }",
                // nothing matches: one row, 0
                P + "select (count(?o) as ?n) (count(distinct ?o) as ?d) where { ?o qb:dataSet <" + B + "data/none> }",
                P + "select (count(?o) as ?n) where { ?o qb:dataSet " + big + " ; dim:refArea area:S01999999 }",
                // grouped by plain variables: by sex, by area and period, a key sometimes unbound
                P + "select ?s (count(?o) as ?n) where { ?o qb:dataSet " + big + " ; g:gender ?s } group by ?s",
                P + "select ?a ?y (count(distinct ?o) as ?n) (count(*) as ?rows) where { ?o qb:dataSet " + big
                        + " ; dim:refArea ?a ; dim:refPeriod ?y ; ?p ?v } group by ?a ?y",
                P + "select ?r (count(?o) as ?n) where { ?o qb:dataSet " + big + " ; dim:refArea area:S01006510 . "
                        + "optional { ?o m:ratio ?r } } group by ?r",
                P + "select ?s (count(?o) as ?n) where { ?o qb:dataSet <" + B
                        + "data/none> ; g:gender ?s } group by ?s",
                // left to ARQ: a key computed by an expression, COUNT(DISTINCT *), another aggregate beside a count
                P + "select ?l (count(?o) as ?n) where { ?o qb:dataSet " + big
                        + " ; dim:refArea ?a } group by (substr(str(?a), 1, 50) as ?l)",
                P + "select (count(distinct *) as ?n) where { ?o qb:dataSet " + big + " ; ?p ?v }",
                P + "select (count(?o) as ?n) (sum(?v) as ?total) where { ?o qb:dataSet " + big + " ; m:count ?v }");
    }

    @ParameterizedTest
    @MethodSource("countShapes")
    void countsOnNodeIdsAnswerAsTheStockEngine(String text) {
        Query query = QueryFactory.create(text);
        long before = IdCounts.answered();
        List<Map<String, Node>> actual = store.read(dsg -> rows(select(store.publicQuery(query))));
        List<Map<String, Node>> expected = store.read(dsg -> rows(select(store.plainQuery(query))));
        assertThat(actual).as(text).containsExactlyInAnyOrderElementsOf(expected);
        boolean ours = !text.contains("group by (") && !text.contains("distinct *") && !text.contains("sum(");
        assertThat(IdCounts.answered() > before)
                .as("counted on node ids: %s", text)
                .isEqualTo(ours);
        // and the answers are what they say: 30 areas x 3 years x 2 sexes x 2 measures in big
        if (text.endsWith("select (count(?o) as ?n) where { ?o qb:dataSet <" + B + "data/big> }")) {
            assertThat(actual.get(0).get("n").getLiteralLexicalForm()).isEqualTo(String.valueOf(30 * 3 * 2 * 2 + 1));
        }
    }

    /**
     * ORDER BY shapes: the client's (on every dataset and filter combination), descending keys, a
     * key with literal values, a key on a variable some rows leave unbound, an expression, a key
     * that ties (the rest of each row then decides, as ARQ's comparator does), and LIMIT/OFFSET.
     */
    static List<String> orderShapes() {
        List<String> queries = new ArrayList<>();
        for (String q : clientShapes()) {
            if (q.contains("order by")) {
                queries.add(q);
            }
        }
        String big = "<" + B + "data/big>";
        String star = "?o qb:dataSet " + big + " ; dim:refArea ?a ; dim:refPeriod ?y ; g:gender ?s ; m:count ?v . ";
        queries.add(P + "select * where { " + star + "} order by desc(?y) ?a");
        queries.add(P + "select * where { " + star + "} order by ?s");
        queries.add(P + "select ?a ?v where { " + star + "} order by ?v ?a");
        queries.add(P + "select * where { " + star + "} order by desc(?v)");
        queries.add(P + "select * where { " + star + "} order by str(?a) ?y");
        queries.add(P + "select * where { " + star + "} order by ?y limit 7 offset 3");
        queries.add(P + "select * where { ?o qb:dataSet " + big + " ; dim:refArea area:S01006510 . "
                + "optional { ?o g:gender ?s } } order by ?s ?o");
        queries.add(P + "select * where { ?o qb:dataSet " + big + " ; ?p ?x } order by ?p");
        queries.add(P + "select * where { ?o qb:dataSet <" + B + "data/none> ; ?p ?x } order by ?p");
        return queries;
    }

    @ParameterizedTest
    @MethodSource("orderShapes")
    void orderByGivesTheStockEnginesRowsInTheStockEnginesOrder(String text) {
        Query query = QueryFactory.create(text);
        List<Map<String, Node>> ranked = store.read(dsg -> rows(select(store.publicQuery(query))));
        List<Map<String, Node>> stock =
                store.read(dsg -> rows(select(store.publicQuery(query).set(StarPatternExecutor.STOCK_ORDER, true))));
        List<Map<String, Node>> plain = store.read(dsg -> rows(select(store.plainQuery(query))));
        assertThat(ranked).as(text).containsExactlyElementsOf(stock);
        assertThat(ranked).as(text).containsExactlyElementsOf(plain);
        // rows held as ids with fewer keys packed: ties left for the other keys, as on large inputs
        for (int bits : new int[] {0, 1, 4, 9}) {
            List<Map<String, Node>> fewerBits =
                    store.read(dsg -> rows(select(store.publicQuery(query).set(RankedSort.KEY_BITS, bits))));
            assertThat(fewerBits)
                    .as("%s with %d bits of packed keys", text, bits)
                    .containsExactlyElementsOf(stock);
        }
    }

    @Test
    void aSortedAnswerOverTheRowLimitIsRefusedAndOneThatFitsIsTheSame() {
        // big: 30 areas x 3 years x 2 sexes x 2 measures, and the split observation
        String text = P + "select ?o ?y where { ?o qb:dataSet <" + B + "data/big> ; dim:refPeriod ?y } order by ?y";
        Query query = QueryFactory.create(text);
        int all = 30 * 3 * 2 * 2 + 1;
        List<Map<String, Node>> expected = store.read(dsg -> rows(select(store.publicQuery(query))));
        assertThat(expected).hasSize(all);
        List<Map<String, Node>> capped = store.read(dsg -> rows(select(store.publicQuery(query, all))));
        assertThat(capped).containsExactlyElementsOf(expected);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        store.read(dsg -> rows(select(store.publicQuery(query, all - 1)))))
                .isInstanceOf(TripleStore.TooManyRows.class)
                .hasMessage("the answer has more than " + (all - 1) + " rows");
        // what is above the sort changes the rows: LIMIT, DISTINCT, a subquery; those are not capped here
        for (String other : List.of(
                text + " limit 400",
                P + "select distinct ?y where { ?o qb:dataSet <" + B + "data/big> ; dim:refPeriod ?y } order by ?y",
                P + "select (count(*) as ?n) where { { " + text.substring(P.length()) + " } }")) {
            Query q = QueryFactory.create(other);
            List<Map<String, Node>> small = store.read(dsg -> rows(select(store.publicQuery(q, 3))));
            List<Map<String, Node>> whole = store.read(dsg -> rows(select(store.publicQuery(q))));
            assertThat(small).as(other).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void theRankedSortTakesTheTieBreakFromTheWholeRow() {
        // every row has the same ?y: the order is that of the rest of the row, variables by name
        String text = P + "select * where { ?o qb:dataSet <" + B + "data/small> ; dim:refPeriod ?y ; g:gender ?s . "
                + "filter(?y = <http://reference.data.gov.uk/id/year/2016>) } order by ?y";
        List<Map<String, Node>> rows = store.read(dsg -> rows(select(store.publicQuery(QueryFactory.create(text)))));
        assertThat(rows).hasSize(4 * 2 * 2);
        List<String> observations = rows.stream().map(r -> r.get("o").getURI()).toList();
        assertThat(observations).isSorted();
    }

    private static List<Binding> select(org.apache.jena.sparql.exec.QueryExecBuilder builder) {
        try (QueryExec exec = builder.build()) {
            List<Binding> rows = new ArrayList<>();
            exec.select().forEachRemaining(rows::add);
            return rows;
        }
    }

    /** Rows as plain maps: TDB2's bindings and plain ones are not equal() to each other. */
    private static List<Map<String, Node>> rows(List<Binding> bindings) {
        List<Map<String, Node>> rows = new ArrayList<>();
        for (Binding b : bindings) {
            Map<String, Node> row = new TreeMap<>();
            b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
            rows.add(row);
        }
        return rows;
    }

    private static List<Binding> run(Query query, boolean star) {
        return store.read(dsg -> {
            var builder = QueryExec.dataset(dsg).query(query).set(TDB2.symUnionDefaultGraph, true);
            if (star) {
                builder.set(ARQConstants.sysOptimizerFactory, store.optimizer().rewriteFactory())
                        .set(
                                ARQConstants.sysOpExecutorFactory,
                                store.optimizer().executorFactory());
            } else {
                builder.set(ARQConstants.sysOptimizerFactory, Optimize.stdOptimizationFactory)
                        .set(ARQConstants.sysOpExecutorFactory, OpExecutorTDB2.OpExecFactoryTDB);
            }
            try (QueryExec exec = builder.build()) {
                List<Binding> rows = new ArrayList<>();
                RowSet rs = exec.select();
                rs.forEachRemaining(rows::add);
                return rows;
            }
        });
    }
}
