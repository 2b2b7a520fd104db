package scot.cairn.store;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.dboe.transaction.txn.TransactionalComponentLifecycle.ComponentState;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread writing one quad index inside the caller's write transaction, from batches of quads
 * it sorts in its index's key order.
 *
 * <p>Same transaction, not a side transaction: TDB2 keeps each B+tree's write state of the
 * current transaction in a ThreadLocal of the component ({@code TransactionalComponentLifecycle}).
 * The caller's state of the index is copied into this thread before work starts and copied back
 * after ({@link #handBack}), so every block written belongs to the caller's transaction: commit
 * publishes them atomically with the node table, abort discards them. The threads of one
 * transaction write disjoint B+trees (separate files); no two threads ever write the same one.
 *
 * <p>Jobs, in the order sent: deletions and {@linkplain Job#now immediate} additions are written
 * when they arrive (a caller that reads between batches waits for them with {@link #join}); the
 * additions of a publication are collected as {@link SortedRuns} and merged into the tree at
 * {@link ParallelIndexWriter#END} in one pass ({@link BPlusTreeMerge}).
 */
final class IndexWorker extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(IndexWorker.class);

    /**
     * Records of the quad indexes (keys only) in TDB2's order, unsigned byte by byte; through the
     * JDK's vectorised comparison rather than {@code Record.compareByKeyValue}'s byte loop.
     */
    static final Comparator<Record> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey());

    /** Quads (G, S, P, O) for the index: to delete, to add now, or to collect and add at the end. */
    record Job(List<Tuple<NodeId>> tuples, boolean delete, boolean now) {
        static Job collect(List<Tuple<NodeId>> tuples) {
            return new Job(tuples, false, false);
        }

        static Job addNow(List<Tuple<NodeId>> tuples) {
            return new Job(tuples, false, true);
        }

        static Job delete(List<Tuple<NodeId>> tuples) {
            return new Job(tuples, true, true);
        }
    }

    // two batches in flight per index: the node-table thread can run ahead by one batch
    final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(2);
    private final TupleIndexRecord index;
    private final BPlusTree tree;
    private final ComponentState<?> callerState;
    private final Path sortDir;
    private SortedRuns collected;
    private volatile ComponentState<?> workerState;
    private volatile Throwable error;
    volatile boolean cancelled;

    IndexWorker(TupleIndexRecord index, Path sortDir) {
        super("cairn-index-" + index.getName());
        setDaemon(true);
        this.index = index;
        this.sortDir = sortDir;
        this.tree = TdbQuads.tree(index);
        // captured on the transaction's thread: the B+tree's transaction, and its root and allocation limits
        this.callerState = tree.getComponentState();
    }

    String indexName() {
        return index.getName();
    }

    @Override
    // TDB2's B+tree state type (BptTxnState) is package-private: only a raw ComponentState can carry it
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void run() {
        tree.setComponentState((ComponentState) callerState);
        try {
            for (; ; ) {
                Job job = queue.take();
                if (cancelled) {
                    break;
                }
                if (job == ParallelIndexWriter.END) {
                    mergeCollected();
                    break;
                }
                apply(job);
            }
        } catch (Throwable t) {
            error = t;
            queue.clear(); // unblock a producer waiting on a full queue
        } finally {
            if (collected != null) {
                collected.discard();
            }
            workerState = tree.getComponentState();
        }
    }

    private void apply(Job job) {
        Record[] records = sorted(job.tuples());
        if (job.delete()) {
            for (Record r : records) {
                if (cancelled) {
                    return;
                }
                tree.delete(r);
            }
        } else if (job.now()) {
            try (SortedKeys keys = SortedRuns.of(records)) {
                BPlusTreeMerge.merge(tree, keys);
            }
        } else {
            if (collected == null) {
                collected = new SortedRuns(tree.getRecordFactory().keyLength(), sortDir, index.getName());
            }
            collected.add(records);
        }
    }

    private Record[] sorted(List<Tuple<NodeId>> tuples) {
        Record[] records = new Record[tuples.size()];
        for (int i = 0; i < records.length; i++) {
            records[i] = TdbQuads.record(index, tuples.get(i));
        }
        Arrays.sort(records, KEY_ORDER);
        return records;
    }

    /** The additions collected, merged into the tree in one pass. */
    private void mergeCollected() {
        if (collected == null || collected.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        BPlusTreeMerge.Outcome outcome;
        try (SortedKeys keys = collected.merged()) {
            outcome = BPlusTreeMerge.merge(tree, keys);
        }
        LOG.debug(
                "index {}: merged {} new keys ({} sorted runs, {} keys given) writing {} leaves and {} branch nodes in {} ms",
                index.getName(),
                outcome.added(),
                collected.runCount(),
                collected.keys(),
                outcome.leavesWritten(),
                outcome.nodesWritten(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    void send(Job job) {
        try {
            while (!queue.offer(job, 100, TimeUnit.MILLISECONDS)) {
                if (error != null || !isAlive()) {
                    throw failure();
                }
            }
            if (error != null) {
                throw failure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationException("interrupted while indexing " + index.getName(), e);
        }
    }

    private PublicationException failure() {
        return new PublicationException("indexing " + index.getName() + " failed: " + error, error);
    }

    /** Waits for the thread to end; returns {@code earlier}, or this thread's failure when there was none. */
    RuntimeException awaitEnd(RuntimeException earlier) {
        try {
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return earlier != null ? earlier : new PublicationException("interrupted while indexing", e);
        }
        if (error != null && earlier == null) {
            return failure();
        }
        return earlier;
    }

    /** Stops without writing what is queued; the caller then aborts the transaction. */
    void cancel() {
        cancelled = true;
        queue.clear();
        queue.offer(ParallelIndexWriter.END);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // BptTxnState is package-private, as in run()
    void handBack() {
        // the root has moved: the caller's transaction commits what this thread built
        tree.setComponentState((ComponentState) workerState);
    }
}
