package scot.cairn.replication;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creating the topic, and reading the last generation on it. */
final class TopicAdmin {
    private TopicAdmin() {}

    /**
     * Creates the topic when absent: one partition (publications are totally ordered), kept forever
     * (a replica restored from an old snapshot catches up from it), replicated to at most three
     * brokers.
     */
    static void ensureTopic(KafkaSettings settings) {
        try (Admin admin = Admin.create(settings.admin())) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (names.contains(settings.topic())) {
                return;
            }
            int brokers =
                    admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            NewTopic topic = new NewTopic(settings.topic(), 1, (short) Math.min(3, Math.max(1, brokers)))
                    .configs(Map.of(
                            "retention.ms",
                            "-1",
                            "retention.bytes",
                            "-1",
                            "min.insync.replicas",
                            Integer.toString(Math.min(2, brokers))));
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while creating the topic " + settings.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReplicationException(
                    "cannot reach Kafka at " + settings.bootstrapServers() + " to create the topic " + settings.topic()
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** The highest generation committed to the topic, 0 when it holds none. */
    static long lastGeneration(KafkaSettings settings) {
        TopicPartition tp = new TopicPartition(settings.topic(), 0);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings.consumer())) {
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            long begin = c.beginningOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
            for (long window = 64; ; window *= 4) {
                long from = Math.max(begin, end - window);
                c.seek(tp, from);
                long last = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (c.position(tp) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new ReplicationException("cannot read the end of " + settings.topic() + " within 60 s");
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        last = Math.max(last, Events.generation(r));
                    }
                }
                if (last > 0 || from == begin) {
                    return last;
                }
            }
        }
    }
}
