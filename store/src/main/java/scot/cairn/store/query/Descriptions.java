package scot.cairn.store.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.syntax.ElementGroup;

/**
 * SPARQL DESCRIBE, streamed and stoppable.
 *
 * <p>Why not ARQ's own: it first collects every resource the pattern binds, then describes each
 * one into a single in-memory model, and the describing never looks at the query's cancel flag.
 * {@code DESCRIBE ?s WHERE { ?s ?p ?o }} on a large store thus ran for minutes after its time
 * limit had cancelled it, building a copy of the store in the heap. Here the resources come from
 * an ordinary SELECT ({@link #resourceQuery}), which the caller runs with its own limits, and
 * their descriptions are produced lazily, one triple at a time, checking the cancel flag on every
 * read, so a DESCRIBE stops at the limit like any other form and its output is bounded by the
 * caller's row and byte limits.
 *
 * <p>The description of a resource is what ARQ's default handler gives: every triple with the
 * resource as subject, in any graph, and, recursively, the triples of the blank nodes they point
 * at. Each triple is given once per resource and each blank node is expanded once per query.
 */
public final class Descriptions {
    /** Reads between two looks at the cancel flag while one resource is described. */
    private static final int CHECK_EVERY = 256;

    private Descriptions() {}

    /**
     * The SELECT that finds the resources {@code describe} describes: the same pattern, dataset
     * and solution modifiers, projecting the described variables. For a DESCRIBE of named
     * resources only ({@code DESCRIBE <uri>}), {@code SELECT * {}}: one empty row.
     */
    public static Query resourceQuery(Query describe) {
        if (!describe.isDescribeType()) {
            throw new IllegalArgumentException("not a DESCRIBE query");
        }
        if (describe.getQueryPattern() == null
                || !describe.isQueryResultStar() && describe.getProjectVars().isEmpty()) {
            Query none = new Query();
            none.setQuerySelectType();
            none.setQueryResultStar(true);
            none.setQueryPattern(new ElementGroup());
            return none;
        }
        Query select = describe.cloneQuery();
        select.setQuerySelectType();
        return select;
    }

    /**
     * The description triples of the resources {@code describe} names and the ones {@code rows}
     * binds (the results of {@link #resourceQuery}), read from {@code dsg}, lazily.
     *
     * @param cancelled    checked before every read; when true, the iteration throws
     *                     {@link QueryCancelledException}
     * @param maxHeld      most resources a query describes, and most triples one resource's
     *                     description has: both are held in memory, to give each once
     * @param tooMany      what to throw past {@code maxHeld}
     */
    public static Iterator<Triple> describe(
            DatasetGraph dsg,
            Query describe,
            Iterator<Binding> rows,
            BooleanSupplier cancelled,
            long maxHeld,
            Supplier<? extends RuntimeException> tooMany) {
        Iterator<Node> named = describe.getResultURIs().iterator();
        Iterator<Node> bound = Iter.flatMap(rows, Descriptions::values);
        return new Described(dsg, Iter.concat(named, bound), cancelled, maxHeld, tooMany);
    }

    private static Iterator<Node> values(Binding row) {
        List<Node> nodes = new ArrayList<>(row.size());
        for (Iterator<Var> vars = row.vars(); vars.hasNext(); ) {
            Node n = row.get(vars.next());
            if (n != null && (n.isURI() || n.isBlank())) {
                nodes.add(n);
            }
        }
        return nodes.iterator();
    }

    /** The lazy walk: one resource at a time, its blank nodes breadth first. */
    private static final class Described implements Iterator<Triple> {
        private final DatasetGraph dsg;
        private final Iterator<Node> resources;
        private final BooleanSupplier cancelled;
        private final long maxHeld;
        private final Supplier<? extends RuntimeException> tooMany;
        /** Resources and blank nodes already described or queued, in this query. */
        private final Set<Node> expanded = new HashSet<>();
        /** Triples of the current resource already given (the same triple may be in several graphs). */
        private final Set<Triple> given = new HashSet<>();

        private final ArrayDeque<Node> pending = new ArrayDeque<>();
        private Iterator<Quad> reading = Iter.nullIterator();
        private int reads;
        private Triple next;

        Described(
                DatasetGraph dsg,
                Iterator<Node> resources,
                BooleanSupplier cancelled,
                long maxHeld,
                Supplier<? extends RuntimeException> tooMany) {
            this.dsg = dsg;
            this.resources = resources;
            this.cancelled = cancelled;
            this.maxHeld = maxHeld;
            this.tooMany = tooMany;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (reading.hasNext()) {
                    if (++reads % CHECK_EVERY == 0) {
                        check();
                    }
                    accept(reading.next().asTriple());
                } else if (!pending.isEmpty()) {
                    check();
                    reading = dsg.find(Node.ANY, pending.poll(), Node.ANY, Node.ANY);
                } else if (resources.hasNext()) {
                    check();
                    Node r = resources.next();
                    given.clear();
                    queue(r);
                } else {
                    return false;
                }
            }
            return true;
        }

        private void accept(Triple t) {
            if (given.add(t)) {
                if (given.size() > maxHeld) {
                    throw tooMany.get();
                }
                if (t.getObject().isBlank()) {
                    queue(t.getObject());
                }
                next = t;
            }
        }

        private void queue(Node n) {
            if (expanded.add(n)) {
                if (expanded.size() > maxHeld) {
                    throw tooMany.get();
                }
                pending.add(n);
            }
        }

        private void check() {
            if (cancelled.getAsBoolean()) {
                throw new QueryCancelledException();
            }
        }

        @Override
        public Triple next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Triple t = next;
            next = null;
            return t;
        }
    }
}
