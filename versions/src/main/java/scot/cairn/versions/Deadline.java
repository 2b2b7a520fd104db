package scot.cairn.versions;

import java.time.Duration;

/**
 * The moment a request must have been answered by, on the JVM's monotonic clock. One deadline
 * is taken when a request arrives and covers everything it does: waiting for a slot, building
 * old versions, running the query.
 *
 * @param nanos {@link System#nanoTime()} at the deadline; {@link Long#MAX_VALUE} for none
 */
record Deadline(long nanos) {
    /** No time limit (the command line). */
    static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    static Deadline after(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("a time limit must not be negative: " + limit);
        }
        long span = limit.toNanos();
        return span >= Long.MAX_VALUE / 4 ? NONE : new Deadline(System.nanoTime() + span);
    }

    boolean unlimited() {
        return nanos == Long.MAX_VALUE;
    }

    /** Nanoseconds left, 0 when passed; {@link Long#MAX_VALUE} without a limit. */
    long remainingNanos() {
        if (unlimited()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, nanos - System.nanoTime());
    }

    boolean passed() {
        return !unlimited() && nanos - System.nanoTime() <= 0;
    }

    /** The later of the two. */
    Deadline orLater(Deadline other) {
        if (unlimited() || other.unlimited()) {
            return NONE;
        }
        return other.nanos - nanos > 0 ? other : this;
    }
}
