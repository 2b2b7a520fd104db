package scot.cairn.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * The rows of one star's answer held for an ORDER BY as ids in one {@code long[]}, and sorted
 * there, in the order ARQ's sort gives them.
 *
 * <p>One sex of a whole data zone dataset is 634,816 rows, all held until the last one is read.
 * As objects, each row lived through every young collection of the scan and was copied each
 * time; here the star's rows ({@link NodeIdBinding}s sharing their variables, parent row and
 * decoder) are copied into one growing array as they come and the row objects die young. A row
 * becomes a binding again only when it is handed on.
 *
 * <p>The order: each key's distinct IRIs are ranked once with ARQ's comparison ({@link
 * RankedSort#ranks}), as {@link RankedSort} does; the ranks of as many leading keys as fit in a
 * {@code long}, then the row's place in the input, are packed into one number per row and the
 * numbers sorted. When that leaves rows tied on the packed keys, the ties are ordered by the
 * remaining keys' ranks, a stable sort of each tie; when a remaining key is not ranked (a literal
 * value, or too many distinct ones), the whole input is sorted as {@link RankedSort} sorts it, by
 * TimSort in input order with ARQ's signs. Either way the order is ARQ's row for row: ranked keys
 * are total orders, and where they decide every pair the sorted order is the only one.
 */
final class IdRows {
    private final Binding parent;
    private final Var[] vars;
    private final NodeIdBinding.Decoder decoder;
    private long[] ids;
    private int n;

    IdRows(NodeIdBinding first) {
        this.parent = first.parentRow();
        this.vars = first.sharedVars();
        this.decoder = first.decoder();
        this.ids = new long[vars.length * 1024];
        append(first);
    }

    /** Takes {@code b} when it is another row of the same star (false: it is not, nothing taken). */
    boolean add(Binding b) {
        if (!(b instanceof NodeIdBinding r)
                || r.sharedVars() != vars
                || r.parentRow() != parent
                || r.decoder() != decoder
                || (long) (n + 1) * vars.length > Integer.MAX_VALUE - 16) {
            return false;
        }
        append(r);
        return true;
    }

    private void append(NodeIdBinding r) {
        int w = vars.length;
        if ((n + 1) * w > ids.length) {
            ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * ids.length, (n + 1L) * w)));
        }
        r.copyIds(ids, n * w);
        n++;
    }

    int size() {
        return n;
    }

    /** Row {@code i} as a binding again. */
    Binding row(int i) {
        int w = vars.length;
        return new NodeIdBinding(parent, vars, Arrays.copyOfRange(ids, i * w, i * w + w), decoder);
    }

    /** Every row as a binding, in input order. */
    List<Binding> bindings() {
        List<Binding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(row(i));
        }
        return out;
    }

    /** No limit on the packed keys' bits but the {@code long}'s. */
    static final int ALL_BITS = 63;

    /**
     * The input positions of the rows in the order {@code conditions} sorts them, as ARQ would;
     * null when a condition is not a plain variable of these rows (the caller sorts the bindings).
     * At most {@code keyBits} bits of packed keys ({@link #ALL_BITS}: as many as fit).
     */
    int[] order(List<SortCondition> conditions, RankedSort.Cancel cancel, int keyBits) {
        List<Key> keys = keys(conditions);
        if (keys == null) {
            return null;
        }
        int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n));
        int budget = Math.min(keyBits, 63 - indexBits);
        // Keys are ranked (their values decoded) only as far as they are needed: until the keys
        // packed so far have as many combinations as there are rows, then for as long as the
        // sorted numbers still tie. One sex of a data zone file is told apart by period, area and
        // age: its 634,816 observation IRIs, the next tie-break, are never read.
        int packed = 0;
        long combinations = 1;
        long[] numbers;
        while (true) {
            while (packed < keys.size() && combinations < n && fits(keys.get(packed), budget, cancel)) {
                budget -= keys.get(packed).bits;
                long values = keys.get(packed).values;
                combinations = combinations > Long.MAX_VALUE / values ? Long.MAX_VALUE : combinations * values;
                packed++;
            }
            numbers = packed(keys.subList(0, packed), indexBits);
            if (packed == keys.size() || !ties(numbers, indexBits) || !fits(keys.get(packed), budget, cancel)) {
                break;
            }
            budget -= keys.get(packed).bits;
            packed++;
        }
        int[] order = new int[n];
        long mask = (1L << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = (int) (numbers[i] & mask);
        }
        List<Key> rest = keys.subList(packed, keys.size());
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && (numbers[end] >>> indexBits) == (numbers[start] >>> indexBits)) {
                end++;
            }
            if (end - start > 1 && !rest.isEmpty()) {
                if (!allRanked(rest, cancel)) {
                    return wholeSort(keys, cancel);
                }
                refine(order, start, end, rest);
            }
            start = end;
        }
        return order;
    }

    private static boolean fits(Key key, int budget, RankedSort.Cancel cancel) {
        return key.ranked(cancel) && key.bits <= budget;
    }

    /** Each row's packed ranks of {@code keys} then its place in the input, sorted. */
    private long[] packed(List<Key> keys, int indexBits) {
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
            long x = 0;
            for (Key k : keys) {
                x = (x << k.bits) | k.ranks[i];
            }
            numbers[i] = (x << indexBits) | i;
        }
        Arrays.sort(numbers);
        return numbers;
    }

    private static boolean ties(long[] sorted, int indexBits) {
        for (int i = 1; i < sorted.length; i++) {
            if ((sorted[i] >>> indexBits) == (sorted[i - 1] >>> indexBits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allRanked(List<Key> keys, RankedSort.Cancel cancel) {
        for (Key k : keys) {
            if (!k.ranked(cancel)) {
                return false;
            }
        }
        return true;
    }

    /** Rows {@code order[start..end)}, tied on the packed keys and in input order, sorted by {@code rest} (stable). */
    private static void refine(int[] order, int start, int end, List<Key> rest) {
        Integer[] tie = new Integer[end - start];
        for (int i = start; i < end; i++) {
            tie[i - start] = order[i];
        }
        Arrays.sort(tie, (a, b) -> {
            for (Key k : rest) {
                int x = Integer.compare(k.ranks[a], k.ranks[b]);
                if (x != 0) {
                    return x;
                }
            }
            return 0;
        });
        for (int i = start; i < end; i++) {
            order[i] = tie[i - start];
        }
    }

    /** As RankedSort sorts: TimSort over the input order with ARQ's sign for each comparison. */
    private int[] wholeSort(List<Key> keys, RankedSort.Cancel cancel) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        all.sort(RankedSort.abortable(
                (a, b) -> {
                    for (Key k : keys) {
                        int x = k.compare(a, b);
                        if (x != 0) {
                            return x;
                        }
                    }
                    return 0;
                },
                cancel));
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The sort keys: each condition's variable, then every variable of the rows in name order (ARQ's
     * tie-break; the parent row's variables are the same in every row and decide nothing).
     */
    private List<Key> keys(List<SortCondition> conditions) {
        List<RankedSort.Condition> plain = RankedSort.plainConditions(conditions);
        if (plain == null) {
            return null;
        }
        List<Key> keys = new ArrayList<>();
        for (RankedSort.Condition c : plain) {
            int column = column(c.var());
            if (column < 0) {
                return null;
            }
            keys.add(new Key(column, c.kind()));
        }
        Integer[] byName = new Integer[vars.length];
        for (int i = 0; i < byName.length; i++) {
            byName[i] = i;
        }
        Arrays.sort(byName, Comparator.comparing(i -> vars[i].getName()));
        for (int column : byName) {
            keys.add(new Key(column, RankedSort.SYNTACTIC));
        }
        return keys;
    }

    private int column(Var v) {
        for (int i = 0; i < vars.length; i++) {
            if (vars[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }

    /** One key: a column and ARQ's comparison for it; its ranks once asked for, when exact. */
    private final class Key {
        final int column;
        final Comparator<Node> order;
        final int kind;
        /** Each row's rank, null until computed or when the key is compared by value. */
        int[] ranks;

        /** Bits of the highest rank, and how many ranks (distinct values) there are, once ranked. */
        int bits;

        long values;
        private boolean tried;

        Key(int column, int kind) {
            this.column = column;
            this.kind = kind;
            this.order = RankedSort.order(kind);
        }

        long id(int row) {
            return ids[row * vars.length + column];
        }

        /** Whether the key is ranked (computing its ranks on the first call). */
        boolean ranked(RankedSort.Cancel cancel) {
            if (!tried) {
                tried = true;
                ranks = rank(cancel);
            }
            return ranks != null;
        }

        int compare(int a, int b) {
            if (ranks != null) {
                return Integer.compare(ranks[a], ranks[b]);
            }
            return order.compare(decoder.decode(id(a)), decoder.decode(id(b)));
        }

        /** Each row's rank ({@link RankedSort#ranks}), and how many ranks there are and their bits; null when by value. */
        private int[] rank(RankedSort.Cancel cancel) {
            int[] r = RankedSort.ranks(n, i -> decoder.decode(id(i)), kind, cancel);
            if (r != null) {
                int highest = 0;
                for (int x : r) {
                    highest = Math.max(highest, x);
                }
                bits = 32 - Integer.numberOfLeadingZeros(highest);
                values = highest + 1L;
            }
            return r;
        }
    }
}
