package scot.cairn.store.query;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.query.QueryParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs query work (parsing, planning, evaluating, writing) on threads with a deep stack, and turns
 * a stack overflow into {@link TooDeep}.
 *
 * <p>Why: ARQ parses, compiles, optimises and evaluates a query by recursion over its structure.
 * A legal query of some tens of kilobytes (a 5,000-branch UNION, a 5,000-term {@code ||} filter,
 * 3,000 OPTIONALs) nests thousands deep and overflowed a servlet thread's stack (1 MB), which
 * answered 500 and logged a thousand lines. R clients send such {@code ||} chains (one regex per
 * area asked for), so they should be answered, not refused: {@value #STACK_MB} MB holds every
 * query of that kind a 1 MB query text can express but the most pathological nestings
 * (hundreds of thousands of parentheses), which are refused with one log line. The threads are
 * created as needed up to {@code threads} (work beyond that waits its turn) and end when idle.
 */
public final class DeepStack implements AutoCloseable {
    static final int STACK_MB = 16;
    private static final Logger LOG = LoggerFactory.getLogger(DeepStack.class);

    private final ThreadPoolExecutor pool;

    /**
     * @param name    names the threads ({@code name-1}, ...)
     * @param threads most threads at once
     */
    public DeepStack(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(null, r, name + "-" + count.incrementAndGet(), (long) STACK_MB << 20);
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Work that may throw an exception of type {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} on a deep-stack thread and waits for it; its result, exception or error
     * comes back as if it had run here.
     *
     * @throws TooDeep when the work overflowed even that stack (also when ARQ's parser wrapped
     *                 the overflow in a {@link QueryParseException})
     */
    public <T, E extends Exception> T call(Class<E> thrown, Work<T, E> work) throws E {
        Callable<T> task = () -> {
            try {
                return work.run();
            } catch (StackOverflowError e) {
                throw tooDeep();
            } catch (QueryParseException e) {
                if (e.getCause() instanceof StackOverflowError) {
                    throw tooDeep();
                }
                throw e;
            }
        };
        Future<T> future = pool.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a query ran", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            if (thrown.isInstance(cause)) {
                throw thrown.cast(cause);
            }
            throw new IllegalStateException(cause);
        }
    }

    private static TooDeep tooDeep() {
        LOG.warn("Refused a query nested too deeply to evaluate within a {} MB stack", STACK_MB);
        return new TooDeep();
    }

    /** Threads alive now (for tests). */
    int threads() {
        return pool.getPoolSize();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A query nested more deeply than the deep stack holds. */
    public static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The refusal's text, the same on every endpoint. */
        public static final String MESSAGE =
                "Query too deeply nested: simplify it (fewer nested groups, UNION branches, "
                        + "OPTIONALs or || terms, or a VALUES block instead of a long || chain)";

        TooDeep() {
            super(MESSAGE, null, false, false);
        }
    }
}
