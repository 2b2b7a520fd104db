package scot.cairn.replication.web;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import scot.cairn.replication.KafkaSettings;
import scot.cairn.replication.ReplicationPublisher;
import scot.cairn.store.TripleStore;

/**
 * Starts the publisher's log, or makes the store a replica's, as soon as the store opens: before
 * anything (the bundled examples, the loopback publishing endpoint) can write to it.
 */
final class PublisherInstaller implements BeanPostProcessor {
    private final ReplicationProperties properties;
    private final Path dataDir;
    private volatile ReplicationPublisher publisher;

    PublisherInstaller(ReplicationProperties properties, Path dataDir) {
        this.properties = properties;
        this.dataDir = dataDir;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof TripleStore store) {
            if (properties.publisher()) {
                publisher = ReplicationPublisher.start(
                        store,
                        dataDir,
                        new KafkaSettings(properties.kafka(), properties.topic(), Map.of()),
                        properties.compression());
            } else if (properties.replica()) {
                store.followOnly(
                        "this server is a read replica: publish through the publisher (its changes reach the replicas through Kafka)");
            }
        }
        return bean;
    }

    ReplicationPublisher publisher() {
        return publisher;
    }
}
