package scot.cairn.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.store.TripleStore;

/**
 * The replica's role: reads the publications topic from just after the last record it applied
 * (its offset is kept in the store, committed with each publication: {@link TripleStore#applyReplicated}),
 * and applies each publication in one write transaction, so readers see it whole and a replica
 * killed at any point resumes exactly: no publication applied twice, none missed. Files beside
 * the store are written before the commit (a file without its committed record is ignored, as on
 * the publisher), removed ones after.
 *
 * <p>A publication whose generation the store already has is skipped (a resend); one that is not
 * the next stops the replica with an error ({@link ReplicationStatus#error}): the topic lacks what
 * the store needs, and the replica must be restored from a snapshot.
 */
public final class ReplicaFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFollower.class);
    static final String OFFSET = "replication-offset";
    static final String TOPIC = "replication-topic";

    private final TripleStore store;
    private final Path sideRoot;
    private final KafkaSettings settings;
    private final TopicPartition partition;
    private final Consumer<String, byte[]> consumer;
    private final Deque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
    private final Thread thread;
    /** Notified after each publication applied. */
    private final Object applied = new Object();

    private volatile boolean running = true;
    private volatile String error;
    /** Why the follower is waiting (Kafka unreachable, no topic yet), or null; it goes on trying. */
    private volatile String waiting;

    private volatile long endOffset = -1;
    private volatile long position;
    /** Producer timestamp of the oldest record read and not yet applied, or -1. */
    private volatile long pendingSince = -1;
    /** Records read and not yet taken from {@link #buffer} (for {@link #status}, from other threads). */
    private volatile int buffered;

    private long endCheckedAt;
    private volatile Applied lastApplied;
    /**
     * The store's generation once the follower has finished with it (files moved, {@link #lastApplied}
     * set): {@link #awaitGeneration} waits on this, not on the store, which commits a little earlier.
     */
    private volatile long settledGeneration;
    /** Patch bytes read for the publication being applied. */
    private long patchBytes;

    /**
     * The last publication applied: its generation, the quads added and deleted, the bytes of RDF
     * Patch read (before Kafka's compression) and the milliseconds from its first record to its commit.
     */
    public record Applied(long generation, long changes, long patchBytes, long millis) {}

    private ReplicaFollower(TripleStore store, Path dataDir, KafkaSettings settings) {
        this.store = store;
        this.sideRoot = dataDir.resolve("versions");
        this.settings = settings;
        this.partition = new TopicPartition(settings.topic(), 0);
        this.consumer = new KafkaConsumer<>(settings.consumer());
        this.settledGeneration = store.generation();
        this.thread = new Thread(this::run, "cairn-replica-follower");
        thread.setDaemon(true);
    }

    /**
     * Starts following the topic into {@code store}, which is then written by the follower only.
     *
     * @throws ReplicationException when the store was replicated from another topic
     */
    public static ReplicaFollower start(TripleStore store, Path dataDir, KafkaSettings settings) {
        Map<String, String> state = store.state();
        String topic = state.get(TOPIC);
        if (topic != null && !topic.equals(settings.topic())) {
            throw new ReplicationException("this store follows the topic " + topic + ", not " + settings.topic());
        }
        ReplicaFollower f = new ReplicaFollower(store, dataDir, settings);
        f.consumer.assign(List.of(f.partition));
        String offset = state.get(OFFSET);
        if (offset != null) {
            f.consumer.seek(f.partition, Long.parseLong(offset) + 1);
        } else {
            f.consumer.seekToBeginning(List.of(f.partition));
        }
        f.thread.start();
        LOG.info(
                "Following Kafka topic {} at {} from {} (store generation {})",
                settings.topic(),
                settings.bootstrapServers(),
                offset == null ? "its beginning" : "offset " + (Long.parseLong(offset) + 1),
                store.generation());
        return f;
    }

    /** The last publication applied since this follower started, or null. */
    public Applied lastApplied() {
        return lastApplied;
    }

    public ReplicationStatus status() {
        long end = endOffset;
        int held = buffered;
        String problem = error != null ? error : waiting;
        boolean caughtUp = problem == null && end >= 0 && held == 0 && pendingSince < 0 && position >= end;
        long lag = end < 0 ? -1 : Math.max(0, end - position) + held;
        long since = pendingSince;
        double lagSeconds = caughtUp || since < 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
        return new ReplicationStatus("replica", store.generation(), caughtUp, caughtUp ? 0 : lag, lagSeconds, problem);
    }

    private void run() {
        long backoff = 500;
        try {
            while (running) {
                try {
                    ConsumerRecord<String, byte[]> first = next();
                    if (first != null) {
                        applyFrom(first);
                    }
                    waiting = null;
                    backoff = 500;
                } catch (RuntimeException e) {
                    if (!running || e instanceof WakeupException || !retriable(e)) {
                        throw e;
                    }
                    // Kafka unreachable or the topic not there yet (the publisher creates it): wait and
                    // read again from the store's offset; whatever was half applied was aborted
                    waiting = "waiting for Kafka at " + settings.bootstrapServers() + " (topic " + settings.topic()
                            + "): " + e.getMessage();
                    LOG.warn("{}; trying again in {} ms", waiting, backoff);
                    pause(backoff);
                    backoff = Math.min(30_000, backoff * 2);
                    resync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException | IOException e) {
            if (running) {
                error = "replication stopped: " + e.getMessage();
                LOG.error(error, e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Whether Kafka says the failure may pass (a timeout, a leader or topic not yet known). */
    static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
        }
        return false;
    }

    /** Waits {@code millis} before a retry, or less when the follower is closed. */
    private void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (applied) {
            try {
                while (running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(applied, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Drops what was read and not applied, and reads again from just after the store's last applied record. */
    private void resync() {
        buffer.clear();
        buffered = 0;
        pendingSince = -1;
        String offset = store.state().get(OFFSET);
        if (offset != null) {
            consumer.seek(partition, Long.parseLong(offset) + 1);
        } else {
            consumer.seekToBeginning(List.of(partition));
        }
    }

    /** The next record, polling as needed; null when a poll found nothing (status is refreshed). */
    private ConsumerRecord<String, byte[]> next() {
        if (buffer.isEmpty()) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                buffer.add(r);
            }
            position = consumer.position(partition);
            long now = System.currentTimeMillis();
            if (buffer.isEmpty() || now - endCheckedAt > 1000) {
                endOffset = consumer.endOffsets(List.of(partition)).get(partition);
                endCheckedAt = now;
            }
            if (buffer.isEmpty()) {
                return null;
            }
        }
        ConsumerRecord<String, byte[]> r = buffer.poll();
        buffered = buffer.size();
        if (pendingSince < 0) {
            pendingSince = r.timestamp();
        }
        return r;
    }

    /** The next record of the publication being applied, waiting for it. */
    private ConsumerRecord<String, byte[]> nextOf(long generation) {
        for (; ; ) {
            if (!running) {
                throw new IllegalStateException("stopped while applying generation " + generation);
            }
            ConsumerRecord<String, byte[]> r = next();
            if (r == null) {
                continue;
            }
            long g = Events.generation(r);
            if (g != generation) {
                throw new IllegalStateException("generation " + generation + " ends without its end record (offset "
                        + r.offset() + " starts generation " + g + ")");
            }
            return r;
        }
    }

    private void applyFrom(ConsumerRecord<String, byte[]> first) throws IOException {
        long generation = Events.generation(first);
        long current = store.generation();
        if (generation <= current) {
            ConsumerRecord<String, byte[]> r = first;
            while (!Events.END.equals(Events.kind(r))) {
                r = nextOf(generation);
            }
            LOG.info("generation {} skipped: the store already has it (generation {})", generation, current);
            pendingSince = -1;
            return;
        }
        if (generation != current + 1) {
            throw new IllegalStateException(
                    "the topic's next publication is generation " + generation + " but this store is at "
                            + current + ": generations " + (current + 1) + " to " + (generation - 1)
                            + " are not on the topic; restore this replica from a snapshot");
        }
        LOG.info("applying generation {} from offset {}", generation, first.offset());
        List<String> removed = new ArrayList<>();
        long started = System.nanoTime();
        patchBytes = 0;
        long changes = store.applyReplicated(generation, sink -> {
            ConsumerRecord<String, byte[]> r = first;
            while (Events.FILE.equals(Events.kind(r))) {
                r = writeFile(generation, r);
            }
            while (Events.DELETE.equals(Events.kind(r))) {
                removed.add(SideFiles.checkedRelative(Events.header(r.headers(), Events.PATH)));
                r = nextOf(generation);
            }
            if (Events.PATCH.equals(Events.kind(r))) {
                r = applyPatch(generation, r, sink);
            }
            if (!Events.END.equals(Events.kind(r))) {
                throw new IllegalStateException(
                        "unexpected record kind '" + Events.kind(r) + "' at offset " + r.offset());
            }
            return Map.of(OFFSET, Long.toString(r.offset()), TOPIC, settings.topic());
        });
        for (String rel : removed) {
            Files.deleteIfExists(sideRoot.resolve(rel));
        }
        pendingSince = buffer.isEmpty() ? -1 : buffer.peek().timestamp();
        lastApplied = new Applied(generation, changes, patchBytes, (System.nanoTime() - started) / 1_000_000);
        settledGeneration = generation;
        synchronized (applied) {
            applied.notifyAll();
        }
        LOG.info(
                "generation {} applied: {} changes in {} ms",
                generation,
                changes,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Writes one file's chunks to a temporary file, then renames it into place; returns the record after it. */
    private ConsumerRecord<String, byte[]> writeFile(long generation, ConsumerRecord<String, byte[]> first)
            throws IOException {
        String rel = SideFiles.checkedRelative(Events.header(first.headers(), Events.PATH));
        Path target = sideRoot.resolve(rel);
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".replica-", ".tmp");
        ConsumerRecord<String, byte[]> r = first;
        try (OutputStream out = Files.newOutputStream(temp)) {
            for (; ; ) {
                out.write(r.value());
                if (Events.header(r.headers(), Events.LAST) != null) {
                    break;
                }
                r = nextOf(generation);
                if (!Events.FILE.equals(Events.kind(r)) || !rel.equals(Events.header(r.headers(), Events.PATH))) {
                    throw new IllegalStateException(
                            "file " + rel + " of generation " + generation + " is cut short at offset " + r.offset());
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return nextOf(generation);
    }

    /**
     * Streams the patch chunks, which start at {@code first}, through Jena's RDF Patch reader on a
     * thread of its own ({@link PatchRows}), with the graphs its first record says it drops whole
     * dropped in one pass ({@link GraphDrops}); returns the record after them.
     */
    private ConsumerRecord<String, byte[]> applyPatch(
            long generation, ConsumerRecord<String, byte[]> first, TripleStore.ReplicaSink sink) {
        patchBytes += first.value().length;
        InputStream chunks = new InputStream() {
            ConsumerRecord<String, byte[]> current = first;
            int pos;

            private boolean more() {
                while (current != null && pos >= current.value().length) {
                    ConsumerRecord<String, byte[]> n =
                            Events.header(current.headers(), Events.LAST) != null ? null : nextOf(generation);
                    if (n != null && !Events.PATCH.equals(Events.kind(n))) {
                        throw new IllegalStateException(
                                "the patch of generation " + generation + " is cut short at offset " + n.offset());
                    }
                    current = n;
                    pos = 0;
                    if (n != null) {
                        patchBytes += n.value().length;
                    }
                }
                return current != null;
            }

            @Override
            public int read() {
                return more() ? current.value()[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!more()) {
                    return -1;
                }
                int n = Math.min(len, current.value().length - pos);
                System.arraycopy(current.value(), pos, b, off, n);
                pos += n;
                return n;
            }
        };
        List<GraphDrops.Drop> drops = GraphDrops.parse(Events.header(first.headers(), Events.DROPS));
        if (!drops.isEmpty()) {
            LOG.info("generation {} drops {} graph(s) whole: dropped by the index threads", generation, drops.size());
        }
        org.apache.jena.graph.Node marker = GraphDrops.newMarker();
        PatchRows.apply(GraphDrops.filtered(chunks, drops, marker), GraphDrops.applying(marker, sink));
        return nextOf(generation);
    }

    /**
     * Waits until the store has {@code generation}, the follower stops on an error, or
     * {@code timeout} passes; true if the store has it. For tests and benchmarks.
     */
    public boolean awaitGeneration(long generation, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (applied) {
            while (settledGeneration < generation && error == null && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                applied.wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
        return settledGeneration >= generation;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        synchronized (applied) {
            applied.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
