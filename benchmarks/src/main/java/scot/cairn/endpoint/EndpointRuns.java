package scot.cairn.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.query.Query;
import org.springframework.util.unit.DataSize;
import scot.cairn.benchmarks.CountingSink;
import scot.cairn.formats.Formulas;
import scot.cairn.store.TripleStore;

/**
 * One query through the public endpoint's executor, now ({@link SparqlExecutor}: one evaluation,
 * spilled to a file) and before ({@link ThreePassExecutor}), with the endpoint's default limits
 * ({@code buffer-bytes} 1 MB, {@code max-bytes} 256 MB, a million rows) and a time limit; the
 * answer goes to a client that reads as fast as it can (a sink that counts bytes). For the
 * benchmarks, which are outside this package.
 */
public final class EndpointRuns implements AutoCloseable {
    private final Watchdog watchdog = new Watchdog();
    private final SparqlExecutor once;
    private final ThreePassExecutor threePass;

    public EndpointRuns(TripleStore store, Path scratch, Duration timeout) {
        SparqlProperties d = SparqlProperties.defaults();
        SparqlProperties limits = new SparqlProperties(
                timeout,
                d.maxRows(),
                d.maxBytes(),
                d.bufferBytes(),
                d.maxConcurrentPerClient(),
                d.maxConcurrent(),
                d.queueTimeout(),
                false,
                DataSize.ofMegabytes(1),
                d.cacheBytes());
        this.once = new SparqlExecutor(store, limits, watchdog, scratch);
        this.threePass = new ThreePassExecutor(store, limits, watchdog);
    }

    /** Bytes of the CSV answer, by the endpoint's executor as it is now. */
    public long once(String query) throws IOException {
        Query q = SparqlExecutor.parse(new SparqlRequest(query, List.of(), List.of()));
        CountingSink client = new CountingSink();
        once.execute(q, ResultFormat.CSV, Formulas.NEUTRALISE, new SparqlExecutor.Sink() {
            @Override
            public void whole(byte[] body) {
                client.write(body, 0, body.length);
            }

            @Override
            public void spilled(SpillBuffer body) throws IOException {
                body.writeTo(client);
            }
        });
        return client.bytes();
    }

    /** An answer's size and its SHA-256 (to check two ways of answering give the same bytes). */
    public record Answer(long bytes, String sha256) {}

    /**
     * The answer of the endpoint's executor as it is now in {@code format} ("csv" or "json": what
     * opendatascot asks for, and SPARQL JSON for SPARQLWrapper and rdflib).
     */
    public Answer answer(String query, String format) throws IOException {
        Query q = SparqlExecutor.parse(new SparqlRequest(query, List.of(), List.of()));
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        CountingSink counted = new CountingSink();
        OutputStream client = new java.security.DigestOutputStream(counted, sha);
        ResultFormat f = format.equals("json") ? ResultFormat.JSON : ResultFormat.CSV;
        once.execute(q, f, Formulas.NEUTRALISE, new SparqlExecutor.Sink() {
            @Override
            public void whole(byte[] body) throws IOException {
                client.write(body, 0, body.length);
            }

            @Override
            public void spilled(SpillBuffer body) throws IOException {
                body.writeTo(client);
            }
        });
        return new Answer(counted.bytes(), java.util.HexFormat.of().formatHex(sha.digest()));
    }

    /** Bytes of the CSV answer, by the executor as it was before (three evaluations past the buffer). */
    public long threePass(String query) throws IOException {
        Query q = SparqlExecutor.parse(new SparqlRequest(query, List.of(), List.of()));
        CountingSink client = new CountingSink();
        threePass.execute(q, ResultFormat.CSV, Formulas.NEUTRALISE, new ThreePassExecutor.Sink() {
            @Override
            public void whole(byte[] body) {
                client.write(body, 0, body.length);
            }

            @Override
            public OutputStream stream() {
                return client;
            }

            @Override
            public void streamed(OutputStream out) {
                // nothing to finish
            }
        });
        return client.bytes();
    }

    @Override
    public void close() {
        watchdog.close();
    }
}
