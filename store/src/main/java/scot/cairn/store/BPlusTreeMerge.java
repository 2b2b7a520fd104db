package scot.cairn.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Merges a sorted stream of new keys into one B+tree of the current write transaction in one pass
 * from the root down, rewriting only the leaves and branch nodes the new keys fall into; every
 * other subtree of the index is shared with the committed tree, untouched.
 *
 * <p>Why: a publication's cost should grow with what it publishes, not with the store. Inserting
 * key by key ({@code BPlusTree.insert}) pays a descent from the root per key; rebuilding the whole
 * index bottom-up (as TDB2's {@code BPlusTreeRewriter} and xloader do, into empty files) rewrites
 * every key already stored. Here each node on the way is read once, the keys that fall below one
 * separator go down together, a touched leaf is rewritten with its old records copied in blocks,
 * and the keys beyond the last leaf (a new dataset's new subjects and graph) are packed into full
 * leaves at the right edge. So a dataset whose keys cluster (its graph and subjects are new node
 * ids, so GSPO and SPOG keys all go to the right edge) costs the same whatever the store holds, and
 * one whose keys scatter (POSG, OSPG: new subjects under every dimension value) rewrites at most
 * one leaf per distinct (predicate, object) group.
 *
 * <p>Why it is safe (TDB2's copy-on-write): blocks below the allocation limits recorded when the
 * transaction began belong to committed trees and are only read here; every node and leaf written
 * is a new block, and the transaction's root of the tree is switched to the new root at the end.
 * Commit publishes it with the other components' state; abort resets the allocation limits, which
 * discards the new blocks, and the old root stays. Readers keep reading the committed root.
 *
 * <p>The shape TDB2 expects is kept: separators are the highest key of the subtree on their left,
 * every leaf but a lone root's is at least half full and every branch node but the root has at
 * least {@code MinPtr} children (the last two of a run of new ones are balanced); TDB2's own
 * {@code BPlusTree.check()} passes on the result (tests).
 *
 * <p>Not thread-safe: used by the one thread that writes this index, with the transaction's
 * state of the tree on that thread.
 */
final class BPlusTreeMerge {
    private final BPlusTree tree;
    private final BPTreeNodeMgr nodes;
    private final RecordBufferPageMgr leaves;
    private final RecordFactory factory;
    private final BPlusTreeParams params;
    private final SortedKeys keys;
    private long added;
    private long leavesWritten;
    private long nodesWritten;

    /** What one merge did. */
    record Outcome(long added, long leavesWritten, long nodesWritten) {}

    /** A block with the highest key below it (null: the right edge of the tree, never a separator). */
    private record Child(int id, byte[] high) {}

    private BPlusTreeMerge(BPlusTree tree, SortedKeys keys) {
        this.tree = tree;
        this.nodes = tree.getNodeManager();
        this.leaves = tree.getRecordsMgr().getRecordBufferPageMgr();
        this.factory = tree.getRecordFactory();
        this.params = tree.getParams();
        this.keys = keys;
        if (factory.valueLength() != 0) {
            throw new IllegalArgumentException("only indexes of keys without values can be merged into");
        }
    }

    /**
     * Adds every key of {@code keys} that the tree does not hold yet, inside the write transaction
     * whose state of {@code tree} is on the calling thread.
     */
    static Outcome merge(BPlusTree tree, SortedKeys keys) {
        BPlusTreeMerge m = new BPlusTreeMerge(tree, keys);
        m.run();
        return new Outcome(m.added, m.leavesWritten, m.nodesWritten);
    }

    private void run() {
        if (keys.peek() == null) {
            return;
        }
        nodes.startUpdate();
        tree.getRecordsMgr().startUpdate();
        try {
            BPTreeNode root = nodes.getRead(tree.getRootId(), BPlusTreeParams.RootParent);
            List<Child> level;
            try {
                level = mergeNode(root, null);
            } finally {
                nodes.release(root);
            }
            while (level.size() > 1) {
                level = pack(level, false); // the root split: a level more
            }
            BPTreeNode newRoot = nodes.getRead(level.get(0).id(), BPlusTreeParams.RootParent);
            tree.newRoot(newRoot);
            nodes.release(newRoot);
        } finally {
            tree.getRecordsMgr().finishUpdate();
            nodes.finishUpdate();
        }
    }

    /**
     * The nodes replacing {@code node} once the keys up to {@code high} (its highest key; null on
     * the right edge: all the keys left) are merged in below it.
     */
    private List<Child> mergeNode(BPTreeNode node, byte[] high) {
        int count = node.getCount();
        RecordBuffer separators = node.getRecordBuffer();
        PtrBuffer ptrs = node.getPtrBuffer();
        List<Child> children = new ArrayList<>(count + 8);
        for (int i = 0; i <= count; i++) {
            byte[] childHigh = i < count ? separators.get(i).getKey() : high;
            int id = ptrs.get(i);
            if (!below(keys.peek(), childHigh)) {
                children.add(new Child(id, childHigh)); // untouched: shared with the committed tree
            } else if (node.isLeaf()) {
                mergeLeaf(id, childHigh, children);
            } else {
                BPTreeNode child = nodes.getRead(id, node.getId());
                try {
                    children.addAll(mergeNode(child, childHigh));
                } finally {
                    nodes.release(child);
                }
            }
        }
        return pack(children, node.isLeaf());
    }

    /** Whether {@code key} goes into the subtree whose highest key is {@code high}. */
    private static boolean below(byte[] key, byte[] high) {
        return key != null && (high == null || Arrays.compareUnsigned(key, high) <= 0);
    }

    /** Rewrites leaf {@code id} with the keys up to {@code high}, as one leaf or more, added to {@code out}. */
    private void mergeLeaf(int id, byte[] high, List<Child> out) {
        RecordBufferPage page = leaves.getRead(id);
        try {
            RecordBuffer old = page.getRecordBuffer();
            LeafPacker packer = new LeafPacker(out);
            int n = old.size();
            int pos = 0;
            for (byte[] k = keys.peek(); below(k, high); k = keys.peek()) {
                Record r = factory.create(k);
                int at = old.find(r, pos, n);
                keys.advance();
                if (at >= 0) {
                    continue; // already stored: copied with the old records
                }
                int insert = -(at + 1);
                packer.copy(old, pos, insert - pos);
                packer.add(r);
                added++;
                pos = insert;
            }
            packer.copy(old, pos, n - pos);
            packer.finish();
        } finally {
            leaves.release(page);
        }
    }

    /** Fills new leaves in order, full but the last two, which are balanced so that neither is under half full. */
    private final class LeafPacker {
        private final List<Child> out;
        private RecordBufferPage previous;
        private RecordBufferPage current;

        LeafPacker(List<Child> out) {
            this.out = out;
        }

        void add(Record r) {
            room();
            current.getRecordBuffer().add(r);
        }

        void copy(RecordBuffer from, int start, int length) {
            while (length > 0) {
                room();
                RecordBuffer to = current.getRecordBuffer();
                int m = Math.min(length, to.maxSize() - to.size());
                from.copy(start, to, to.size(), m);
                start += m;
                length -= m;
            }
        }

        /** Makes sure the current leaf has room for one more record. */
        private void room() {
            if (current != null && !current.getRecordBuffer().isFull()) {
                return;
            }
            if (current != null) {
                write(previous);
                previous = current;
            }
            current = leaves.create();
            current.setLink(Page.NO_ID); // TDB2's transactional trees keep no leaf chain
            leavesWritten++;
        }

        void finish() {
            if (current == null) {
                current = leaves.create(); // an empty tree keeps an empty leaf under its root
                current.setLink(Page.NO_ID);
                leavesWritten++;
            }
            if (previous != null) {
                RecordBuffer last = current.getRecordBuffer();
                RecordBuffer before = previous.getRecordBuffer();
                int min = last.maxSize() / 2;
                while (last.size() < min) {
                    last.add(0, before.getHigh());
                    before.removeTop();
                }
            }
            write(previous);
            write(current);
        }

        private void write(RecordBufferPage page) {
            if (page == null) {
                return;
            }
            RecordBuffer rb = page.getRecordBuffer();
            out.add(new Child(
                    page.getId(),
                    rb.isEmpty() ? new byte[factory.keyLength()] : rb.getHigh().getKey()));
            leaves.put(page);
        }
    }

    /**
     * Branch nodes over {@code children} (all leaves, or all branch nodes): each full (MaxPtr
     * children) but the last two, which share theirs so that neither is under MinPtr; the
     * separators are the highest key of each child but a node's last.
     */
    private List<Child> pack(List<Child> children, boolean aboveLeaves) {
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
        List<Child> up = new ArrayList<>(count);
        int next = 0;
        for (int size : sizes) {
            BPTreeNode node = nodes.createNode(BPlusTreeParams.UnsetParent);
            node.setIsLeaf(aboveLeaves);
            RecordBuffer separators = node.getRecordBuffer();
            PtrBuffer ptrs = node.getPtrBuffer();
            separators.setSize(0);
            ptrs.setSize(0);
            for (int i = 0; i < size; i++, next++) {
                Child c = children.get(next);
                ptrs.add(c.id());
                if (i < size - 1) {
                    separators.add(factory.create(c.high()));
                }
            }
            node.setCount(size - 1);
            up.add(new Child(node.getId(), children.get(next - 1).high()));
            nodes.put(node);
            nodesWritten++;
        }
        return up;
    }
}
