package scot.cairn.endpoint;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the queries running at once: per client address and for the whole endpoint.
 *
 * <p>A client over its own cap is refused at once (429), because waiting would let one client's
 * backlog hold slots that other clients need. When the whole endpoint is full a query waits up to
 * the queue timeout for a slot (short queries free slots quickly), then gets 503. Thread-safe.
 */
final class ClientLimiter {
    private final int perClient;
    private final Semaphore global;
    private final long queueTimeoutMillis;
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    ClientLimiter(int perClient, int global, Duration queueTimeout) {
        if (perClient < 1 || global < 1) {
            throw new IllegalArgumentException(
                    "limits must be at least 1: perClient=" + perClient + ", global=" + global);
        }
        this.perClient = perClient;
        this.global = new Semaphore(global, true);
        this.queueTimeoutMillis = queueTimeout.toMillis();
    }

    /** A held slot; closing it releases the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot for {@code client}.
     *
     * @throws SparqlFailure 429 when the client already runs its maximum, 503 when no slot frees
     *                       up within the queue timeout
     */
    Slot acquire(String client) {
        boolean[] admitted = {false};
        running.compute(client, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= perClient) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            throw new SparqlFailure(
                    429,
                    "Too many concurrent queries from your address (limit " + perClient + "): wait for one to finish");
        }
        boolean gotGlobal = false;
        try {
            gotGlobal = global.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!gotGlobal) {
            releaseClient(client);
            throw new SparqlFailure(503, "Server busy: too many queries in progress, try again shortly");
        }
        return () -> {
            global.release();
            releaseClient(client);
        };
    }

    /** Queries {@code client} is running now. */
    int running(String client) {
        return running.getOrDefault(client, 0);
    }

    private void releaseClient(String client) {
        running.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }
}
