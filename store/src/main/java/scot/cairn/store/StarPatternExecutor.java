package scot.cairn.store;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.atomic.LongAdder;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Substitute;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.apache.jena.tdb2.solver.QC2;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import scot.cairn.vocab.QB;

/**
 * Answers the observation pattern of a data cube slice with one index lookup per observation.
 *
 * <p>A slice query is a star: every triple pattern has the observation variable as its subject,
 * one names the dataset ({@code ?obs qb:dataSet <ds>}) and at least one other names a dimension
 * value ({@code ?obs sdmx-dimension:refArea <area>}). TDB2 answers it pattern by pattern: the
 * value's observations across all datasets, then one lookup per observation for the dataset, then
 * one more per observation for each other pattern: some 400 B+tree lookups for a 30-row slice of
 * a store with ten datasets. Here the value's observations come from one range scan; those not in
 * the dataset are dropped by a binary search in {@link DatasetMembers}; each remaining observation
 * is read whole with one lookup on the subject index, and every pattern is matched against its
 * triples in memory. The answer is the one TDB2 gives: triples of the union graph, each counted
 * once whichever graphs hold it.
 *
 * <p>Several values narrow the candidates in turn while each is selective enough, and a star
 * that no value narrows (a whole dataset, an aggregate over it) reads every observation of the
 * dataset in node id order, which the subject index holds together: long sequential scans
 * instead of TDB2's lookup per observation and pattern. The answers come {@link #BATCH}
 * observations at a time, and the filter's conjuncts on one variable are tested once per
 * distinct value ({@link ValueTests}).
 *
 * <p>Counts ({@code COUNT(*)}, {@code COUNT(?v)}, {@code COUNT(DISTINCT ?v)}, without GROUP BY or
 * grouped by plain variables), over a star or any other pattern, are counted on node ids without
 * decoding the counted terms ({@link IdCounts}).
 *
 * <p>Anything else (other shapes, a star without a constant dataset, a subject bound by an earlier
 * pattern, a named graph, a quad filter in the context) runs on TDB2's own executor.
 */
final class StarPatternExecutor extends OpExecutorTDB2 {

    private static final Node DATA_SET = QB.dataSet.asNode();

    private static final LongAdder STARS_ANSWERED = new LongAdder();

    private final ObjectCatalogue catalogue;
    private final DatasetMembers members;

    StarPatternExecutor(ExecutionContext execCxt, ObjectCatalogue catalogue, DatasetMembers members) {
        super(execCxt);
        this.catalogue = catalogue;
        this.members = members;
    }

    static OpExecutorFactory factory(ObjectCatalogue catalogue, DatasetMembers members) {
        return execCxt -> execCxt.getDataset() instanceof DatasetGraphTDB
                ? new StarPatternExecutor(execCxt, catalogue, members)
                : OpExecutorTDB2.OpExecFactoryTDB.create(execCxt);
    }

    /** How many star patterns this executor has answered in this JVM (tests check the path is taken). */
    static long starsAnswered() {
        return STARS_ANSWERED.sum();
    }

    @Override
    protected QueryIterator execute(OpQuadPattern quadPattern, QueryIterator input) {
        if (!applies(quadPattern)) {
            return super.execute(quadPattern, input);
        }
        return new Stars(input, quadPattern, null);
    }

    @Override
    protected QueryIterator execute(OpFilter opFilter, QueryIterator input) {
        if (opFilter.getSubOp() instanceof OpQuadPattern quadPattern && applies(quadPattern)) {
            return new Stars(input, quadPattern, opFilter.getExprs());
        }
        return super.execute(opFilter, input);
    }

    /**
     * COUNT(*), COUNT(?v) and COUNT(DISTINCT ?v), without GROUP BY or grouped by plain variables,
     * are counted on node ids ({@link IdCounts}); every other group is ARQ's.
     */
    @Override
    protected QueryIterator execute(OpGroup opGroup, QueryIterator input) {
        IdCounts counts = IdCounts.of(opGroup);
        TdbQuads quads = TdbQuads.of(execCxt.getDataset());
        if (counts == null || quads == null) {
            return super.execute(opGroup, input);
        }
        return counts.over(exec(opGroup.getSubOp(), input), quads, execCxt);
    }

    /**
     * ORDER BY: sorted on ranks of each variable's distinct values, in ARQ's order ({@link
     * RankedSort}); with {@link #STOCK_ORDER} set in the query's context, by ARQ's own sort (the
     * baseline that tests and benchmarks compare with).
     */
    @Override
    protected QueryIterator execute(OpOrder opOrder, QueryIterator input) {
        if (execCxt.getContext().isTrue(STOCK_ORDER)
                || execCxt.getContext().isDefined(org.apache.jena.query.ARQ.spillToDiskThreshold)) {
            // ARQ's sort when the query asks for sorts that spill to disk: RankedSort holds its rows
            // in memory (as ARQ's does by default)
            return super.execute(opOrder, input);
        }
        return new RankedSort(exec(opOrder.getSubOp(), input), opOrder.getConditions(), execCxt);
    }

    /** Set true in a query's context: ORDER BY by ARQ's own sort (tests and benchmarks compare with it). */
    static final org.apache.jena.sparql.util.Symbol STOCK_ORDER =
            org.apache.jena.sparql.util.Symbol.create("urn:cairn:stock-order");

    /** Over the union graph, a star on one subject variable with a dataset and no quad filter. */
    private boolean applies(OpQuadPattern quadPattern) {
        if (!(execCxt.getDataset() instanceof DatasetGraphTDB)
                || QC2.getFilter(execCxt.getContext()) != null
                || !Node.ANY.equals(OpExecutorTDB2.decideGraphNode(quadPattern.getGraphNode(), execCxt))) {
            return false;
        }
        List<Triple> triples = quadPattern.getBasicPattern().getList();
        if (triples.size() < 2 || !triples.get(0).getSubject().isVariable()) {
            return false;
        }
        Node subject = triples.get(0).getSubject();
        boolean dataset = false;
        for (Triple t : triples) {
            if (!subject.equals(t.getSubject()) || subject.equals(t.getPredicate())) {
                return false;
            }
            dataset |= DATA_SET.equals(t.getPredicate()) && !t.getObject().isVariable();
        }
        return dataset;
    }

    /** Runs the star once per input binding; falls back to TDB2 for a binding it cannot answer. */
    private final class Stars extends QueryIterRepeatApply {
        private final OpQuadPattern quadPattern;
        private final ExprList filter;

        Stars(QueryIterator input, OpQuadPattern quadPattern, ExprList filter) {
            super(input, StarPatternExecutor.this.execCxt);
            this.quadPattern = quadPattern;
            this.filter = filter;
        }

        @Override
        protected QueryIterator nextStage(Binding binding) {
            BasicPattern pattern = Substitute.substitute(quadPattern.getBasicPattern(), binding);
            ValueTests tests = ValueTests.of(filter, pattern, getExecContext());
            Iterator<Binding> answers = solve(pattern, binding, tests);
            if (answers == null) {
                OpQuadPattern op = new OpQuadPattern(quadPattern.getGraphNode(), pattern);
                QueryIterator one = QueryIterSingleton.create(binding, getExecContext());
                return filter == null ? fallback(op, one) : fallback(OpFilter.filterDirect(filter, op), one);
            }
            QueryIterator it = QueryIterPlainWrapper.create(answers, getExecContext());
            // Conjuncts on one variable of the pattern were tested once per distinct value while
            // matching; the rest are applied here, row by row.
            for (Expr e : tests.remaining()) {
                it = new QueryIterFilterExpr(it, e, getExecContext());
            }
            return it;
        }
    }

    private QueryIterator fallback(org.apache.jena.sparql.algebra.Op op, QueryIterator input) {
        return op instanceof OpFilter f ? super.execute(f, input) : super.execute((OpQuadPattern) op, input);
    }

    /** The star's dataset pattern and its most selective other pattern (the driver), as counted in the store. */
    private record Plan(Node dataset, List<Triple> values, List<Long> counts) {}

    /** A star that names two different datasets: no observation is in both. */
    private static final Plan DISJOINT = new Plan(null, List.of(), List.of());

    /** Subjects read and matched at a time: bounds the answers held in memory. */
    static final int BATCH = 4_096;

    /**
     * The solutions of {@code pattern} (already substituted with {@code parent}), each extending
     * {@code parent}, produced {@link #BATCH} subjects at a time; null when this pattern is not one
     * the star plan answers.
     */
    private Iterator<Binding> solve(BasicPattern pattern, Binding parent, ValueTests tests) {
        List<Triple> triples = pattern.getList();
        Node subject = triples.get(0).getSubject();
        if (!subject.isVariable()) {
            return null; // bound by the input: a direct lookup, which TDB2 does well
        }
        Plan plan = plan(triples, subject);
        if (plan == DISJOINT) {
            return Collections.emptyIterator();
        }
        if (plan == null || plan.dataset() == null) {
            return null;
        }
        TdbQuads quads = TdbQuads.of(execCxt.getDataset());
        if (quads == null) {
            return null;
        }
        Object[][] terms = terms(triples, quads);
        if (terms == null) {
            return Collections.emptyIterator(); // a constant the store has never seen matches nothing
        }
        int dataSetTriple = indexOf(triples, DATA_SET, plan.dataset());
        long[] inDataset = members.of(quads, (NodeId) terms[dataSetTriple][0], (NodeId) terms[dataSetTriple][1]);
        // Each value's observations narrow the candidates by one index range while that range is
        // under half as long as the candidates left (one area: 273 quads, then nothing else; one sex
        // of a whole dataset: a third of it); the values not used are checked when matching. With
        // none, every observation of the dataset is read, in node id order, which the subject
        // index holds together (SubjectTriples reads them in long scans).
        long[] subjects = inDataset;
        for (int k = 0; k < plan.values().size() && plan.counts().get(k) * 2 < subjects.length; k++) {
            int t = triples.indexOf(plan.values().get(k));
            subjects = narrow(quads, (NodeId) terms[t][0], (NodeId) terms[t][1], subjects, inDataset);
        }
        STARS_ANSWERED.increment();
        return new Answers(quads, new Members(subjects), terms, Var.alloc(subject), parent, tests);
    }

    /** A dataset's member positions as node ids. */
    private static final class Members extends AbstractList<NodeId> implements RandomAccess {
        private final long[] positions;

        Members(long[] positions) {
            this.positions = positions;
        }

        @Override
        public NodeId get(int i) {
            return NodeIds.ptr(positions[i]);
        }

        @Override
        public int size() {
            return positions.length;
        }
    }

    /** The star's answers, {@link #BATCH} subjects read and matched at a time. */
    private static final class Answers implements Iterator<Binding> {
        private final TdbQuads quads;
        private final List<NodeId> subjects;
        private final Object[][] terms;
        private final Var subjectVar;
        private final Binding parent;
        private final ValueTests tests;
        private final NodeIdBinding.Decoder decoder;
        private final List<Binding> buffer = new ArrayList<>();
        private int read;
        private int taken;

        Answers(
                TdbQuads quads,
                List<NodeId> subjects,
                Object[][] terms,
                Var subjectVar,
                Binding parent,
                ValueTests tests) {
            this.quads = quads;
            this.subjects = subjects;
            this.terms = terms;
            this.subjectVar = subjectVar;
            this.parent = parent;
            this.tests = tests;
            // Only pointers are remembered (inline values are decoded from the id itself), keyed by
            // the id's stored form: TDB2's NodeId.equals ignores the type.
            Map<Long, Node> memo = new HashMap<>();
            this.decoder =
                    id -> id.isPtr() ? memo.computeIfAbsent(id.getPtrLocation(), k -> quads.node(id)) : quads.node(id);
        }

        @Override
        public boolean hasNext() {
            while (taken == buffer.size() && read < subjects.size()) {
                buffer.clear();
                taken = 0;
                int end = Math.min(subjects.size(), read + BATCH);
                SubjectTriples.read(quads, subjects.subList(read, end), (s, pairs) -> {
                    if (!tests.passes(subjectVar, s, decoder)) {
                        return;
                    }
                    Map<Var, NodeId> row = new HashMap<>();
                    row.put(subjectVar, s);
                    match(terms, 0, pairs, row, new Match(parent, decoder, tests, buffer));
                });
                read = end;
            }
            return taken < buffer.size();
        }

        @Override
        public Binding next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return buffer.get(taken++);
        }
    }

    /** What a match extends, how it decodes and tests values, and where it puts its answers. */
    private record Match(Binding parent, NodeIdBinding.Decoder decoder, ValueTests tests, List<Binding> answers) {}

    /**
     * The dataset of a star on {@code subject} and its other patterns with a constant value, fewest
     * matches first, as counted in the store; null when it is not a star; {@link #DISJOINT}.
     */
    private Plan plan(List<Triple> triples, Node subject) {
        Node dataset = null;
        List<Triple> values = new ArrayList<>();
        for (Triple t : triples) {
            if (!subject.equals(t.getSubject()) || subject.equals(t.getPredicate()) || subject.equals(t.getObject())) {
                return null;
            }
            if (DATA_SET.equals(t.getPredicate()) && t.getObject().isConcrete()) {
                if (dataset != null && !dataset.equals(t.getObject())) {
                    return DISJOINT;
                }
                dataset = t.getObject();
            } else if (t.getPredicate().isURI() && t.getObject().isConcrete()) {
                values.add(t);
            }
        }
        values.sort(java.util.Comparator.comparingLong(t -> catalogue.cappedCount(t.getPredicate(), t.getObject())));
        List<Long> counts = new ArrayList<>();
        for (Triple t : values) {
            counts.add((long) catalogue.cappedCount(t.getPredicate(), t.getObject()));
        }
        return new Plan(dataset, values, counts);
    }

    /** The pattern in node ids: for each triple its predicate and object, a NodeId or a Var; null when a constant is not stored. */
    private static Object[][] terms(List<Triple> triples, TdbQuads quads) {
        Object[][] terms = new Object[triples.size()][2];
        for (int i = 0; i < terms.length; i++) {
            Triple t = triples.get(i);
            terms[i][0] = term(t.getPredicate(), quads);
            terms[i][1] = term(t.getObject(), quads);
            if (terms[i][0] == null || terms[i][1] == null) {
                return null;
            }
        }
        return terms;
    }

    /**
     * The positions of {@code subjects} (sorted) that have the value {@code (p, o)}, in order: one
     * range of the (predicate, object) index, merged with them.
     */
    private static long[] narrow(TdbQuads quads, NodeId p, NodeId o, long[] subjects, long[] inDataset) {
        long[] out = new long[Math.min(subjects.length, 1024)];
        int n = 0;
        int i = 0;
        long previous = -1;
        for (Iterator<Tuple<NodeId>> it = driverRange(quads, p, o, inDataset); it.hasNext() && i < subjects.length; ) {
            NodeId s = it.next().get(1);
            // (P, O, S, G) order: subjects ascending, the same one in several graphs in a run
            if (!s.isPtr() || s.getPtrLocation() == previous) {
                continue;
            }
            previous = s.getPtrLocation();
            while (i < subjects.length && subjects[i] < previous) {
                i++;
            }
            if (i < subjects.length && subjects[i] == previous) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.min(subjects.length, n * 2));
                }
                out[n++] = previous;
                i++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * The quads of {@code (?s driverP driverO)}, with the subjects limited to the span of the
     * dataset's members when the store has a POSG index: a dataset's observations get node ids
     * in the order they were first written, so the span of one dataset leaves out most
     * observations of the others with the same dimension value.
     */
    private static Iterator<Tuple<NodeId>> driverRange(
            TdbQuads quads, NodeId driverP, NodeId driverO, long[] inDataset) {
        TupleIndexRecord posg = quads.index("POSG");
        if (posg == null || inDataset.length == 0) {
            return quads.find(NodeId.NodeIdAny, NodeId.NodeIdAny, driverP, driverO);
        }
        NodeId lowest = NodeIds.ptr(inDataset[0]);
        NodeId aboveHighest = NodeIds.ptr(inDataset[inDataset.length - 1] + 1);
        return TdbQuads.range(
                posg,
                TdbQuads.quad(NodeIds.LOWEST, lowest, driverP, driverO),
                TdbQuads.quad(NodeIds.LOWEST, aboveHighest, driverP, driverO));
    }

    /** The index of the triple with this predicate and object. */
    private static int indexOf(List<Triple> triples, Node predicate, Node object) {
        for (int i = 0; i < triples.size(); i++) {
            if (triples.get(i).getPredicate().equals(predicate)
                    && triples.get(i).getObject().equals(object)) {
                return i;
            }
        }
        throw new IllegalStateException("no triple (" + predicate + ", " + object + ")");
    }

    /** A pattern term: its variable, or the id of a constant (null when the store never held it). */
    private static Object term(Node node, TdbQuads quads) {
        if (node.isVariable()) {
            return Var.alloc(node);
        }
        NodeId inline = NodeIds.inline(node);
        return inline != null ? inline : quads.idOf(node);
    }

    /**
     * Matches patterns {@code i..} against the subject's triples, extending {@code row}; a value
     * that fails the filter's tests on its variable ends the branch.
     */
    private static void match(Object[][] terms, int i, List<NodeId[]> pairs, Map<Var, NodeId> row, Match m) {
        if (i == terms.length) {
            // decoded only when something reads the variable (NodeIdBinding)
            m.answers().add(new NodeIdBinding(m.parent(), row, m.decoder()));
            return;
        }
        Object p = terms[i][0];
        Object o = terms[i][1];
        for (NodeId[] po : pairs) {
            Var newP = bindable(p, po[0], row);
            if (newP == NO_MATCH || (newP != null && !m.tests().passes(newP, po[0], m.decoder()))) {
                continue;
            }
            if (newP != null) {
                row.put(newP, po[0]);
            }
            Var newO = bindable(o, po[1], row);
            if (newO != NO_MATCH && (newO == null || m.tests().passes(newO, po[1], m.decoder()))) {
                if (newO != null) {
                    row.put(newO, po[1]);
                }
                match(terms, i + 1, pairs, row, m);
                if (newO != null) {
                    row.remove(newO);
                }
            }
            if (newP != null) {
                row.remove(newP);
            }
        }
    }

    private static final Var NO_MATCH = Var.alloc("__no_match");

    /**
     * Whether pattern term {@code term} accepts {@code value} given {@code row}: {@link #NO_MATCH}
     * if not, the variable to bind if it is an unbound variable, else null.
     */
    private static Var bindable(Object term, NodeId value, Map<Var, NodeId> row) {
        if (term instanceof Var v) {
            NodeId bound = row.get(v);
            if (bound == null) {
                return v;
            }
            return NodeIds.same(bound, value) ? null : NO_MATCH;
        }
        return NodeIds.same((NodeId) term, value) ? null : NO_MATCH;
    }
}
