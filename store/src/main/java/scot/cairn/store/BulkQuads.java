package scot.cairn.store;

import org.apache.jena.sparql.core.Quad;

/**
 * Many new quads written inside a write transaction that is already open on the store, each quad
 * index filled by its own thread ({@link TripleStore#bulkQuads}). Until {@link #finish()} returns,
 * nothing else may read or write the store in that transaction. Always call {@link #finish()} or
 * {@link #cancel()}.
 */
public interface BulkQuads {

    /** Adds one quad (in a named graph). Throws when an index thread has failed. */
    void add(Quad quad);

    /** Waits until every index holds the quads added; then the transaction may go on. */
    void finish();

    /** Stops the index threads; the caller then aborts the transaction. */
    void cancel();
}
