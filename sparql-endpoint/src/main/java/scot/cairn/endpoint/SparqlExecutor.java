package scot.cairn.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.SparqlCsv;
import scot.cairn.formats.SparqlJson;
import scot.cairn.store.ScratchFolder;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;
import scot.cairn.store.query.Descriptions;

/**
 * Runs one read-only query over the store and writes its result, within the endpoint's limits.
 *
 * <p>How the limits are kept with one evaluation: the result is serialised into a {@link
 * SpillBuffer}, in memory up to {@code buffer-bytes} and, past that, on in a private temporary
 * file in the store's scratch folder ({@code cairn.store.sort-dir}), while rows and bytes are
 * counted against {@code max-rows} and {@code max-bytes} and the one time limit ({@code timeout})
 * runs. A result over a limit, or a query past its time, is refused with a proper status before
 * anything is sent; a complete result is answered whole with a Content-Length, from memory (and
 * cached) or from the file (not cached: the cache takes only results that fit the buffer). The
 * file is deleted on every path, including a client that goes away while it is sent; a scratch
 * folder that cannot take it (full, unwritable) gives 503 with a plain message. The read
 * transaction ends before the answer is sent, so a slow client holds no snapshot of the store.
 * Should sending fail (the client is gone), the exception propagates after the response is
 * committed and the servlet container closes the connection.
 */
final class SparqlExecutor implements AutoCloseable {
    /**
     * Most triples a CONSTRUCT or DESCRIBE result may have in RDF/XML or JSON-LD, whose writers need
     * the whole graph in memory (Turtle and N-Triples stream, and are bounded by max-rows only);
     * also the most resources one DESCRIBE may describe, and the most triples one resource's
     * description may have, which are remembered to give each once.
     */
    static final long MAX_TRIPLES_IN_MEMORY = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(SparqlExecutor.class);

    private final TripleStore store;
    private final SparqlProperties limits;
    private final Watchdog watchdog;
    private final Path scratch;
    /** This process's folder for spill files inside {@link #scratch}, made at the first spill. */
    private ScratchFolder spillFolder;

    /**
     * Queries run as the store runs public queries ({@link TripleStore#publicQuery}: union default
     * graph, cube optimizer); results larger than {@code buffer-bytes} are held in the store's
     * scratch folder ({@link StoreTuning#sortDir()}).
     */
    SparqlExecutor(TripleStore store, SparqlProperties limits, Watchdog watchdog) {
        this(store, limits, watchdog, store.tuning().sortDir());
    }

    /** As above, with results larger than {@code buffer-bytes} held in {@code scratch}. */
    SparqlExecutor(TripleStore store, SparqlProperties limits, Watchdog watchdog, Path scratch) {
        this.store = store;
        this.limits = limits;
        this.watchdog = watchdog;
        this.scratch = scratch;
    }

    /**
     * The folder of this process's spill files, {@code cairn-sparql-<digits>} in the scratch folder,
     * locked as live while the executor is open: one a killed process left is deleted when a store
     * next opens over the same scratch folder ({@link ScratchFolder}).
     */
    private synchronized Path spillFolder() throws IOException {
        if (spillFolder == null) {
            try {
                spillFolder = ScratchFolder.claim(scratch, "sparql");
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return spillFolder.dir();
    }

    /** Deletes this executor's spill folder (and anything in it); the server's shutdown. */
    @Override
    public synchronized void close() {
        if (spillFolder != null) {
            spillFolder.close();
            spillFolder = null;
        }
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

    /** Where a result goes once it is complete and known to be within the limits. */
    interface Sink {
        /** Called with the complete result when it fit in the memory buffer. */
        void whole(byte[] body) throws IOException;

        /** Called with the complete result when it outgrew the memory buffer: {@code body} holds it until the call returns. */
        void spilled(SpillBuffer body) throws IOException;
    }

    /**
     * Runs {@code query} once, writes the result in {@code format} to {@code sink}; a CSV result's
     * cells as {@code formulas} says.
     *
     * @throws SparqlFailure {@value SparqlFailure#REQUEST_TIMEOUT}, {@value
     *                       SparqlFailure#RESPONSE_TOO_LARGE} or {@value SparqlFailure#NO_SCRATCH},
     *                       before anything was handed to the sink (or, for a spill file that
     *                       cannot be read back, {@value SparqlFailure#NO_SCRATCH} after)
     */
    void execute(Query query, ResultFormat format, Formulas formulas, Sink sink) throws IOException {
        long timeoutMillis = limits.timeout().toMillis();
        try (SpillBuffer body = new SpillBuffer(
                (int) limits.bufferBytes().toBytes(),
                scratch,
                this::spillFolder,
                java.nio.file.Files::newOutputStream)) {
            store.read(dsg -> {
                run(dsg, query, format, formulas, new Meter(body), timeoutMillis);
                return null;
            });
            if (body.inMemory()) {
                sink.whole(body.bytes());
            } else {
                sink.spilled(body);
            }
        } catch (SpillBuffer.ScratchFailure f) {
            // the spill file could not be read back
            LOG.warn("A SPARQL result could not be sent from its temporary file: {}", f.getMessage());
            throw SparqlFailure.noScratch();
        }
    }

    /**
     * One run of {@code query} in {@code dsg}'s transaction, written to {@code out} under the
     * row, byte and time limits, as {@link #execute} runs it. Only for the benchmarks' baseline
     * (the executor as it was, which ran a large result more than once in one transaction).
     */
    void runInTransaction(
            DatasetGraph dsg,
            Query query,
            ResultFormat format,
            Formulas formulas,
            OutputStream out,
            long timeoutMillis) {
        run(dsg, query, format, formulas, new Meter(out), timeoutMillis);
    }

    /**
     * Runs the query once, writing to {@code out}; maps cancellation and limits to failures. A
     * DESCRIBE runs as the SELECT of its resources ({@link Descriptions}), whose results are
     * described as they come, under the same time limit, watchdog and cancel flag.
     */
    private void run(
            DatasetGraph dsg, Query query, ResultFormat format, Formulas formulas, Meter out, long timeoutMillis) {
        AtomicBoolean cancelled = new AtomicBoolean();
        // A sorted answer over max-rows is refused as soon as its sort has that many rows and one.
        // Not a DESCRIBE's resources: its limit counts triples, and a resource may have none.
        QueryExec exec = (query.isDescribeType()
                        ? store.publicQuery(Descriptions.resourceQuery(query))
                        : store.publicQuery(query, limits.maxRows()))
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
            throw translate(e, watch.fired(), query);
        }
    }

    private RuntimeException translate(Exception e, boolean watchdogFired, Query query) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SpillBuffer.ScratchFailure f) {
                LOG.warn("A SPARQL result could not be held for sending: {}", f.getMessage());
                return SparqlFailure.noScratch();
            }
            if (t instanceof LimitExceeded || t instanceof TripleStore.TooManyRows) {
                return SparqlFailure.tooLarge(
                        limits.maxRows(), limits.maxBytes().toBytes(), WholeDataset.of(query));
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

    /**
     * Jena's writer for the format; CSV through {@link SparqlCsv}, so that formula cells are
     * neutralised as every CSV's are; JSON through {@link SparqlJson}, Jena's bytes at a fraction
     * of its CPU.
     */
    private static RowSetWriter writer(ResultFormat format, Formulas formulas) {
        if (format == ResultFormat.CSV) {
            return new SparqlCsv(formulas);
        }
        if (format == ResultFormat.JSON) {
            return new SparqlJson();
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

    /** The result has more rows or bytes than the limits allow. */
    private static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super("result over the size limit", null, false, false);
        }
    }
}
