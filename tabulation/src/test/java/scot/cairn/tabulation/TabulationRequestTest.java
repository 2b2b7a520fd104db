package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scot.cairn.tabulation.TabulationRequest.Geography;

/** A request refuses, in words, what would otherwise fail deep inside: null entries, huge values. */
class TabulationRequestTest {

    static List<String> withNull(String... values) {
        List<String> list = new ArrayList<>(Arrays.asList(values));
        list.add(null);
        return list;
    }

    @Test
    void nullEntriesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new TabulationRequest("persons", withNull("sex"), null, null, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("variables[1] is null");
        assertThatThrownBy(() -> Geography.areas(withNull()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("geography.areas[0] is null");
        assertThatThrownBy(() -> Geography.custom("x", withNull("S01006506")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("geography.dataZones[1] is null");
        Map<String, List<String>> filters = new HashMap<>();
        filters.put("age", withNull());
        assertThatThrownBy(() -> new TabulationRequest("persons", List.of(), null, filters, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("filters.age[0] is null");
    }

    @Test
    void hugeValuesAreRefusedWithoutBeingEchoed() {
        String huge = "x".repeat(100_000);
        assertThatThrownBy(() -> new TabulationRequest(huge, List.of(), null, null, null, null))
                .hasMessage("dataset has 100000 characters; at most 200");
        assertThatThrownBy(() -> new TabulationRequest("persons", List.of(huge), null, null, null, null))
                .hasMessage("variables[0] has 100000 characters; at most 200");
        assertThatThrownBy(() -> new TabulationRequest("persons", List.of(), null, null, huge, null))
                .hasMessageContaining("measure has 100000 characters");
        assertThatThrownBy(() -> new TabulationRequest("persons", List.of(), null, null, "sum", huge))
                .hasMessageContaining("magnitude has 100000 characters");
        assertThatThrownBy(() -> Geography.level(huge)).hasMessageContaining("geography.level has 100000 characters");
        assertThatThrownBy(() -> Geography.custom(huge, List.of("S01006506")))
                .hasMessageContaining("geography.name has");
        assertThatThrownBy(() -> Geography.locality(huge))
                .hasMessageContaining("geography.locality has 100000 characters");
        assertThatThrownBy(() -> Geography.areas(java.util.Collections.nCopies(10_001, "S12000033")))
                .hasMessageContaining("geography.areas has 10001 entries; at most 10000");
        assertThat(Geography.custom("Part", List.of("S01006507", "S01006506", "S01006507"))
                        .dataZones())
                .containsExactly("S01006506", "S01006507");
    }
}
