package scot.cairn.maps;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.Function;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/** Writes areas as a GeoJSON FeatureCollection with the display geometries (JTS GeoJsonWriter, rounded). */
final class GeoJson {
    private static final JsonFactory JSON = new JsonFactory();

    private GeoJson() {}

    /**
     * @param role        the {@code role} property of each feature, or null for none
     * @param attribution the boundaries' attribution, written as the collection's {@code attribution}
     *                    member, or null for none
     * @return UTF-8 bytes of {@code {"type":"FeatureCollection"[,"attribution":...],"features":[{"type":"Feature",
     *         "id":code,"properties":{"code","name","level"[,"role"]},"geometry":...}]}}
     */
    static byte[] featureCollection(Collection<MapArea> areas, Function<MapArea, String> role, String attribution) {
        GeoJsonWriter geometry = new GeoJsonWriter(MapLayers.DISPLAY_DECIMALS);
        geometry.setEncodeCRS(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, areas.size() * 900));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            if (attribution != null) {
                g.writeStringField("attribution", attribution);
            }
            g.writeArrayFieldStart("features");
            for (MapArea a : areas) {
                g.writeStartObject();
                g.writeStringField("type", "Feature");
                g.writeStringField("id", a.code());
                g.writeObjectFieldStart("properties");
                g.writeStringField("code", a.code());
                g.writeStringField("name", a.name());
                g.writeStringField("level", a.level().collectionName());
                if (role != null) {
                    g.writeStringField("role", role.apply(a));
                }
                g.writeEndObject();
                g.writeFieldName("geometry");
                g.writeRawValue(geometry.write(a.display()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
