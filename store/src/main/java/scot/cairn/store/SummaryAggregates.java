package scot.cairn.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpDistinct;
import org.apache.jena.sparql.algebra.op.OpExtend;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpProject;
import org.apache.jena.sparql.algebra.op.OpReduced;
import org.apache.jena.sparql.algebra.op.OpSlice;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.tdb2.store.NodeId;
import scot.cairn.vocab.QB;

/**
 * Answers a query's GROUP BY over one dataset's observations from the dataset's
 * {@link AggregateSummary}, when that gives exactly the stock engine's answer.
 *
 * <p>Recognised (at the top of the query, under projection, ordering, slicing, HAVING and SELECT
 * expressions only): a group whose input is one basic graph pattern, a star on one subject
 * variable naming a constant {@code qb:dataSet}, every other pattern a constant predicate with a
 * constant or a variable object (each variable once), with FILTER conjuncts and BIND expressions
 * each on one object variable; grouped by object variables and BIND variables; aggregates
 * {@code COUNT(*)}, {@code COUNT(?v)} of a pattern variable and {@code SUM(?v)} of a pattern
 * variable. Anything else is left to the engine.
 *
 * <p>When the query runs, the summary is used only if it is valid for the transaction's state
 * ({@link AggregateSummaries#forDataset}), no other graph names the dataset or describes its
 * observations (checked in the quad indexes, once per store state), every predicate used has one
 * value per observation, every filter and expression gives one answer for all the values a summary
 * row stands for (a level's areas), and every summed value is an xsd:integer or xsd:decimal. SUM is
 * then exact as ARQ's is: the one value itself for a group of one, otherwise the exact total as
 * xsd:integer, or xsd:decimal when any value was decimal. Otherwise the group runs on the engine.
 */
final class SummaryAggregates {

    private static final Node DATA_SET = QB.dataSet.asNode();

    private SummaryAggregates() {}

    /**
     * {@code op} with its top-level group replaced by one answered from a summary when it has the
     * recognised shape and a summary names its dataset; {@code optimize} prepares the group's
     * fallback as the engine would have run it.
     */
    static Op rewrite(Op op, AggregateSummaries summaries, UnaryOperator<Op> optimize) {
        if (op instanceof OpProject
                || op instanceof OpOrder
                || op instanceof OpSlice
                || op instanceof OpDistinct
                || op instanceof OpReduced
                || op instanceof OpExtend
                || op instanceof OpFilter) {
            Op1 one = (Op1) op;
            Op sub = rewrite(one.getSubOp(), summaries, optimize);
            return sub == one.getSubOp() ? op : one.copy(sub);
        }
        if (op instanceof OpGroup group) {
            Shape shape = Shape.of(group);
            if (shape != null && summaries.mayAnswer(shape.dataset())) {
                return new OpSummaryGroup(shape, group, optimize.apply(group), summaries);
            }
            AreaRollups.Shape byArea = shape == null ? AreaRollups.Shape.of(group) : null;
            if (byArea != null && summaries.mayAnswer(byArea.dataset())) {
                return new AreaRollups.OpAreaGroup(
                        byArea,
                        group,
                        optimize.apply(group),
                        optimize.apply(AreaRollups.areaPattern(byArea)),
                        summaries);
            }
        }
        return op;
    }

    /** An aggregate: its output variable, and the pattern variable it reads (null for COUNT(*)). */
    record Aggregate(Var out, boolean sum, Var arg) {}

    /** The recognised parts of a group over a star. */
    record Shape(
            Node dataset,
            Var subject,
            List<Triple> triples,
            List<Expr> filters,
            Map<Var, Expr> binds,
            List<Var> groupVars,
            List<Aggregate> aggregates,
            List<ExprAggregator> aggregators) {

        /** The shape of {@code group}, or null when it is not one answered from summaries. */
        static Shape of(OpGroup group) {
            List<Expr> filters = new ArrayList<>();
            Map<Var, Expr> binds = new LinkedHashMap<>();
            Op sub = group.getSubOp();
            while (!(sub instanceof OpBGP)) {
                if (sub instanceof OpFilter f) {
                    filters.addAll(f.getExprs().getList());
                    sub = f.getSubOp();
                } else if (sub instanceof OpExtend e) {
                    for (Var v : e.getVarExprList().getVars()) {
                        binds.put(v, e.getVarExprList().getExpr(v));
                    }
                    sub = e.getSubOp();
                } else {
                    return null;
                }
            }
            List<Triple> triples = ((OpBGP) sub).getPattern().getList();
            if (triples.isEmpty() || !triples.get(0).getSubject().isVariable()) {
                return null;
            }
            Var subject = Var.alloc(triples.get(0).getSubject());
            Node dataset = null;
            Set<Var> objectVars = new HashSet<>();
            for (Triple t : triples) {
                if (!subject.equals(t.getSubject()) || !t.getPredicate().isURI()) {
                    return null;
                }
                Node o = t.getObject();
                if (o.isVariable()) {
                    if (subject.equals(o) || !objectVars.add(Var.alloc(o))) {
                        return null;
                    }
                } else if (DATA_SET.equals(t.getPredicate())) {
                    if (dataset != null && !dataset.equals(o)) {
                        return null;
                    }
                    dataset = o;
                }
            }
            if (dataset == null) {
                return null;
            }
            for (Expr f : filters) {
                if (!onOneOf(f, objectVars)) {
                    return null;
                }
            }
            for (Map.Entry<Var, Expr> b : binds.entrySet()) {
                if (objectVars.contains(b.getKey())
                        || b.getKey().equals(subject)
                        || !onOneOf(b.getValue(), objectVars)) {
                    return null;
                }
            }
            List<Var> groupVars =
                    SummaryGroupOp.plainGroupVars(group, v -> objectVars.contains(v) || binds.containsKey(v));
            if (groupVars == null) {
                return null;
            }
            List<Aggregate> aggregates = new ArrayList<>();
            for (ExprAggregator ea : group.getAggregators()) {
                Aggregate a = aggregate(ea, subject, objectVars);
                if (a == null) {
                    return null;
                }
                aggregates.add(a);
            }
            return new Shape(dataset, subject, triples, filters, binds, groupVars, aggregates, group.getAggregators());
        }

        private static boolean onOneOf(Expr e, Set<Var> vars) {
            Set<Var> mentioned = e.getVarsMentioned();
            return mentioned.size() == 1 && vars.containsAll(mentioned) && ValueTests.deterministic(e);
        }

        private static Aggregate aggregate(ExprAggregator ea, Var subject, Set<Var> objectVars) {
            SummaryGroupOp.Total t = SummaryGroupOp.Total.of(ea);
            if (t == null) {
                return null;
            }
            Var v = t.arg();
            if (v == null) {
                return new Aggregate(t.out(), false, null);
            }
            if (t.sum() ? !objectVars.contains(v) : !(objectVars.contains(v) || subject.equals(v))) {
                return null;
            }
            return new Aggregate(t.out(), t.sum(), t.sum() ? v : null);
        }
    }

    /** The group, answered from a summary when it is valid for the transaction, else by the engine. */
    static final class OpSummaryGroup extends SummaryGroupOp {
        private final Shape shape;

        OpSummaryGroup(Shape shape, OpGroup group, Op fallback, AggregateSummaries summaries) {
            super("cairn-summary-group", shape.dataset(), group, fallback, summaries, ANSWERED);
            this.shape = shape;
        }

        @Override
        List<Binding> answer(AggregateSummaries.Entry entry, TdbQuads quads, ExecutionContext cxt) {
            return SummaryAggregates.answer(shape, entry.summary(), cxt);
        }

        @Override
        String describe() {
            return "summary of " + shape.dataset();
        }
    }

    private static final LongAdder ANSWERED = new LongAdder();

    /** How many groups were answered from summaries in this JVM (tests check the path is taken). */
    static long answered() {
        return ANSWERED.sum();
    }

    /** A variable's outcome for one code of its column: whether the filters pass, and each BIND's value (null: error). */
    private record Outcome(boolean passes, Map<Var, Node> binds) {}

    /** The group's rows from {@code summary}; null when the summary cannot give exactly the engine's. */
    static List<Binding> answer(Shape shape, AggregateSummary summary, FunctionEnv env) {
        List<AggregateSummary.Column> columns = summary.columns();
        int n = shape.triples().size();
        int[] col = new int[n];
        // per triple: for each code, the outcome (null: the code is not matched)
        List<Map<Integer, Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Triple t = shape.triples().get(i);
            col[i] = summary.column(t.getPredicate());
            if (col[i] < 0) {
                return empty(shape); // no observation has the predicate: no row matches
            }
            AggregateSummary.Column c = columns.get(col[i]);
            if (!c.singleValued()) {
                return null;
            }
            Map<Integer, Outcome> byCode = outcomes(shape, t, c, env);
            if (byCode == null) {
                return null;
            }
            outcomes.add(byCode);
        }
        Map<List<Node>, long[]> counts = new LinkedHashMap<>();
        Map<List<Node>, Map<Var, SumState>> sums = new HashMap<>();
        for (AggregateSummary.Row row : summary.rows()) {
            Map<Var, Node> values = new HashMap<>();
            boolean matches = true;
            for (int i = 0; i < n && matches; i++) {
                int code = row.code(col[i]);
                Outcome o =
                        code == AggregateSummary.ABSENT ? null : outcomes.get(i).get(code);
                if (o == null || !o.passes()) {
                    matches = false;
                } else {
                    values.putAll(o.binds());
                    Node obj = shape.triples().get(i).getObject();
                    if (obj.isVariable() && columns.get(col[i]).kind() == AggregateSummary.Kind.EXACT) {
                        values.put(
                                Var.alloc(obj),
                                columns.get(col[i]).members().get(code).get(0));
                    }
                }
            }
            if (!matches) {
                continue;
            }
            List<Node> key = new ArrayList<>();
            for (Var v : shape.groupVars()) {
                key.add(values.get(v));
            }
            counts.computeIfAbsent(key, k -> new long[1])[0] += row.count();
            for (Aggregate a : shape.aggregates()) {
                if (a.sum()) {
                    int c = triple(shape, a.arg(), col);
                    AggregateSummary.Sum s = row.sums()[c];
                    if (s == null) {
                        return null; // not summable
                    }
                    sums.computeIfAbsent(key, k -> new HashMap<>())
                            .computeIfAbsent(a.arg(), k -> new SumState())
                            .add(s, row.count());
                }
            }
        }
        if (counts.isEmpty()) {
            return empty(shape);
        }
        List<Binding> out = new ArrayList<>();
        for (Map.Entry<List<Node>, long[]> g : counts.entrySet()) {
            BindingBuilder b = BindingFactory.builder();
            for (int i = 0; i < shape.groupVars().size(); i++) {
                if (g.getKey().get(i) != null) {
                    b.add(shape.groupVars().get(i), g.getKey().get(i));
                }
            }
            for (Aggregate a : shape.aggregates()) {
                Node value = a.sum()
                        ? sums.get(g.getKey()).get(a.arg()).value()
                        : NodeValue.makeInteger(g.getValue()[0]).asNode();
                b.add(a.out(), value);
            }
            out.add(b.build());
        }
        return out;
    }

    /** The column index of the triple whose object is {@code v}. */
    private static int triple(Shape shape, Var v, int[] col) {
        for (int i = 0; i < shape.triples().size(); i++) {
            if (v.equals(shape.triples().get(i).getObject())) {
                return col[i];
            }
        }
        throw new IllegalStateException("no pattern binds " + v);
    }

    /** Zero matching rows: no group, or with no GROUP BY one row of each aggregate's empty value. */
    private static List<Binding> empty(Shape shape) {
        if (!shape.groupVars().isEmpty()) {
            return List.of();
        }
        BindingBuilder b = BindingFactory.builder();
        for (ExprAggregator ea : shape.aggregators()) {
            Node v = ea.getAggregator().getValueEmpty();
            if (v != null) {
                b.add(ea.getVar(), v);
            }
        }
        return List.of(b.build());
    }

    /**
     * For each code of the triple's column, whether it matches (constant object, filters) and the
     * values of the BINDs on its variable; null when some outcome differs between the values one
     * code stands for, or the column is not keyed finely enough for the use made of the variable.
     */
    private static Map<Integer, Outcome> outcomes(Shape shape, Triple t, AggregateSummary.Column c, FunctionEnv env) {
        Node o = t.getObject();
        Map<Integer, Outcome> out = new HashMap<>();
        if (!o.isVariable()) {
            if (c.kind() != AggregateSummary.Kind.EXACT) {
                return null;
            }
            Node stored = TripleStore.storedForm(o);
            for (int code = 0; code < c.members().size(); code++) {
                if (c.members().get(code).get(0).equals(stored)) {
                    out.put(code, new Outcome(true, Map.of()));
                }
            }
            return out;
        }
        Var v = Var.alloc(o);
        List<Expr> filters = new ArrayList<>();
        for (Expr f : shape.filters()) {
            if (f.getVarsMentioned().contains(v)) {
                filters.add(f);
            }
        }
        Map<Var, Expr> binds = new LinkedHashMap<>();
        shape.binds().forEach((bv, e) -> {
            if (e.getVarsMentioned().contains(v)) {
                binds.put(bv, e);
            }
        });
        boolean used =
                !filters.isEmpty() || !binds.isEmpty() || shape.groupVars().contains(v);
        if (c.kind() == AggregateSummary.Kind.PRESENT) {
            if (used) {
                return null;
            }
            out.put(0, new Outcome(true, Map.of()));
            return out;
        }
        if (c.kind() == AggregateSummary.Kind.CLASS && shape.groupVars().contains(v)) {
            return null;
        }
        for (int code = 0; code < c.members().size(); code++) {
            Outcome first = null;
            for (Node value : c.members().get(code)) {
                Outcome here = outcome(v, value, filters, binds, env);
                if (first == null) {
                    first = here;
                } else if (!first.equals(here)) {
                    return null;
                }
            }
            if (first != null) {
                out.put(code, first);
            }
        }
        return out;
    }

    private static Outcome outcome(Var v, Node value, List<Expr> filters, Map<Var, Expr> binds, FunctionEnv env) {
        Binding b = BindingFactory.binding(v, value);
        boolean passes = true;
        for (Expr f : filters) {
            passes &= f.isSatisfied(b, env);
        }
        Map<Var, Node> values = new HashMap<>();
        binds.forEach((bv, e) -> {
            try {
                values.put(bv, e.eval(b, env).asNode());
            } catch (ExprEvalException error) {
                // left unbound, as BIND does
            }
        });
        return new Outcome(passes, values);
    }

    /** A SUM over several summary rows, as ARQ's accumulator would end it. */
    private static final class SumState {
        private BigDecimal total = BigDecimal.ZERO;
        private boolean decimal;
        private long count;
        private Node single;

        void add(AggregateSummary.Sum s, long rows) {
            total = total.add(s.total());
            decimal |= s.decimal();
            count += rows;
            single = count == 1 ? s.single() : null;
        }

        Node value() {
            if (count == 1 && single != null) {
                return single; // ARQ keeps a group's first value as it is
            }
            return decimal
                    ? NodeValue.makeDecimal(total).asNode()
                    : NodeValue.makeInteger(total.toBigIntegerExact()).asNode();
        }
    }

    /** Subjects of other graphs among a summary's observations' ids checked one by one at most; more: not alone. */
    static final int MAX_CHECKED = 20_000;

    /**
     * Whether no graph but the summary's names the dataset or describes its observations (in the
     * calling transaction): no other graph has {@code ?s qb:dataSet <dataset>}, and no subject of
     * another graph within the span of the observations' node ids is one of them (the metadata
     * written with a dataset, code lists, has ids among its observations').
     */
    static boolean alone(
            TdbQuads quads, String graph, AggregateSummary summary, Node dataset, Iterable<String> graphs) {
        NodeId dataSetP = quads.idOf(DATA_SET);
        NodeId d = quads.idOf(dataset);
        NodeId own = quads.idOf(org.apache.jena.graph.NodeFactory.createURI(graph));
        var gspo = quads.index("GSPO");
        if (dataSetP == null || d == null || own == null || gspo == null || summary.firstSubject() < 0) {
            return false;
        }
        int checked = 0;
        for (String other : graphs) {
            if (other.equals(graph)) {
                continue;
            }
            NodeId g = quads.idOf(org.apache.jena.graph.NodeFactory.createURI(other));
            if (g == null) {
                continue;
            }
            if (any(quads.find(g, NodeId.NodeIdAny, dataSetP, d))) {
                return false;
            }
            Iterator<Tuple<NodeId>> it = TdbQuads.range(
                    gspo,
                    TdbQuads.quad(g, NodeIds.ptr(summary.firstSubject()), NodeIds.LOWEST, NodeIds.LOWEST),
                    TdbQuads.quad(g, NodeIds.ptr(summary.lastSubject() + 1), NodeIds.LOWEST, NodeIds.LOWEST));
            try {
                NodeId previous = null;
                while (it.hasNext()) {
                    NodeId s = it.next().get(1);
                    if (NodeIds.same(s, previous)) {
                        continue;
                    }
                    previous = s;
                    if (++checked > MAX_CHECKED || any(quads.find(own, s, dataSetP, d))) {
                        return false;
                    }
                }
            } finally {
                Iter.close(it);
            }
        }
        return true;
    }

    private static boolean any(Iterator<Tuple<NodeId>> it) {
        try {
            return it.hasNext();
        } finally {
            Iter.close(it);
        }
    }
}
