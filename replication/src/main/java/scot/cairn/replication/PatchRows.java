package scot.cairn.replication;

import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.changes.RDFChangesNoOp;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.ChangeSink;

/**
 * Reads an RDF Patch with Jena's reader on a thread of its own and hands its rows, in order and
 * in batches, to a sink on the calling thread.
 *
 * <p>Why: for a large publication, parsing the patch text (full IRIs, about 240 bytes a quad) was
 * two thirds of the replica's applying thread (profiled: Jena's tokenizer), and the rest (node ids
 * for the index threads) waited for it. On its own thread it overlaps with that work, as the
 * publisher's CSV reading overlaps with its own. The rows keep their order, so the result is the
 * one the patch gives applied row by row.
 *
 * <p>The parser thread reads the patch's stream (here, Kafka records) while the calling thread
 * waits for rows; it is stopped and waited for before {@link #apply} returns or throws, so
 * whatever the stream reads from is the caller's again afterwards.
 */
final class PatchRows {
    /** Rows per hand-over: large enough that the queue costs nothing per row. */
    static final int BATCH = 4096;

    private static final int QUEUED_BATCHES = 8;

    /** Rows of the patch: {@code adds[i]} says whether {@code quads[i]} is added or deleted. */
    private record Batch(Quad[] quads, boolean[] adds, int size, Throwable failure, boolean last) {}

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private volatile boolean stopped;

    private Quad[] quads = new Quad[BATCH];
    private boolean[] adds = new boolean[BATCH];
    private int size;

    private PatchRows() {}

    /**
     * Parses {@code patch} on a new thread and applies its rows to {@code sink} on this one.
     *
     * @throws RuntimeException what the parser or the sink threw (the same exception)
     */
    static void apply(InputStream patch, ChangeSink sink) {
        PatchRows rows = new PatchRows();
        Thread parser = new Thread(() -> rows.parse(patch), "cairn-patch-parser");
        parser.setDaemon(true);
        parser.start();
        boolean done = false;
        try {
            rows.drain(sink);
            done = true;
        } finally {
            rows.stopped = true;
            if (!done) {
                parser.interrupt(); // it may be waiting for the stream (a Kafka poll)
            }
            boolean interrupted = false;
            while (parser.isAlive()) {
                rows.queue.clear(); // frees a parser waiting to hand a batch over
                try {
                    parser.join(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drain(ChangeSink sink) {
        for (; ; ) {
            Batch b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying a patch", e);
            }
            for (int i = 0; i < b.size(); i++) {
                if (b.adds()[i]) {
                    sink.add(b.quads()[i]);
                } else {
                    sink.delete(b.quads()[i]);
                }
            }
            if (b.failure() instanceof RuntimeException e) {
                throw e;
            }
            if (b.failure() instanceof Error e) {
                throw e;
            }
            if (b.failure() != null) {
                throw new IllegalStateException(b.failure());
            }
            if (b.last()) {
                return;
            }
        }
    }

    /** On the parser thread. */
    private void parse(InputStream patch) {
        try {
            new RDFPatchReaderText(patch).apply(new RDFChangesNoOp() {
                @Override
                public void add(Node g, Node s, Node p, Node o) {
                    row(true, Quad.create(g, s, p, o));
                }

                @Override
                public void delete(Node g, Node s, Node p, Node o) {
                    row(false, Quad.create(g, s, p, o));
                }
            });
            handOver(null, true);
        } catch (CancellationException e) {
            // the applying thread stopped
        } catch (RuntimeException | Error e) {
            try {
                handOver(e, true);
            } catch (CancellationException ignored) {
                // the applying thread stopped
            }
        }
    }

    private void row(boolean add, Quad quad) {
        quads[size] = quad;
        adds[size] = add;
        if (++size == BATCH) {
            handOver(null, false);
        }
    }

    private void handOver(Throwable failure, boolean last) {
        Batch b = new Batch(quads, adds, size, failure, last);
        quads = new Quad[BATCH];
        adds = new boolean[BATCH];
        size = 0;
        try {
            while (!queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            throw new CancellationException();
        }
    }
}
