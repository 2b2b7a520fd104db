package scot.cairn.server.tabulation;

import java.util.List;
import java.util.Optional;

import scot.cairn.loaders.geography.Geography;
import scot.cairn.store.TripleStore;
import scot.cairn.tabulation.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/**
 * The geography published in the triple store, seen as the tabulation service's
 * {@link AreaHierarchy}. Re-read when the store changes (its version moves), so a newly loaded
 * geography is used by the next ingest or locality.
 */
public final class StoreAreaHierarchy implements AreaHierarchy {
    private final TripleStore store;
    private final UriScheme uris;
    private volatile Geography geography;
    private volatile long version = -1;

    public StoreAreaHierarchy(TripleStore store, UriScheme uris) {
        this.store = store;
        this.uris = uris;
    }

    private Geography geography() {
        long v = store.version();
        Geography g = geography;
        if (g == null || v != version) {
            g = Geography.fromStore(store, uris);
            geography = g;
            version = v;
        }
        return g;
    }

    @Override
    public List<String> dataZones() {
        return geography().areas(AreaLevel.DATA_ZONE).stream().map(Geography.Area::code).toList();
    }

    @Override
    public Optional<String> parent(String dataZone, AreaLevel level) {
        Geography g = geography();
        if (level == AreaLevel.DATA_ZONE) {
            return g.area(dataZone).filter(a -> a.level() == AreaLevel.DATA_ZONE).map(Geography.Area::code);
        }
        return g.parent(dataZone, level);
    }

    @Override
    public Optional<String> name(String code) {
        return geography().area(code).map(Geography.Area::name);
    }
}
