package scot.cairn.maps;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * What the application gives the map controllers: an in-memory store holding the bundled examples,
 * loaded with the real loaders (the example geography, the schematic example boundaries of its
 * three levels, the free-school-meals dataset), the {@link UriScheme} and the {@link StoreGeography}.
 * Used by the full context ({@link MapsTestApplication}) and by the {@code @WebMvcTest} slice.
 */
@Configuration(proxyBeanMethods = false)
class MapsFixture {
    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        TripleStore store = TripleStore.inMemory();
        new GeographyLoader(MapsTestApplication.URIS)
                .load(MapsTestApplication.EXAMPLES.resolve("geography/example-lookup.csv"), store);
        Geography geography = Geography.fromStore(store, MapsTestApplication.URIS);
        BoundaryLoader boundaries =
                new BoundaryLoader(MapsTestApplication.URIS).withAttribution(MapsTestApplication.EXAMPLE_BOUNDARIES);
        for (AreaLevel level : new AreaLevel[] {AreaLevel.DATA_ZONE, AreaLevel.INTERMEDIATE_ZONE, AreaLevel.COUNCIL}) {
            boundaries.load(
                    MapsTestApplication.EXAMPLES.resolve("boundaries/" + level.collectionName() + ".geojson"),
                    level,
                    null,
                    geography,
                    store);
        }
        new CubeLoader(MapsTestApplication.URIS, AreaDirectory.of(geography))
                .load(
                        CubeDefinition.read(MapsTestApplication.EXAMPLES.resolve("datasets/free-school-meals.yaml")),
                        MapsTestApplication.EXAMPLES.resolve("datasets/free-school-meals.csv"),
                        store);
        return store;
    }

    @Bean
    UriScheme uriScheme() {
        return MapsTestApplication.URIS;
    }

    @Bean
    StoreGeography storeGeography(TripleStore store) {
        return new StoreGeography(store, MapsTestApplication.URIS);
    }
}
