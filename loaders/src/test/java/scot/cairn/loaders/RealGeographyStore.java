package scot.cairn.loaders;

import java.nio.file.Path;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.boundaries.BoundaryReport;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * A TDB2 store holding the real 2011 geography from the official lookup (the test is skipped when
 * ../shared is absent), to which real boundary files are added. Shared with the maps tests through
 * this module's test jar.
 */
public record RealGeographyStore(UriScheme uris, TripleStore store, Geography geography) implements AutoCloseable {

    /** Opens a store in {@code dir}/tdb2 and publishes the official lookup into it. */
    public static RealGeographyStore open(Path dir, UriScheme uris) {
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        TripleStore store = TripleStore.open(dir.resolve("tdb2"));
        new GeographyLoader(uris).load(lookup, store);
        return new RealGeographyStore(uris, store, Geography.fromStore(store, uris));
    }

    /** Publishes the real boundary file {@code boundaries/<file>} for {@code level}. */
    public BoundaryReport addBoundaries(String file, AreaLevel level) {
        return new BoundaryLoader(uris).load(RealData.require("boundaries/" + file), level, null, geography, store);
    }

    @Override
    public void close() {
        store.close();
    }
}
