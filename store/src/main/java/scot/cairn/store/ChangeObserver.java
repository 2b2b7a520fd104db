package scot.cairn.store;

/**
 * Sees every write transaction of a {@link TripleStore} ({@link TripleStore#observeChanges}): each
 * quad added or deleted, whichever way it was written (publications, index threads, drops, the
 * loopback publishing endpoint), then whether it committed. A publisher uses it to append each
 * committed change to a replication log.
 *
 * <p>Calls come from the thread holding the write transaction, one transaction at a time.
 */
public interface ChangeObserver {

    /** A write transaction began; its changes go to the recorder returned. */
    Recorder begin();

    /** The changes of one write transaction. */
    interface Recorder extends ChangeSink {

        /**
         * The last {@code quads} deletes reported were every quad of {@code graph}: it was dropped
         * whole ({@link TripleStore#drop}). A log may note it so that whoever applies the change
         * can drop the graph in one pass instead of quad by quad; the deletes stay in the change.
         */
        default void droppedGraph(org.apache.jena.graph.Node graph, long quads) {}

        /**
         * Inside the transaction, after its last change and before it commits: make the change
         * durable wherever it must survive a crash that follows the commit. An exception aborts the
         * transaction (and {@link #aborted} follows).
         *
         * @param generation the store's generation this transaction commits as ({@link TripleStore#generation})
         */
        void prepare(long generation) throws Exception;

        /** The transaction committed as {@code generation}. Must not throw. */
        void committed(long generation);

        /** The transaction was aborted (nothing of it is in the store). Must not throw. */
        void aborted();
    }
}
