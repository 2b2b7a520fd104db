package scot.cairn.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.store.TripleStore;

/**
 * The publisher's role: every write transaction committed to its store is appended to the
 * replication topic, as RDF Patch with the files beside the store it wrote
 * ({@code <data dir>/versions}). Writes never wait for Kafka: each is kept in
 * {@code <data dir>/replication/outbox} from before its commit until Kafka has it, so a publisher
 * killed at any point, or a Kafka outage, loses nothing and sends nothing twice that a replica
 * would apply twice.
 *
 * <p>Refuses to start when the store holds committed changes that are neither on the topic nor in
 * the outbox (written by a command on the data folder while the server was stopped): replicas could
 * never follow them.
 */
public final class ReplicationPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationPublisher.class);

    private final TripleStore store;
    private final OutboxSender sender;
    private final Thread thread;

    private ReplicationPublisher(TripleStore store, OutboxSender sender) {
        this.store = store;
        this.sender = sender;
        this.thread = new Thread(sender, "cairn-replication-sender");
        thread.setDaemon(true);
    }

    /**
     * Starts publishing {@code store}'s changes to the topic (created when absent). Call before
     * anything writes to the store.
     *
     * @param dataDir     the data folder (its {@code versions} folder is replicated with the store)
     * @param compression Kafka's compression of the records ({@code zstd}, {@code lz4}, {@code gzip}, {@code none})
     * @throws ReplicationException when Kafka cannot be reached, or the store and topic disagree
     */
    public static ReplicationPublisher start(
            TripleStore store, Path dataDir, KafkaSettings settings, String compression) {
        Path outbox = dataDir.resolve("replication").resolve("outbox");
        TopicAdmin.ensureTopic(settings);
        long onTopic = TopicAdmin.lastGeneration(settings);
        long committed = store.generation();
        discardUncommitted(outbox, committed);
        if (onTopic > committed) {
            throw new ReplicationException("the topic " + settings.topic() + " holds generation " + onTopic
                    + " but this store only " + committed
                    + ": it is another publisher's topic, or this store was restored from an older backup");
        }
        long firstInOutbox = firstEntry(outbox);
        if (onTopic < committed && onTopic > 0 && (firstInOutbox < 0 || firstInOutbox > onTopic + 1)) {
            throw new ReplicationException("this store has committed generations " + (onTopic + 1) + " to " + committed
                    + " that are not on the topic " + settings.topic()
                    + " (written while the server was not publishing);"
                    + " replicas cannot follow them: start them from a new snapshot of this store on a new topic");
        }
        if (onTopic == 0 && committed > 0 && firstInOutbox != 1) {
            LOG.warn(
                    "The topic {} is new and this store is at generation {}: replicas start from a snapshot of this store",
                    settings.topic(),
                    committed);
        }
        SideFiles side = new SideFiles(dataDir.resolve("versions"));
        // what was committed before the entries still in the outbox is on the topic (or, on a new topic, in the
        // replicas' snapshot)
        long sentBefore = firstInOutbox > 0 ? firstInOutbox - 1 : committed;
        OutboxSender sender = new OutboxSender(outbox, settings, compression, store::generation, sentBefore);
        ChangeLog log = new ChangeLog(outbox, side, sender::wake);
        store.observeChanges(log);
        ReplicationPublisher p = new ReplicationPublisher(store, sender);
        p.thread.start();
        LOG.info(
                "Publishing store changes to Kafka topic {} at {} (store generation {}, topic at {})",
                settings.topic(),
                settings.bootstrapServers(),
                committed,
                onTopic);
        return p;
    }

    private static void discardUncommitted(Path outbox, long committed) {
        if (!Files.isDirectory(outbox)) {
            return;
        }
        try (Stream<Path> s = Files.list(outbox)) {
            s.forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(".tx-") || (name.matches("\\d{20}") && Long.parseLong(name) > committed)) {
                    ChangeLog.deleteTree(p);
                }
            });
        } catch (IOException e) {
            throw new ReplicationException("cannot read the outbox " + outbox + ": " + e.getMessage(), e);
        }
    }

    private static long firstEntry(Path outbox) {
        if (!Files.isDirectory(outbox)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(outbox)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{20}"))
                    .mapToLong(Long::parseLong)
                    .min()
                    .orElse(-1);
        } catch (IOException e) {
            throw new ReplicationException("cannot read the outbox " + outbox + ": " + e.getMessage(), e);
        }
    }

    /** The generation last sent to the topic. */
    public long lastSent() {
        return sender.lastSent();
    }

    public ReplicationStatus status() {
        long generation = store.generation();
        long unsent = Math.max(0, generation - sender.lastSent());
        return new ReplicationStatus(
                "publisher",
                generation,
                unsent == 0,
                unsent,
                unsent == 0 ? 0 : sender.oldestWaitingSeconds(),
                sender.error());
    }

    /** Stops sending; what is not sent yet stays in the outbox for the next start. */
    @Override
    public void close() {
        store.observeChanges(null);
        sender.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
