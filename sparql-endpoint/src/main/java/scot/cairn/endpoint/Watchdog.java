package scot.cairn.endpoint;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.sparql.exec.QueryExec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels queries that run past their time limit.
 *
 * <p>ARQ has its own timeout, but it is not always honoured (operators have seen Fuseki queries
 * run for hours), so every execution is also registered here: one scheduled thread calls
 * {@link QueryExec#abort()} at the deadline. Registration costs one scheduled task; finished
 * queries cancel theirs, so the queue holds only running queries.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final ScheduledThreadPoolExecutor timer;

    Watchdog() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sparql-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A watched execution; {@link #close()} when it finishes. */
    static final class Watch implements AutoCloseable {
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> task;

        /** Whether the watchdog cancelled the query. */
        boolean fired() {
            return fired.get();
        }

        /** Whether the watch was closed before its deadline: it will never fire. */
        boolean disarmed() {
            ScheduledFuture<?> t = task;
            return t != null && t.isCancelled();
        }

        @Override
        public void close() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /**
     * Aborts {@code exec} if it is still running {@code millis} from now; {@code description}
     * (the query text) goes into the warning logged for operators.
     */
    Watch watch(QueryExec exec, long millis, Object description) {
        Watch w = new Watch();
        w.task = timer.schedule(
                () -> {
                    w.fired.set(true);
                    LOG.warn(
                            "Cancelling a SPARQL query that ran past its {} ms limit: {}",
                            millis,
                            abbreviate(String.valueOf(description)));
                    exec.abort();
                },
                Math.max(1, millis),
                TimeUnit.MILLISECONDS);
        return w;
    }

    /** Executions currently watched. */
    int watched() {
        return timer.getQueue().size();
    }

    private static String abbreviate(String query) {
        if (query == null) {
            return "";
        }
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
