package scot.cairn.maps;

import java.nio.file.Path;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import scot.cairn.geography.Geography;
import scot.cairn.geography.StoreGeography;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * The map controllers in a real embedded server over an in-memory store holding the bundled
 * examples, loaded with the real loaders: the example geography, the schematic example boundaries
 * of its three levels and the free-school-meals dataset.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(MapsConfiguration.class)
public class MapsTestApplication {

    /** The attribution the examples' boundaries are loaded with here, as the server loads them. */
    static final String EXAMPLE_BOUNDARIES = "schematic shapes invented for Cairn's examples, not real boundaries";

    static final UriScheme URIS = UriScheme.defaultScheme();
    static final Path EXAMPLES = Path.of("../examples/data");

    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        TripleStore store = TripleStore.inMemory();
        new GeographyLoader(URIS).load(EXAMPLES.resolve("geography/example-lookup.csv"), store);
        Geography geography = Geography.fromStore(store, URIS);
        BoundaryLoader boundaries = new BoundaryLoader(URIS).withAttribution(EXAMPLE_BOUNDARIES);
        for (AreaLevel level : new AreaLevel[] {AreaLevel.DATA_ZONE, AreaLevel.INTERMEDIATE_ZONE, AreaLevel.COUNCIL}) {
            boundaries.load(
                    EXAMPLES.resolve("boundaries/" + level.collectionName() + ".geojson"),
                    level,
                    null,
                    geography,
                    store);
        }
        new CubeLoader(URIS, AreaDirectory.of(geography))
                .load(
                        CubeDefinition.read(EXAMPLES.resolve("datasets/free-school-meals.yaml")),
                        EXAMPLES.resolve("datasets/free-school-meals.csv"),
                        store);
        return store;
    }

    @Bean
    UriScheme uriScheme() {
        return URIS;
    }

    @Bean
    StoreGeography storeGeography(TripleStore store) {
        return new StoreGeography(store, URIS);
    }
}
