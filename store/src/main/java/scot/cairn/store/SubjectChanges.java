package scot.cairn.store;

import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/**
 * Brings the triples of many subjects of one named graph to new content, inside the write
 * transaction of {@link TripleStore#write}: a publication by difference ({@link
 * TripleStore#subjectChanges}). Subjects whose triples have not changed should cost no store
 * access at all; on TDB2 they cost none (a digest of every subject is read once), on another
 * dataset they cost one read each.
 *
 * <p>Used by one thread, the one holding the write transaction. Call {@link #finish()} (writes what
 * is queued) before reading the graph by other means; on failure call {@link #cancel()} and abort.
 */
public interface SubjectChanges {

    /** How many subjects of the graph the filter given when opening accepted. */
    int subjects();

    /**
     * Null when {@code subject} holds exactly {@code now} in the graph; otherwise its stored
     * triples, to delete from and add to. {@code now} must be distinct triples of {@code subject}
     * in their stored form ({@link TripleStore#storedForm}).
     */
    Stored compare(Node subject, Collection<Triple> now);

    /** Writes every queued change; afterwards the graph may be read and written by other means. */
    void finish();

    /** Drops the queued changes; the caller aborts the transaction. */
    void cancel();

    /** A subject's triples as stored, when they differ from the new ones. */
    interface Stored {
        /** The stored triples (numbers and dates in their stored form); empty for a new subject. */
        List<Triple> triples();

        /** Deletes one of {@link #triples()} from the graph (queued). */
        void delete(Triple t);

        /** Adds a triple of this subject to the graph (queued). */
        void add(Triple t);
    }
}
