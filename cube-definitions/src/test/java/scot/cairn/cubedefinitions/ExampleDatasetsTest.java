package scot.cairn.cubedefinitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.loaders.cube.ic.IntegrityConstraints;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.UriScheme;

/** The bundled example datasets load against the bundled example geography and are well-formed cubes. */
class ExampleDatasetsTest {

    static final Path EXAMPLES =
            Path.of(System.getProperty("user.dir")).resolve("../examples/data").normalize();
    static final UriScheme URIS = UriScheme.defaultScheme();

    static Stream<Path> definitions() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES.resolve("datasets"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreTwoExampleDatasets() throws IOException {
        assertThat(definitions().map(p -> p.getFileName().toString()))
                .containsExactly("council-tax-collection.yaml", "free-school-meals.yaml");
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void loadsAgainstTheExampleGeographyAndPassesTheIntegrityConstraints(Path yaml) {
        CubeDefinition def = CubeDefinition.read(yaml);
        Path csv = yaml.resolveSibling(def.slug() + ".csv");
        AreaDirectory areas = AreaDirectory.of(
                new GeographyLoader(URIS).read(EXAMPLES.resolve("geography/example-lookup.csv"), null));
        try (TripleStore store = TripleStore.inMemory()) {
            var model = PublisherVocabulary.build(URIS);
            store.replaceGraphs(new GraphReplacement(List.of(URIS.vocabularyGraph()), sink -> {
                Node g = NodeFactory.createURI(URIS.vocabularyGraph());
                model.getGraph()
                        .find()
                        .forEachRemaining(t -> sink.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
            }));
            LoadReport r = new CubeLoader(URIS, areas).load(def, csv, store);
            assertThat(r.observations()).isPositive();
            // IC-15 (every observation has a value of its measure) can only name a marker observation, which
            // carries a status instead of a value by the statistics.gov.scot convention; nothing else may fail.
            assertThat(IntegrityConstraints.check(store, URIS, def.slug())).allSatisfy(v -> {
                assertThat(v.constraint()).isEqualTo("IC-15");
                String obs = v.offender().split(" ")[0];
                boolean hasStatus = store.read(dsg -> dsg.contains(
                        Node.ANY,
                        NodeFactory.createURI(obs),
                        NodeFactory.createURI("http://purl.org/linked-data/sdmx/2009/attribute#obsStatus"),
                        Node.ANY));
                assertThat(hasStatus).as("%s has a status", obs).isTrue();
            });
        }
    }
}
