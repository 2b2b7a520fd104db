package scot.cairn.replication.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cairn.replication.*}: a server's role beside other servers.
 *
 * @param role        {@code single} (the default: one server, no Kafka), {@code publisher} or {@code replica}
 * @param kafka       Kafka bootstrap servers ({@code host:port[,...]}), needed by the other two roles
 * @param topic       the publications topic
 * @param compression Kafka's compression of the records: {@code zstd}, {@code lz4}, {@code gzip} or {@code none}
 * @param maxLag      a replica further behind than this answers {@code /health} with 503, so a balancer sends reads elsewhere
 */
@ConfigurationProperties(prefix = "cairn.replication")
public record ReplicationProperties(
        @DefaultValue("single") String role,
        String kafka,
        @DefaultValue("cairn.publications") String topic,
        @DefaultValue("zstd") String compression,
        @DefaultValue("60s") Duration maxLag) {

    public ReplicationProperties {
        role = role.toLowerCase(Locale.ROOT);
        if (!role.equals("single") && !role.equals("publisher") && !role.equals("replica")) {
            throw new IllegalArgumentException(
                    "cairn.replication.role must be single, publisher or replica, not '" + role + "'");
        }
        if (!role.equals("single") && (kafka == null || kafka.isBlank())) {
            throw new IllegalArgumentException(
                    "the " + role + " role needs the Kafka bootstrap servers (--kafka host:port)");
        }
        if (!compression.matches("zstd|lz4|gzip|snappy|none")) {
            throw new IllegalArgumentException(
                    "cairn.replication.compression must be zstd, lz4, gzip, snappy or none, not '" + compression + "'");
        }
        if (maxLag.isNegative()) {
            throw new IllegalArgumentException("cairn.replication.max-lag must not be negative");
        }
    }

    boolean publisher() {
        return role.equals("publisher");
    }

    boolean replica() {
        return role.equals("replica");
    }
}
