package scot.cairn.maps;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import scot.cairn.vocab.AreaLevel;

/**
 * One area with a boundary, as the maps use it.
 *
 * @param code     GSS code
 * @param name     its name in the geography (the code when the geography has none)
 * @param level    its level
 * @param boundary the boundary as stored (WGS84 lon/lat)
 * @param display  the boundary as sent to browsers: simplified and rounded ({@link MapLayers#DISPLAY_DECIMALS})
 * @param point    a representative point inside the boundary (JTS interior point), for "areas within"
 * @param within   codes of the areas containing it (from the geography's {@code foi:within})
 */
public record MapArea(
        String code,
        String name,
        AreaLevel level,
        Geometry boundary,
        Geometry display,
        Point point,
        List<String> within) {
    public MapArea {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(level, "level must not be null");
        within = List.copyOf(within);
    }
}
