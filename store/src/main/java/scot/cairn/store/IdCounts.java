package scot.cairn.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.jena.atlas.iterator.IteratorDelayedInitialization;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggCountVarDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.tdb2.solver.BindingTDB;
import org.apache.jena.tdb2.store.NodeId;

/**
 * Counts without decoding: {@code SELECT (COUNT(*) ...)}, {@code COUNT(?v)} and {@code COUNT(DISTINCT
 * ?v)} with no GROUP BY, over rows that hold node ids ({@link NodeIdBinding}, TDB2's own bindings).
 *
 * <p>ARQ's count of a variable evaluates it in every row, which decodes the term from the node
 * table: for a dataset's observations, one node-table read per observation, most of them missing
 * the node cache. The answer needs none of it: {@code COUNT(?v)} counts the rows where {@code ?v}
 * is bound (evaluating a bound variable never fails), {@code COUNT(DISTINCT ?v)} the distinct node
 * ids (TDB2 keeps one id per term: a stored term is in the node table once, an inline value has
 * one canonical id), and {@code COUNT(*)} the rows. A value bound outside the store (VALUES, an
 * outer binding) is counted by its term, as ARQ counts it. With a GROUP BY on plain variables
 * ({@code GROUP BY ?sex}) the rows are grouped by the terms of those variables (decoded once per
 * distinct id on the star's rows) and counted per group the same way. Any other aggregate, a
 * GROUP BY on an expression, or {@code COUNT(DISTINCT *)} is left to ARQ.
 */
final class IdCounts {
    /** One COUNT: its output variable, and the variable it counts (null for {@code *}). */
    private record Count(Var output, Var counted, boolean distinct) {}

    private static final LongAdder ANSWERED = new LongAdder();

    private final List<Var> keys;
    private final List<Count> counts;

    /** How many groups this class has counted in this JVM (tests check the path is taken). */
    static long answered() {
        return ANSWERED.sum();
    }

    private IdCounts(List<Var> keys, List<Count> counts) {
        this.keys = keys;
        this.counts = counts;
    }

    /** The counts of {@code group}, or null when it is not a group this class answers. */
    static IdCounts of(OpGroup group) {
        if (group.getAggregators().isEmpty() || !group.getGroupVars().getExprs().isEmpty()) {
            return null; // no aggregate, or a group key computed by an expression
        }
        List<Var> keys = List.copyOf(group.getGroupVars().getVars());
        List<Count> counts = new ArrayList<>();
        for (ExprAggregator ea : group.getAggregators()) {
            Aggregator agg = ea.getAggregator();
            if (agg instanceof AggCount) {
                counts.add(new Count(ea.getVar(), null, false));
            } else if (agg instanceof AggCountVar || agg instanceof AggCountVarDistinct) {
                Expr e = agg.getExprList().get(0);
                if (!e.isVariable()) {
                    return null;
                }
                counts.add(new Count(ea.getVar(), e.asVar(), agg instanceof AggCountVarDistinct));
            } else {
                return null;
            }
        }
        return new IdCounts(keys, counts);
    }

    /**
     * The rows of counts over {@code rows} (one per group; one in all without GROUP BY, even over
     * no rows), computed when first asked for (so that the query's time limit and cancellation
     * apply while counting), as ARQ's group would give them.
     */
    QueryIterator over(QueryIterator rows, TdbQuads quads, ExecutionContext execCxt) {
        Iterator<Binding> answers = new IteratorDelayedInitialization<>() {
            @Override
            protected Iterator<Binding> initializeIterator() {
                return count(rows, quads).iterator();
            }
        };
        return new QueryIterPlainWrapper(answers, execCxt) {
            @Override
            protected void requestCancel() {
                rows.cancel();
                super.requestCancel();
            }

            @Override
            protected void closeIterator() {
                rows.close();
                super.closeIterator();
            }
        };
    }

    private List<Binding> count(QueryIterator rows, TdbQuads quads) {
        Map<Binding, Tally> groups = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            groups.put(BindingFactory.binding(), new Tally());
        }
        while (rows.hasNext()) {
            Binding row = rows.next();
            groups.computeIfAbsent(key(row), k -> new Tally()).add(row);
        }
        ANSWERED.increment();
        List<Binding> out = new ArrayList<>(groups.size());
        for (Map.Entry<Binding, Tally> g : groups.entrySet()) {
            out.add(g.getValue().row(g.getKey(), quads));
        }
        return out;
    }

    /** The group of a row: its terms for the GROUP BY variables it binds. */
    private Binding key(Binding row) {
        if (keys.isEmpty()) {
            return BindingFactory.binding();
        }
        BindingBuilder key = BindingFactory.builder();
        for (Var k : keys) {
            Node value = row.get(k);
            if (value != null) {
                key.add(k, value);
            }
        }
        return key.build();
    }

    /** The counts of one group. */
    private final class Tally {
        private long all;
        private final long[] bound = new long[counts.size()];
        private final Distinct[] distinct = new Distinct[counts.size()];

        Tally() {
            for (int i = 0; i < distinct.length; i++) {
                distinct[i] = counts.get(i).distinct() ? new Distinct() : null;
            }
        }

        void add(Binding row) {
            all++;
            for (int i = 0; i < bound.length; i++) {
                Var v = counts.get(i).counted();
                if (v != null && row.contains(v)) {
                    bound[i]++;
                    if (distinct[i] != null) {
                        distinct[i].add(row, v);
                    }
                }
            }
        }

        Binding row(Binding key, TdbQuads quads) {
            BindingBuilder out = BindingFactory.builder(key);
            for (int i = 0; i < bound.length; i++) {
                Count c = counts.get(i);
                long n = c.counted() == null ? all : c.distinct() ? distinct[i].size(quads) : bound[i];
                out.add(c.output(), NodeValue.makeInteger(n).asNode());
            }
            return out.build();
        }
    }

    /** The stored form ({@link NodeIds#bits}) of {@code v}'s node id in {@code row} when the row holds it as one, else {@link NodeIds#NONE}. */
    static long bitsOf(Binding row, Var v) {
        if (row instanceof NodeIdBinding b) {
            return b.bits(v);
        }
        if (row instanceof BindingTDB b) {
            NodeId id = b.getNodeId(v);
            return id == null || !NodeId.isConcrete(id) ? NodeIds.NONE : NodeIds.bits(id);
        }
        return NodeIds.NONE;
    }

    /** Distinct values of one variable: node ids as long as every row has one, terms otherwise. */
    private static final class Distinct {
        private long[] ids = new long[1024];
        private int n;
        private Set<Node> terms;

        void add(Binding row, Var v) {
            long id = bitsOf(row, v);
            if (id == NodeIds.NONE) {
                if (terms == null) {
                    terms = new HashSet<>();
                }
                terms.add(row.get(v));
                return;
            }
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = id;
        }

        long size(TdbQuads quads) {
            Arrays.sort(ids, 0, n);
            if (terms == null) {
                long distinct = 0;
                for (int i = 0; i < n; i++) {
                    if (i == 0 || ids[i] != ids[i - 1]) {
                        distinct++;
                    }
                }
                return distinct;
            }
            // some values came from outside the store: compare everything as terms
            for (int i = 0; i < n; i++) {
                if (i == 0 || ids[i] != ids[i - 1]) {
                    terms.add(quads.node(NodeIds.fromBits(ids[i])));
                }
            }
            return terms.size();
        }
    }
}
