package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static scot.cairn.store.SummaryAggregatesTest.AREA;
import static scot.cairn.store.SummaryAggregatesTest.B;
import static scot.cairn.store.SummaryAggregatesTest.P;
import static scot.cairn.store.SummaryAggregatesTest.POP;
import static scot.cairn.store.SummaryAggregatesTest.rows;
import static scot.cairn.store.SummaryAggregatesTest.u;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Totals by a parent area through the geography ({@link AreaRollups}) must be exactly the stock
 * engine's answers (as multisets: values and datatypes), must be rolled up from per-area groups
 * for the recognised shapes and never for the others, and must follow the geography graph when it
 * changes between two queries (and the dataset when it is republished).
 */
class AreaRollupsTest {

    static final String FOI = "http://publishmydata.com/def/ontology/foi/";
    static final String COLLECTION = B + "def/foi/collection/";
    static final String GEO = B + "graph/geography";
    static final String PF = P + "PREFIX foi: <" + FOI + "> PREFIX coll: <" + COLLECTION + "> ";
    static final String STAR = "?o qb:dataSet <" + POP + "> ; ";
    static final String ALL = "g:gender <" + B + "def/concept/gender/all> ; ";

    static TripleStore store;

    /** Data zone {@code i}'s intermediate zone, and an intermediate zone's council. */
    static int zoneOf(int dz) {
        return dz % 20;
    }

    static String councilOf(int iz, boolean moved) {
        return moved && iz == 0
                ? "S12000035"
                : List.of("S12000033", "S12000034", "S12000035").get(iz % 3);
    }

    static String boardOf(String council) {
        return council.equals("S12000035") ? "S08000032" : "S08000031";
    }

    /**
     * The geography of {@link SummaryAggregatesTest#areas}: data zones in intermediate zones in
     * three councils in two health boards in Scotland. {@code materialised}: every area
     * {@code foi:within} every area above it (as the loader writes it), else only its direct
     * parent; {@code moved}: intermediate zone 0 belongs to another council.
     */
    static GraphReplacement geography(boolean materialised, boolean moved) {
        Node g = u(GEO);
        Node within = u(FOI + "within");
        Node memberOf = u(FOI + "memberOf");
        return new GraphReplacement(List.of(GEO), sink -> {
            for (int i = 0; i < 300; i++) {
                Node dz = u(AREA + String.format("S01%06d", i));
                int iz = zoneOf(i);
                String council = councilOf(iz, moved);
                sink.add(Quad.create(g, dz, memberOf, u(COLLECTION + "data-zones")));
                sink.add(Quad.create(g, dz, within, u(AREA + String.format("S02%06d", iz))));
                if (materialised) {
                    sink.add(Quad.create(g, dz, within, u(AREA + council)));
                    sink.add(Quad.create(g, dz, within, u(AREA + boardOf(council))));
                    sink.add(Quad.create(g, dz, within, u(AREA + "S92000003")));
                }
            }
            for (int iz = 0; iz < 20; iz++) {
                Node zone = u(AREA + String.format("S02%06d", iz));
                String council = councilOf(iz, moved);
                sink.add(Quad.create(g, zone, memberOf, u(COLLECTION + "intermediate-zones")));
                sink.add(Quad.create(g, zone, within, u(AREA + council)));
                if (materialised) {
                    sink.add(Quad.create(g, zone, within, u(AREA + boardOf(council))));
                    sink.add(Quad.create(g, zone, within, u(AREA + "S92000003")));
                }
            }
            for (String council : List.of("S12000033", "S12000034", "S12000035")) {
                sink.add(Quad.create(g, u(AREA + council), memberOf, u(COLLECTION + "council-areas")));
                sink.add(Quad.create(g, u(AREA + council), within, u(AREA + boardOf(council))));
                sink.add(Quad.create(g, u(AREA + council), within, u(AREA + "S92000003")));
            }
            for (String board : List.of("S08000031", "S08000032")) {
                sink.add(Quad.create(g, u(AREA + board), memberOf, u(COLLECTION + "health-boards")));
                sink.add(Quad.create(g, u(AREA + board), within, u(AREA + "S92000003")));
            }
            sink.add(Quad.create(
                    g,
                    u(AREA + "S92000003"),
                    u("http://www.w3.org/2000/01/rdf-schema#label"),
                    NodeFactory.createLiteralString("Scotland")));
        });
    }

    @BeforeAll
    static void load() {
        store = TripleStore.inMemory();
        store.replaceGraphs(SummaryAggregatesTest.population(0));
        store.replaceGraphs(geography(true, false));
        store.replaceGraphs(SummaryAggregatesTest.small(
                "mixed",
                B + "data/mixed",
                List.of(
                        NodeFactory.createLiteralByValue(3),
                        NodeFactory.createLiteralByValue(2.5d),
                        NodeFactory.createLiteralByValue(4))));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static String byParent(String collection, String aggregates, String keys, String star) {
        return PF + "select ?parent " + keys + " " + aggregates + " where { " + STAR + "dim:refArea ?dz ; " + star
                + " . ?dz foi:within ?parent . ?parent foi:memberOf coll:" + collection + " } group by ?parent "
                + keys;
    }

    /** The shapes rolled up by area. */
    static List<String> recognised() {
        String sum = "(sum(?v) as ?people)";
        String periodAllCount = "dim:refPeriod ?period ; " + ALL + "m:count ?v";
        List<String> shapes = new ArrayList<>();
        for (String collection : List.of("council-areas", "health-boards", "intermediate-zones")) {
            shapes.add(byParent(collection, sum, "?period", periodAllCount));
            shapes.add(byParent(
                    collection, "(count(*) as ?n)", "?period", "dim:refPeriod ?period ; " + ALL + "m:count ?v"));
        }
        // the example's query in its own words, variables as the benchmark names them
        shapes.add(PF + "select ?council ?period (sum(?v) as ?people) where { " + STAR
                + "dim:refArea ?dz ; dim:refPeriod ?period ; " + ALL + "m:count ?v . ?dz foi:within ?council . "
                + "?council foi:memberOf coll:council-areas } group by ?council ?period");
        // an extra small-dimension key, COUNT of a variable, and a decimal measure
        shapes.add(byParent(
                "council-areas",
                "(sum(?v) as ?people) (count(?o) as ?n)",
                "?period ?sex",
                "dim:refPeriod ?period ; g:gender ?sex ; m:count ?v"));
        shapes.add(byParent(
                "health-boards", "(sum(?r) as ?total) (count(?dz) as ?n)", "?sex", "g:gender ?sex ; m:ratio ?r"));
        // no other key; ordering, HAVING and a limit over the groups
        shapes.add(byParent("council-areas", sum, "", ALL + "m:count ?v"));
        shapes.add(byParent("council-areas", sum, "?period", periodAllCount)
                + " having (sum(?v) > 1000) order by desc(?people) limit 2");
        // the area itself as a key: groups of one observation keep the value as it is (xsd:int, "4.50")
        shapes.add(PF + "select ?dz ?period (sum(?v) as ?people) where { " + STAR
                + "dim:refArea ?dz ; dim:refPeriod ?period ; " + ALL + "m:count ?v . "
                + "?dz foi:memberOf coll:data-zones } group by ?dz ?period");
        // every parent at once: each observation counted once per area above its own
        shapes.add(PF + "select ?parent (sum(?v) as ?people) (count(*) as ?n) where { " + STAR + "dim:refArea ?dz ; "
                + ALL + "m:count ?v . ?dz foi:within ?parent } group by ?parent");
        // a constant that no observation has: no group
        shapes.add(byParent(
                "council-areas",
                sum,
                "?period",
                "dim:refPeriod ?period ; g:gender <" + B + "def/concept/gender/none> ; m:count ?v"));
        return shapes;
    }

    /** Shapes left to the engine: not a star joined on its area, or not exactly SUM/COUNT. */
    static List<String> notRecognised() {
        String within = " ?dz foi:within ?council . ?council foi:memberOf coll:council-areas ";
        return List.of(
                PF + "select ?council (sum(?v) as ?s) where { " + STAR + "dim:refArea ?dz ; " + ALL + "m:count ?v . "
                        + "optional { ?dz foi:within ?council . ?council foi:memberOf coll:council-areas } } "
                        + "group by ?council",
                PF + "select ?council (sum(?v) as ?s) where { " + STAR + "dim:refArea ?dz ; " + ALL + "m:count ?v . "
                        + within + " filter(?v > 50) } group by ?council",
                PF + "select ?council (sum(?v) as ?s) where { " + STAR + "dim:refArea ?dz ; " + ALL + "m:count ?v . "
                        + "?dz foi:within+ ?council . ?council foi:memberOf coll:council-areas } group by ?council",
                PF + "select ?council (avg(?v) as ?s) where { " + STAR + "dim:refArea ?dz ; " + ALL + "m:count ?v . "
                        + within + "} group by ?council",
                PF + "select ?council (count(distinct ?o) as ?s) where { " + STAR + "dim:refArea ?dz ; m:count ?v . "
                        + within + "} group by ?council",
                // the area pattern shares two variables with the star
                PF + "select ?council (sum(?v) as ?s) where { " + STAR + "dim:refArea ?dz ; dim:refPeriod ?period ; "
                        + ALL
                        + "m:count ?v . ?dz foi:within ?council . ?council foi:memberOf ?period } group by ?council",
                // no GROUP BY: one row even when nothing matches, left to the engine
                PF + "select (sum(?v) as ?s) where { " + STAR + "dim:refArea ?dz ; " + ALL + "m:count ?v . " + within
                        + "}",
                // the query's own dataset: not the store's union graph
                PF + "select ?council (sum(?v) as ?s) from <" + B + "graph/pop> from <" + GEO + "> where { " + STAR
                        + "dim:refArea ?dz ; " + ALL + "m:count ?v . " + within + "} group by ?council",
                PF + "select ?council ?n where { { select ?council (count(*) as ?n) where { " + STAR
                        + "dim:refArea ?dz . " + within + "} group by ?council } ?council ?p ?x }");
    }

    @ParameterizedTest
    @MethodSource("recognised")
    void recognisedShapesAreRolledUpAsTheStockEngineAnswers(String text) {
        assertRolledUp(store, QueryFactory.create(text));
    }

    @ParameterizedTest
    @MethodSource("notRecognised")
    void otherShapesAreLeftToTheEngine(String text) {
        Query query = QueryFactory.create(text);
        long before = AreaRollups.answered();
        List<Map<String, Node>> actual = rows(store, query, true);
        assertThat(AreaRollups.answered()).as("not rolled up: %s", text).isEqualTo(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(rows(store, query, false));
    }

    @Test
    void aValueThatCannotBeSummedExactlyLeavesTheGroupToTheEngine() {
        Query query = QueryFactory.create(PF + "select ?council (sum(?v) as ?s) where { ?o qb:dataSet <" + B
                + "data/mixed> ; dim:refArea ?dz ; m:count ?v . ?dz foi:within ?council . "
                + "?council foi:memberOf coll:council-areas } group by ?council");
        long before = AreaRollups.answered();
        List<Map<String, Node>> actual = rows(store, query, true);
        assertThat(AreaRollups.answered()).isEqualTo(before);
        assertThat(actual).isNotEmpty().containsExactlyInAnyOrderElementsOf(rows(store, query, false));
    }

    @Test
    void thePerAreaGroupsAreBoundedFromTheSummaryBeforeAnyScan() {
        AggregateSummary pop = store.summaries().entries().get(B + "graph/pop").summary();
        // 324 areas (listed under their levels) x 2 periods; the constant sex is no key
        assertThat(AreaRollups.estimate(shape(recognised().get(0)), pop)).isEqualTo(324 * 2);
        assertThat(AreaRollups.estimate(shape(recognised().get(7)), pop)).isEqualTo(324 * 2 * 3);
        assertThat(AreaRollups.estimate(shape(recognised().get(7)), pop)).isLessThan(AreaRollups.MAX_GROUPS);
    }

    private static AreaRollups.Shape shape(String text) {
        org.apache.jena.sparql.algebra.Op op =
                org.apache.jena.sparql.algebra.Algebra.compile(QueryFactory.create(text));
        while (!(op instanceof org.apache.jena.sparql.algebra.op.OpGroup)) {
            op = ((org.apache.jena.sparql.algebra.op.Op1) op).getSubOp();
        }
        AreaRollups.Shape shape = AreaRollups.Shape.of((org.apache.jena.sparql.algebra.op.OpGroup) op);
        assertThat(shape).as("recognised: %s", text).isNotNull();
        return shape;
    }

    @Test
    void theAnswerFollowsTheGeographyAndTheDatasetBetweenTwoQueries() {
        TripleStore s = TripleStore.inMemory();
        try {
            s.replaceGraphs(SummaryAggregatesTest.population(0));
            s.replaceGraphs(geography(true, false));
            Query byCouncil = QueryFactory.create(recognised().get(0));
            Query throughParents = QueryFactory.create(PF + "select ?council ?period (sum(?v) as ?people) where { "
                    + STAR + "dim:refArea ?dz ; dim:refPeriod ?period ; " + ALL + "m:count ?v . "
                    + "?dz foi:within ?iz . ?iz foi:within ?council . ?council foi:memberOf coll:council-areas } "
                    + "group by ?council ?period");
            List<Map<String, Node>> first = assertRolledUp(s, byCouncil);
            List<Map<String, Node>> firstThrough = assertRolledUp(s, throughParents);

            // an intermediate zone moves to another council: the next query has the new totals
            s.replaceGraphs(geography(true, true));
            List<Map<String, Node>> moved = assertRolledUp(s, byCouncil);
            assertThat(moved).isNotEqualTo(first);

            // only direct parents: data zones are within no council (only intermediate zones are),
            // and reach one only through their zones, as the materialised geography gave it
            s.replaceGraphs(geography(false, false));
            List<Map<String, Node>> direct = assertRolledUp(s, byCouncil);
            assertThat(direct).isNotEqualTo(first).isNotEmpty();
            assertThat(assertRolledUp(s, throughParents)).containsExactlyInAnyOrderElementsOf(firstThrough);

            // the dataset republished with other counts: new per-area groups
            s.replaceGraphs(geography(true, false));
            s.replaceGraphs(SummaryAggregatesTest.population(7));
            assertThat(assertRolledUp(s, byCouncil)).isNotEqualTo(first);
        } finally {
            s.close();
        }
    }

    /** The query's rows on the public path, checked rolled up by area and equal to the stock engine's. */
    private static List<Map<String, Node>> assertRolledUp(TripleStore s, Query query) {
        long before = AreaRollups.answered();
        List<Map<String, Node>> actual = rows(s, query, true);
        assertThat(AreaRollups.answered()).as("rolled up by area: %s", query).isGreaterThan(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(rows(s, query, false));
        return actual;
    }
}
