package scot.cairn.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import scot.cairn.formats.Formulas;
import scot.cairn.store.TripleStore;

/**
 * The public endpoint's executor as it was before results were spilled to a file (main before
 * branch sparql-once): a result over the buffer is evaluated three times in one read transaction,
 * into the buffer, into a counting sink and to the client. Each evaluation is the endpoint's own
 * ({@link SparqlExecutor#runInTransaction}: the same writers and limits), so the two differ only in
 * how often they evaluate. Kept only as the baseline of {@link EndpointRuns}.
 */
final class ThreePassExecutor {
    private final TripleStore store;
    private final SparqlProperties limits;
    private final SparqlExecutor runs;

    /** Queries run as the store runs public queries ({@link TripleStore#publicQuery}: union default graph, cube optimizer). */
    ThreePassExecutor(TripleStore store, SparqlProperties limits, Watchdog watchdog) {
        this.store = store;
        this.limits = limits;
        this.runs = new SparqlExecutor(store, limits, watchdog);
    }

    /** Where a result goes once it is known to be within the limits. */
    interface Sink {
        /** Called once with the complete result when it fit in the buffer. */
        void whole(byte[] body) throws IOException;

        /** Called when the result is larger than the buffer but within the limits; returns the stream to write it to. */
        OutputStream stream() throws IOException;

        /** Called after the streamed result has been written completely. */
        void streamed(OutputStream out) throws IOException;
    }

    /**
     * Runs {@code query}, writes the result in {@code format} to {@code sink}; a CSV result's
     * cells as {@code formulas} says.
     *
     * @throws SparqlFailure {@value SparqlFailure#REQUEST_TIMEOUT} or
     *                       {@value SparqlFailure#RESPONSE_TOO_LARGE} when detected before
     *                       anything was handed to the sink's stream
     */
    void execute(Query query, ResultFormat format, Formulas formulas, Sink sink) throws IOException {
        long timeoutMillis = limits.timeout().toMillis();
        long start = System.nanoTime();
        IOException[] io = {null};
        store.read(dsg -> {
            try {
                executeInTransaction(dsg, query, format, formulas, sink, timeoutMillis, start);
            } catch (IOException e) {
                io[0] = e;
            }
            return null;
        });
        if (io[0] != null) {
            throw io[0];
        }
    }

    private void executeInTransaction(
            DatasetGraph dsg,
            Query query,
            ResultFormat format,
            Formulas formulas,
            Sink sink,
            long timeoutMillis,
            long start)
            throws IOException {
        int bufferBytes = (int) limits.bufferBytes().toBytes();
        BoundedBuffer buffer = new BoundedBuffer(Math.min(bufferBytes, 64 * 1024), bufferBytes);
        try {
            runs.runInTransaction(dsg, query, format, formulas, buffer, timeoutMillis);
            sink.whole(buffer.toByteArray());
            return;
        } catch (RuntimeException e) {
            if (!overflowed(e)) {
                throw e;
            }
            // too big to answer from memory: count it first, then stream it
        }
        buffer = null;
        long remaining = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (remaining <= 0) {
            throw SparqlFailure.timeout();
        }
        runs.runInTransaction(dsg, query, format, formulas, OutputStream.nullOutputStream(), remaining);
        OutputStream out = sink.stream();
        runs.runInTransaction(dsg, query, format, formulas, out, timeoutMillis);
        sink.streamed(out);
    }

    /** Whether the run stopped because the result outgrew the memory buffer (a writer may wrap it). */
    private static boolean overflowed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BufferFull) {
                return true;
            }
        }
        return false;
    }

    /** A memory buffer that refuses to grow past its limit. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
        private final int limit;

        BoundedBuffer(int initial, int limit) {
            super(initial);
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1 > limit) {
                throw new BufferFull();
            }
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > limit) {
                throw new BufferFull();
            }
            super.write(b, off, len);
        }
    }

    /** The result outgrew the memory buffer. */
    private static final class BufferFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BufferFull() {
            super("result larger than the buffer", null, false, false);
        }
    }
}
