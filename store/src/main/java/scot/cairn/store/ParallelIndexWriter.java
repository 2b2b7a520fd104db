package scot.cairn.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;

/**
 * Adds quads to a TDB2 database inside the caller's write transaction, each quad index written by
 * its own thread ({@link IndexWorker}).
 *
 * <p>Why: a plain {@code dsg.add} inserts each quad into every index in turn on one thread, in
 * arrival order, one B+tree descent per quad and index. Here the calling thread turns nodes into
 * node ids (the node table is touched by this thread only) and hands batches of tuples to one
 * thread per index; each sorts its batches in its index's key order and, at {@link #finish()},
 * merges them all into its B+tree in one pass ({@link BPlusTreeMerge}), which rewrites only the
 * leaves the new keys fall into: the cost grows with the publication, not with the store.
 * Batches but the last wait on disk as sorted runs ({@link SortedRuns}), so memory is one batch
 * per index whatever the publication's size.
 *
 * <p>The calling thread also keeps the ids of recurring nodes (graph, predicates, URI objects, the
 * current subject) itself rather than asking TDB2's node cache for every quad (a Caffeine cache
 * whose upkeep was a third of the publishing thread).
 *
 * <p>Until {@link #finish()} returns, nothing else may read or write the store in the
 * transaction. Not thread-safe: one instance per publication, used by the thread that holds the
 * write transaction. Always call {@link #finish()} or {@link #cancel()}.
 */
final class ParallelIndexWriter implements BulkQuads {

    /** The end of the jobs: merge what was collected. */
    static final IndexWorker.Job END = new IndexWorker.Job(List.of(), false, false);

    private static final int RECURRING_MAX = 100_000;

    private final NodeTable nodeTable;
    private final IndexWorker[] workers;
    private final int batchSize;
    private List<Tuple<NodeId>> batch;
    private long count;
    /** Subjects come in runs (an observation's quads together): the last one's id. */
    private Node lastSubject;

    private NodeId lastSubjectId;
    private final Map<Node, NodeId> recurring = new HashMap<>();

    private ParallelIndexWriter(TdbQuads quads, int batchSize, Path sortDir) {
        this.nodeTable = quads.nodes();
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(Math.min(batchSize, 1 << 16));
        TupleIndexRecord[] indexes = quads.indexes();
        this.workers = new IndexWorker[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            workers[i] = new IndexWorker(indexes[i], sortDir);
        }
        for (IndexWorker w : workers) {
            w.start();
        }
    }

    /** A writer for the TDB2 database of {@code quads}, in a write transaction on the calling thread. */
    static ParallelIndexWriter start(TdbQuads quads, StoreTuning tuning) {
        SortRunFolders.sweep(tuning.sortDir()); // what a killed load left
        return new ParallelIndexWriter(quads, tuning.indexBatch(), tuning.sortDir());
    }

    /** Adds one quad (in a named graph). Throws when an index thread has failed. */
    @Override
    public void add(Quad quad) {
        NodeId g = recurring(quad.getGraph());
        Node subject = quad.getSubject();
        if (subject != lastSubject && !subject.equals(lastSubject)) {
            lastSubjectId = nodeTable.getAllocateNodeId(subject);
            lastSubject = subject;
        }
        NodeId s = lastSubjectId;
        NodeId p = recurring(quad.getPredicate());
        Node object = quad.getObject();
        NodeId o = object.isURI() ? recurring(object) : nodeTable.getAllocateNodeId(object);
        batch.add(TdbQuads.quad(g, s, p, o));
        count++;
        if (batch.size() >= batchSize) {
            dispatch();
        }
    }

    long count() {
        return count;
    }

    /**
     * The id of a node that recurs across quads (graph, predicate, URI object): from this
     * publication's own map, which spares TDB2's shared node cache. Ids never change within the
     * transaction.
     */
    private NodeId recurring(Node node) {
        NodeId id = recurring.get(node);
        if (id == null) {
            id = nodeTable.getAllocateNodeId(node);
            if (recurring.size() >= RECURRING_MAX) {
                recurring.clear();
            }
            recurring.put(node, id);
        }
        return id;
    }

    private void dispatch() {
        IndexWorker.Job full = IndexWorker.Job.collect(batch);
        batch = new ArrayList<>(Math.min(batchSize, 1 << 16));
        for (IndexWorker w : workers) {
            w.send(full);
        }
    }

    /** Merges everything added into every index, waits for them, and gives the indexes' state back to this thread. */
    @Override
    public void finish() {
        if (!batch.isEmpty()) {
            dispatch();
        }
        finishWorkers(workers);
    }

    /** Stops the index threads without writing what is queued; the caller then aborts the transaction. */
    @Override
    public void cancel() {
        cancelWorkers(workers);
    }

    private static void finishWorkers(IndexWorker[] workers) {
        for (IndexWorker w : workers) {
            w.send(END);
        }
        RuntimeException failure = null;
        for (IndexWorker w : workers) {
            failure = w.awaitEnd(failure);
        }
        if (failure != null) {
            throw failure;
        }
        for (IndexWorker w : workers) {
            w.handBack();
        }
    }

    private static void cancelWorkers(IndexWorker[] workers) {
        for (IndexWorker w : workers) {
            w.cancel();
        }
        for (IndexWorker w : workers) {
            w.awaitEnd(null);
        }
    }

    /** Runs {@code jobs} on a fresh thread per index, then gives the indexes back; on failure stops them and rethrows. */
    private static void runOnEveryIndex(TdbQuads quads, List<IndexWorker.Job> jobs) {
        TupleIndexRecord[] indexes = quads.indexes();
        IndexWorker[] workers = new IndexWorker[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            workers[i] = new IndexWorker(indexes[i], null);
            workers[i].start();
        }
        try {
            for (IndexWorker w : workers) {
                for (IndexWorker.Job job : jobs) {
                    w.send(job);
                }
            }
            finishWorkers(workers);
        } catch (RuntimeException e) {
            cancelWorkers(workers);
            throw e;
        }
    }

    /**
     * Deletes every quad of the named graphs {@code graphs} from every quad index, each index on its
     * own thread from batches sorted in its key order, inside the caller's write transaction.
     *
     * <p>A batch of the graph's quads is read from the GSPO index by the calling thread while no
     * index thread runs, then handed to them, and they give the indexes back when it is done; the
     * next batch is read from the indexes as they are then. Failure: the threads are stopped and
     * the exception propagates, and the caller aborts the transaction.
     */
    static void dropGraphs(TdbQuads quads, Collection<Node> graphs, int batchSize) {
        for (Node g : graphs) {
            NodeId gid = quads.idOf(g);
            if (gid == null) {
                continue; // never stored: nothing to delete
            }
            for (; ; ) {
                List<Tuple<NodeId>> chunk = new ArrayList<>(Math.min(batchSize, 1 << 16));
                Iterator<Tuple<NodeId>> it = quads.find(gid, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny);
                while (chunk.size() < batchSize && it.hasNext()) {
                    chunk.add(it.next());
                }
                Iter.close(it);
                if (chunk.isEmpty()) {
                    break;
                }
                runOnEveryIndex(quads, List.of(IndexWorker.Job.delete(chunk)));
            }
        }
    }

    /**
     * Deletes {@code deletes} and then adds {@code adds} (node-id quads in (G, S, P, O) order) in
     * every quad index, each index on its own thread, inside the caller's write transaction; returns
     * when every index holds the change. Failure: the exception propagates and the caller aborts
     * the transaction.
     */
    static void apply(TdbQuads quads, List<Tuple<NodeId>> deletes, List<Tuple<NodeId>> adds) {
        List<IndexWorker.Job> jobs = new ArrayList<>(2);
        if (!deletes.isEmpty()) {
            jobs.add(IndexWorker.Job.delete(deletes));
        }
        if (!adds.isEmpty()) {
            jobs.add(IndexWorker.Job.addNow(adds));
        }
        if (!jobs.isEmpty()) {
            runOnEveryIndex(quads, jobs);
        }
    }
}
