package scot.cairn.replication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's committed entries to the topic, oldest first, each in one Kafka transaction,
 * and removes an entry once its transaction committed. A crash between the two resends the entry;
 * replicas skip a generation they already have. While Kafka is unreachable the publisher goes on
 * publishing and the entries wait (retried with backoff, up to 30 s apart). A producer fenced by a
 * newer one with the same transactional id (a second publisher on the topic) stops sending for good.
 */
final class OutboxSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final Path outbox;
    private final KafkaSettings settings;
    private final String compression;
    private final LongSupplier committedGeneration;
    private final Object signal = new Object();
    private volatile boolean running = true;
    private volatile long lastSent;
    private volatile String error;
    private volatile int waiting;
    /** Set by {@link #wake} (guarded by {@code signal}): something was committed, or the sender should stop. */
    private boolean woken;

    private Producer<String, byte[]> producer;

    OutboxSender(
            Path outbox, KafkaSettings settings, String compression, LongSupplier committedGeneration, long lastSent) {
        this.outbox = outbox;
        this.settings = settings;
        this.compression = compression;
        this.committedGeneration = committedGeneration;
        this.lastSent = lastSent;
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    long lastSent() {
        return lastSent;
    }

    String error() {
        return error;
    }

    int waiting() {
        return waiting;
    }

    /** Seconds since the oldest committed entry not yet sent was written; 0 when none waits. */
    double oldestWaitingSeconds() {
        try {
            List<Path> entries = committedEntries();
            if (entries.isEmpty()) {
                return 0;
            }
            long written = Files.getLastModifiedTime(entries.get(0)).toMillis();
            return Math.max(0, System.currentTimeMillis() - written) / 1000.0;
        } catch (IOException e) {
            return 0;
        }
    }

    void stop() {
        running = false;
        wake();
    }

    @Override
    public void run() {
        long backoff = 500;
        while (running) {
            try {
                List<Path> entries = committedEntries();
                int left = entries.size();
                waiting = left;
                for (Path e : entries) {
                    if (!running) {
                        break;
                    }
                    send(e);
                    waiting = --left; // only this thread writes it: no lost update
                }
                error = null;
                backoff = 500;
                synchronized (signal) {
                    // A commit before this point is seen by the scan; a later one wakes the wait.
                    woken = false;
                    if (running && committedEntries().isEmpty()) {
                        awaitWake(1000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ProducerFencedException e) {
                error = "another publisher took over the topic " + settings.topic() + "; this one stopped sending: "
                        + e.getMessage();
                LOG.error(error);
                closeProducer();
                return;
            } catch (RuntimeException | IOException e) {
                error = "cannot send to Kafka (" + settings.bootstrapServers() + "): " + e.getMessage();
                LOG.warn("{}; retrying in {} ms", error, backoff);
                closeProducer();
                sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            }
        }
        closeProducer();
    }

    private void sleep(long ms) {
        synchronized (signal) {
            woken = false;
            try {
                awaitWake(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /**
     * Waits, holding {@code signal}, until {@link #wake} is called, the sender stops or {@code ms}
     * pass; a spurious wake-up waits on for what is left.
     */
    private void awaitWake(long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (running && !woken) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(signal, left);
        }
    }

    /** Entries of committed generations, oldest first. */
    List<Path> committedEntries() throws IOException {
        long committed = committedGeneration.getAsLong();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(outbox)) {
            s.filter(p -> p.getFileName().toString().matches("\\d{20}"))
                    .filter(p -> Long.parseLong(p.getFileName().toString()) <= committed)
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            KafkaProducer<String, byte[]> p = new KafkaProducer<>(settings.producer(compression));
            try {
                p.initTransactions();
            } catch (RuntimeException e) {
                p.close();
                throw e;
            }
            producer = p;
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(java.time.Duration.ofSeconds(5));
            } catch (RuntimeException ignored) {
                // closing a broken producer
            }
            producer = null;
        }
    }

    private void send(Path entry) throws IOException {
        long generation = Long.parseLong(entry.getFileName().toString());
        Producer<String, byte[]> p = producer();
        p.beginTransaction();
        try {
            String key = Long.toString(generation);
            Path files = entry.resolve(ChangeLog.FILES);
            if (Files.isDirectory(files)) {
                List<Path> all;
                try (Stream<Path> s = Files.walk(files)) {
                    all = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : all) {
                    String rel = files.relativize(f).toString().replace('\\', '/');
                    sendChunks(p, key, generation, Events.FILE, rel, f, null);
                }
            }
            for (String removed : Files.readAllLines(entry.resolve(ChangeLog.REMOVED))) {
                if (!removed.isBlank()) {
                    sendInTransaction(p, record(key, generation, Events.DELETE, removed, false, new byte[0]));
                }
            }
            Path drops = entry.resolve(ChangeLog.DROPS);
            String dropNote = Files.exists(drops) ? Files.readString(drops) : null;
            sendChunks(p, key, generation, Events.PATCH, null, entry.resolve(ChangeLog.PATCH), dropNote);
            sendInTransaction(p, record(key, generation, Events.END, null, true, new byte[0]));
            p.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException | IOException e) {
            try {
                p.abortTransaction();
            } catch (RuntimeException ignored) {
                // the producer is closed and made again
            }
            throw e;
        }
        lastSent = generation;
        ChangeLog.deleteTree(entry);
        LOG.info("generation {} sent to {}", generation, settings.topic());
    }

    private void sendChunks(
            Producer<String, byte[]> p,
            String key,
            long generation,
            String kind,
            String path,
            Path file,
            String dropNote)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = in.readNBytes(Events.CHUNK_BYTES);
            boolean first = true;
            do {
                byte[] next = in.readNBytes(Events.CHUNK_BYTES);
                ProducerRecord<String, byte[]> r = record(key, generation, kind, path, next.length == 0, chunk);
                if (first && dropNote != null) {
                    r.headers().add(Events.DROPS, Events.bytes(dropNote));
                }
                sendInTransaction(p, r);
                first = false;
                chunk = next;
            } while (chunk.length > 0);
        }
    }

    /**
     * Sends {@code r} within the open transaction. Its future is not awaited one by one: when any
     * send of a transaction fails, Kafka's {@code commitTransaction} throws that failure, and the
     * entry is aborted and sent again whole.
     */
    @SuppressWarnings("FutureReturnValueIgnored")
    private static void sendInTransaction(Producer<String, byte[]> p, ProducerRecord<String, byte[]> r) {
        p.send(r);
    }

    private ProducerRecord<String, byte[]> record(
            String key, long generation, String kind, String path, boolean last, byte[] value) {
        RecordHeaders h = new RecordHeaders();
        h.add(Events.GENERATION, Events.bytes(Long.toString(generation)));
        h.add(Events.KIND, Events.bytes(kind));
        if (path != null) {
            h.add(Events.PATH, Events.bytes(path));
        }
        if (last) {
            h.add(Events.LAST, Events.bytes("1"));
        }
        return new ProducerRecord<>(settings.topic(), null, null, key, value, h);
    }
}
