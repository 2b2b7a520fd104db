package scot.cairn.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.dboe.base.buffer.PtrBuffer;
import org.apache.jena.dboe.base.buffer.RecordBuffer;
import org.apache.jena.dboe.base.page.Page;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.base.record.RecordFactory;
import org.apache.jena.dboe.base.recordbuffer.RecordBufferPage;
import org.apache.jena.dboe.base.recordbuffer.RecordBufferPageMgr;
import org.apache.jena.dboe.trans.bplustree.BPTreeNode;
import org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.dboe.trans.bplustree.BPlusTreeParams;

/**
 * One quad index rebuilt bottom-up inside the current write transaction: the new records arrive as
 * sorted runs written to disk; at the end the runs are merged with the index's current content
 * and packed into full leaves and branch nodes in fresh blocks, and the transaction's root of the
 * B+tree is switched to the new tree.
 *
 * <p>Why: a publication that brings more records than the index already holds spends most of its
 * time in B+tree descents, one per record and index (TDB2's {@code BPlusTree.insert}: key
 * comparisons, node updates, splits). Merging sorted streams and writing pages in order costs a
 * fraction of that per record, which is how TDB2's own xloader builds indexes; unlike the xloader
 * this runs inside an ordinary write transaction of a live store.
 *
 * <p>Why it is safe: TDB2's B+trees are copy-on-write. Blocks below the allocation limits recorded
 * when the transaction began belong to committed trees and are never touched here; the new tree
 * lives wholly in blocks allocated after them. Commit writes the new root with the other
 * components' state; abort resets the allocation limits, which discards the new blocks, and the
 * old root stays. Readers keep reading the committed root throughout. The old tree's blocks become
 * unreachable, as after any TDB2 write, and are reclaimed by compaction.
 *
 * <p>Memory is bounded by one batch (sorted in memory before it is written) plus a read buffer per
 * run and the leaves' split keys (36 bytes per leaf of about 250 records); the runs are deleted
 * when the rebuild ends, whether it succeeds or not; those a killed process left are swept
 * ({@link SortRunFolders}).
 *
 * <p>Not thread-safe: used by the one thread that writes this index.
 */
final class IndexRebuild {
    private final BPlusTree tree;
    private final RecordFactory factory;
    private final int keyLength;
    private final SortRunFolders.Claim claim;
    private final Path dir;
    private final List<Path> runs = new ArrayList<>();
    private long runRecords;

    IndexRebuild(BPlusTree tree, Path sortDir, String name) {
        this.tree = tree;
        this.factory = tree.getRecordFactory();
        this.keyLength = factory.keyLength();
        if (factory.valueLength() != 0) {
            throw new IllegalArgumentException("index with values: " + name);
        }
        this.claim = SortRunFolders.claim(sortDir, name);
        this.dir = claim.dir();
    }

    /** Records in the runs written so far (duplicates included). */
    long runRecords() {
        return runRecords;
    }

    int runCount() {
        return runs.size();
    }

    /** Writes {@code sorted} (in key order) as one run. */
    void addRun(Record[] sorted) {
        Path run = dir.resolve("run-" + runs.size());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run), 1 << 20)) {
            for (Record r : sorted) {
                out.write(r.getKey(), 0, keyLength);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sort run " + run, e);
        }
        runs.add(run);
        runRecords += sorted.length;
    }

    /**
     * Merges the runs with the index's current content (as this transaction sees it), builds the
     * new tree in fresh blocks and makes it the transaction's root of the index; deletes the runs.
     * Equal records are kept once.
     */
    void finish() {
        try {
            List<Cursor> cursors = new ArrayList<>();
            Iterator<Record> current = tree.iterator();
            try {
                cursors.add(new TreeCursor(current));
                openRuns(cursors);
                tree.getNodeManager().startUpdate();
                tree.getRecordsMgr().startUpdate();
                try {
                    build(new Merge(cursors));
                } finally {
                    tree.getRecordsMgr().finishUpdate();
                    tree.getNodeManager().finishUpdate();
                }
            } finally {
                Iter.close(current);
                for (Cursor c : cursors) {
                    c.close();
                }
            }
        } finally {
            discard();
        }
    }

    /**
     * Instead of {@link #finish()}: inserts the runs' records into the index in key order, for a
     * publication whose runs are small beside the index; deletes the runs.
     */
    void insertRuns() {
        List<Cursor> cursors = new ArrayList<>();
        try {
            openRuns(cursors);
            Merge merged = new Merge(cursors);
            while (merged.next()) {
                tree.insert(factory.create(merged.key()));
            }
        } finally {
            for (Cursor c : cursors) {
                c.close();
            }
            discard();
        }
    }

    /** Adds a cursor over each run to {@code cursors}, with read buffers of 32 MB in all (8 to 256 KB each). */
    private void openRuns(List<Cursor> cursors) {
        int buffer = Math.max(8 << 10, Math.min(256 << 10, (32 << 20) / Math.max(1, runs.size())));
        for (Path run : runs) {
            cursors.add(new RunCursor(run, keyLength, buffer));
        }
    }

    /** Deletes the runs (after {@link #finish()}, or when the publication is cancelled). */
    void discard() {
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                // best effort: a leftover file in the temporary folder does no harm
            }
        }
        runs.clear();
        claim.release();
    }

    /** Packs the merged keys into leaves, then branch levels up to one root. */
    private void build(Merge merged) {
        RecordBufferPageMgr leaves = tree.getRecordsMgr().getRecordBufferPageMgr();
        Level level = new Level();
        RecordBufferPage page = null;
        RecordBufferPage previous = null;
        while (merged.next()) {
            if (page == null || page.getRecordBuffer().isFull()) {
                if (page != null) {
                    if (previous != null) {
                        leaves.put(previous);
                    }
                    level.add(page.getId(), page.getRecordBuffer().getHigh().getKey());
                    previous = page;
                }
                page = leaves.create();
                page.setLink(Page.NO_ID); // TDB2's transactional trees keep no leaf chain
            }
            page.getRecordBuffer().add(factory.create(merged.key()));
        }
        if (page == null) {
            // nothing at all: an empty leaf under the root, as TDB2 makes an empty tree
            page = leaves.create();
            page.setLink(Page.NO_ID);
        } else if (previous != null) {
            // the last leaf must not be under half full (TDB2's delete relies on it): take from the one before
            RecordBuffer last = page.getRecordBuffer();
            RecordBuffer before = previous.getRecordBuffer();
            int min = last.maxSize() / 2;
            while (last.size() < min) {
                last.add(0, before.getHigh());
                before.removeTop();
            }
            level.setLastKey(before.getHigh().getKey());
        }
        if (previous != null) {
            leaves.put(previous);
        }
        level.add(page.getId(), page.getRecordBuffer().isEmpty() ? new byte[keyLength]
                : page.getRecordBuffer().getHigh().getKey());
        leaves.put(page);

        boolean aboveLeaves = true;
        BPTreeNode root;
        for (;;) {
            Level up = branches(level, aboveLeaves);
            aboveLeaves = false;
            if (up.size() == 1) {
                root = tree.getNodeManager().getRead(up.id(0), BPlusTreeParams.RootParent);
                break;
            }
            level = up;
        }
        tree.newRoot(root);
        tree.getNodeManager().release(root);
    }

    /**
     * The branch nodes over {@code children}: each holds up to MaxPtr children, with as separators
     * the highest key of each child but the last; the last two nodes share their children so that
     * neither is under MinPtr.
     */
    private Level branches(Level children, boolean aboveLeaves) {
        BPlusTreeParams params = tree.getParams();
        BPTreeNodeMgr nodes = tree.getNodeManager();
        int n = children.size();
        int max = params.getMaxPtr();
        int min = params.getMinPtr();
        int count = (n + max - 1) / max;
        int[] sizes = new int[count];
        Arrays.fill(sizes, max);
        sizes[count - 1] = n - max * (count - 1);
        if (count > 1 && sizes[count - 1] < min) {
            int both = sizes[count - 2] + sizes[count - 1];
            sizes[count - 2] = both - both / 2;
            sizes[count - 1] = both / 2;
        }
        Level up = new Level();
        int child = 0;
        for (int size : sizes) {
            BPTreeNode node = nodes.createNode(BPlusTreeParams.UnsetParent);
            node.setIsLeaf(aboveLeaves);
            RecordBuffer keys = node.getRecordBuffer();
            PtrBuffer ptrs = node.getPtrBuffer();
            keys.setSize(0);
            ptrs.setSize(0);
            for (int i = 0; i < size; i++, child++) {
                ptrs.add(children.id(child));
                if (i < size - 1) {
                    keys.add(factory.create(children.key(child)));
                }
            }
            node.setCount(size - 1);
            up.add(node.getId(), children.key(child - 1));
            nodes.put(node);
        }
        return up;
    }

    /** Block ids with the highest key below each, in key order. */
    private final class Level {
        private int[] ids = new int[1024];
        private byte[] keys = new byte[1024 * keyLength];
        private int size;

        void add(int id, byte[] key) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                keys = Arrays.copyOf(keys, size * 2 * keyLength);
            }
            ids[size] = id;
            System.arraycopy(key, 0, keys, size * keyLength, keyLength);
            size++;
        }

        void setLastKey(byte[] key) {
            System.arraycopy(key, 0, keys, (size - 1) * keyLength, keyLength);
        }

        int size() {
            return size;
        }

        int id(int i) {
            return ids[i];
        }

        byte[] key(int i) {
            return Arrays.copyOfRange(keys, i * keyLength, (i + 1) * keyLength);
        }
    }

    /** A sorted source of keys. */
    private abstract static class Cursor {
        byte[] key;

        /** Moves to the next key; false at the end. */
        abstract boolean advance();

        void close() {
        }

        int compareTo(Cursor other) {
            return Arrays.compareUnsigned(key, other.key);
        }
    }

    private static final class TreeCursor extends Cursor {
        private final Iterator<Record> records;

        TreeCursor(Iterator<Record> records) {
            this.records = records;
        }

        @Override
        boolean advance() {
            if (!records.hasNext()) {
                return false;
            }
            key = records.next().getKey();
            return true;
        }
    }

    private static final class RunCursor extends Cursor {
        private final InputStream in;
        private final Path run;

        RunCursor(Path run, int keyLength, int buffer) {
            this.run = run;
            try {
                this.in = new BufferedInputStream(Files.newInputStream(run), buffer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sort run " + run, e);
            }
            this.key = new byte[keyLength];
        }

        @Override
        boolean advance() {
            try {
                int n = in.readNBytes(key, 0, key.length);
                if (n == 0) {
                    return false;
                }
                if (n < key.length) {
                    throw new EOFException("truncated sort run " + run);
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sort run " + run, e);
            }
        }

        @Override
        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // read only: nothing lost
            }
        }
    }

    /**
     * The keys of all cursors in order, each distinct key once: a binary heap of cursors whose top
     * is replaced in place as it advances, so a cursor that stays smallest (runs of ascending new
     * subjects do not overlap) costs two comparisons per key.
     */
    private static final class Merge {
        private final Cursor[] heap;
        private int size;
        private byte[] key;

        Merge(List<Cursor> cursors) {
            heap = new Cursor[cursors.size()];
            for (Cursor c : cursors) {
                if (c.advance()) {
                    heap[size++] = c;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        boolean next() {
            while (size > 0) {
                Cursor top = heap[0];
                boolean duplicate = key != null && Arrays.equals(top.key, key);
                if (!duplicate) {
                    key = top.key.clone();
                }
                if (!top.advance()) {
                    heap[0] = heap[--size];
                    heap[size] = null;
                }
                if (size > 0) {
                    siftDown(0);
                }
                if (!duplicate) {
                    return true;
                }
            }
            return false;
        }

        private void siftDown(int i) {
            Cursor c = heap[i];
            for (;;) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1].compareTo(heap[child]) < 0) {
                    child++;
                }
                if (heap[child].compareTo(c) >= 0) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = c;
        }

        byte[] key() {
            return key;
        }
    }
}
