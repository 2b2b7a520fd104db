package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class SparqlPropertiesTest {

    private static SparqlProperties bind(Map<String, String> props) {
        return new Binder(new MapConfigurationPropertySource(props))
                .bindOrCreate("cairn.sparql", SparqlProperties.class);
    }

    @Test
    void emptyConfigurationBindsToTheDocumentedDefaults() {
        assertThat(bind(Map.of())).isEqualTo(SparqlProperties.defaults());
    }

    @Test
    void propertiesBindByTheirDocumentedNames() {
        SparqlProperties p = bind(Map.of(
                "cairn.sparql.timeout", "5s",
                "cairn.sparql.max-rows", "10",
                "cairn.sparql.max-bytes", "2MB",
                "cairn.sparql.buffer-bytes", "64KB",
                "cairn.sparql.max-concurrent-per-client", "1",
                "cairn.sparql.max-concurrent", "3",
                "cairn.sparql.queue-timeout", "0s",
                "cairn.sparql.trust-forwarded-for", "true",
                "cairn.sparql.max-query-bytes", "10KB",
                "cairn.sparql.cache-bytes", "0"));
        assertThat(p)
                .isEqualTo(new SparqlProperties(
                        Duration.ofSeconds(5),
                        10,
                        DataSize.ofMegabytes(2),
                        DataSize.ofKilobytes(64),
                        1,
                        3,
                        Duration.ZERO,
                        true,
                        DataSize.ofKilobytes(10),
                        DataSize.ofBytes(0)));
    }

    @Test
    void nonsensicalLimitsFailWithThePropertyName() {
        assertThatThrownBy(() -> new SparqlProperties(
                        Duration.ZERO,
                        1,
                        DataSize.ofBytes(1),
                        DataSize.ofBytes(1),
                        1,
                        1,
                        Duration.ZERO,
                        false,
                        DataSize.ofBytes(1),
                        DataSize.ofBytes(0)))
                .hasMessageContaining("cairn.sparql.timeout");
        assertThatThrownBy(() -> bind(Map.of("cairn.sparql.max-rows", "0")))
                .hasRootCauseMessage("cairn.sparql.max-rows must be at least 1: 0");
    }
}
