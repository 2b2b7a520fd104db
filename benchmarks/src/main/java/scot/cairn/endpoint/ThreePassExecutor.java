package scot.cairn.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.rowset.RowSetWriterRegistry;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.SparqlCsv;
import scot.cairn.store.TripleStore;
import scot.cairn.store.query.Descriptions;

/**
 * The public endpoint's executor as it was before results were spilled to a file (main before
 * branch sparql-once, SparqlExecutor): a result over the buffer is evaluated three times, into the
 * buffer, into a counting sink and to the client. Kept only as the baseline of {@link
 * EndpointRuns}; the endpoint itself no longer has this code.
 */
final class ThreePassExecutor {
    /**
     * Most triples a CONSTRUCT or DESCRIBE result may have in RDF/XML or JSON-LD, whose writers need
     * the whole graph in memory (Turtle and N-Triples stream, and are bounded by max-rows only);
     * also the most resources one DESCRIBE may describe, and the most triples one resource's
     * description may have, which are remembered to give each once.
     */
    static final long MAX_TRIPLES_IN_MEMORY = 100_000;

    private final TripleStore store;
    private final SparqlProperties limits;
    private final Watchdog watchdog;

    /** Queries run as the store runs public queries ({@link TripleStore#publicQuery}: union default graph, cube optimizer). */
    ThreePassExecutor(TripleStore store, SparqlProperties limits, Watchdog watchdog) {
        this.store = store;
        this.limits = limits;
        this.watchdog = watchdog;
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
            run(dsg, query, format, formulas, new Meter(buffer), timeoutMillis);
            sink.whole(buffer.toByteArray());
            return;
        } catch (BufferFull overflow) {
            // too big to answer from memory: count it first, then stream it
        }
        buffer = null;
        long remaining = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (remaining <= 0) {
            throw SparqlFailure.timeout();
        }
        run(dsg, query, format, formulas, new Meter(OutputStream.nullOutputStream()), remaining);
        OutputStream out = sink.stream();
        run(dsg, query, format, formulas, new Meter(out), timeoutMillis);
        sink.streamed(out);
    }

    /**
     * Runs the query once, writing to {@code out}; maps cancellation and limits to failures. A
     * DESCRIBE runs as the SELECT of its resources ({@link Descriptions}), whose results are
     * described as they come, under the same time limit, watchdog and cancel flag.
     */
    private void run(
            DatasetGraph dsg, Query query, ResultFormat format, Formulas formulas, Meter out, long timeoutMillis) {
        AtomicBoolean cancelled = new AtomicBoolean();
        QueryExec exec = store.publicQuery(query.isDescribeType() ? Descriptions.resourceQuery(query) : query)
                .set(ARQConstants.symCancelQuery, cancelled)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                // A public endpoint must not fetch URLs on a client's behalf.
                .set(ARQ.httpServiceAllowed, false)
                .build();
        Watchdog.Watch watch = watchdog.watch(exec, timeoutMillis, query);
        try (exec;
                watch) {
            write(dsg, exec, query, format, formulas, out, cancelled);
            out.flush();
        } catch (RuntimeException | IOException e) {
            throw translate(e, watch.fired());
        }
    }

    private RuntimeException translate(Exception e, boolean watchdogFired) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BufferFull b) {
                return b;
            }
            if (t instanceof LimitExceeded) {
                return SparqlFailure.tooLarge();
            }
            if (t instanceof QueryCancelledException) {
                return SparqlFailure.timeout();
            }
            if (t instanceof SparqlFailure f) {
                return f;
            }
        }
        if (watchdogFired) {
            return SparqlFailure.timeout();
        }
        if (e instanceof IOException io) {
            return new java.io.UncheckedIOException(io);
        }
        if (e instanceof QueryException qe) {
            return SparqlFailure.badRequest("Query failed: " + qe.getMessage());
        }
        return (RuntimeException) e;
    }

    private void write(
            DatasetGraph dsg,
            QueryExec exec,
            Query query,
            ResultFormat format,
            Formulas formulas,
            Meter out,
            AtomicBoolean cancelled)
            throws IOException {
        if (query.isSelectType()) {
            RowSet rows = exec.select();
            RowSet counted = RowSetStream.create(rows.getResultVars(), counting(rows, out, limits.maxRows()));
            writer(format, formulas).write(out, counted, exec.getContext());
        } else if (query.isAskType()) {
            writer(format, formulas).write(out, exec.ask(), exec.getContext());
        } else {
            Iterator<Triple> results = query.isConstructType()
                    ? exec.constructTriples()
                    : Descriptions.describe(
                            dsg, query, exec.select(), cancelled::get, MAX_TRIPLES_IN_MEMORY, LimitExceeded::new);
            if (format.needsWholeGraph()) {
                // RDF/XML and JSON-LD writers need the whole graph in memory: a tighter bound than max-rows.
                Iterator<Triple> triples = counting(results, out, Math.min(limits.maxRows(), MAX_TRIPLES_IN_MEMORY));
                Graph graph = GraphFactory.createDefaultGraph();
                graph.getPrefixMapping().setNsPrefixes(query.getPrefixMapping());
                triples.forEachRemaining(graph::add);
                RDFDataMgr.write(out, graph, format.rdfFormat());
            } else {
                Iterator<Triple> triples = counting(results, out, limits.maxRows());
                StreamRDF stream = StreamRDFWriter.getWriterStream(out, format.rdfFormat());
                stream.start();
                query.getPrefixMapping().getNsPrefixMap().forEach(stream::prefix);
                triples.forEachRemaining(stream::triple);
                stream.finish();
            }
        }
    }

    /** Jena's writer for the format; CSV through {@link SparqlCsv}, so that formula cells are neutralised as every CSV's are. */
    private static RowSetWriter writer(ResultFormat format, Formulas formulas) {
        if (format == ResultFormat.CSV) {
            return new SparqlCsv(formulas);
        }
        return RowSetWriterRegistry.getFactory(format.lang()).create(format.lang());
    }

    private static <T> Iterator<T> counting(Iterator<T> it, Meter meter, long maxRows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                T next = it.next();
                if (++meter.rows > maxRows) {
                    throw new LimitExceeded();
                }
                return next;
            }
        };
    }

    /** Counts bytes (and, via {@link #counting}, rows) and enforces {@code max-bytes}. */
    private final class Meter extends OutputStream {
        private final OutputStream target;
        private final long maxBytes = limits.maxBytes().toBytes();
        private long bytes;
        long rows;

        Meter(OutputStream target) {
            this.target = target;
        }

        private void count(int n) {
            bytes += n;
            if (bytes > maxBytes) {
                throw new LimitExceeded();
            }
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
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

    /** The result has more rows or bytes than the limits allow. */
    private static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super("result over the size limit", null, false, false);
        }
    }
}
