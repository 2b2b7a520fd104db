package scot.cairn.maps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import scot.cairn.vocab.AreaLevel;

/**
 * The committed example boundaries are exactly what {@link SchematicBoundaries} writes, and they
 * nest: every data zone lies in its intermediate zone, every intermediate zone in its council,
 * with no overlaps. {@code -Dcairn.regenerate=true} rewrites them first.
 */
class SchematicBoundariesTest {

    @Test
    void theCommittedExampleBoundariesAreTheGeneratorsOutput() throws Exception {
        if (Boolean.getBoolean("cairn.regenerate")) {
            SchematicBoundaries.write();
        }
        Map<AreaLevel, String> generated = SchematicBoundaries.generate();
        for (var e : generated.entrySet()) {
            assertThat(Files.readString(SchematicBoundaries.file(e.getKey()), StandardCharsets.UTF_8))
                    .as(SchematicBoundaries.file(e.getKey()) + " (regenerate with -Dcairn.regenerate=true)")
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void theLevelsNestWithoutOverlaps() throws Exception {
        Map<AreaLevel, String> generated = SchematicBoundaries.generate();
        Map<String, Geometry> dz = shapes(generated.get(AreaLevel.DATA_ZONE));
        Map<String, Geometry> iz = shapes(generated.get(AreaLevel.INTERMEDIATE_ZONE));
        Map<String, Geometry> councils = shapes(generated.get(AreaLevel.COUNCIL));
        assertThat(dz).hasSize(21);
        assertThat(iz).hasSize(4);
        assertThat(councils).containsOnlyKeys("S12000033", "S12000036");
        for (Map<String, Geometry> level : List.of(dz, iz, councils)) {
            level.forEach((code, g) -> {
                assertThat(g.isValid()).as(code).isTrue();
                assertThat(g.getNumGeometries()).as(code + " is one piece").isEqualTo(1);
            });
        }
        // Culter's 7 data zones make up Culter; Culter and Cults make up Aberdeen City
        Geometry culter = iz.get("S02001236");
        double sum = 0;
        for (String code :
                List.of("S01006506", "S01006507", "S01006508", "S01006509", "S01006510", "S01006511", "S01006512")) {
            assertThat(culter.buffer(1e-9).covers(dz.get(code))).as(code).isTrue();
            sum += dz.get(code).getArea();
        }
        assertThat(sum).isCloseTo(culter.getArea(), org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(councils.get("S12000033").getArea())
                .isCloseTo(
                        iz.get("S02001236").getArea() + iz.get("S02001237").getArea(),
                        org.assertj.core.data.Percentage.withPercentage(0.01));
        assertThat(dz.get("S01006506").intersection(dz.get("S01006507")).getArea())
                .isLessThan(1e-10);
    }

    static Map<String, Geometry> shapes(String featureCollection) throws Exception {
        JsonNode root = new ObjectMapper().readTree(featureCollection);
        Map<String, Geometry> out = new java.util.TreeMap<>();
        for (JsonNode f : root.get("features")) {
            out.put(
                    f.at("/properties/code").asText(),
                    new GeoJsonReader().read(f.get("geometry").toString()));
        }
        return out;
    }
}
