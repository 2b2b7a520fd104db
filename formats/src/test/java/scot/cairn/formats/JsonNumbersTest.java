package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

    record Figure(double count, Double rate, Double none, float share) {}

    @Test
    void doublesAreWrittenAsEveryOtherOutputWritesThem() throws JsonProcessingException {
        ObjectMapper json = new ObjectMapper().registerModule(JsonNumbers.module());
        assertThat(json.writeValueAsString(new Figure(118049.0, 0.1 + 0.2, null, 0.25f)))
                .isEqualTo("{\"count\":118049,\"rate\":0.3,\"none\":null,\"share\":0.25}");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        assertThat(json.writeValueAsString(m)).isEqualTo("{\"nan\":null}");
    }
}
