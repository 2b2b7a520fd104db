package scot.cairn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpLib;
import org.apache.jena.sparql.algebra.OpVisitor;
import org.apache.jena.sparql.algebra.Transform;
import org.apache.jena.sparql.algebra.op.OpExt;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.expr.aggregate.AggCountVar;
import org.apache.jena.sparql.expr.aggregate.AggSum;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.apache.jena.sparql.util.NodeIsomorphismMap;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.solver.QC2;

/**
 * A GROUP BY over one dataset that its summary may answer ({@link SummaryAggregates} from the
 * per-dataset summary, {@link AreaRollups} rolled up by parent area): the rows come from
 * {@link #answer} when the summary is valid for the query's transaction and nothing else in the
 * store describes the dataset's observations; otherwise the group's fallback runs in the engine,
 * as TDB2 would have run it. Opaque to later rewrites: its group and fallback are already optimized.
 */
abstract class SummaryGroupOp extends OpExt {
    final OpGroup group;
    private final Node dataset;
    private final Op fallback;
    private final AggregateSummaries summaries;
    private final LongAdder answered;

    /** {@code answered} counts the groups this kind of op answered from a summary (tests check the path is taken). */
    SummaryGroupOp(
            String name, Node dataset, OpGroup group, Op fallback, AggregateSummaries summaries, LongAdder answered) {
        super(name);
        this.dataset = dataset;
        this.group = group;
        this.fallback = fallback;
        this.summaries = summaries;
        this.answered = answered;
    }

    /**
     * An aggregate a summary can total: COUNT(*) ({@code arg} null), or COUNT or SUM of one plain
     * variable, without DISTINCT.
     */
    record Total(Var out, boolean sum, Var arg) {
        /** {@code ea} as a total; null for any other aggregate. */
        static Total of(ExprAggregator ea) {
            Aggregator agg = ea.getAggregator();
            if (agg.getClass() == AggCount.class) {
                return new Total(ea.getVar(), false, null);
            }
            boolean sum = agg.getClass() == AggSum.class;
            if ((!sum && agg.getClass() != AggCountVar.class)
                    || agg.getExprList().size() != 1
                    || !(agg.getExprList().get(0) instanceof ExprVar ev)) {
                return null;
            }
            return new Total(ea.getVar(), sum, ev.asVar());
        }
    }

    /** The group's keys when each is a plain variable that {@code allowed} accepts; else null. */
    static List<Var> plainGroupVars(OpGroup group, Predicate<Var> allowed) {
        List<Var> vars = new ArrayList<>();
        for (Var v : group.getGroupVars().getVars()) {
            if (group.getGroupVars().getExpr(v) != null || !allowed.test(v)) {
                return null;
            }
            vars.add(v);
        }
        return vars;
    }

    /** The group's rows from the dataset's summary {@code entry}; null when only the engine can give exactly its answer. */
    abstract List<Binding> answer(AggregateSummaries.Entry entry, TdbQuads quads, ExecutionContext cxt);

    /** What the plan shows for this op, before the group itself. */
    abstract String describe();

    @Override
    public final Op effectiveOp() {
        return group;
    }

    @Override
    public final Op apply(Transform transform) {
        return this;
    }

    @Override
    public final Op apply(Transform transform, OpVisitor before, OpVisitor after) {
        return this;
    }

    @Override
    public final QueryIterator eval(QueryIterator input, ExecutionContext execCxt) {
        return new QueryIterRepeatApply(input, execCxt) {
            @Override
            protected QueryIterator nextStage(Binding binding) {
                List<Binding> rows = binding.isEmpty() ? fromSummary(execCxt) : null;
                if (rows == null) {
                    return QC.execute(
                            engineForm(fallback, execCxt), QueryIterSingleton.create(binding, execCxt), execCxt);
                }
                answered.increment();
                return QueryIterPlainWrapper.create(rows.iterator(), execCxt);
            }
        };
    }

    private List<Binding> fromSummary(ExecutionContext cxt) {
        TdbQuads quads = TdbQuads.of(cxt.getDataset());
        if (quads == null
                || !cxt.getContext().isTrue(TDB2.symUnionDefaultGraph)
                || QC2.getFilter(cxt.getContext()) != null) {
            return null;
        }
        long generation = StoreState.generation(cxt.getDataset());
        AggregateSummaries.Entry entry = summaries.forDataset(dataset, generation);
        if (entry == null || !summaries.alone(quads, entry, dataset)) {
            return null;
        }
        return answer(entry, quads, cxt);
    }

    final AggregateSummaries summaries() {
        return summaries;
    }

    /**
     * An op as TDB2's query engine would hand it to the executor: in quad form, with the union
     * default graph named, on a TDB2 dataset (not on a query's own FROM dataset).
     */
    static Op engineForm(Op op, ExecutionContext cxt) {
        if (!(cxt.getDataset() instanceof org.apache.jena.tdb2.store.DatasetGraphTDB)) {
            return op;
        }
        Op quads = Algebra.toQuadForm(op);
        return cxt.getContext().isTrue(TDB2.symUnionDefaultGraph) ? OpLib.unionDefaultGraphQuads(quads) : quads;
    }

    @Override
    public final void outputArgs(IndentedWriter out, SerializationContext sCxt) {
        out.print(describe());
        out.println();
        group.output(out, sCxt);
    }

    @Override
    public final int hashCode() {
        return group.hashCode() ^ getName().hashCode();
    }

    @Override
    public final boolean equalTo(Op other, NodeIsomorphismMap labelMap) {
        return other instanceof SummaryGroupOp o && o.getClass() == getClass() && group.equalTo(o.group, labelMap);
    }
}
