package scot.cairn.loaders.cube.ic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.update.UpdateAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.UriScheme;

class IntegrityConstraintsTest {
    private static final UriScheme SCHEME = UriScheme.defaultScheme();
    private static final String SLUG = "test-cube";

    @Test
    void wellFormedCubePassesEveryConstraint() {
        try (TripleStore store = validCube()) {
            assertThat(IntegrityConstraints.check(store, SCHEME, SLUG)).isEmpty();
        }
    }

    static List<Integer> constraints() {
        return java.util.stream.IntStream.rangeClosed(1, 21).boxed().toList();
    }

    /** Each broken/ic-NN.ru breaks the valid cube in one way; check() must name exactly that constraint. */
    @ParameterizedTest(name = "IC-{0}")
    @MethodSource("constraints")
    void cubeBrokenForOneConstraintIsReportedForIt(int n) throws IOException {
        String id = "IC-" + n;
        try (TripleStore store = validCube()) {
            String update = resource(String.format("broken/ic-%02d.ru", n));
            store.write(dsg -> UpdateAction.parseExecute(update, dsg));

            List<Violation> violations = IntegrityConstraints.check(store, SCHEME, SLUG);

            Set<String> ids = violations.stream().map(Violation::constraint).collect(Collectors.toSet());
            // a duplicate observation in a measure-dimension cube is also a third observation at a point
            // that declares two measures, so IC-12 necessarily brings IC-17 with it
            Set<String> allowed = n == 12 ? Set.of("IC-12", "IC-17") : Set.of(id);
            assertThat(ids).as("violations %s", violations).contains(id).isSubsetOf(allowed);
            assertThat(violations.stream()
                            .filter(v -> v.constraint().equals(id))
                            .findFirst()
                            .orElseThrow()
                            .offender())
                    .isNotBlank();
        }
    }

    @Test
    void duplicateObservationIsNamed() {
        try (TripleStore store = validCube()) {
            store.write(dsg -> UpdateAction.parseExecute(resourceUnchecked("broken/ic-12.ru"), dsg));
            Violation v = IntegrityConstraints.check(store, SCHEME, SLUG).get(0);
            assertThat(v.constraint()).isEqualTo("IC-12");
            assertThat(v.offender()).isIn("http://example.org/def/o1", "http://example.org/def/o1bis");
        }
    }

    @Test
    void missingDimensionNamesObservationAndDimension() {
        try (TripleStore store = validCube()) {
            store.write(dsg -> UpdateAction.parseExecute(resourceUnchecked("broken/ic-11.ru"), dsg));
            Violation v = IntegrityConstraints.check(store, SCHEME, SLUG).get(0);
            assertThat(v.component()).isEqualTo("http://example.org/def/age");
            assertThat(v.offender()).startsWith("http://example.org/def/o");
            assertThat(v.toString()).startsWith("IC-11 All dimensions required");
        }
    }

    /** Another dataset's problems are not this dataset's: checks are scoped to its graphs. */
    @Test
    void otherDatasetsInTheStoreDoNotLeakIn() {
        try (TripleStore store = validCube()) {
            store.write(dsg -> UpdateAction.parseExecute("""
                    INSERT DATA { GRAPH <http://statistics.gov.scot/graph/other> {
                      <http://example.org/def/x> a <http://purl.org/linked-data/cube#Observation> } }""", dsg));
            assertThat(IntegrityConstraints.check(store, SCHEME, SLUG)).isEmpty();
            assertThat(IntegrityConstraints.check(store, SCHEME, "other"))
                    .extracting(Violation::constraint)
                    .contains("IC-1", "IC-2");
        }
    }

    /**
     * table2qb's own output for the employment example (observations in the data graph, the
     * component, code list and unit files in the metadata graph), checked as published.
     */
    @Test
    void table2qbEmploymentCube() throws IOException {
        Path dir = RealData.require("rdf/table2qb_employment/ttl");
        try (TripleStore store = TripleStore.inMemory()) {
            store.write(dsg -> {
                for (String f : List.of("cube.ttl", "components.ttl", "gender.ttl", "measurement-units.ttl")) {
                    String graph =
                            f.equals("cube.ttl") ? SCHEME.graph("employment") : SCHEME.metadataGraph("employment");
                    RDFDataMgr.read(
                            dsg.getGraph(org.apache.jena.graph.NodeFactory.createURI(graph)),
                            dir.resolve(f).toString(),
                            Lang.TURTLE);
                }
            });
            List<Violation> violations = IntegrityConstraints.check(store, SCHEME, "employment");
            // Two genuine findings in table2qb's output, every observation-level constraint holds:
            // IC-4: it refers to the SDMX dimensions (refArea, refPeriod) and qb:measureType without declaring
            //   them; their ranges live in the SDMX and cube vocabularies, which are not part of its output.
            // IC-19: its gender codes have skos:inScheme and skos:topConceptOf but no rdf:type skos:Concept,
            //   which IC-19 asks for (the spec applies no RDFS inference).
            assertThat(violations).extracting(Violation::constraint).containsExactly("IC-4", "IC-19");
            assertThat(violations.get(0).offender())
                    .isIn(
                            "http://purl.org/linked-data/sdmx/2009/dimension#refArea",
                            "http://purl.org/linked-data/sdmx/2009/dimension#refPeriod",
                            "http://purl.org/linked-data/cube#measureType");
            assertThat(violations.get(1).offender()).startsWith("http://statistics.gov.scot/def/concept/gender/");
            assertThat(violations.get(1).component()).isEqualTo("http://statistics.gov.scot/def/dimension/gender");

            // with the three dimensions declared (as the publisher's vocabulary graph does), IC-4 holds
            store.write(dsg -> UpdateAction.parseExecute("""
                    PREFIX qb: <http://purl.org/linked-data/cube#>
                    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                    PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#>
                    INSERT DATA { GRAPH <http://statistics.gov.scot/graph/vocabulary> {
                      sdmxd:refArea a qb:DimensionProperty ; rdfs:range rdfs:Resource .
                      sdmxd:refPeriod a qb:DimensionProperty ; rdfs:range rdfs:Resource .
                      qb:measureType a qb:DimensionProperty ; rdfs:range qb:MeasureProperty } }""", dsg));
            assertThat(IntegrityConstraints.check(store, SCHEME, "employment"))
                    .extracting(Violation::constraint)
                    .containsExactly("IC-19");
        }
    }

    static TripleStore validCube() {
        TripleStore store = TripleStore.inMemory();
        store.write(dsg -> RDFDataMgr.read(
                dsg,
                IntegrityConstraintsTest.class.getResource("valid-cube.trig").toString(),
                Lang.TRIG));
        return store;
    }

    private static String resourceUnchecked(String name) {
        try {
            return resource(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = IntegrityConstraintsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
