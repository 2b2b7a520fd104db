package scot.cairn.store;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.exec.QueryExecBuilder;

/**
 * The public query with ORDER BY sorted by ARQ's own sort instead of {@link RankedSort}: the
 * baseline the benchmarks measure the ranked sort against, in the same run. For the benchmarks,
 * which are outside this package.
 */
public final class StockOrder {

    /** {@code store.publicQuery(query)}, but ORDER BY as ARQ sorts. */
    public static QueryExecBuilder publicQuery(TripleStore store, Query query) {
        return store.publicQuery(query).set(StarPatternExecutor.STOCK_ORDER, true);
    }

    /**
     * Every public query on {@code store} from now on sorts as ARQ does ({@code true}) or with
     * {@link RankedSort} ({@code false}, the default): for runs through the endpoint's executor,
     * which builds its own query executions.
     */
    public static void everywhere(TripleStore store, boolean stock) {
        store.read(dsg -> {
            dsg.getContext().set(StarPatternExecutor.STOCK_ORDER, stock);
            return null;
        });
    }

    private StockOrder() {}
}
