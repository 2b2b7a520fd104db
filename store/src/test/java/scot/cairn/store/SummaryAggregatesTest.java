package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Aggregates answered from per-dataset summaries must be exactly the stock engine's answers (as
 * multisets of rows: values, datatypes, empty groups, missing values), must actually come from
 * the summary for the recognised shapes and never for the others, and must follow every
 * publication, a restart and a crash between a commit and the summary file's update.
 */
class SummaryAggregatesTest {

    static final String B = "http://statistics.gov.scot/";
    static final String QB = "http://purl.org/linked-data/cube#";
    static final String DIM = "http://purl.org/linked-data/sdmx/2009/dimension#";
    static final String AREA = B + "id/statistical-geography/";
    static final String P = "PREFIX qb: <" + QB + "> PREFIX dim: <" + DIM + "> PREFIX g: <" + B + "def/dimension/> "
            + "PREFIX m: <" + B + "def/measure-properties/> PREFIX area: <" + AREA + "> ";
    static final String POP = B + "data/pop";

    static TripleStore store;

    static Node u(String s) {
        return NodeFactory.createURI(s);
    }

    /** 300 data zones, 20 intermediate zones, 3 councils and Scotland; two years; three sexes; a count and a ratio. */
    static List<String> areas() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            codes.add(String.format("S01%06d", i));
        }
        for (int i = 0; i < 20; i++) {
            codes.add(String.format("S02%06d", i));
        }
        codes.addAll(List.of("S12000033", "S12000034", "S12000035", "S92000003"));
        return codes;
    }

    /** The population dataset; {@code offset} changes every count (a new version of it). */
    static GraphReplacement population(int offset) {
        Node g = u(B + "graph/pop");
        Node meta = u(B + "graph/pop-metadata");
        return new GraphReplacement(List.of(g.getURI(), meta.getURI()), sink -> {
            int n = 0;
            for (String code : areas()) {
                for (int y = 2019; y <= 2020; y++) {
                    // metadata written with the observations: subjects whose ids lie among theirs
                    sink.add(Quad.create(
                            meta,
                            u(B + "def/concept/note/" + code + "-" + y),
                            u("http://www.w3.org/2000/01/rdf-schema#label"),
                            NodeFactory.createLiteralString(code + " " + y + " " + offset)));
                    for (String sex : List.of("male", "female", "all")) {
                        for (String m : List.of("count", "ratio")) {
                            Node o = u(POP + "/" + code + "/" + y + "/" + sex + "/" + m);
                            sink.add(Quad.create(g, o, u(QB + "dataSet"), u(POP)));
                            sink.add(Quad.create(g, o, u(DIM + "refArea"), u(AREA + code)));
                            if (!(code.equals("S02000003") && sex.equals("male"))) { // a missing period
                                sink.add(Quad.create(
                                        g, o, u(DIM + "refPeriod"), u("http://reference.data.gov.uk/id/year/" + y)));
                            }
                            sink.add(Quad.create(
                                    g, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/" + sex)));
                            sink.add(Quad.create(g, o, u(QB + "measureType"), u(B + "def/measure-properties/" + m)));
                            Node value = m.equals("count")
                                    ? NodeFactory.createLiteralByValue(n % 97 + offset) // xsd:int
                                    : NodeFactory.createLiteralDT(
                                            (n % 13) + "." + (n % 10) + "0", XSDDatatype.XSDdecimal);
                            sink.add(Quad.create(g, o, u(B + "def/measure-properties/" + m), value));
                            n++;
                        }
                    }
                }
            }
        });
    }

    /** A small dataset in graph {@code slug} with the given count values, one observation per value. */
    static GraphReplacement small(String slug, String dataset, List<Node> values) {
        Node g = u(B + "graph/" + slug);
        return new GraphReplacement(List.of(g.getURI()), sink -> {
            for (int i = 0; i < values.size(); i++) {
                Node o = u(dataset + "/obs" + i);
                sink.add(Quad.create(g, o, u(QB + "dataSet"), u(dataset)));
                sink.add(Quad.create(g, o, u(DIM + "refArea"), u(AREA + (i % 2 == 0 ? "S12000033" : "S01000001"))));
                sink.add(Quad.create(
                        g,
                        o,
                        u(B + "def/dimension/gender"),
                        u(B + "def/concept/gender/" + (i % 2 == 0 ? "male" : "female"))));
                sink.add(Quad.create(g, o, u(B + "def/measure-properties/count"), values.get(i)));
            }
        });
    }

    @BeforeAll
    static void load() {
        store = TripleStore.inMemory();
        store.replaceGraphs(population(0));
        // a double among the values: not summed exactly, left to the engine
        store.replaceGraphs(small(
                "mixed",
                B + "data/mixed",
                List.of(
                        NodeFactory.createLiteralByValue(3),
                        NodeFactory.createLiteralByValue(2.5d),
                        NodeFactory.createLiteralByValue(4))));
        // one observation with two genders
        store.replaceGraphs(small(
                "multi",
                B + "data/multi",
                List.of(NodeFactory.createLiteralByValue(3), NodeFactory.createLiteralByValue(5))));
        store.write(
                List.of(B + "graph/multi"),
                d -> d.add(Quad.create(
                        u(B + "graph/multi"),
                        u(B + "data/multi/obs0"),
                        u(B + "def/dimension/gender"),
                        u(B + "def/concept/gender/all"))));
        // an observation described in a second graph too
        store.replaceGraphs(small(
                "shared",
                B + "data/shared",
                List.of(NodeFactory.createLiteralByValue(3), NodeFactory.createLiteralByValue(5))));
        store.write(
                List.of(B + "graph/annotations"),
                d -> d.add(Quad.create(
                        u(B + "graph/annotations"),
                        u(B + "data/shared/obs1"),
                        u(B + "def/measure-properties/count"),
                        NodeFactory.createLiteralByValue(7))));
        // a dataset whose observations are in two graphs
        store.replaceGraphs(small("split-a", B + "data/split", List.of(NodeFactory.createLiteralByValue(1))));
        store.write(List.of(B + "graph/split-b"), d -> {
            Node g = u(B + "graph/split-b");
            Node o = u(B + "data/split/other");
            d.add(Quad.create(g, o, u(QB + "dataSet"), u(B + "data/split")));
            d.add(Quad.create(g, o, u(B + "def/dimension/gender"), u(B + "def/concept/gender/male")));
            d.add(Quad.create(g, o, u(B + "def/measure-properties/count"), NodeFactory.createLiteralByValue(10)));
        });
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static final String STAR = "?o qb:dataSet <" + POP + "> ; ";

    /** The shapes answered from the summary. */
    static List<String> recognised() {
        String levelBind = "bind(substr(strafter(str(?area), '" + AREA + "'), 1, 3) as ?level) ";
        return List.of(
                P + "select ?period (sum(?v) as ?people) where { " + STAR
                        + "dim:refPeriod ?period ; m:count ?v } group by ?period",
                P + "select ?sex (count(*) as ?n) where { " + STAR + "g:gender ?sex } group by ?sex",
                P + "select ?sex (count(?o) as ?n) where { " + STAR + "g:gender ?sex } group by ?sex",
                P + "select ?sex (count(?period) as ?n) where { " + STAR
                        + "g:gender ?sex ; dim:refPeriod ?period } group by ?sex",
                P + "select ?sex ?period (sum(?v) as ?people) where { " + STAR
                        + "g:gender ?sex ; dim:refPeriod ?period ; "
                        + "m:count ?v . filter(regex(str(?sex), 'male$')) } group by ?sex ?period",
                P + "select ?period (sum(?v) as ?people) where { " + STAR + "g:gender <" + B
                        + "def/concept/gender/all> ; " + "dim:refPeriod ?period ; m:count ?v } group by ?period",
                P + "select ?level (count(?o) as ?n) where { " + STAR + "dim:refArea ?area . " + levelBind
                        + "} group by ?level",
                P + "select ?level ?period (sum(?v) as ?people) where { " + STAR
                        + "dim:refArea ?area ; dim:refPeriod ?period ; " + "m:count ?v . " + levelBind
                        + "} group by ?level ?period order by ?level ?period",
                P + "select ?period (sum(?v) as ?people) where { " + STAR
                        + "dim:refArea ?area ; dim:refPeriod ?period ; "
                        + "m:count ?v . filter(strstarts(strafter(str(?area), '" + AREA
                        + "'), 'S12')) } group by ?period",
                P + "select ?period (sum(?r) as ?total) (count(*) as ?n) where { " + STAR
                        + "dim:refPeriod ?period ; m:ratio ?r } " + "group by ?period",
                // groups of one observation: ARQ keeps the value as it is (xsd:int, "4.50")
                P + "select ?sex ?period (sum(?v) as ?s) where { " + STAR + "dim:refArea ?area ; g:gender ?sex ; "
                        + "dim:refPeriod ?period ; m:count ?v . filter(regex(str(?area), 'S92000003$')) } group by ?sex ?period",
                P + "select ?sex ?period (sum(?r) as ?s) where { " + STAR + "dim:refArea ?area ; g:gender ?sex ; "
                        + "dim:refPeriod ?period ; m:ratio ?r . filter(regex(str(?area), 'S92000003$')) } group by ?sex ?period",
                P + "select ?sex (sum(?v) as ?s) where { " + STAR + "dim:refArea ?area ; g:gender ?sex ; m:count ?v . "
                        + "filter(regex(str(?area), 'S92000003$')) } group by ?sex",
                P + "select (sum(?v) as ?s) (count(*) as ?n) where { " + STAR + "m:count ?v }",
                // nothing matches: no group; without GROUP BY one row of zeros
                P + "select (sum(?v) as ?s) (count(*) as ?n) where { " + STAR + "g:gender ?sex ; m:count ?v . "
                        + "filter(?sex = <" + B + "def/concept/gender/none>) }",
                P + "select ?sex (sum(?v) as ?s) where { " + STAR
                        + "g:gender ?sex ; m:count ?v . filter(regex(str(?sex), 'x$')) } " + "group by ?sex",
                P + "select ?sex (sum(?v) as ?s) where { " + STAR + "g:gender ?sex ; m:nothing ?v } group by ?sex",
                P + "select ?sex (sum(?v) as ?s) where { " + STAR + "g:gender ?sex ; m:count ?v } group by ?sex "
                        + "having (sum(?v) > 10) order by desc(?s) limit 2");
    }

    /** Shapes the summary must not answer (the engine does): other aggregates, OPTIONAL, other datasets. */
    static List<String> notRecognised() {
        return List.of(
                P + "select (count(distinct ?sex) as ?n) where { " + STAR + "g:gender ?sex }",
                P + "select ?sex (avg(?v) as ?a) where { " + STAR + "g:gender ?sex ; m:count ?v } group by ?sex",
                P + "select ?sex (sum(distinct ?v) as ?a) where { " + STAR
                        + "g:gender ?sex ; m:count ?v } group by ?sex",
                P + "select ?sex (count(*) as ?n) where { " + STAR
                        + "g:gender ?sex optional { ?o m:count ?v } } group by ?sex",
                P + "select ?area (sum(?v) as ?s) where { " + STAR + "dim:refArea ?area ; m:count ?v } group by ?area",
                P + "select ?sex (sum(?v) as ?s) where { " + STAR
                        + "g:gender ?sex ; m:count ?v . filter(?v > 50) } group by ?sex",
                P + "select ?sex (count(*) as ?n) where { ?o qb:dataSet ?ds ; g:gender ?sex } group by ?sex",
                P + "select ?sex (count(*) as ?n) from <" + B + "graph/pop> where { " + STAR
                        + "g:gender ?sex } group by ?sex",
                P + "select ?sex (count(*) as ?n) where { graph ?g { " + STAR + "g:gender ?sex } } group by ?sex",
                P + "select ?sex ?n where { { select ?sex (count(*) as ?n) where { " + STAR
                        + "g:gender ?sex } group by ?sex } " + "?x ?y ?sex }",
                P + "select ?sex (sum(?v) as ?s) where { ?o qb:dataSet <" + B
                        + "data/mixed> ; g:gender ?sex ; m:count ?v } " + "group by ?sex",
                P + "select ?sex (sum(?v) as ?s) where { ?o qb:dataSet <" + B
                        + "data/multi> ; g:gender ?sex ; m:count ?v } " + "group by ?sex",
                P + "select ?sex (sum(?v) as ?s) where { ?o qb:dataSet <" + B
                        + "data/shared> ; g:gender ?sex ; m:count ?v } " + "group by ?sex",
                P + "select ?sex (sum(?v) as ?s) where { ?o qb:dataSet <" + B
                        + "data/split> ; g:gender ?sex ; m:count ?v } " + "group by ?sex");
    }

    @ParameterizedTest
    @MethodSource("recognised")
    void recognisedShapesAreAnsweredFromTheSummaryAsTheStockEngineAnswers(String text) {
        Query query = QueryFactory.create(text);
        long before = SummaryAggregates.answered();
        List<Map<String, Node>> actual = rows(store, query, true);
        assertThat(SummaryAggregates.answered())
                .as("answered from the summary: %s", text)
                .isGreaterThan(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(rows(store, query, false));
    }

    @ParameterizedTest
    @MethodSource("notRecognised")
    void otherShapesAreLeftToTheEngine(String text) {
        Query query = QueryFactory.create(text);
        long before = SummaryAggregates.answered();
        List<Map<String, Node>> actual = rows(store, query, true);
        assertThat(SummaryAggregates.answered())
                .as("not from a summary: %s", text)
                .isEqualTo(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(rows(store, query, false));
    }

    @Test
    void aMultiValuedPredicateOnlyStopsTheQueriesThatUseIt() {
        Query query = QueryFactory.create(
                P + "select (sum(?v) as ?s) where { ?o qb:dataSet <" + B + "data/multi> ; m:count ?v }");
        long before = SummaryAggregates.answered();
        List<Map<String, Node>> actual = rows(store, query, true);
        assertThat(SummaryAggregates.answered()).isGreaterThan(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(rows(store, query, false));
    }

    @Test
    void theSummaryIsTinyNextToTheData() {
        AggregateSummaries.Entry pop = store.summaries().entries().get(B + "graph/pop");
        assertThat(pop).isNotNull();
        // keyed by period (with the missing one), sex, measure type, dataset, and the four area levels
        assertThat(pop.summary().rows().size()).isLessThan(200);
        assertThat(pop.summary().rows().stream()
                        .mapToLong(AggregateSummary.Row::count)
                        .sum())
                .isEqualTo(areas().size() * 2 * 3 * 2);
        assertThat(store.summaries().entries()).doesNotContainKey(B + "graph/annotations");
    }

    @Test
    void aPublicationThatReplacesADatasetChangesItsSummaryWithIt(@TempDir Path dir) {
        try (TripleStore s = TripleStore.open(dir.resolve("db"))) {
            s.replaceGraphs(population(0));
            Query query = QueryFactory.create(recognised().get(0));
            List<Map<String, Node>> first = rows(s, query, true);
            s.replaceGraphs(population(5));
            long before = SummaryAggregates.answered();
            List<Map<String, Node>> second = rows(s, query, true);
            assertThat(SummaryAggregates.answered()).isGreaterThan(before);
            assertThat(second).isNotEqualTo(first).containsExactlyInAnyOrderElementsOf(rows(s, query, false));
            s.dropGraphs(List.of(B + "graph/pop", B + "graph/pop-metadata"));
            assertThat(rows(s, query, true)).isEmpty();
            assertThat(s.summaries().entries()).isEmpty();
        }
    }

    @Test
    void aRestartReadsTheSummariesAndACrashBeforeTheirFileIsWrittenRecomputesThem(@TempDir Path dir)
            throws IOException {
        Path db = dir.resolve("db");
        Path file = db.resolve(AggregateSummaries.FILE);
        Path old = dir.resolve("old-summaries.tsv");
        Path oldGraphs = dir.resolve("old-graphs.tsv");
        Query query = QueryFactory.create(recognised().get(0));
        List<Map<String, Node>> expected;
        try (TripleStore s = TripleStore.open(db)) {
            s.replaceGraphs(population(0));
            Files.copy(file, old);
            Files.copy(db.resolve(GraphStatistics.FILE), oldGraphs);
            s.replaceGraphs(population(9));
            expected = rows(s, query, false);
        }
        // a restart: the summary comes from the file, unchanged graphs are not summarised again
        String written = Files.readString(file, StandardCharsets.UTF_8);
        try (TripleStore s = TripleStore.open(db)) {
            assertAnsweredFromSummary(s, query, expected);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(written);

        // killed after the commit, before either file was updated: the pending list is left
        Files.copy(old, file, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(oldGraphs, db.resolve(GraphStatistics.FILE), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(db.resolve(GraphStatistics.PENDING), B + "graph/pop\n");
        try (TripleStore s = TripleStore.open(db)) {
            assertAnsweredFromSummary(s, query, expected);
        }
        // killed after the counts were saved, before the summaries were
        Files.copy(old, file, StandardCopyOption.REPLACE_EXISTING);
        try (TripleStore s = TripleStore.open(db)) {
            assertAnsweredFromSummary(s, query, expected);
        }
        // a damaged file: recomputed
        Files.writeString(file, "graph\tnot a summary\n");
        try (TripleStore s = TripleStore.open(db)) {
            assertAnsweredFromSummary(s, query, expected);
        }
    }

    private static void assertAnsweredFromSummary(TripleStore s, Query query, List<Map<String, Node>> expected) {
        long before = SummaryAggregates.answered();
        List<Map<String, Node>> actual = rows(s, query, true);
        assertThat(SummaryAggregates.answered()).isGreaterThan(before);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aReaderOfAnEarlierStateIsNotAnsweredFromALaterSummary() {
        Query query = QueryFactory.create(recognised().get(0));
        TripleStore s = TripleStore.inMemory();
        try {
            s.replaceGraphs(population(0));
            List<Map<String, Node>> before = rows(s, query, false);
            // a read transaction begun before the publication keeps its state to the end
            List<Map<String, Node>> seen = s.read(d -> {
                Thread writer = new Thread(() -> s.replaceGraphs(population(3)));
                writer.start();
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return rows(s, query, true);
            });
            assertThat(seen).containsExactlyInAnyOrderElementsOf(before);
            assertThat(rows(s, query, true)).isNotEqualTo(before);
        } finally {
            s.close();
        }
    }

    /** The query's rows as plain maps, on the public path or the stock engine. */
    static List<Map<String, Node>> rows(TripleStore s, Query query, boolean summaries) {
        return s.read(d -> {
            QueryExecBuilder builder = summaries ? s.publicQuery(query) : s.plainQuery(query);
            List<Map<String, Node>> rows = new ArrayList<>();
            try (QueryExec exec = builder.build()) {
                RowSet rs = exec.select();
                rs.forEachRemaining(b -> rows.add(row(b)));
            }
            return rows;
        });
    }

    private static Map<String, Node> row(Binding b) {
        Map<String, Node> row = new TreeMap<>();
        b.vars().forEachRemaining(v -> row.put(v.getVarName(), b.get(v)));
        return row;
    }
}
