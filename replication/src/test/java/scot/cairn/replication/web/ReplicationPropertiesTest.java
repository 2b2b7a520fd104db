package scot.cairn.replication.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicationPropertiesTest {

    @Test
    void aSingleServerNeedsNoKafkaAndTheOtherRolesDo() {
        assertThat(new ReplicationProperties("single", null, "cairn.publications", "zstd", Duration.ofSeconds(60))
                        .replica())
                .isFalse();
        assertThat(new ReplicationProperties("REPLICA", "h:9092", "cairn.publications", "zstd", Duration.ofSeconds(60))
                        .replica())
                .isTrue();
        assertThatThrownBy(() -> new ReplicationProperties("replica", " ", "t", "zstd", Duration.ofSeconds(60)))
                .hasMessageContaining("--kafka");
        assertThatThrownBy(() -> new ReplicationProperties("leader", "h:1", "t", "zstd", Duration.ofSeconds(60)))
                .hasMessageContaining("single, publisher or replica");
        assertThatThrownBy(() -> new ReplicationProperties("publisher", "h:1", "t", "brotli", Duration.ofSeconds(60)))
                .hasMessageContaining("compression");
        assertThatThrownBy(() -> new ReplicationProperties("publisher", "h:1", "t", "zstd", Duration.ofSeconds(-1)))
                .hasMessageContaining("max-lag");
    }
}
