package scot.cairn.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBase;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.tdb2.store.NodeId;

/**
 * A row of a star pattern's answer held as node ids and decoded only when a variable is read.
 *
 * <p>The observation variable is rarely projected, and decoding an observation's URI is a
 * node-table read (most of them are not in the node cache); dimension values are read many
 * times (filters, ORDER BY comparisons, output), so each id is decoded once per query through
 * {@code decoder}, a memo shared by the query's rows, and kept in the row.
 */
final class NodeIdBinding extends BindingBase {
    private final Var[] vars;
    private final NodeId[] ids;
    private final Node[] nodes;
    private final Decoder decoder;

    /** Node ids to nodes for one query: a memo in front of the node table, not thread-safe. */
    interface Decoder {
        Node decode(NodeId id);
    }

    NodeIdBinding(Binding parent, Map<Var, NodeId> row, Decoder decoder) {
        super(parent);
        this.vars = row.keySet().toArray(new Var[0]);
        this.ids = new NodeId[vars.length];
        for (int i = 0; i < vars.length; i++) {
            ids[i] = row.get(vars[i]);
        }
        this.nodes = new Node[vars.length];
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
        if (i < 0) {
            return null;
        }
        Node n = nodes[i];
        if (n == null) {
            n = decoder.decode(ids[i]);
            nodes[i] = n;
        }
        return n;
    }

    /** The node id of {@code var} when this row (not its parent) binds it, else null; decodes nothing. */
    NodeId id(Var var) {
        int i = indexOf(var);
        return i < 0 ? null : ids[i];
    }

    private int indexOf(Var var) {
        for (int i = 0; i < vars.length; i++) {
            if (vars[i].equals(var)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected Binding detachWithNewParent(Binding newParent) {
        var b = BindingFactory.builder(newParent);
        for (int i = 0; i < vars.length; i++) {
            b.add(vars[i], get1(vars[i]));
        }
        return b.build();
    }
}
