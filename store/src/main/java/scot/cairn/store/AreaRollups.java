package scot.cairn.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterRoot;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.tdb2.store.NodeId;
import scot.cairn.vocab.QB;

/**
 * Totals by a parent area (council, health board, intermediate zone) and period: a GROUP BY whose
 * input is a constant-dataset star joined, through the star's area variable only, with a pattern
 * over the areas ({@code ?dz foi:within ?council . ?council foi:memberOf <collection>}).
 *
 * <p>Why: the join makes the shape no star, so neither the summaries ({@link SummaryAggregates})
 * nor the star executor answer it, and the stock engine decodes every observation's terms. Here
 * the star is aggregated first on node ids, by (area, the star's other grouping keys), in one scan
 * of the dataset graph's GSPO index (SUM of inline xsd:integer ids needs no decoding; other
 * numbers are decoded and summed exactly); the area pattern then runs on the engine over the
 * current geography (a few thousand rows) and the per-area groups are summed again for each of its
 * rows. The answer is the stock engine's (as a multiset: a join row counts once per matching area
 * row) and always follows the geography, which is read at every query. The per-area groups of a
 * dataset depend only on its graph, so the last few are kept in memory per summary (a new version
 * of the graph has a new summary); nothing is persisted.
 *
 * <p>Used only when the dataset's summary is valid for the transaction, no other graph names the
 * dataset or describes its observations ({@link AggregateSummaries#alone}), every star predicate
 * has one value per observation and every summed value is an xsd:integer or xsd:decimal
 * (or derived); otherwise the group runs on the engine as before.
 */
final class AreaRollups {

    private static final Node DATA_SET = QB.dataSet.asNode();

    private static final LongAdder ANSWERED = new LongAdder();

    /** How many groups were rolled up by area in this JVM (tests check the path is taken). */
    static long answered() {
        return ANSWERED.sum();
    }

    /** Per-area groups a star may have (known from the summary's columns, or counted) before the engine is left to it. */
    static final int MAX_GROUPS = 500_000;

    private AreaRollups() {}

    /** What a star triple's object is to the rollup. */
    enum Role {
        CONSTANT,
        AREA,
        KEY,
        SUM,
        FREE
    }

    /** An aggregate: its output variable, and the star variable it sums (null: a count). */
    record Aggregate(Var out, Var sum) {}

    /**
     * The recognised parts: the star (its triples sorted by predicate, so that equal stars share
     * per-area groups), the area variable, the area pattern, the grouping and the aggregates.
     */
    record Shape(
            Node dataset,
            Var subject,
            List<Triple> star,
            List<Role> roles,
            Var area,
            List<Triple> areaPattern,
            List<Var> groupVars,
            List<Aggregate> aggregates) {

        /** The star variables the per-area groups are keyed by, besides the area, in star order. */
        List<Var> keys() {
            List<Var> keys = new ArrayList<>();
            for (int i = 0; i < star.size(); i++) {
                if (roles.get(i) == Role.KEY) {
                    keys.add(Var.alloc(star.get(i).getObject()));
                }
            }
            return keys;
        }

        /** The star variables summed, in star order. */
        List<Var> sums() {
            List<Var> sums = new ArrayList<>();
            for (int i = 0; i < star.size(); i++) {
                if (roles.get(i) == Role.SUM) {
                    sums.add(Var.alloc(star.get(i).getObject()));
                }
            }
            return sums;
        }

        /** What the per-area groups depend on: the star's predicates, constants and roles. */
        String signature() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < star.size(); i++) {
                Triple t = star.get(i);
                s.append(t.getPredicate()).append(' ').append(roles.get(i));
                if (roles.get(i) == Role.CONSTANT) {
                    s.append(' ').append(TripleStore.storedForm(t.getObject()));
                }
                s.append('\n');
            }
            return s.toString();
        }

        /** The shape of {@code group}, or null when it is not one rolled up by area. */
        static Shape of(OpGroup group) {
            if (!(group.getSubOp() instanceof OpBGP bgp) || group.getGroupVars().isEmpty()) {
                return null;
            }
            Var subject = null;
            Node dataset = null;
            for (Triple t : bgp.getPattern()) {
                if (DATA_SET.equals(t.getPredicate())
                        && t.getSubject().isVariable()
                        && t.getObject().isURI()) {
                    if (subject != null) {
                        return null;
                    }
                    subject = Var.alloc(t.getSubject());
                    dataset = t.getObject();
                }
            }
            if (subject == null) {
                return null;
            }
            List<Triple> star = new ArrayList<>();
            List<Triple> rest = new ArrayList<>();
            Set<Node> predicates = new HashSet<>();
            Set<Var> starVars = new HashSet<>();
            for (Triple t : bgp.getPattern()) {
                if (subject.equals(t.getSubject())) {
                    Node o = t.getObject();
                    if (!t.getPredicate().isURI()
                            || !predicates.add(t.getPredicate())
                            || subject.equals(o)
                            || o.isBlank()
                            || (o.isVariable() && !starVars.add(Var.alloc(o)))) {
                        return null;
                    }
                    star.add(t);
                } else {
                    if (!t.getPredicate().isURI() || mentions(t, subject)) {
                        return null;
                    }
                    rest.add(t);
                }
            }
            Set<Var> restVars = new HashSet<>();
            for (Triple t : rest) {
                for (Node n : List.of(t.getSubject(), t.getObject())) {
                    if (n.isVariable()) {
                        restVars.add(Var.alloc(n));
                    }
                }
            }
            Set<Var> shared = new HashSet<>(restVars);
            shared.retainAll(starVars);
            if (rest.isEmpty() || shared.size() != 1) {
                return null;
            }
            Var area = shared.iterator().next();
            List<Var> groupVars =
                    SummaryGroupOp.plainGroupVars(group, v -> starVars.contains(v) || restVars.contains(v));
            if (groupVars == null) {
                return null;
            }
            List<Aggregate> aggregates = new ArrayList<>();
            Set<Var> summed = new HashSet<>();
            for (ExprAggregator ea : group.getAggregators()) {
                Aggregate a = aggregate(ea, subject, starVars, restVars);
                if (a == null || (a.sum() != null && (a.sum().equals(area) || groupVars.contains(a.sum())))) {
                    return null;
                }
                if (a.sum() != null) {
                    summed.add(a.sum());
                }
                aggregates.add(a);
            }
            star.sort(java.util.Comparator.comparing(t -> t.getPredicate().getURI()));
            List<Role> roles = new ArrayList<>();
            for (Triple t : star) {
                Node o = t.getObject();
                roles.add(
                        !o.isVariable()
                                ? Role.CONSTANT
                                : o.equals(area)
                                        ? Role.AREA
                                        : summed.contains(Var.alloc(o))
                                                ? Role.SUM
                                                : groupVars.contains(Var.alloc(o)) ? Role.KEY : Role.FREE);
            }
            return new Shape(
                    dataset,
                    subject,
                    List.copyOf(star),
                    List.copyOf(roles),
                    area,
                    List.copyOf(rest),
                    List.copyOf(groupVars),
                    List.copyOf(aggregates));
        }

        private static boolean mentions(Triple t, Var v) {
            return v.equals(t.getSubject()) || v.equals(t.getPredicate()) || v.equals(t.getObject());
        }

        private static Aggregate aggregate(ExprAggregator ea, Var subject, Set<Var> starVars, Set<Var> restVars) {
            SummaryGroupOp.Total t = SummaryGroupOp.Total.of(ea);
            if (t == null) {
                return null;
            }
            Var v = t.arg();
            if (v == null) {
                return new Aggregate(t.out(), null);
            }
            if (t.sum()) {
                return starVars.contains(v) ? new Aggregate(t.out(), v) : null;
            }
            // every variable of a basic graph pattern is bound in every row: COUNT(?v) is COUNT(*)
            return starVars.contains(v) || restVars.contains(v) || subject.equals(v)
                    ? new Aggregate(t.out(), null)
                    : null;
        }
    }

    /** The group, rolled up from per-area groups when the summary allows, else run by the engine. */
    static final class OpAreaGroup extends SummaryGroupOp {
        private final Shape shape;
        private final Op areaPattern;

        OpAreaGroup(Shape shape, OpGroup group, Op fallback, Op areaPattern, AggregateSummaries summaries) {
            super("cairn-area-rollup", shape.dataset(), group, fallback, summaries, ANSWERED);
            this.shape = shape;
            this.areaPattern = areaPattern;
        }

        @Override
        List<Binding> answer(AggregateSummaries.Entry entry, TdbQuads quads, ExecutionContext cxt) {
            PerArea perArea = summaries()
                    .areaGroups(entry.summary(), shape.signature(), () -> PerArea.compute(shape, entry, quads, cxt));
            if (perArea == null) {
                return null;
            }
            Iterator<Binding> areas = QC.execute(engineForm(areaPattern, cxt), QueryIterRoot.create(cxt), cxt);
            try {
                return rollUp(shape, perArea, areas, quads);
            } finally {
                Iter.close(areas);
            }
        }

        @Override
        String describe() {
            return "rolled up by " + shape.area() + " from " + shape.dataset();
        }
    }

    /** The final groups: each area row's per-area groups, summed by the query's grouping keys. */
    static List<Binding> rollUp(Shape shape, PerArea perArea, Iterator<Binding> areaRows, TdbQuads quads) {
        List<Var> keys = shape.keys();
        List<Var> sums = shape.sums();
        Map<List<Node>, Total> totals = new LinkedHashMap<>();
        Map<Long, Node> decoded = new HashMap<>();
        while (areaRows.hasNext()) {
            Binding row = areaRows.next();
            List<Group> groups = perArea.byArea().get(row.get(shape.area()));
            if (groups == null) {
                continue;
            }
            for (Group g : groups) {
                List<Node> key = new ArrayList<>(shape.groupVars().size());
                for (Var v : shape.groupVars()) {
                    int k = keys.indexOf(v);
                    key.add(
                            k >= 0
                                    ? decoded.computeIfAbsent(g.keys()[k], b -> quads.node(NodeIds.fromBits(b)))
                                    : row.get(v));
                }
                totals.computeIfAbsent(key, x -> new Total(sums.size())).add(g);
            }
        }
        List<Binding> out = new ArrayList<>(totals.size());
        for (Map.Entry<List<Node>, Total> t : totals.entrySet()) {
            BindingBuilder b = BindingFactory.builder();
            for (int i = 0; i < shape.groupVars().size(); i++) {
                b.add(shape.groupVars().get(i), t.getKey().get(i));
            }
            for (Aggregate a : shape.aggregates()) {
                b.add(
                        a.out(),
                        a.sum() == null
                                ? NodeValue.makeInteger(t.getValue().count).asNode()
                                : t.getValue().value(sums.indexOf(a.sum()), quads));
            }
            out.add(b.build());
        }
        return out;
    }

    /** One per-area group: its keys (node id bits, in {@link Shape#keys} order), count and sums. */
    record Group(long[] keys, long count, BigDecimal[] totals, boolean[] decimal, NodeId[] single) {}

    /** A dataset's per-area groups, by area. */
    record PerArea(Map<Node, List<Group>> byArea, int groups) {

        /**
         * The per-area groups of the entry's observations, from one scan of its graph in GSPO
         * order; null when a value cannot be summed exactly, a star predicate has two values on
         * one observation, or there are too many groups.
         */
        static PerArea compute(Shape shape, AggregateSummaries.Entry entry, TdbQuads quads, ExecutionContext cxt) {
            AggregateSummary summary = entry.summary();
            int n = shape.star().size();
            long[] predicate = new long[n];
            long[] constant = new long[n];
            for (int i = 0; i < n; i++) {
                Triple t = shape.star().get(i);
                int c = summary.column(t.getPredicate());
                NodeId p = quads.idOf(t.getPredicate());
                if (c < 0 || p == null) {
                    return new PerArea(Map.of(), 0); // no observation has it: nothing matches
                }
                if (!summary.columns().get(c).singleValued()) {
                    return null;
                }
                predicate[i] = NodeIds.bits(p);
                if (shape.roles().get(i) == Role.CONSTANT) {
                    NodeId o = quads.idOf(TripleStore.storedForm(t.getObject()));
                    if (o == null) {
                        return new PerArea(Map.of(), 0);
                    }
                    constant[i] = NodeIds.bits(o);
                }
            }
            if (estimate(shape, summary) > MAX_GROUPS) {
                return null; // about as many groups as observations: nothing to gain
            }
            NodeId g = quads.idOf(NodeFactory.createURI(entry.graph()));
            if (g == null) {
                return null;
            }
            Scan scan = new Scan(shape, predicate, constant, quads);
            long[] current = {-1};
            long[] subjects = {0};
            boolean[] failed = {false};
            java.util.concurrent.atomic.AtomicBoolean cancel = cxt.getCancelSignal();
            quads.eachOfGraph(g, (s, p, o) -> {
                if (s != current[0]) {
                    if (current[0] != -1 && !scan.end()) {
                        failed[0] = true;
                        return false;
                    }
                    current[0] = s;
                    if ((++subjects[0] & 0xffff) == 0 && cancel != null && cancel.get()) {
                        throw new QueryCancelledException();
                    }
                }
                if (!scan.pair(p, o)) {
                    failed[0] = true;
                    return false;
                }
                return true;
            });
            if (failed[0] || (current[0] != -1 && !scan.end())) {
                return null;
            }
            return scan.build();
        }
    }

    /**
     * At most how many per-area groups the star has: the areas times each key's values, from the
     * summary's columns (a key not listed by value counts as too many).
     */
    static long estimate(Shape shape, AggregateSummary summary) {
        long groups = 1;
        for (int i = 0; i < shape.star().size(); i++) {
            Role role = shape.roles().get(i);
            if (role != Role.AREA && role != Role.KEY) {
                continue;
            }
            AggregateSummary.Column c =
                    summary.columns().get(summary.column(shape.star().get(i).getPredicate()));
            long values = switch (c.kind()) {
                case EXACT -> c.members().size();
                case CLASS ->
                    role == Role.AREA
                            ? c.members().stream().mapToLong(List::size).sum()
                            : Long.MAX_VALUE;
                case PRESENT -> Long.MAX_VALUE;
            };
            if (values == Long.MAX_VALUE || groups > MAX_GROUPS / Math.max(1, values)) {
                return Long.MAX_VALUE;
            }
            groups *= Math.max(1, values);
        }
        return groups;
    }

    /** The running state of a scan: the current subject's star values (stored ids), and the groups so far. */
    private static final class Scan {
        private static final long NO_VALUE = NodeIds.NONE;
        private final Shape shape;
        private final long[] predicate;
        private final long[] constant;
        private final long[] value;
        private final int area;
        private final int[] keys;
        private final int[] sums;
        private final TdbQuads quads;
        private final Map<Key, Acc> groups = new HashMap<>();

        Scan(Shape shape, long[] predicate, long[] constant, TdbQuads quads) {
            this.shape = shape;
            this.predicate = predicate;
            this.constant = constant;
            this.quads = quads;
            this.value = new long[predicate.length];
            Arrays.fill(value, NO_VALUE);
            this.area = shape.roles().indexOf(Role.AREA);
            this.keys = indexes(shape.roles(), Role.KEY);
            this.sums = indexes(shape.roles(), Role.SUM);
        }

        private static int[] indexes(List<Role> roles, Role role) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                if (roles.get(i) == role) {
                    out.add(i);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** One (predicate, object) of the current subject; false on a second value of a star predicate. */
        boolean pair(long p, long o) {
            for (int i = 0; i < predicate.length; i++) {
                if (predicate[i] == p) {
                    if (value[i] != NO_VALUE) {
                        return false;
                    }
                    value[i] = o;
                }
            }
            return true;
        }

        /** The end of a subject: its group counted when it matches the star; false when a value is not summable. */
        boolean end() {
            try {
                for (int i = 0; i < value.length; i++) {
                    if (value[i] == NO_VALUE || (shape.roles().get(i) == Role.CONSTANT && value[i] != constant[i])) {
                        return true;
                    }
                }
                long[] key = new long[keys.length + 1];
                key[0] = value[area];
                for (int k = 0; k < keys.length; k++) {
                    key[k + 1] = value[keys[k]];
                }
                Acc acc = groups.computeIfAbsent(new Key(key), x -> new Acc(sums.length));
                if (groups.size() > MAX_GROUPS) {
                    return false;
                }
                for (int s = 0; s < sums.length; s++) {
                    if (!acc.add(s, NodeIds.fromBits(value[sums[s]]), quads)) {
                        return false;
                    }
                }
                acc.count++;
                return true;
            } finally {
                Arrays.fill(value, NO_VALUE);
            }
        }

        PerArea build() {
            Map<Long, Node> areas = new HashMap<>();
            Map<Node, List<Group>> byArea = new HashMap<>();
            groups.forEach((k, acc) -> {
                long[] key = k.codes();
                Node a = areas.computeIfAbsent(key[0], b -> quads.node(NodeIds.fromBits(b)));
                byArea.computeIfAbsent(a, x -> new ArrayList<>())
                        .add(new Group(
                                Arrays.copyOfRange(key, 1, key.length),
                                acc.count,
                                acc.totals(),
                                acc.decimal,
                                acc.single));
            });
            return new PerArea(byArea, groups.size());
        }
    }

    /** A per-area group's key: the area's and the keys' node id bits. */
    private record Key(long[] codes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(codes, k.codes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes);
        }

        @Override
        public String toString() {
            return Arrays.toString(codes);
        }
    }

    /** Integers up to this size are summed as longs (no overflow for any 2^31 of them). */
    private static final long SMALL_INTEGER = 1L << 31;

    /** A per-area group while scanning: inline integers summed as longs, other numbers exactly. */
    private static final class Acc {
        long count;
        final long[] small;
        final BigDecimal[] big;
        final boolean[] decimal;
        final NodeId[] single;

        Acc(int sums) {
            small = new long[sums];
            big = new BigDecimal[sums];
            decimal = new boolean[sums];
            single = new NodeId[sums];
        }

        /** Adds a value to sum {@code s}; false when it is not an xsd:integer or xsd:decimal. */
        boolean add(int s, NodeId v, TdbQuads quads) {
            if (count == 0) {
                single[s] = v;
            }
            if (NodeIds.isInlineInteger(v)) {
                long x = NodeIds.inlineInteger(v);
                if (x > -SMALL_INTEGER && x < SMALL_INTEGER) {
                    small[s] += x;
                    return true;
                }
            }
            Node node = quads.node(v);
            if (!AggregateSummary.summable(node)) {
                return false;
            }
            NodeValue nv = NodeValue.makeNode(node);
            big[s] = big[s] == null ? nv.getDecimal() : big[s].add(nv.getDecimal());
            decimal[s] |= !nv.isInteger();
            return true;
        }

        BigDecimal[] totals() {
            BigDecimal[] out = new BigDecimal[small.length];
            for (int s = 0; s < out.length; s++) {
                BigDecimal t = BigDecimal.valueOf(small[s]);
                out[s] = big[s] == null ? t : big[s].add(t);
            }
            return out;
        }
    }

    /** A final group: the count and each sum, ended as ARQ's SUM ends (a group of one keeps its value). */
    private static final class Total {
        long count;
        final BigDecimal[] totals;
        final boolean[] decimal;
        final NodeId[] singles;

        Total(int sums) {
            totals = new BigDecimal[sums];
            Arrays.fill(totals, BigDecimal.ZERO);
            decimal = new boolean[sums];
            singles = new NodeId[sums];
        }

        void add(Group g) {
            for (int s = 0; s < totals.length; s++) {
                totals[s] = totals[s].add(g.totals()[s]);
                decimal[s] |= g.decimal()[s];
                singles[s] = count == 0 && g.count() == 1 ? g.single()[s] : null;
            }
            count += g.count();
        }

        Node value(int s, TdbQuads quads) {
            if (count == 1 && singles[s] != null) {
                return quads.node(singles[s]); // ARQ keeps a group's one value as it is
            }
            return decimal[s]
                    ? NodeValue.makeDecimal(totals[s]).asNode()
                    : NodeValue.makeInteger(totals[s].toBigIntegerExact()).asNode();
        }
    }

    /** The area pattern as a basic graph pattern (for the optimizer). */
    static Op areaPattern(Shape shape) {
        return new OpBGP(BasicPattern.wrap(new ArrayList<>(shape.areaPattern())));
    }
}
