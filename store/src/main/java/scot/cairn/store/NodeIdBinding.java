package scot.cairn.store;

import java.util.Arrays;
import java.util.Iterator;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBase;
import org.apache.jena.sparql.engine.binding.BindingFactory;

/**
 * A row of a star pattern's answer held as node ids and decoded only when a variable is read.
 *
 * <p>The observation variable is rarely projected, and decoding an observation's URI is a
 * node-table read (most of them are not in the node cache); dimension values are read many
 * times (filters, ORDER BY comparisons, output), so each pointer id is decoded once per query
 * through {@code decoder}, a memo shared by the query's rows.
 *
 * <p>A wide answer is held whole by its ORDER BY (634,816 rows for one sex of a data zone
 * dataset), so a row is kept small: the variables are one array shared by every row of the star,
 * and the values are the ids' stored forms ({@link NodeIds#bits}) in one {@code long[]}. Two
 * objects per row, where a map of node ids and a cache of decoded nodes made a dozen, which the
 * garbage collector copied again at every young collection while the sort was filling.
 */
final class NodeIdBinding extends BindingBase {
    private final Var[] vars;
    private final long[] ids;
    private final Decoder decoder;

    /** Node ids (stored forms) to nodes for one query: a memo in front of the node table, not thread-safe. */
    interface Decoder {
        Node decode(long bits);

        /**
         * Pointers decoded once per query from the node table; inline values (counts, dates) from
         * the id itself, the first {@link #INLINE_MEMO} distinct ones remembered too: a count
         * column repeats a few thousand values over a dataset, and making a literal validates its
         * lexical form anew each time.
         */
        static Decoder memoised(TdbQuads quads) {
            LongMemo<Node> pointers = new LongMemo<>();
            LongMemo<Node> inline = new LongMemo<>();
            return bits -> {
                if (bits >= 0) {
                    return pointers.get(bits, k -> quads.node(NodeIds.ptr(k)));
                }
                return inline.size() < INLINE_MEMO
                        ? inline.get(bits, k -> quads.node(NodeIds.fromBits(k)))
                        : quads.node(NodeIds.fromBits(bits));
            };
        }

        /** Distinct inline values remembered per query at most (beyond, each is decoded every time). */
        int INLINE_MEMO = 65_536;
    }

    /**
     * A row binding {@code vars[i]} to the id whose stored form is {@code ids[i]}; {@code vars} is
     * shared by the rows of one star and must not change, {@code ids} is this row's own.
     */
    NodeIdBinding(Binding parent, Var[] vars, long[] ids, Decoder decoder) {
        super(parent);
        this.vars = vars;
        this.ids = ids;
        this.decoder = decoder;
    }

    @Override
    protected Iterator<Var> vars1() {
        return Arrays.asList(vars).iterator();
    }

    @Override
    protected int size1() {
        return vars.length;
    }

    @Override
    protected boolean isEmpty1() {
        return vars.length == 0;
    }

    @Override
    protected boolean contains1(Var var) {
        return indexOf(var) >= 0;
    }

    @Override
    protected Node get1(Var var) {
        int i = indexOf(var);
        return i < 0 ? null : decoder.decode(ids[i]);
    }

    /** The variables this row binds itself: the array shared by the rows of its star. */
    Var[] sharedVars() {
        return vars;
    }

    Binding parentRow() {
        return parent;
    }

    Decoder decoder() {
        return decoder;
    }

    /** Copies this row's ids (stored forms, in {@link #sharedVars} order) into {@code target} at {@code at}. */
    void copyIds(long[] target, int at) {
        System.arraycopy(ids, 0, target, at, ids.length);
    }

    /** The stored form of {@code var}'s id when this row (not its parent) binds it, else {@link NodeIds#NONE}; decodes nothing. */
    long bits(Var var) {
        int i = indexOf(var);
        return i < 0 ? NodeIds.NONE : ids[i];
    }

    private int indexOf(Var var) {
        for (int i = 0; i < vars.length; i++) {
            // the query's own Var objects are not the pattern's: hashes (cached) first
            if (vars[i] == var || (vars[i].hashCode() == var.hashCode() && vars[i].equals(var))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected Binding detachWithNewParent(Binding newParent) {
        var b = BindingFactory.builder(newParent);
        for (int i = 0; i < vars.length; i++) {
            b.add(vars[i], decoder.decode(ids[i]));
        }
        return b.build();
    }
}
