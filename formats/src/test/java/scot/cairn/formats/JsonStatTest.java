package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

class JsonStatTest {

    @Test
    void streamingAndInMemoryDatasetsOpenAlike() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            JsonStat.startDataset(g);
            g.writeStringField("label", "x");
            g.writeEndObject();
        }
        assertThat(out.toString()).isEqualTo("{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":\"x\"}");
        assertThat(JsonStat.dataset()).containsExactly(java.util.Map.entry("version", "2.0"), java.util.Map.entry("class", "dataset"));
    }
}
