package scot.cairn.server.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing on the publishing endpoints to a crawl: after {@value #FREE_FAILURES}
 * failed sign-ins in a row from one address, that address is locked out for one second, and each
 * further failure doubles the lock, up to {@link #MAX_LOCK}. While locked, every attempt is
 * refused unchecked (429 with Retry-After), so a right guess is not recognised either; a
 * successful sign-in clears the count. An audit measured 1,000-1,200 guesses a second without
 * it; with it, from the fifteenth failure on, one guess every five minutes.
 *
 * <p>The publishing endpoints listen on the loopback interface only, so every client has the
 * same address and a lock-out holds back the real publisher too, for at most {@link #MAX_LOCK}
 * after the guessing stops. Thread-safe.
 */
final class SignInLockout {
    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofMinutes(5);
    /** Addresses remembered at most; when more fail at once, the oldest records are dropped. */
    private static final int MAX_CLIENTS = 10_000;

    private final LongSupplier nanoTime;
    private final Map<String, State> clients = new ConcurrentHashMap<>();

    /** A client's failures in a row and the end of its lock ({@link System#nanoTime()} units). */
    private record State(int failures, long lockedUntil) {}

    /** @param nanoTime the clock ({@code System::nanoTime}; tests pass their own) */
    SignInLockout(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Seconds the client must wait before it may try again (rounded up), or 0 when it may try now. */
    long retryAfterSeconds(String client) {
        State s = clients.get(client);
        if (s == null) {
            return 0;
        }
        long left = s.lockedUntil - nanoTime.getAsLong();
        return left <= 0 ? 0 : Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** Records a failed sign-in. */
    void failed(String client) {
        if (clients.size() >= MAX_CLIENTS && !clients.containsKey(client)) {
            clients.clear();
        }
        long now = nanoTime.getAsLong();
        clients.compute(client, (k, s) -> {
            int failures = (s == null ? 0 : s.failures) + 1;
            if (failures <= FREE_FAILURES) {
                return new State(failures, 0);
            }
            int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
            long lock = Math.min(MAX_LOCK.toNanos(), Duration.ofSeconds(1).toNanos() << doublings);
            return new State(failures, now + lock);
        });
    }

    /** Records a successful sign-in: the count starts again. */
    void succeeded(String client) {
        clients.remove(client);
    }
}
