package scot.cairn.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
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
import org.apache.jena.update.UpdateFactory;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.SparqlCsv;
import scot.cairn.store.TripleStore;
import scot.cairn.store.query.Descriptions;

/**
 * Runs one read-only query over the store and writes its result, within the endpoint's limits.
 *
 * <p>How the limits are kept without buffering whole results: the result is first serialised into
 * a memory buffer of {@code buffer-bytes}. Most results fit; they are answered with a
 * Content-Length (and cached). A result that overflows the buffer is discarded and the query runs
 * a second time, serialised into a counting sink that keeps nothing, so that a result over
 * {@code max-rows} or {@code max-bytes}, or a query over {@code timeout}, is refused with a proper
 * status before anything is sent. Only then does a third run stream the result to the client in
 * constant memory. All runs share one read transaction, so they see the same snapshot of the
 * store and produce the same result. Large results thus cost about two evaluations; the streaming
 * run gets its own time limit, so a large result takes at most about twice the time limit. Should
 * the streaming run still fail (the watchdog cancels it, or the client is gone), the exception
 * propagates after the response is committed and the servlet container closes the connection
 * without the final chunk, so the client sees a broken transfer rather than a truncated success.
 */
final class SparqlExecutor {
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
    SparqlExecutor(TripleStore store, SparqlProperties limits, Watchdog watchdog) {
        this.store = store;
        this.limits = limits;
        this.watchdog = watchdog;
    }

    /**
     * Parses a query (ARQ syntax, a superset of SPARQL 1.1 Query).
     *
     * @throws SparqlFailure 400 for an update ({@value SparqlFailure#UPDATE_REFUSED}) or malformed
     *                       text ("Malformed SPARQL query at line L, column C: ...")
     */
    static Query parse(SparqlRequest request) {
        Query query;
        try {
            query = QueryFactory.create(request.query(), Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            if (e.getCause() instanceof StackOverflowError) {
                throw e; // too deep to parse: DeepStack refuses it
            }
            if (isUpdate(request.query())) {
                throw SparqlFailure.updateRefused();
            }
            throw SparqlFailure.badRequest(parseMessage(e));
        } catch (QueryException e) {
            throw SparqlFailure.badRequest("Malformed SPARQL query: " + firstLine(e.getMessage()));
        }
        request.defaultGraphs().forEach(query::addGraphURI);
        request.namedGraphs().forEach(query::addNamedGraphURI);
        return query;
    }

    private static boolean isUpdate(String text) {
        try {
            UpdateFactory.create(text, Syntax.syntaxARQ);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static final Pattern POSITION = Pattern.compile("\\s*at line (\\d+), column (\\d+)\\.?");

    /**
     * "Malformed SPARQL query at line L, column C: detail". The position is the one the parser's
     * message names (the offending token), which can differ from the exception's own line/column
     * (the token before it); the message's copy of it is removed from the detail.
     */
    static String parseMessage(QueryParseException e) {
        String detail = firstLine(e.getMessage());
        int line = e.getLine();
        int column = e.getColumn();
        Matcher m = POSITION.matcher(detail);
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
            detail = (detail.substring(0, m.start()) + detail.substring(m.end())).strip();
        }
        if (line > 0) {
            return "Malformed SPARQL query at line " + line + ", column " + column + ": " + detail;
        }
        return "Malformed SPARQL query: " + detail;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
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
            return SparqlFailure.badRequest("Query failed: " + firstLine(qe.getMessage()));
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
