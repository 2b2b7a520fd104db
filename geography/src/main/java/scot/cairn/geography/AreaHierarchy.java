package scot.cairn.geography;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import scot.cairn.vocab.AreaLevel;

/**
 * The geography the tabulation service needs: for each 2011 data zone, the code of the area
 * containing it at each level above, and the names of areas. {@link StoreAreaHierarchy} adapts
 * the published geography to it; tests hold one in memory ({@link #of}). The tabulation module
 * reads no geography itself.
 */
public interface AreaHierarchy {

    /** Every data zone code, in a stable order. */
    List<String> dataZones();

    /** The code of the area at {@code level} containing data zone {@code dataZone} (itself for DATA_ZONE). */
    Optional<String> parent(String dataZone, AreaLevel level);

    /** The name of an area, if known. */
    Optional<String> name(String code);

    /**
     * A hierarchy held in memory.
     *
     * @param parents for each data zone, its parent codes by level (the data zone level may be omitted)
     * @param names   area names by code (may be partial)
     */
    static AreaHierarchy of(Map<String, Map<AreaLevel, String>> parents, Map<String, String> names) {
        Map<String, Map<AreaLevel, String>> copy = new LinkedHashMap<>();
        parents.forEach((dz, byLevel) -> {
            if (AreaLevel.ofCode(dz).orElse(null) != AreaLevel.DATA_ZONE) {
                throw new IllegalArgumentException("not a 2011 data zone code: " + dz);
            }
            Map<AreaLevel, String> levels = new EnumMap<>(AreaLevel.class);
            levels.putAll(byLevel);
            levels.put(AreaLevel.DATA_ZONE, dz);
            copy.put(dz, Collections.unmodifiableMap(levels));
        });
        Map<String, String> namesCopy = Map.copyOf(names);
        List<String> zones = List.copyOf(copy.keySet());
        return new AreaHierarchy() {
            @Override
            public List<String> dataZones() {
                return zones;
            }

            @Override
            public Optional<String> parent(String dataZone, AreaLevel level) {
                Map<AreaLevel, String> levels = copy.get(dataZone);
                return levels == null ? Optional.empty() : Optional.ofNullable(levels.get(level));
            }

            @Override
            public Optional<String> name(String code) {
                return Optional.ofNullable(namesCopy.get(code));
            }
        };
    }
}
