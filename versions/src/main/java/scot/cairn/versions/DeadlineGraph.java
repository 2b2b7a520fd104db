package scot.cairn.versions;

import java.util.function.Predicate;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.NiceIterator;

/**
 * A read-only view of a graph that stops at a deadline: every {@code find}, and every 1,024th
 * triple it returns, checks the clock and throws {@link QueryCancelledException} when it has
 * passed. ARQ's own timeout is checked between query results only, so a DESCRIBE (whose
 * descriptions are gathered before the first result) or a CONSTRUCT can run far past it; through
 * this view every form stops within a batch of triples of the limit.
 *
 * <p>Optionally leaves out triples (the version records of the live metadata graph, which the
 * metadata graph of a version does not have).
 */
final class DeadlineGraph extends GraphBase {
    private static final int CHECK_EVERY = 1024;

    private final Graph base;
    private final Deadline deadline;
    private final Predicate<Triple> keep;

    /** @param keep triples to show, or null for all */
    DeadlineGraph(Graph base, Deadline deadline, Predicate<Triple> keep) {
        this.base = base;
        this.deadline = deadline;
        this.keep = keep;
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        check();
        ExtendedIterator<Triple> it = base.find(pattern);
        return new Checked(keep == null ? it : it.filterKeep(keep));
    }

    private void check() {
        if (deadline.passed()) {
            throw new QueryCancelledException();
        }
    }

    /** Passes triples through, checking the deadline every {@value #CHECK_EVERY}. */
    private final class Checked extends NiceIterator<Triple> {
        private final ExtendedIterator<Triple> it;
        private int count;

        Checked(ExtendedIterator<Triple> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public Triple next() {
            if (++count % CHECK_EVERY == 0) {
                check();
            }
            return it.next();
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
