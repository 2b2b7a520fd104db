package scot.cairn.store;

import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.NodeIdInline;
import org.apache.jena.tdb2.store.NodeIdType;
import org.apache.jena.tdb2.store.value.IntegerNode;

/**
 * The one place that compares, hashes and encodes TDB2 node ids.
 *
 * <p>Why: TDB2's {@code NodeId.equals} and {@code hashCode} ignore the id's type, so the inline
 * integer 2015 equals the pointer to the node at offset 2015. Every comparison or map key of ids
 * goes through {@link #same} or {@link #bits} here, which include the type: {@link #bits} is the
 * id's stored 64-bit form (a pointer is a non-negative offset; an inline value has the top bit set
 * and its type in the next bits), unique per id.
 */
final class NodeIds {
    /** The lowest node id in index order (a position at the start of the node table). */
    static final NodeId LOWEST = NodeIdFactory.createPtr(0);

    /** Never the stored form of an id: an inline value of type 0, which TDB2 does not write. */
    static final long NONE = Long.MIN_VALUE;

    private NodeIds() {}

    /** The same id, type included. */
    static boolean same(NodeId a, NodeId b) {
        return a == b || (a != null && b != null && a.type() == b.type() && a.equals(b));
    }

    /** Scratch for {@link #bits}, per thread: encoding an inline id needs a buffer. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[NodeId.SIZE]);

    /** The id's stored 64-bit form, type included: equal for equal ids only. */
    static long bits(NodeId id) {
        if (id.isPtr()) {
            return id.getPtrLocation();
        }
        byte[] b = SCRATCH.get();
        NodeIdFactory.set(id, b);
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    /** The id whose stored form is {@code bits} ({@link #bits}'s inverse). */
    static NodeId fromBits(long bits) {
        if (bits >= 0) {
            return NodeIdFactory.createPtr(bits);
        }
        byte[] b = new byte[NodeId.SIZE];
        for (int i = NodeId.SIZE - 1; i >= 0; i--) {
            b[i] = (byte) bits;
            bits >>>= 8;
        }
        return NodeIdFactory.get(b);
    }

    /** The pointer just after {@code id} in index order (an exclusive upper bound of a range). */
    static NodeId nextPtr(NodeId ptr) {
        return NodeIdFactory.createPtr(ptr.getPtrLocation() + 1);
    }

    static NodeId ptr(long location) {
        return NodeIdFactory.createPtr(location);
    }

    /** The id of a value TDB2 keeps inside the id itself (numbers, dates, booleans), else null. */
    static NodeId inline(Node node) {
        return NodeIdInline.inline(node);
    }

    static boolean isInline(NodeId id) {
        return NodeId.isInline(id);
    }

    /** The value inside an inline id. */
    static Node extract(NodeId id) {
        return NodeIdInline.extract(id);
    }

    /**
     * The node as TDB2 gives it back: numbers, dates and booleans are stored as values, so
     * {@code "24.60"^^xsd:decimal} reads back as {@code "24.6"}; other nodes are unchanged.
     */
    static Node storedForm(Node node) {
        if (!node.isLiteral()) {
            return node;
        }
        NodeId id = NodeIdInline.inline(node);
        if (id == null) {
            return node;
        }
        Node back = NodeIdInline.extract(id);
        return back.equals(node) ? node : back;
    }

    /** Whether the id is an xsd:integer kept inline (not a derived type such as xsd:int). */
    static boolean isInlineInteger(NodeId id) {
        return id.type() == NodeIdType.XSD_INTEGER;
    }

    /** The value of an inline xsd:integer id ({@link #isInlineInteger}), read from its stored 56 bits. */
    static long inlineInteger(NodeId id) {
        return IntegerNode.unpack56(bits(id) & 0x00ff_ffff_ffff_ffffL);
    }

    static boolean doesNotExist(NodeId id) {
        return id == null || NodeId.isDoesNotExist(id);
    }
}
