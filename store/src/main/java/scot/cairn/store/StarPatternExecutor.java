package scot.cairn.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
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
        Star star = Star.of(triples, quads);
        if (star == null) {
            return Collections.emptyIterator(); // a constant the store has never seen matches nothing
        }
        int dataSetTriple = indexOf(triples, DATA_SET, plan.dataset());
        long[] inDataset = members.of(
                quads, NodeIds.fromBits(star.pConst[dataSetTriple]), NodeIds.fromBits(star.oConst[dataSetTriple]));
        // Each value's observations narrow the candidates by one index range while that range is
        // under half as long as the candidates left (one area: 273 quads, then nothing else; one sex
        // of a whole dataset: a third of it); the values not used are checked when matching. With
        // none, every observation of the dataset is read, in node id order, which the subject
        // index holds together (SubjectTriples reads them in long scans).
        long[] subjects = inDataset;
        for (int k = 0; k < plan.values().size() && plan.counts().get(k) * 2 < subjects.length; k++) {
            int t = triples.indexOf(plan.values().get(k));
            subjects = narrow(
                    quads, NodeIds.fromBits(star.pConst[t]), NodeIds.fromBits(star.oConst[t]), subjects, inDataset);
        }
        STARS_ANSWERED.increment();
        return new Answers(quads, subjects, star, parent, tests);
    }

    /**
     * A star in node ids, its variables numbered: slot 0 is the subject's, then each other in the
     * order the triples name them. For each triple its predicate and object: a variable's slot, or
     * -1 and the constant's stored form ({@link NodeIds#bits}).
     */
    private record Star(Var[] vars, int[] pSlot, long[] pConst, int[] oSlot, long[] oConst) {

        /** The star of {@code triples} (one subject variable); null when a constant is not stored. */
        static Star of(List<Triple> triples, TdbQuads quads) {
            int n = triples.size();
            List<Var> vars = new ArrayList<>(List.of(Var.alloc(triples.get(0).getSubject())));
            int[] pSlot = new int[n];
            int[] oSlot = new int[n];
            long[] pConst = new long[n];
            long[] oConst = new long[n];
            for (int i = 0; i < n; i++) {
                Triple t = triples.get(i);
                pSlot[i] = slot(t.getPredicate(), vars);
                oSlot[i] = slot(t.getObject(), vars);
                pConst[i] = constant(t.getPredicate(), quads);
                oConst[i] = constant(t.getObject(), quads);
                if ((pSlot[i] < 0 && pConst[i] == NodeIds.NONE) || (oSlot[i] < 0 && oConst[i] == NodeIds.NONE)) {
                    return null;
                }
            }
            return new Star(vars.toArray(new Var[0]), pSlot, pConst, oSlot, oConst);
        }

        /** A variable's slot (numbered on first sight), or -1 for a constant. */
        private static int slot(Node node, List<Var> vars) {
            if (!node.isVariable()) {
                return -1;
            }
            Var v = Var.alloc(node);
            if (!vars.contains(v)) {
                vars.add(v);
            }
            return vars.indexOf(v);
        }

        /** A constant's stored form; {@link NodeIds#NONE} for a variable or a node the store has never held. */
        private static long constant(Node node, TdbQuads quads) {
            if (node.isVariable()) {
                return NodeIds.NONE;
            }
            NodeId inline = NodeIds.inline(node);
            NodeId id = inline != null ? inline : quads.idOf(node);
            return id == null ? NodeIds.NONE : NodeIds.bits(id);
        }
    }

    /** The star's answers, {@link #BATCH} subjects read and matched at a time. */
    private static final class Answers implements Iterator<Binding>, SubjectTriples.Visitor {
        private final TdbQuads quads;
        private final long[] subjects;
        private final Star star;
        private final Binding parent;
        private final NodeIdBinding.Decoder decoder;
        /** Per slot, the filter's tests on its variable alone, or null. */
        private final ValueTests.Test[] tests;
        /** The values bound so far while matching one subject, {@link NodeIds#NONE} when unbound. */
        private final long[] row;

        private final List<Binding> buffer = new ArrayList<>();
        private int read;
        private int taken;

        Answers(TdbQuads quads, long[] subjects, Star star, Binding parent, ValueTests tests) {
            this.quads = quads;
            this.subjects = subjects;
            this.star = star;
            this.parent = parent;
            this.decoder = NodeIdBinding.Decoder.memoised(quads);
            this.tests = new ValueTests.Test[star.vars().length];
            for (int i = 0; i < this.tests.length; i++) {
                this.tests[i] = tests.on(star.vars()[i]);
            }
            this.row = new long[star.vars().length];
            java.util.Arrays.fill(row, NodeIds.NONE);
        }

        @Override
        public boolean hasNext() {
            while (taken == buffer.size() && read < subjects.length) {
                buffer.clear();
                taken = 0;
                int end = Math.min(subjects.length, read + BATCH);
                SubjectTriples.read(quads, subjects, read, end, this);
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

        @Override
        public void accept(long subject, long[] pairs, int n) {
            if (!passes(0, subject)) {
                return;
            }
            // match() unbinds what it binds: every other slot is NONE again here
            row[0] = subject;
            match(0, pairs, n);
        }

        /**
         * Matches triples {@code i..} against the subject's pairs, extending {@link #row}; a value
         * that fails the filter's tests on its variable ends the branch.
         */
        private void match(int i, long[] pairs, int n) {
            if (i == star.pSlot().length) {
                // decoded only when something reads the variable (NodeIdBinding)
                buffer.add(new NodeIdBinding(parent, star.vars(), row.clone(), decoder));
                return;
            }
            for (int j = 0; j < n; j++) {
                int newP = bind(star.pSlot()[i], star.pConst()[i], pairs[2 * j]);
                if (newP == NO_MATCH) {
                    continue;
                }
                int newO = bind(star.oSlot()[i], star.oConst()[i], pairs[2 * j + 1]);
                if (newO != NO_MATCH) {
                    match(i + 1, pairs, n);
                    unbind(newO);
                }
                unbind(newP);
            }
        }

        /**
         * Binds {@code value} to a term of the pattern: {@link #NO_MATCH} when the term is a
         * different constant, a variable bound to another value, or a variable whose tests the
         * value fails; the slot newly bound (to unbind after), or -1 when nothing was bound.
         */
        private int bind(int slot, long constant, long value) {
            if (slot < 0) {
                return constant == value ? -1 : NO_MATCH;
            }
            if (row[slot] != NodeIds.NONE) {
                return row[slot] == value ? -1 : NO_MATCH;
            }
            if (!passes(slot, value)) {
                return NO_MATCH;
            }
            row[slot] = value;
            return slot;
        }

        private void unbind(int slot) {
            if (slot >= 0) {
                row[slot] = NodeIds.NONE;
            }
        }

        private boolean passes(int slot, long value) {
            return tests[slot] == null || tests[slot].passes(value, decoder);
        }
    }

    private static final int NO_MATCH = -2;

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

    /**
     * The positions of {@code subjects} (sorted) that have the value {@code (p, o)}, in order: one
     * range of the (predicate, object) index, merged with them. With a POSG index the range is
     * read from its leaves ({@link TdbQuads#scanFrom}) and limited to the span of the dataset's
     * members: a dataset's observations get node ids in the order they were first written, so
     * that span leaves out most observations of the others with the same dimension value.
     */
    private static long[] narrow(TdbQuads quads, NodeId p, NodeId o, long[] subjects, long[] inDataset) {
        Merge merge = new Merge(subjects);
        TupleIndexRecord posg = quads.index("POSG");
        if (posg != null && "POSG".equals(posg.getName()) && inDataset.length > 0) {
            long pBits = NodeIds.bits(p);
            long oBits = NodeIds.bits(o);
            long highest = inDataset[inDataset.length - 1];
            TdbQuads.scanFrom(
                    posg,
                    TdbQuads.quad(NodeIds.LOWEST, NodeIds.ptr(inDataset[0]), p, o),
                    (qp, qo, s, g) -> qp == pBits && qo == oBits && s <= highest && merge.offer(s));
        } else {
            // (P, O, S, G) or (O, S, P, G) order: subjects ascending
            Iterator<Tuple<NodeId>> it = quads.find(NodeId.NodeIdAny, NodeId.NodeIdAny, p, o);
            boolean more = true;
            while (more && it.hasNext()) {
                more = merge.offer(NodeIds.bits(it.next().get(1)));
            }
        }
        return merge.result();
    }

    /** The candidates that also come in a second ascending run of subjects. */
    private static final class Merge {
        private final long[] subjects;
        private long[] out;
        private int n;
        private int i;
        private long previous = -1;

        Merge(long[] subjects) {
            this.subjects = subjects;
            this.out = new long[Math.min(subjects.length, 1024)];
        }

        /** Takes the next subject of the run (the same one in several graphs comes in a row); false once no candidate is left. */
        boolean offer(long s) {
            if (s < 0 || s == previous) {
                return i < subjects.length; // an inline value is no subject
            }
            previous = s;
            while (i < subjects.length && subjects[i] < s) {
                i++;
            }
            if (i < subjects.length && subjects[i] == s) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.min(subjects.length, n * 2));
                }
                out[n++] = s;
                i++;
            }
            return i < subjects.length;
        }

        long[] result() {
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
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
}
