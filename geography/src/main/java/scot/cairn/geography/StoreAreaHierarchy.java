package scot.cairn.geography;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import scot.cairn.vocab.AreaLevel;

/**
 * The geography published in the triple store, seen as the tabulation service's
 * {@link AreaHierarchy}. Follows the store's version through {@link StoreGeography}, so a newly
 * loaded geography is used by the next ingest or locality.
 */
public final class StoreAreaHierarchy implements AreaHierarchy {
    private final StoreGeography geography;

    public StoreAreaHierarchy(StoreGeography geography) {
        this.geography = Objects.requireNonNull(geography, "geography must not be null");
    }

    @Override
    public List<String> dataZones() {
        return geography.current().areas(AreaLevel.DATA_ZONE).stream()
                .map(Geography.Area::code)
                .toList();
    }

    @Override
    public Optional<String> parent(String dataZone, AreaLevel level) {
        Geography g = geography.current();
        if (level == AreaLevel.DATA_ZONE) {
            return g.area(dataZone)
                    .filter(a -> a.level() == AreaLevel.DATA_ZONE)
                    .map(Geography.Area::code);
        }
        return g.parent(dataZone, level);
    }

    @Override
    public Optional<String> name(String code) {
        return geography.current().area(code).map(Geography.Area::name);
    }
}
