package scot.cairn.replication;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where the replication log is: the Kafka bootstrap servers, the topic, and any other client
 * settings (TLS, SASL: {@code security.protocol}, {@code ssl.*}, {@code sasl.*}), which are passed to
 * every client unchanged.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param topic            the publications topic (one partition: publications are totally ordered)
 * @param client           further Kafka client settings
 */
public record KafkaSettings(String bootstrapServers, String topic, Map<String, String> client) {

    /** The default topic name. */
    public static final String DEFAULT_TOPIC = "cairn.publications";

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("the Kafka bootstrap servers must be given (host:port)");
        }
        if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
            throw new IllegalArgumentException(
                    "a Kafka topic name is 1-249 letters, digits, '.', '_' or '-', not '" + topic + "'");
        }
        client = Map.copyOf(Objects.requireNonNullElse(client, Map.of()));
    }

    public KafkaSettings(String bootstrapServers) {
        this(bootstrapServers, DEFAULT_TOPIC, Map.of());
    }

    private Properties common() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * A transactional, idempotent producer: the records of one publication are committed together
     * or not at all, and the transactional id fences off a second publisher on the same topic.
     */
    Properties producer(String compression) {
        Properties p = common();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cairn-publisher-" + topic);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(1 << 20));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Events.CHUNK_BYTES + (64 << 10)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        return p;
    }

    /** A consumer that reads committed publications only, from positions it is given (no group). */
    Properties consumer() {
        Properties p = common();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        // a call that cannot complete (Kafka down, no topic yet) gives up after 15 s; the follower tries again
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return p;
    }

    Map<String, Object> admin() {
        Map<String, Object> m = new HashMap<>();
        common().forEach((k, v) -> m.put((String) k, v));
        return m;
    }
}
