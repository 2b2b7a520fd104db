package scot.cairn.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import scot.cairn.vocab.QB;

/**
 * One named graph's observations (the subjects with a {@code qb:dataSet}) counted and summed by
 * every combination of their small dimension values and area levels: the rows a SUM or COUNT
 * grouped by period, sex or area level is rolled up from, in place of reading every observation.
 *
 * <p>Each predicate of the observations is a column, keyed by its value while it has at most
 * {@link #SMALL} distinct values ({@link Kind#EXACT}; a column whose first value is a number, a
 * measure, is not keyed by value), by its IRI's "level" (the IRI up to the
 * first three characters of its last path segment: {@code .../S01}, {@code .../S12}) while those are
 * few ({@link Kind#CLASS}, the members of each level kept so that a filter or expression on the
 * area can be checked to give one answer for the whole level), else only by whether the
 * observation has it ({@link Kind#PRESENT}). A column whose values are all xsd:integer or
 * xsd:decimal (and derived types) is also summed exactly. A predicate with more than one value on
 * some observation is marked, and no query that uses it is answered from the summary.
 *
 * <p>Rows number at most the product of the keyed columns' sizes: for the NRS population file
 * (1.9 M observations), a few hundred. Computed from node ids in one scan of the graph
 * ({@link #compute}); written and read as text ({@link #write}, {@link #read}).
 */
final class AggregateSummary {

    /** Distinct values (or levels) a keyed column may have. */
    static final int SMALL = 256;
    /** Members of all the levels of one column kept at most. */
    static final int MAX_MEMBERS = 250_000;
    /** Rows a summary may have; a graph with more gets none. */
    static final int MAX_ROWS = 200_000;

    static final int ABSENT = -1;

    enum Kind {
        EXACT,
        CLASS,
        PRESENT
    }

    /**
     * A predicate of the observations: how it is keyed, the members of each key (EXACT: the one
     * value; CLASS: the level's values; PRESENT: none), whether every observation has at most one
     * value of it, whether its values can be summed exactly.
     */
    record Column(Node predicate, Kind kind, boolean singleValued, boolean summable, List<List<Node>> members) {
        Column {
            members = List.copyOf(members.stream().map(List::copyOf).toList());
        }
    }

    /** A sum of one column over a row's observations: exact, integer unless a value was decimal. */
    record Sum(BigDecimal total, boolean decimal, Node single) {}

    /** The observations with one combination of keys; {@code sums} by column, null where not summable. */
    record Row(int[] key, long count, Sum[] sums) {
        int code(int column) {
            return column < key.length ? key[column] : ABSENT;
        }
    }

    private final List<Column> columns;
    private final List<Row> rows;
    /** Node table positions of the first and last observation (TDB2), for the check that no other graph describes them. */
    private final long firstSubject;

    private final long lastSubject;

    AggregateSummary(List<Column> columns, List<Row> rows, long firstSubject, long lastSubject) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.firstSubject = firstSubject;
        this.lastSubject = lastSubject;
    }

    List<Column> columns() {
        return columns;
    }

    List<Row> rows() {
        return rows;
    }

    long firstSubject() {
        return firstSubject;
    }

    long lastSubject() {
        return lastSubject;
    }

    /** The column of {@code predicate}, or -1 when no observation has it. */
    int column(Node predicate) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).predicate().equals(predicate)) {
                return i;
            }
        }
        return -1;
    }

    /** The datasets the observations name (their single {@code qb:dataSet} values). */
    List<Node> datasets() {
        int c = column(QB.dataSet.asNode());
        if (c < 0 || columns.get(c).kind() != Kind.EXACT || !columns.get(c).singleValued()) {
            return List.of();
        }
        return columns.get(c).members().stream().map(m -> m.get(0)).toList();
    }

    /** The level of an IRI: up to the first three characters of its last path segment. */
    static String level(String iri) {
        int slash = iri.lastIndexOf('/');
        return iri.substring(0, Math.min(iri.length(), slash + 4));
    }

    // ---- computing, from node ids ----

    /**
     * The summary of {@code graph}'s observations, read from the quad index in the calling thread's
     * transaction; null when the graph holds no observation or its summary would be too large.
     */
    static AggregateSummary compute(TdbQuads quads, Node graph) {
        NodeId g = quads.idOf(graph);
        NodeId dataSet = quads.idOf(QB.dataSet.asNode());
        TupleIndexRecord gspo = quads.index("GSPO");
        if (g == null || dataSet == null || gspo == null) {
            return null;
        }
        Iterator<Tuple<NodeId>> probe = quads.find(g, NodeId.NodeIdAny, dataSet, NodeId.NodeIdAny);
        try {
            if (!probe.hasNext()) {
                return null;
            }
        } finally {
            Iter.close(probe);
        }
        Builder b = new Builder(quads, dataSet);
        Iterator<Tuple<NodeId>> it = TdbQuads.range(
                gspo,
                TdbQuads.quad(g, NodeIds.LOWEST, NodeIds.LOWEST, NodeIds.LOWEST),
                TdbQuads.quad(NodeIds.nextPtr(g), NodeIds.LOWEST, NodeIds.LOWEST, NodeIds.LOWEST));
        try {
            NodeId current = null;
            List<NodeId[]> pairs = new ArrayList<>(16);
            while (it.hasNext()) {
                Tuple<NodeId> q = it.next();
                if (!NodeIds.same(q.get(1), current)) {
                    if (current != null && !b.subject(current, pairs)) {
                        return null;
                    }
                    current = q.get(1);
                    pairs.clear();
                }
                pairs.add(new NodeId[] {q.get(2), q.get(3)});
            }
            if (current != null && !b.subject(current, pairs)) {
                return null;
            }
        } finally {
            Iter.close(it);
        }
        return b.build();
    }

    /** The running state of {@link #compute}. */
    private static final class Builder {
        private final TdbQuads quads;
        private final NodeId dataSet;
        private final List<ColumnBuilder> columns = new ArrayList<>();
        private final Map<Long, Integer> columnOf = new HashMap<>();
        private Map<Key, RowBuilder> rows = new HashMap<>();
        private final Map<Long, Node> decoded = new HashMap<>();
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        Builder(TdbQuads quads, NodeId dataSet) {
            this.quads = quads;
            this.dataSet = dataSet;
        }

        Node decode(NodeId id) {
            return id.isPtr() ? decoded.computeIfAbsent(id.getPtrLocation(), k -> quads.node(id)) : quads.node(id);
        }

        /** Adds one subject (its pairs in (P, O) order); false when the summary grew too large. */
        boolean subject(NodeId s, List<NodeId[]> pairs) {
            boolean observation = false;
            for (NodeId[] po : pairs) {
                observation |= NodeIds.same(po[0], dataSet);
            }
            if (!observation) {
                return true;
            }
            if (s.isPtr()) {
                first = Math.min(first, s.getPtrLocation());
                last = Math.max(last, s.getPtrLocation());
            }
            int[] key = new int[columns.size() + 8];
            Arrays.fill(key, ABSENT);
            Node[] summed = new Node[key.length];
            NodeId previous = null;
            int width = 0;
            for (NodeId[] po : pairs) {
                int c = columnOf.computeIfAbsent(NodeIds.bits(po[0]), k -> {
                    columns.add(new ColumnBuilder(decode(po[0]), columns.size()));
                    return columns.size() - 1;
                });
                if (c >= key.length) {
                    int old = key.length;
                    key = Arrays.copyOf(key, c + 8);
                    summed = Arrays.copyOf(summed, key.length);
                    Arrays.fill(key, old, key.length, ABSENT);
                }
                ColumnBuilder col = columns.get(c);
                if (NodeIds.same(po[0], previous)) {
                    col.multi = true; // a second value: the first one keys the row
                    continue;
                }
                previous = po[0];
                Node value = null;
                if (col.summable) {
                    value = decode(po[1]);
                    col.summable = summable(value);
                    summed[c] = value;
                    if (col.summable && col.kind == Kind.EXACT && col.members.isEmpty()) {
                        // a measure: summed, not keyed by its many values (no row has a code for it yet)
                        col.kind = Kind.PRESENT;
                    }
                }
                int code = col.code(po[1], this);
                if (code == RESHAPED) {
                    code = col.code(po[1], this);
                }
                key[c] = code;
                width = Math.max(width, c + 1);
            }
            Key k = new Key(Arrays.copyOf(key, trim(key, width)));
            RowBuilder row = rows.computeIfAbsent(k, x -> new RowBuilder());
            row.add(summed);
            return rows.size() <= MAX_ROWS;
        }

        /** Re-keys every row after column {@code c}'s codes changed: old code {@code i} becomes {@code map[i]}. */
        void rekey(int c, int[] map) {
            Map<Key, RowBuilder> next = new HashMap<>();
            rows.forEach((k, row) -> {
                int[] key = k.codes().clone();
                if (c < key.length && key[c] != ABSENT) {
                    key[c] = map[key[c]];
                }
                next.merge(new Key(key), row, RowBuilder::merge);
            });
            rows = next;
        }

        AggregateSummary build() {
            List<Column> built = new ArrayList<>();
            for (ColumnBuilder c : columns) {
                built.add(new Column(c.predicate, c.kind, !c.multi, c.summable && !c.multi, c.members));
            }
            List<Row> out = new ArrayList<>();
            rows.forEach((k, row) -> {
                Sum[] sums = new Sum[columns.size()];
                for (int i = 0; i < sums.length; i++) {
                    if (built.get(i).summable() && i < k.codes().length && k.codes()[i] != ABSENT) {
                        sums[i] = row.sum(i);
                    }
                }
                out.add(new Row(k.codes(), row.count, sums));
            });
            return new AggregateSummary(built, out, first == Long.MAX_VALUE ? -1 : first, last);
        }
    }

    private static int trim(int[] key, int width) {
        int n = width;
        while (n > 0 && key[n - 1] == ABSENT) {
            n--;
        }
        return n;
    }

    /** Whether a value can be summed exactly as ARQ sums it: an xsd:integer or xsd:decimal (or derived) value. */
    static boolean summable(Node value) {
        if (!value.isLiteral()) {
            return false;
        }
        NodeValue nv = NodeValue.makeNode(value);
        return nv.isInteger() || nv.isDecimal();
    }

    private static final int RESHAPED = -2;

    /** A column while the summary is computed. */
    private static final class ColumnBuilder {
        final Node predicate;
        /** Its place in the row keys. */
        final int index;

        Kind kind = Kind.EXACT;
        boolean multi;
        boolean summable = true;
        /** Value (as id bits) to code. */
        final Map<Long, Integer> codes = new HashMap<>();

        final List<List<Node>> members = new ArrayList<>();
        final Map<String, Integer> levels = new HashMap<>();
        int memberCount;

        ColumnBuilder(Node predicate, int index) {
            this.predicate = predicate;
            this.index = index;
        }

        /** The value's code, or {@link #RESHAPED} after the column changed kind (ask again). */
        int code(NodeId value, Builder b) {
            if (kind == Kind.PRESENT) {
                return 0;
            }
            long bits = NodeIds.bits(value);
            Integer known = codes.get(bits);
            if (known != null) {
                return known;
            }
            Node node = b.decode(value);
            if (kind == Kind.EXACT) {
                if (members.size() < SMALL && !node.isBlank()) {
                    codes.put(bits, members.size());
                    members.add(new ArrayList<>(List.of(node)));
                    return members.size() - 1;
                }
                toLevels(b);
                return RESHAPED;
            }
            // CLASS
            if (!node.isURI() || memberCount >= MAX_MEMBERS) {
                toPresent(b);
                return RESHAPED;
            }
            String level = level(node.getURI());
            Integer code = levels.get(level);
            if (code == null) {
                if (levels.size() >= SMALL) {
                    toPresent(b);
                    return RESHAPED;
                }
                code = levels.size();
                levels.put(level, code);
                members.add(new ArrayList<>());
            }
            members.get(code).add(node);
            memberCount++;
            codes.put(bits, code);
            return code;
        }

        private void toLevels(Builder b) {
            int c = index;
            boolean iris = members.stream().allMatch(m -> m.get(0).isURI());
            if (!iris) {
                toPresent(b);
                return;
            }
            List<List<Node>> old = new ArrayList<>(members);
            members.clear();
            int[] map = new int[old.size()];
            for (int i = 0; i < old.size(); i++) {
                Node n = old.get(i).get(0);
                String level = level(n.getURI());
                Integer code = levels.get(level);
                if (code == null) {
                    code = levels.size();
                    levels.put(level, code);
                    members.add(new ArrayList<>());
                }
                members.get(code).add(n);
                map[i] = code;
            }
            memberCount = old.size();
            codes.replaceAll((k, v) -> map[v]);
            kind = Kind.CLASS;
            b.rekey(c, map);
            if (levels.size() > SMALL) {
                toPresent(b);
            }
        }

        private void toPresent(Builder b) {
            int c = index;
            int[] map = new int[members.size()];
            members.clear();
            codes.clear();
            levels.clear();
            kind = Kind.PRESENT;
            b.rekey(c, map);
        }
    }

    /** A row's codes (trailing absences trimmed), compared by content. */
    private record Key(int[] codes) {
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

    /** A row while the summary is computed. */
    private static final class RowBuilder {
        long count;
        final Map<Integer, BigDecimal> totals = new HashMap<>();
        final Map<Integer, Boolean> decimal = new HashMap<>();
        final Map<Integer, Node> single = new HashMap<>();

        void add(Node[] summed) {
            count++;
            for (int c = 0; c < summed.length; c++) {
                Node v = summed[c];
                if (v == null || !summable(v)) {
                    continue;
                }
                NodeValue nv = NodeValue.makeNode(v);
                totals.merge(c, nv.getDecimal(), BigDecimal::add);
                if (!nv.isInteger()) {
                    decimal.put(c, true);
                }
                if (count == 1) {
                    single.put(c, v);
                }
            }
            if (count == 2) {
                single.clear();
            }
        }

        RowBuilder merge(RowBuilder o) {
            count += o.count;
            o.totals.forEach((c, t) -> totals.merge(c, t, BigDecimal::add));
            o.decimal.forEach((c, d) -> decimal.merge(c, d, Boolean::logicalOr));
            if (count > 1) {
                single.clear();
            } else {
                single.putAll(o.single);
            }
            return this;
        }

        Sum sum(int c) {
            return new Sum(totals.getOrDefault(c, BigDecimal.ZERO), decimal.getOrDefault(c, false), single.get(c));
        }
    }

    // ---- text form ----

    /** The summary as lines of text (tab-separated; terms in N-Triples form). */
    void write(StringBuilder out) {
        out.append("subjects\t")
                .append(firstSubject)
                .append('\t')
                .append(lastSubject)
                .append('\n');
        for (Column c : columns) {
            out.append("column\t")
                    .append(NodeFmtLib.strNT(c.predicate()))
                    .append('\t')
                    .append(c.kind())
                    .append('\t')
                    .append(c.singleValued())
                    .append('\t')
                    .append(c.summable())
                    .append('\n');
            for (int code = 0; code < c.members().size(); code++) {
                for (Node n : c.members().get(code)) {
                    out.append("member\t")
                            .append(code)
                            .append('\t')
                            .append(NodeFmtLib.strNT(n))
                            .append('\n');
                }
            }
        }
        for (Row r : rows) {
            out.append("row\t").append(r.count()).append('\t');
            for (int i = 0; i < r.key().length; i++) {
                out.append(i == 0 ? "" : ",").append(r.key()[i]);
            }
            for (int c = 0; c < r.sums().length; c++) {
                Sum s = r.sums()[c];
                if (s != null) {
                    out.append('\t')
                            .append(c)
                            .append('=')
                            .append(s.total().toString())
                            .append(s.decimal() ? ";d;" : ";i;")
                            .append(s.single() == null ? "" : NodeFmtLib.strNT(s.single()));
                }
            }
            out.append('\n');
        }
    }

    /** Reads {@link #write}'s lines (without the graph line that precedes them). */
    static AggregateSummary read(List<String> lines) {
        long first = -1;
        long last = -1;
        List<Column> columns = new ArrayList<>();
        List<Object[]> pending = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "subjects" -> {
                    first = Long.parseLong(f[1]);
                    last = Long.parseLong(f[2]);
                }
                case "column" ->
                    pending.add(new Object[] {
                        NodeFactoryExtra.parseNode(f[1]),
                        Kind.valueOf(f[2]),
                        Boolean.parseBoolean(f[3]),
                        Boolean.parseBoolean(f[4]),
                        new ArrayList<List<Node>>()
                    });
                case "member" -> {
                    @SuppressWarnings("unchecked")
                    List<List<Node>> members = (List<List<Node>>) pending.get(pending.size() - 1)[4];
                    int code = Integer.parseInt(f[1]);
                    while (members.size() <= code) {
                        members.add(new ArrayList<>());
                    }
                    members.get(code).add(NodeFactoryExtra.parseNode(f[2]));
                }
                case "row" -> {
                    int[] key = f[2].isEmpty()
                            ? new int[0]
                            : Arrays.stream(f[2].split(","))
                                    .mapToInt(Integer::parseInt)
                                    .toArray();
                    Sum[] sums = new Sum[pending.size()];
                    for (int i = 3; i < f.length; i++) {
                        int eq = f[i].indexOf('=');
                        String[] s = f[i].substring(eq + 1).split(";", 3);
                        sums[Integer.parseInt(f[i].substring(0, eq))] = new Sum(
                                new BigDecimal(s[0]),
                                s[1].equals("d"),
                                s[2].isEmpty() ? null : NodeFactoryExtra.parseNode(s[2]));
                    }
                    rows.add(new Row(key, Long.parseLong(f[1]), sums));
                }
                default -> throw new IllegalArgumentException("not a summary line: " + line);
            }
        }
        for (Object[] c : pending) {
            @SuppressWarnings("unchecked")
            List<List<Node>> members = (List<List<Node>>) c[4];
            columns.add(new Column((Node) c[0], (Kind) c[1], (Boolean) c[2], (Boolean) c[3], members));
        }
        return new AggregateSummary(columns, rows, first, last);
    }
}
