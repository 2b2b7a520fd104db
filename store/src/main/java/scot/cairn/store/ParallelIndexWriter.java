package scot.cairn.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.graph.Node;
import org.apache.jena.dboe.transaction.txn.TransactionalComponentLifecycle.ComponentState;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.lib.TupleLib;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.apache.jena.tdb2.sys.SystemTDB;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds quads to a TDB2 database inside the caller's write transaction, with each quad index
 * (B+tree) filled by its own thread from sorted batches.
 *
 * <p>Why: a plain {@code dsg.add} inserts each quad into every index in turn on one thread, in
 * arrival order, so every index insert is a random B+tree descent. Here the calling thread turns
 * nodes into NodeIds (the node table is touched by this thread only) and hands batches of tuples
 * to one worker per index; each worker sorts its batch in its index's key order, so inserts walk
 * the tree nearly sequentially, and the indexes fill concurrently.
 *
 * <p>Large publications: once the quads added reach {@link #rebuildFrom} (a quarter of what the
 * store may already hold, and at least one batch), the workers stop inserting and write each
 * sorted batch to disk as a run; at {@link #finish()} each index is rebuilt bottom-up from its
 * current content merged with its runs ({@link IndexRebuild}), which costs a fraction of the
 * B+tree descents it replaces; unless the runs turn out small beside the index (a publication
 * that only just reached the threshold, {@link #worthRebuilding}): then their records are
 * inserted in key order. The calling thread also keeps the ids of recurring nodes (graph,
 * predicates, URI objects, the current subject) itself rather than asking TDB2's node cache for
 * every quad.
 *
 * <p>Same transaction, not a side transaction: TDB2 keeps each B+tree's write state of the
 * current transaction in a ThreadLocal of the component
 * ({@code TransactionalComponentLifecycle}). The caller's state of each index is copied into its
 * worker thread before work starts and copied back after, so every block the workers write
 * belongs to the caller's transaction: commit publishes them atomically with the node table,
 * abort discards them, and readers keep reading the last committed root throughout (unlike
 * TDB2's bulk loaders, which take the database into exclusive mode). The workers touch disjoint
 * B+trees (separate files); no two threads ever write the same component.
 *
 * <p>Not thread-safe: one instance per publication, used by the thread that holds the write
 * transaction. Always call {@link #finish()} or {@link #cancel()}.
 */
final class ParallelIndexWriter implements BulkQuads {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelIndexWriter.class);

    /** Tuples per batch: large enough for sorting to give locality, small enough to bound memory. */
    static final int DEFAULT_BATCH = 200_000;

    /**
     * Fewest new quads for which the indexes are rebuilt ({@link IndexRebuild}) instead of inserted
     * into: one full batch, so that a publication smaller than a batch never writes sort runs.
     */
    static final long REBUILD_MINIMUM = DEFAULT_BATCH;

    /** When not negative: the new quads from which the indexes are rebuilt, whatever is stored (tests). */
    static volatile long rebuildFromForTests = -1;

    /**
     * Batches go to sorted runs once the new quads reach a quarter of an upper bound of the quads
     * already stored: a rebuild rewrites every stored quad as well.
     */
    static final int REBUILD_SHARE = 4;

    /**
     * Inserting a record costs about ten times what merging and packing it costs (2.1 against
     * 0.2 microseconds of CPU per record and index; docs/BENCHMARKS.md, "Cube load").
     */
    static final int INSERT_TO_MERGE_COST = 10;

    /** Tuples for every index to insert, or to delete; or, with {@code toRuns}, to keep as a sorted run. */
    private record Job(List<Tuple<NodeId>> tuples, boolean delete, boolean toRuns) {
    }

    /** The end: rebuild the indexes from their runs (or, when there are none, nothing more to do). */
    private static final Job END = new Job(List.of(), false, false);
    /** The end: insert the runs' records into the indexes rather than rebuild them. */
    private static final Job END_INSERTING_RUNS = new Job(List.of(), false, false);

    private final NodeTable nodeTable;
    private final Worker[] workers;
    private final int batchSize;
    /** New quads from which batches go to sorted runs and the indexes are rebuilt at the end. */
    private final long rebuildFrom;
    /** Upper bound of the quads stored when the publication began. */
    private final long stored;
    private boolean rebuilding;
    /** Quads inserted before the batches went to runs. */
    private long insertedBeforeRuns;
    private List<Tuple<NodeId>> batch;
    private long count;
    /** Subjects come in runs (an observation's quads together): the last one's id. */
    private Node lastSubject;
    private NodeId lastSubjectId;
    private static final int RECURRING_MAX = 100_000;
    private final Map<Node, NodeId> recurring = new HashMap<>();

    /** {@code mayRebuild}: whether added quads may go to sorted runs (a publication's adds; not drops or applied changes). */
    private ParallelIndexWriter(NodeTable nodeTable, TupleIndexRecord[] indexes, int batchSize, boolean mayRebuild) {
        this.nodeTable = nodeTable;
        this.batchSize = batchSize;
        this.stored = mayRebuild ? storedUpperBound(indexes) : 0;
        this.rebuildFrom = mayRebuild ? rebuildFrom(stored) : Long.MAX_VALUE;
        this.batch = new ArrayList<>(batchSize);
        this.workers = new Worker[indexes.length];
        Path sortDir = rebuildFrom == Long.MAX_VALUE ? null : sortDir();
        if (sortDir != null) {
            SortRunFolders.sweep(sortDir); // what a killed load left
        }
        for (int i = 0; i < indexes.length; i++) {
            workers[i] = new Worker(indexes[i], sortDir);
        }
        for (Worker w : workers) {
            w.start();
        }
    }

    /**
     * A writer for {@code dsg}, which must be a TDB2 database in a write transaction on the calling
     * thread; or null when its quad table is not made of B+tree indexes (then use {@code dsg.add}).
     */
    static ParallelIndexWriter startIfSupported(DatasetGraph dsg, int batchSize) {
        NodeTupleTable quads = quadTable(dsg);
        TupleIndexRecord[] records = quads == null ? null : btreeIndexes(quads);
        return records == null ? null
                : new ParallelIndexWriter(quads.getNodeTable(), records, batchSize, true);
    }

    /**
     * New quads from which batches go to sorted runs for a rebuild: a share of {@code stored}, an
     * upper bound of the quads already stored ({@link #storedUpperBound}), and at least
     * {@link #REBUILD_MINIMUM}. Never when {@code cairn.store.rebuildIndexes} is {@code false}.
     */
    static long rebuildFrom(long stored) {
        if ("false".equalsIgnoreCase(System.getProperty("cairn.store.rebuildIndexes"))) {
            return Long.MAX_VALUE;
        }
        if (rebuildFromForTests >= 0) {
            return rebuildFromForTests;
        }
        return Math.max(REBUILD_MINIMUM, stored / REBUILD_SHARE);
    }

    /** Every block of the GSPO index's record file counted as full: garbage of earlier transactions included. */
    static long storedUpperBound(TupleIndexRecord[] indexes) {
        BPlusTree tree = (BPlusTree) indexes[0].getRangeIndex();
        long perBlock = SystemTDB.BlockSize / tree.getRecordFactory().recordLength();
        return tree.getRecordsMgr().allocLimit() * perBlock;
    }

    /**
     * At the end of a publication whose later batches went to runs: whether rebuilding the indexes
     * (rewriting the {@code stored + inserted} quads already in them as well as the {@code runs})
     * costs less than inserting the runs' records. A publication that only just reached
     * {@link #rebuildFrom} inserts them.
     */
    static boolean worthRebuilding(long stored, long inserted, long runs) {
        return runs * INSERT_TO_MERGE_COST >= stored + inserted + runs;
    }

    /** Where sorted runs go: {@code cairn.store.sortDir}, else the system's temporary folder. */
    static Path sortDir() {
        return Path.of(System.getProperty("cairn.store.sortDir", System.getProperty("java.io.tmpdir")));
    }

    /** Whether the indexes are being rebuilt (the quads added reached {@link #rebuildFrom}). */
    boolean rebuilding() {
        return rebuilding;
    }

    static NodeTupleTable quadTable(DatasetGraph dsg) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(CaptureView.tdbUnder(dsg));
        return tdb == null ? null : tdb.getQuadTable().getNodeTupleTable();
    }

    /** The quad indexes when every one is a B+tree, else null. */
    static TupleIndexRecord[] btreeIndexes(NodeTupleTable quads) {
        TupleIndex[] indexes = quads.getTupleTable().getIndexes();
        TupleIndexRecord[] records = new TupleIndexRecord[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            if (!(indexes[i] instanceof TupleIndexRecord r) || !(r.getRangeIndex() instanceof BPlusTree)) {
                return null;
            }
            records[i] = r;
        }
        return records;
    }

    /** Adds one quad (in a named graph). Throws when a worker has failed. */
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
        batch.add(TupleFactory.create4(g, s, p, o));
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
     * publication's own map, which spares TDB2's shared node cache (a Caffeine cache whose upkeep
     * was a third of the publishing thread). Ids never change within the transaction.
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

    /** Writes the last batch, waits for every index, and gives the indexes' state back to this thread. */
    @Override
    public void finish() {
        if (!batch.isEmpty()) {
            dispatch();
        }
        Job end = !rebuilding || worthRebuilding(stored, insertedBeforeRuns, count - insertedBeforeRuns)
                ? END : END_INSERTING_RUNS;
        for (Worker w : workers) {
            w.send(end);
        }
        RuntimeException failure = null;
        for (Worker w : workers) {
            failure = w.join(failure);
        }
        if (failure != null) {
            throw failure;
        }
        for (Worker w : workers) {
            w.handBack();
        }
    }

    /**
     * Stops the workers without waiting for queued batches; the caller then aborts the transaction,
     * which discards whatever they wrote.
     */
    @Override
    public void cancel() {
        for (Worker w : workers) {
            w.cancelled = true;
            w.queue.clear();
            w.queue.offer(END);
        }
        for (Worker w : workers) {
            w.join(null);
        }
    }

    private void dispatch() {
        if (!rebuilding && count >= rebuildFrom) {
            rebuilding = true;
            insertedBeforeRuns = count - batch.size();
        }
        Job full = new Job(batch, false, rebuilding);
        batch = new ArrayList<>(batchSize);
        for (Worker w : workers) {
            w.send(full);
        }
    }

    /**
     * Deletes every quad of the named graphs {@code graphs} from every quad index, each index on its
     * own thread from batches sorted in its key order, inside the caller's write transaction. False
     * when the store is not made of B+tree indexes (then use {@code dsg.deleteAny}).
     *
     * <p>A batch of the graph's quads is read from the GSPO index by the calling thread while no
     * worker runs, then handed to the workers, which give the indexes back when it is done; the next
     * batch is read from the indexes as they are then. Failure: the workers are stopped and the
     * exception propagates, and the caller aborts the transaction.
     */
    static boolean dropGraphs(DatasetGraph dsg, Collection<Node> graphs, int batchSize) {
        NodeTupleTable quads = quadTable(dsg);
        TupleIndexRecord[] indexes = quads == null ? null : btreeIndexes(quads);
        if (indexes == null) {
            return false;
        }
        for (Node g : graphs) {
            NodeId gid = quads.getNodeTable().getNodeIdForNode(g);
            if (gid == null || NodeId.isDoesNotExist(gid)) {
                continue; // never stored: nothing to delete
            }
            Tuple<NodeId> prefix = TupleFactory.create4(gid, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny);
            for (;;) {
                List<Tuple<NodeId>> chunk = new ArrayList<>(batchSize);
                Iterator<Tuple<NodeId>> it = quads.find(prefix);
                while (chunk.size() < batchSize && it.hasNext()) {
                    chunk.add(it.next());
                }
                Iter.close(it);
                if (chunk.isEmpty()) {
                    break;
                }
                ParallelIndexWriter w = new ParallelIndexWriter(quads.getNodeTable(), indexes, batchSize, false);
                try {
                    for (Worker worker : w.workers) {
                        worker.send(new Job(chunk, true, false));
                    }
                    w.finish();
                } catch (RuntimeException e) {
                    w.cancel();
                    throw e;
                }
            }
        }
        return true;
    }

    /**
     * Deletes {@code deletes} and then adds {@code adds} (node-id quads in (G, S, P, O) order) in
     * every quad index, each index on its own thread from sorted batches, inside the caller's write
     * transaction; returns when every index holds the change. The store must be one for which
     * {@link #startIfSupported} gives a writer. Failure: the exception propagates and the caller
     * aborts the transaction.
     */
    static void apply(DatasetGraph dsg, List<Tuple<NodeId>> deletes, List<Tuple<NodeId>> adds) {
        NodeTupleTable quads = quadTable(dsg);
        ParallelIndexWriter w = new ParallelIndexWriter(quads.getNodeTable(), btreeIndexes(quads), DEFAULT_BATCH, false);
        try {
            for (Worker worker : w.workers) {
                if (!deletes.isEmpty()) {
                    worker.send(new Job(deletes, true, false));
                }
                if (!adds.isEmpty()) {
                    worker.send(new Job(adds, false, false));
                }
            }
            w.finish();
        } catch (RuntimeException e) {
            w.cancel();
            throw e;
        }
    }

    /**
     * Records of the quad indexes (keys only) in TDB2's order, unsigned byte by byte; through the
     * JDK's vectorised comparison rather than {@code Record.compareByKeyValue}'s byte loop.
     */
    private static final Comparator<Record> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey());

    /** One thread per index, running inside the caller's transaction. */
    private static final class Worker extends Thread {
        // two batches in flight per index: the node-table thread can run ahead by one batch
        final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(2);
        final TupleIndexRecord index;
        final BPlusTree tree;
        final ComponentState<?> callerState;
        final Path sortDir;
        /** Once batches go to sorted runs: the rebuild they feed. */
        IndexRebuild rebuild;
        volatile ComponentState<?> workerState;
        volatile Throwable error;
        volatile boolean cancelled;

        Worker(TupleIndexRecord index, Path sortDir) {
            super("cairn-index-" + index.getName());
            setDaemon(true);
            this.index = index;
            this.sortDir = sortDir;
            this.tree = (BPlusTree) index.getRangeIndex();
            // captured on the transaction's thread: the B+tree's transaction, and its root and allocation limits
            this.callerState = tree.getComponentState();
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void run() {
            ((BPlusTree) tree).setComponentState((ComponentState) callerState);
            try {
                for (;;) {
                    Job job = queue.take();
                    if (cancelled) {
                        break;
                    }
                    if (job == END || job == END_INSERTING_RUNS) {
                        if (rebuild != null) {
                            long t0 = System.nanoTime();
                            int runs = rebuild.runCount();
                            if (job == END) {
                                rebuild.finish();
                            } else {
                                rebuild.insertRuns();
                            }
                            LOG.debug("index {} {} {} sorted runs ({} new records) in {} ms", index.getName(),
                                    job == END ? "rebuilt from" : "took the records of", runs, rebuild.runRecords(),
                                    (System.nanoTime() - t0) / 1_000_000);
                        }
                        break;
                    }
                    List<Tuple<NodeId>> tuples = job.tuples();
                    Record[] records = new Record[tuples.size()];
                    var factory = tree.getRecordFactory();
                    var map = index.getMapping();
                    for (int i = 0; i < records.length; i++) {
                        records[i] = TupleLib.record(factory, tuples.get(i), map);
                    }
                    Arrays.sort(records, KEY_ORDER);
                    if (job.toRuns()) {
                        if (rebuild == null) {
                            rebuild = new IndexRebuild(tree, sortDir, index.getName());
                        }
                        rebuild.addRun(records);
                        continue;
                    }
                    for (Record r : records) {
                        if (cancelled) {
                            break;
                        }
                        if (job.delete()) {
                            tree.delete(r);
                        } else {
                            tree.insert(r);
                        }
                    }
                }
            } catch (Throwable t) {
                error = t;
                queue.clear(); // unblock a producer waiting on a full queue
            } finally {
                if (rebuild != null) {
                    rebuild.discard();
                }
                workerState = tree.getComponentState();
            }
        }

        void send(Job job) {
            try {
                while (!queue.offer(job, 100, TimeUnit.MILLISECONDS)) {
                    if (error != null || !isAlive()) {
                        throw new PublicationException("indexing " + index.getName() + " failed: " + error, error);
                    }
                }
                if (error != null) {
                    throw new PublicationException("indexing " + index.getName() + " failed: " + error, error);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublicationException("interrupted while indexing " + index.getName(), e);
            }
        }

        RuntimeException join(RuntimeException earlier) {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return earlier != null ? earlier : new PublicationException("interrupted while indexing", e);
            }
            if (error != null && earlier == null) {
                return new PublicationException("indexing " + index.getName() + " failed: " + error, error);
            }
            return earlier;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void handBack() {
            // the root may have moved (a split at the top creates a new root): the caller commits what the worker built
            ((BPlusTree) tree).setComponentState((ComponentState) workerState);
        }
    }
}
