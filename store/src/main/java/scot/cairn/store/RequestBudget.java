package scot.cairn.store;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time and the reads one HTTP request may spend on the store: a deadline, and a most number of
 * quads it may read (its memory budget: a page, map or slice builds what it shows from what it
 * reads). A servlet filter opens one for the request's thread ({@link #open}); while it is open,
 * every quad a {@link TripleStore#read} returns is charged to it, and the read that goes past
 * either limit throws {@link Exceeded}, which ends the iteration, and with it the read
 * transaction: the request's work on the store is cancelled there.
 *
 * <p>Why here: the pages read the store through {@code TripleStore.read} and {@code find} rather
 * than a SPARQL engine with a time-out of its own, so the store is the one place every read of
 * theirs passes. Not thread-safe: one budget belongs to one request thread.
 */
public final class RequestBudget {
    private static final ThreadLocal<RequestBudget> CURRENT = new ThreadLocal<>();
    /** The clock is read once every this many quads: a read is cheap, the clock less so. */
    private static final int CLOCK_EVERY = 256;

    /**
     * @param time     how long the request may take; {@link Duration#ZERO} for no limit
     * @param maxQuads the most quads it may read; 0 for no limit
     */
    public record Limits(Duration time, long maxQuads) {
        public static final Limits NONE = new Limits(Duration.ZERO, 0);

        public Limits {
            Objects.requireNonNull(time, "time");
            if (time.isNegative() || maxQuads < 0) {
                throw new IllegalArgumentException(
                        "a request's time and quads cannot be negative: " + time + ", " + maxQuads);
            }
        }
    }

    /** A request went past its time or its quads; nothing more of it is read. */
    public static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final boolean time;

        Exceeded(String message, boolean time) {
            super(message, null, false, false);
            this.time = time;
        }

        /** True when the time ran out, false when the quads did. */
        public boolean time() {
            return time;
        }
    }

    /** Closes the budget of the current thread. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final Limits limits;
    private final LongSupplier nanoClock;
    private final long deadline;
    private long quads;

    private RequestBudget(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.deadline = limits.time().isZero()
                ? Long.MAX_VALUE
                : nanoClock.getAsLong() + limits.time().toNanos();
    }

    /** Opens a budget for this thread's request, timed by {@code nanoClock} (e.g. {@code System::nanoTime}). */
    public static Scope open(Limits limits, LongSupplier nanoClock) {
        RequestBudget previous = CURRENT.get();
        CURRENT.set(new RequestBudget(limits, nanoClock));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The budget of this thread's request, or null. */
    static RequestBudget current() {
        return CURRENT.get();
    }

    /** Charges one quad read; throws when the request is past its time or its quads. */
    void charge() {
        quads++;
        if (limits.maxQuads() > 0 && quads > limits.maxQuads()) {
            throw new Exceeded(
                    String.format("this request would read more than %,d quads, the most one may", limits.maxQuads()),
                    false);
        }
        if (quads % CLOCK_EVERY == 1) {
            checkTime();
        }
    }

    /** Throws when the request is past its time. */
    void checkTime() {
        if (nanoClock.getAsLong() - deadline > 0) {
            throw new Exceeded(
                    "this request ran out of its time (" + limits.time().toMillis() / 1000.0 + " s)", true);
        }
    }
}
