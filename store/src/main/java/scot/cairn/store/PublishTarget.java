package scot.cairn.store;

import java.util.Collection;

/**
 * Somewhere datasets are published: the embedded {@link TripleStore} or a remote SPARQL 1.1
 * Graph Store Protocol endpoint ({@link RemoteGraphStore}).
 *
 * <p>Both operations are atomic with respect to readers of the target: they see every named
 * graph as it was before or as it is after, never a mix, and a failure leaves the old content.
 */
public interface PublishTarget extends AutoCloseable {

    /**
     * Drops the replacement's graphs and writes their new content in one unit.
     *
     * @return the number of quads written
     * @throws PublicationException when the writer fails or emits a quad outside the named graphs
     */
    long replaceGraphs(GraphReplacement replacement);

    /** Removes the named graphs in one unit. */
    void dropGraphs(Collection<String> graphs);

    /** A short description for messages, e.g. the folder or endpoint URL. */
    String describe();

    @Override
    void close();
}
