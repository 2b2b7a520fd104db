package scot.cairn.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.engine.iterator.QueryIter1;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.sparql.util.NodeCmp;
import org.apache.jena.sparql.util.Symbol;

/**
 * ORDER BY on plain variables with the order ARQ's {@code QueryIterSort} gives, at a fraction of
 * its cost on large answers.
 *
 * <p>ARQ compares two rows by evaluating each sort condition on both ({@link
 * BindingComparator}), and, when they tie, by comparing every variable of the rows in name order
 * ({@link BindingComparator#compareBindingsSyntactic}), which collects and sorts the variables
 * anew for each comparison. Sorting 634,816 observations of one sex by period and area costs some
 * twelve million such comparisons. Here each variable's distinct values are ranked once, with
 * ARQ's own comparison functions, and rows compare by their ranks; the same TimSort runs on the
 * rows in the same input order, and each comparison gives the sign ARQ's would, so the order is
 * the same row for row.
 *
 * <p>Ranks are used only where they are certainly equivalent: a variable whose distinct values
 * are all IRIs (where both comparisons are total orders on the IRI's text). A variable with other
 * values, or with too many distinct values to be worth ranking (the observation IRIs, read only
 * to break the last ties), is compared value by value with ARQ's functions, and only when the
 * earlier keys tie. A sort condition that is not a plain variable, or rows that do not all bind
 * the same variables, are sorted with ARQ's own comparator.
 *
 * <p>The rows of one star are held as ids ({@link IdRows}) rather than as bindings, and sorted
 * there on the same ranks, packed into one number per row.
 */
final class RankedSort extends QueryIter1 {

    /**
     * Set on a query's context (an Integer) by tests only: at most this many bits of packed keys in
     * {@link IdRows#order}, so that small inputs take the paths large ones take (ties left after
     * the packed keys).
     */
    static final Symbol KEY_BITS = Symbol.create("urn:cairn:sort-key-bits");

    /** Kinds of sort key: a condition's direction, or ARQ's tie-break on the rest of the row. */
    static final int ASCENDING = 0;

    static final int DESCENDING = 1;
    static final int SYNTACTIC = 2;

    /** Above this many distinct values a tie-break variable is compared value by value, not ranked. */
    static final int MAX_RANKED = 20_000;

    /**
     * Set on a query's context (a Long) by {@link TripleStore#publicQuery(Query, long)}: the sort
     * refuses, with {@link TripleStore.TooManyRows}, an input of more rows than this.
     */
    static final Symbol MAX_ROWS = Symbol.create("urn:cairn:max-sorted-rows");

    private final List<SortCondition> conditions;
    private final long maxRows;
    private Iterator<Binding> sorted;
    private volatile boolean cancelled;

    RankedSort(QueryIterator input, List<SortCondition> conditions, ExecutionContext execCxt) {
        super(input, execCxt);
        this.conditions = List.copyOf(conditions);
        Object max = execCxt.getContext().get(MAX_ROWS);
        this.maxRows = max instanceof Long l ? l : Long.MAX_VALUE;
    }

    /**
     * Whether the answer of {@code query} has exactly one row per row its ORDER BY sorts: a SELECT
     * with ORDER BY and nothing above the sort that removes or adds rows (LIMIT, OFFSET, DISTINCT,
     * REDUCED, a trailing VALUES), and no subquery or EXISTS (whose ORDER BY would be another sort).
     */
    static boolean answersAreSortedRows(Query query) {
        if (!query.isSelectType()
                || !query.hasOrderBy()
                || query.hasLimit()
                || query.hasOffset()
                || query.isDistinct()
                || query.isReduced()
                || query.hasValues()
                || query.getQueryPattern() == null
                // EXISTS may hold a subquery with a sort of its own (a false alarm costs nothing)
                || query.toString().toUpperCase(java.util.Locale.ROOT).contains("EXISTS")) {
            return false;
        }
        boolean[] subquery = {false};
        ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
            @Override
            public void visit(ElementSubQuery el) {
                subquery[0] = true;
            }
        });
        return !subquery[0];
    }

    @Override
    protected boolean hasNextBinding() {
        if (sorted == null) {
            sorted = sortInput();
        }
        return sorted.hasNext();
    }

    /**
     * The input, sorted. A star's rows are held as ids ({@link IdRows}) while they are all rows of
     * one star; any other row turns them back into bindings, sorted here.
     */
    private Iterator<Binding> sortInput() {
        QueryIterator input = getInput();
        IdRows compact = null;
        List<Binding> rows = null;
        long n = 0;
        while (input.hasNext()) {
            Binding b = input.next();
            if (++n > maxRows) {
                throw new TripleStore.TooManyRows(maxRows);
            }
            if (rows == null) {
                if (compact == null && b instanceof NodeIdBinding first) {
                    compact = new IdRows(first);
                    continue;
                }
                if (compact != null && compact.add(b)) {
                    continue;
                }
                rows = compact == null ? new ArrayList<>() : compact.bindings();
            }
            rows.add(b);
        }
        if (rows == null && compact != null) {
            Object bits = getExecContext().getContext().get(KEY_BITS);
            int[] order = compact.order(conditions, () -> cancelled, bits instanceof Integer i ? i : IdRows.ALL_BITS);
            if (order != null) {
                IdRows held = compact;
                return java.util.Arrays.stream(order).mapToObj(held::row).iterator();
            }
            rows = compact.bindings();
        }
        return sort(rows == null ? new ArrayList<>() : rows, conditions, getExecContext(), () -> cancelled)
                .iterator();
    }

    @Override
    protected Binding moveToNextBinding() {
        return sorted.next();
    }

    @Override
    protected void requestSubCancel() {
        cancelled = true;
    }

    @Override
    protected void closeSubIterator() {
        sorted = null;
    }

    /** Whether the sort has been cancelled (the query's time is up). */
    interface Cancel {
        boolean requested();
    }

    /** {@code rows} sorted as ARQ's ORDER BY sorts them (a new list; {@code rows} may be reordered). */
    static List<Binding> sort(List<Binding> rows, List<SortCondition> conditions, ExecutionContext cxt, Cancel cancel) {
        Keys keys = Keys.of(rows, conditions, cancel);
        Comparator<Binding> arq = new BindingComparator(conditions, cxt);
        if (keys == null) {
            rows.sort(abortable(arq, cancel));
            return rows;
        }
        List<Row> ranked = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ranked.add(new Row(rows.get(i), i));
        }
        ranked.sort(abortable(keys::compare, cancel));
        List<Binding> out = new ArrayList<>(ranked.size());
        for (Row r : ranked) {
            out.add(r.binding());
        }
        return out;
    }

    /** {@code comparator}, checking every 65,536 comparisons whether the sort has been cancelled. */
    static <T> Comparator<T> abortable(Comparator<T> comparator, Cancel cancel) {
        int[] calls = {0};
        return (a, b) -> {
            if ((++calls[0] & 0xFFFF) == 0 && cancel.requested()) {
                throw new QueryCancelledException();
            }
            return comparator.compare(a, b);
        };
    }

    /** A sort condition on a plain variable: the variable, and {@link #ASCENDING} or {@link #DESCENDING}. */
    record Condition(Var var, int kind) {}

    /** The conditions as plain variables and directions; null when one is an expression or has another direction. */
    static List<Condition> plainConditions(List<SortCondition> conditions) {
        List<Condition> out = new ArrayList<>();
        for (SortCondition c : conditions) {
            int d = c.getDirection();
            if (!(c.getExpression() instanceof ExprVar ev)
                    || (d != Query.ORDER_ASCENDING && d != Query.ORDER_DEFAULT && d != Query.ORDER_DESCENDING)) {
                return null;
            }
            out.add(new Condition(ev.asVar(), d == Query.ORDER_DESCENDING ? DESCENDING : ASCENDING));
        }
        return out;
    }

    /** ARQ's comparison of two values for a key of this kind. */
    static Comparator<Node> order(int kind) {
        if (kind == SYNTACTIC) {
            return NodeCmp::compareRDFTerms;
        }
        Comparator<Node> ascending =
                (x, y) -> BindingComparator.compareNodesRaw(NodeValue.makeNode(x), NodeValue.makeNode(y));
        return kind == DESCENDING ? (x, y) -> -ascending.compare(x, y) : ascending;
    }

    /**
     * The rank of each of {@code n} values (equal values share one) in ARQ's order for a key of
     * this kind; null when ranks would not be exact (a value that is not an IRI) or, for a
     * tie-break key, not worth it (over {@link #MAX_RANKED} distinct values).
     */
    static int[] ranks(int n, IntFunction<Node> valueOf, int kind, Cancel cancel) {
        Map<Node, Integer> seen = new HashMap<>();
        Node[] values = new Node[n];
        for (int i = 0; i < n; i++) {
            Node v = valueOf.apply(i);
            if (v == null || !v.isURI()) {
                return null;
            }
            values[i] = v;
            if (seen.putIfAbsent(v, 0) == null && kind == SYNTACTIC && seen.size() > MAX_RANKED) {
                return null;
            }
            if ((i & 0xFFFF) == 0 && cancel.requested()) {
                throw new QueryCancelledException();
            }
        }
        // IRIs: ARQ's value order and its syntactic order are both total orders on the IRI text
        Comparator<Node> order = order(kind);
        List<Node> distinct = new ArrayList<>(seen.keySet());
        distinct.sort(order);
        int r = 0;
        for (int i = 0; i < distinct.size(); i++) {
            if (i > 0 && order.compare(distinct.get(i - 1), distinct.get(i)) != 0) {
                r++;
            }
            seen.put(distinct.get(i), r);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = seen.get(values[i]);
        }
        return out;
    }

    /** A row and its place in the input. */
    private record Row(Binding binding, int index) {}

    /**
     * The sort keys: each condition's variable, then every variable of the rows in name order (as
     * {@link BindingComparator#compareBindingsSyntactic} takes them, each once: the rows bind the
     * same ones), each ranked when that is exact.
     */
    private static final class Keys {
        /** Ranks of a key not computed yet, and of a key compared value by value. */
        private static final int[] NOT_YET = new int[0];

        private static final int[] BY_VALUE = new int[0];

        private final Var[] vars;
        private final int[] kinds;
        private final List<Binding> rows;
        private final Cancel cancel;
        /** Per key, each row's rank: computed when a comparison first reaches the key. */
        private final int[][] ranks;

        private Keys(Var[] vars, int[] kinds, List<Binding> rows, Cancel cancel) {
            this.vars = vars;
            this.kinds = kinds;
            this.rows = rows;
            this.cancel = cancel;
            this.ranks = new int[vars.length][];
            java.util.Arrays.fill(ranks, NOT_YET);
        }

        static Keys of(List<Binding> rows, List<SortCondition> conditions, Cancel cancel) {
            if (rows.isEmpty()) {
                return null;
            }
            List<Var> vars = new ArrayList<>();
            List<Integer> kinds = new ArrayList<>();
            List<Condition> plain = plainConditions(conditions);
            if (plain == null) {
                return null;
            }
            for (Condition c : plain) {
                vars.add(c.var());
                kinds.add(c.kind());
            }
            List<Var> all = boundVars(rows);
            if (all == null || !all.containsAll(vars)) {
                return null; // an unbound sort variable: ARQ's comparator
            }
            for (Var v : all) {
                vars.add(v);
                kinds.add(SYNTACTIC);
            }
            return new Keys(
                    vars.toArray(new Var[0]),
                    kinds.stream().mapToInt(Integer::intValue).toArray(),
                    rows,
                    cancel);
        }

        int compare(Row a, Row b) {
            for (int k = 0; k < vars.length; k++) {
                if (ranks[k] == NOT_YET) {
                    ranks[k] = rank(vars[k], kinds[k]);
                }
                int x = ranks[k] == BY_VALUE
                        ? order(kinds[k])
                                .compare(a.binding().get(vars[k]), b.binding().get(vars[k]))
                        : Integer.compare(ranks[k][a.index()], ranks[k][b.index()]);
                if (x != 0) {
                    return x;
                }
            }
            return 0;
        }

        /** The rank of each row's value of {@code v}, or {@link #BY_VALUE} ({@link #ranks}). */
        private int[] rank(Var v, int kind) {
            int[] r = ranks(rows.size(), i -> rows.get(i).get(v), kind, cancel);
            return r == null ? BY_VALUE : r;
        }

        /** The variables every row binds, in name order, when all rows bind the same ones; else null. */
        private static List<Var> boundVars(List<Binding> rows) {
            List<Var> first = new ArrayList<>();
            rows.get(0).vars().forEachRemaining(first::add);
            int size = first.size();
            for (Binding b : rows) {
                if (b.size() != size) {
                    return null;
                }
                for (Var v : first) {
                    if (!b.contains(v)) {
                        return null;
                    }
                }
            }
            first.sort(Comparator.comparing(Var::getName));
            return first;
        }
    }
}
