package scot.cairn.store;

import java.util.function.LongSupplier;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.sparql.util.Context;
import scot.cairn.vocab.QB;

/**
 * Makes the query shapes of data cube clients fast without changing what they mean: a
 * selectivity-aware pattern order for the TDB2 engine ({@link SelectivityReorder}), a rewrite of
 * string filters on dimension values into exact VALUES tables ({@link FilterToValues}), and an
 * executor that answers a slice's observation pattern with one lookup per observation
 * ({@link StarPatternExecutor}).
 *
 * <p>The order applies to every query on the store; the rewrite and the executor apply to queries
 * executed with {@link #context()} (or {@link #rewriteFactory()} and {@link #executorFactory()}),
 * which the public endpoint uses. Statistics are cached per store version.
 */
final class CubeQueryOptimizer {

    private final SelectivityReorder reorder = new SelectivityReorder();
    private final DatasetMembers members = new DatasetMembers();
    private volatile ObjectCatalogue catalogue;
    private volatile boolean tdb2;
    private volatile AggregateSummaries summaries = AggregateSummaries.none();

    /** The pattern order to give TDB2 when the database is connected. */
    ReorderTransformation reorderTransformation() {
        return reorder;
    }

    /** Binds the optimizer to the connected dataset and the store's version. */
    void attach(DatasetGraph dsg, LongSupplier version, AggregateSummaries summaries) {
        this.summaries = summaries;
        ObjectCatalogue c = new ObjectCatalogue(dsg, version);
        this.tdb2 = TdbQuads.of(dsg) != null;
        this.catalogue = c;
        reorder.attach(c);
    }

    /** Applies the filter rewrite to an algebra expression (for tests and explanations). */
    Op rewrite(Op op) {
        ObjectCatalogue c = catalogue;
        return c == null ? op : Transformer.transform(new FilterToValues(c), op);
    }

    /**
     * A query context whose optimizer first rewrites dimension filters, then runs ARQ's standard
     * optimizations. Queries must execute inside a read transaction on the attached dataset.
     */
    Context context(Context base) {
        Context cxt = base == null ? new Context() : base.copy();
        cxt.set(ARQConstants.sysOptimizerFactory, rewriteFactory());
        OpExecutorFactory executor = executorFactory();
        if (executor != null) {
            cxt.set(ARQConstants.sysOpExecutorFactory, executor);
        }
        return cxt;
    }

    /**
     * The executor to set as {@link ARQConstants#sysOpExecutorFactory} on a query execution: TDB2's
     * own, except that slice patterns are answered by {@link StarPatternExecutor}. Null before the
     * optimizer is attached to a dataset, and for a dataset that is not TDB2 (ARQ's own then).
     */
    OpExecutorFactory executorFactory() {
        ObjectCatalogue c = catalogue;
        return c == null || !tdb2 ? null : StarPatternExecutor.factory(c, members);
    }

    /**
     * The optimizer to set as {@link ARQConstants#sysOptimizerFactory} on a query execution: the
     * dimension-filter rewrite, then ARQ's standard optimizations.
     */
    RewriteFactory rewriteFactory() {
        RewriteFactory standard = Optimize.stdOptimizationFactory;
        return context -> op -> {
            // a GROUP BY answered from a per-dataset summary keeps, for when the summary cannot
            // be used, its input optimized as below
            Op summarised = SummaryAggregates.rewrite(op, summaries, sub -> optimize(standard, context, sub));
            return optimize(standard, context, summarised);
        };
    }

    private Op optimize(RewriteFactory standard, Context context, Op op) {
        {
            Op rewritten = rewrite(op);
            Context cxt = context;
            if (filteredStar(rewritten)) {
                // ARQ's filter placement would split the star after the patterns that bind the
                // filter's variables (dataset and area first, the rest joined per row); kept whole,
                // the star executor tests the filter per distinct value as it matches.
                cxt = context.copy();
                cxt.set(ARQ.optFilterPlacementBGP, false);
            }
            return standard.create(cxt).rewrite(rewritten);
        }
    }

    /** Whether a FILTER applies directly to a basic graph pattern that names a constant dataset. */
    static boolean filteredStar(Op op) {
        boolean[] found = {false};
        OpWalker.walk(op, new OpVisitorBase() {
            @Override
            public void visit(OpFilter opFilter) {
                if (opFilter.getSubOp() instanceof OpBGP bgp) {
                    for (Triple t : bgp.getPattern()) {
                        found[0] |= QB.dataSet.asNode().equals(t.getPredicate())
                                && t.getObject().isConcrete();
                    }
                }
            }
        });
        return found[0];
    }
}
