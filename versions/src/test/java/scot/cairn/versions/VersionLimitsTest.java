package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code cairn.versions.*} as Spring binds it when the server starts. */
class VersionLimitsTest {

    private static VersionLimits bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("cairn.versions", VersionLimits.class);
    }

    @Test
    void anEmptyConfigurationBindsToTheDocumentedDefaults() {
        assertThat(bind(Map.of())).isEqualTo(VersionLimits.defaults());
        assertThat(VersionLimits.defaults())
                .isEqualTo(new VersionLimits(
                        10_000_000, 1, 2, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    @Test
    void settingsBindFromTheirPropertyNames() {
        VersionLimits l = bind(Map.of(
                "cairn.versions.cache-triples",
                "500000",
                "cairn.versions.max-builds",
                "2",
                "cairn.versions.max-concurrent",
                "8",
                "cairn.versions.queue-timeout",
                "500ms",
                "cairn.versions.timeout",
                "1m",
                "cairn.versions.build-timeout",
                "0s"));
        assertThat(l)
                .isEqualTo(
                        new VersionLimits(500_000, 2, 8, Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ZERO));
    }

    @Test
    void aBadSettingStopsTheStartWithItsName() {
        assertThatThrownBy(() -> bind(Map.of("cairn.versions.max-builds", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("cairn.versions.max-builds must be at least 1: 0");
        assertThatThrownBy(() -> bind(Map.of("cairn.versions.timeout", "0s")))
                .rootCause()
                .hasMessage("cairn.versions.timeout must be positive: PT0S");
        assertThatThrownBy(() -> bind(Map.of("cairn.versions.cache-triples", "-1")))
                .rootCause()
                .hasMessage("cairn.versions.cache-triples must be at least 1: -1");
        assertThatThrownBy(() -> bind(Map.of("cairn.versions.queue-timeout", "-1s")))
                .rootCause()
                .hasMessage("cairn.versions.queue-timeout must not be negative: PT-1S");
        assertThatThrownBy(() -> bind(Map.of("cairn.versions.max-concurrent", "0")))
                .rootCause()
                .hasMessage("cairn.versions.max-concurrent must be at least 1: 0");
        assertThatThrownBy(() -> bind(Map.of("cairn.versions.build-timeout", "-5s")))
                .rootCause()
                .hasMessage("cairn.versions.build-timeout must not be negative: PT-5S");
    }
}
