package scot.cairn.store;

import org.apache.jena.sparql.core.Quad;

/**
 * Receives the changes of one write transaction in the order they were made: quads added and
 * quads deleted. Applying them in that order, with set semantics (adding a present quad or
 * deleting an absent one changes nothing), to the state the transaction began from gives the
 * state it committed. Not thread-safe.
 */
public interface ChangeSink {

    void add(Quad quad);

    void delete(Quad quad);
}
