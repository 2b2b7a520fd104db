package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;

class JsonStatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode write(IoConsumer body) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            body.accept(g);
        }
        return JSON.readTree(out.toString());
    }

    interface IoConsumer {
        void accept(JsonGenerator g) throws IOException;
    }

    private static final List<JsonStat.Dimension> DIMS = List.of(
            new JsonStat.Dimension(
                    "refArea",
                    "Reference Area",
                    "http://purl.org/linked-data/sdmx/2009/dimension#refArea",
                    List.of(new JsonStat.Category("S12000030", "Stirling", null))),
            new JsonStat.Dimension(
                    "measureType",
                    "Measure type",
                    null,
                    List.of(
                            new JsonStat.Category("count", "Count", new JsonStat.Unit("Tonnes", 0)),
                            new JsonStat.Category("ratio", "Ratio", new JsonStat.Unit("Percent", null)))));

    @Test
    void aDatasetOpensAsTheSpecSaysAndCarriesUnitsOnItsMetricCategories() throws IOException {
        JsonNode ds = write(g -> JsonStat.dataset(g, "Household waste")
                .member("href", "http://x/data/w")
                .member("source", null)
                .dimensions(DIMS, new JsonStat.Roles(List.of("refArea"), List.of(), List.of("measureType")))
                .values(java.util.Arrays.asList(new BigDecimal("118049.0"), null))
                .finish(Map.of()));
        assertThat(ds.get("version").asText()).isEqualTo("2.0");
        assertThat(ds.get("class").asText()).isEqualTo("dataset");
        assertThat(ds.has("source")).isFalse();
        assertThat(ds.get("size").toString()).isEqualTo("[1,2]");
        assertThat(ds.get("role").toString()).isEqualTo("{\"geo\":[\"refArea\"],\"metric\":[\"measureType\"]}");
        JsonNode unit = ds.at("/dimension/measureType/category/unit");
        assertThat(unit.toString())
                .isEqualTo("{\"count\":{\"decimals\":0,\"label\":\"Tonnes\"},\"ratio\":{\"label\":\"Percent\"}}");
        assertThat(ds.at("/dimension/refArea/category").has("unit")).isFalse();
        assertThat(ds.at("/dimension/refArea/link/describedby/0/href").asText()).endsWith("#refArea");
        assertThat(ds.get("value").toString()).isEqualTo("[118049,null]");
        assertThat(ds.has("extension")).isFalse();
    }

    @Test
    void statusesComeFromTheSharedVocabularyWithTheirLabels() throws IOException {
        JsonNode ds = write(g -> {
            JsonStat w =
                    JsonStat.dataset(g, null).dimensions(DIMS, new JsonStat.Roles(List.of(), List.of(), List.of()));
            w.startSparseValues()
                    .value(0, (BigDecimal) null)
                    .value(1, new BigDecimal("2.50"))
                    .end();
            w.startStatus()
                    .status(
                            0,
                            JsonStat.statusCode(
                                    NodeFactory.createURI("http://s/def/concept/observation-status/not-available")))
                    .end();
            w.finish(Map.of("rules", List.of("sparsity")));
        });
        assertThat(ds.get("value").toString()).isEqualTo("{\"0\":null,\"1\":2.5}");
        assertThat(ds.get("status").toString()).isEqualTo("{\"0\":\"not-available\"}");
        assertThat(ds.get("extension").toString())
                .isEqualTo("{\"status\":{\"not-available\":\"Not available\"},\"rules\":[\"sparsity\"]}");
        assertThat(JsonStat.suppressed()).isEqualTo("suppressed");
        assertThat(JsonStat.statusCodes()).contains("suppressed", "not-available", "nil", "provisional", "estimated");
        assertThat(JsonStat.statusLabel("suppressed")).isEqualTo("Suppressed (confidential)");
    }
}
