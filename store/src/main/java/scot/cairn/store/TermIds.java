package scot.cairn.store;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

/**
 * A read of a store through compact term ids: every RDF term has a {@code long} id (equal ids for
 * equal terms, type included), quads are read as three ids, and a term is decoded into a
 * {@link Node} only when asked for ({@link #node}).
 *
 * <p>Why: reading a whole dataset (a download of every observation, the series of an area
 * profile) spends most of its time decoding terms it never needs: an observation's subject URI is
 * only a key, and its dimension values repeat thousands of times. With ids, the subject is never
 * decoded and each distinct value is decoded once, by the caller's own cache keyed on the id. On
 * TDB2 the id is the node id's stored form, so nothing is decoded at all until asked; on another
 * dataset ids are given by a dictionary built while reading, for the same answers.
 *
 * <p>Valid inside the read (or write) transaction it was made in. Not thread-safe.
 */
public interface TermIds {

    /** The id of no term: {@link #id} of a term the store has never held. */
    long NONE = Long.MIN_VALUE;

    /**
     * The ids of a dataset (or one of its graphs), read in the calling thread's transaction: TDB2's
     * own node ids when it is a TDB2 database, a dictionary otherwise.
     */
    static TermIds over(DatasetGraph dsg) {
        TdbQuads quads = TdbQuads.of(dsg);
        return quads != null ? new TdbTermIds(quads) : new PlainTermIds(dsg);
    }

    /**
     * The id of {@code term} (numbers and dates compared by value, as they are stored), or
     * {@link #NONE} when the store is known never to have held it; an id may also be given for a
     * term that matches nothing.
     */
    long id(Node term);

    /** The term of an id this reader gave. */
    Node node(long id);

    /** Every quad of {@code graph}: the quads of one subject come together. Close it when done. */
    Cursor graph(Node graph);

    /** The quads of {@code graph} with this predicate and object ({@link Node#ANY}: any object). */
    Cursor match(Node graph, Node predicate, Node object);

    /** Quads as ids, one at a time. */
    interface Cursor extends AutoCloseable {
        /** Moves to the next quad; false at the end. */
        boolean next();

        long subject();

        long predicate();

        long object();

        @Override
        void close();
    }
}
