package scot.cairn.profiles;

import java.nio.file.Path;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** A small in-memory store: the example geography and the synthetic test cubes in src/test/resources/example. */
public final class ExampleStore {

    public static final UriScheme URIS = UriScheme.defaultScheme();
    static final Path MODULE = Path.of(System.getProperty("user.dir"));
    static final Path EXAMPLE = MODULE.resolve("src/test/resources/example");

    private ExampleStore() {}

    public static TripleStore open() {
        TripleStore store = TripleStore.inMemory();
        new GeographyLoader(URIS).load(MODULE.resolveSibling("examples/data/geography/example-lookup.csv"), store);
        CubeLoader loader = new CubeLoader(URIS, AreaDirectory.of(Geography.fromStore(store, URIS)));
        for (String slug : new String[] {"example-emergency-stays", "example-deprivation"}) {
            loader.load(CubeDefinition.read(EXAMPLE.resolve(slug + ".yaml")), EXAMPLE.resolve(slug + ".csv"), store);
        }
        return store;
    }

    static ProfileDefinition profile() {
        return ProfileDefinition.read(EXAMPLE.resolve("profiles/example-profile.yaml"));
    }
}
