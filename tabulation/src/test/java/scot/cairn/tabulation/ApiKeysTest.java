package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aKeyIsKnownByItsHashAndNamesItsClient() {
        ApiKeys keys = ApiKeys.of(Map.of(
                "aberdeen-council",
                ApiKeys.sha256Hex("k-aberdeen"),
                "library",
                ApiKeys.sha256Hex("k-library").toUpperCase()));
        assertThat(keys.client("k-aberdeen")).contains("aberdeen-council");
        assertThat(keys.client("k-library")).contains("library");
        assertThat(keys.client("k-aberdeen ")).isEmpty();
        assertThat(keys.client(ApiKeys.sha256Hex("k-aberdeen")))
                .as("the hash itself is not a key")
                .isEmpty();
        assertThat(keys.client("")).isEmpty();
        assertThat(keys.client(null)).isEmpty();
        assertThat(keys.client("x".repeat(100_000))).isEmpty();
        assertThat(ApiKeys.none().client("k-aberdeen")).isEmpty();
        assertThat(ApiKeys.none().isEmpty()).isTrue();
    }

    @Test
    void sha256IsTheStandardOne() {
        assertThat(ApiKeys.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void keysInClearBadNamesAndSharedKeysAreRefused() {
        assertThatThrownBy(() -> ApiKeys.of(Map.of("council", "my-secret-key")))
                .hasMessageContaining("client 'council'")
                .hasMessageContaining("SHA-256")
                .hasMessageNotContaining("my-secret-key");
        assertThatThrownBy(() -> ApiKeys.of(Map.of("bad name!", ApiKeys.sha256Hex("k"))))
                .hasMessageContaining("'bad name!'");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("a", ApiKeys.sha256Hex("k"));
        twice.put("b", ApiKeys.sha256Hex("k"));
        assertThatThrownBy(() -> ApiKeys.of(twice)).hasMessageContaining("the same API key");
    }
}
