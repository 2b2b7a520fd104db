package scot.cairn.replication;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.ChangeObserver;

/**
 * The publisher's side of the log: each write transaction's changes are written as RDF Patch text
 * to a file in the outbox while the transaction runs; just before it commits, the patch and the
 * side files it wrote (hard links, so later changes cannot alter them) are moved into
 * {@code outbox/<generation>/} in one rename. The store commits its generation in the same
 * transaction, so after a crash every committed generation has its outbox entry (sent, or to send),
 * and an entry above the store's generation was never committed and is discarded. The
 * {@link OutboxSender} sends entries to Kafka and removes them.
 */
final class ChangeLog implements ChangeObserver {
    static final String PATCH = "patch.rdfp";
    static final String FILES = "files";
    static final String REMOVED = "removed.txt";
    /** The graphs the patch drops whole ({@link GraphDrops}); absent when none. */
    static final String DROPS = "drops.txt";

    private final Path outbox;
    private final SideFiles side;
    private final Runnable committed;

    ChangeLog(Path outbox, SideFiles side, Runnable committed) {
        this.outbox = outbox;
        this.side = side;
        this.committed = committed;
        try {
            Files.createDirectories(outbox);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the replication outbox " + outbox, e);
        }
    }

    static String entryName(long generation) {
        return String.format("%020d", generation);
    }

    @Override
    public Recorder begin() {
        return new Entry();
    }

    private final class Entry implements Recorder {
        private final Path work = outbox.resolve(".tx-" + UUID.randomUUID());
        private OutputStream out;
        private RDFChangesWriterText writer;
        private Path prepared;
        /** Rows written to the patch so far. */
        private long rows;

        private final java.util.List<String> drops = new java.util.ArrayList<>();

        private RDFChangesWriterText writer() {
            if (writer == null) {
                try {
                    Files.createDirectories(work);
                    out = new BufferedOutputStream(Files.newOutputStream(work.resolve(PATCH)), 1 << 16);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the replication outbox " + work, e);
                }
                writer = RDFChangesWriterText.create(out);
                writer.start();
            }
            return writer;
        }

        @Override
        public void add(Quad q) {
            writer().add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            rows++;
        }

        @Override
        public void delete(Quad q) {
            writer().delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            rows++;
        }

        @Override
        public void droppedGraph(org.apache.jena.graph.Node graph, long quads) {
            if (graph.isURI()
                    && graph.getURI().chars().noneMatch(Character::isWhitespace)
                    && GraphDrops.worthNoting(quads, drops.size())
                    && quads <= rows) {
                drops.add(new GraphDrops.Drop(rows - quads, quads, graph.getURI()).line());
            }
        }

        @Override
        public void prepare(long generation) throws IOException {
            writer();
            writer.finish();
            writer.close();
            out.close();
            force(work.resolve(PATCH));
            SideFiles.Diff diff = side.diff();
            for (String rel : diff.written()) {
                Path target = work.resolve(FILES).resolve(rel);
                Files.createDirectories(target.getParent());
                Path source = side.root().resolve(rel);
                try {
                    Files.createLink(target, source);
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.write(work.resolve(REMOVED), diff.removed());
            if (!drops.isEmpty()) {
                Files.write(work.resolve(DROPS), drops);
            }
            Path entry = outbox.resolve(entryName(generation));
            deleteTree(entry); // left by a transaction that prepared this generation and then failed to commit
            Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
            prepared = entry;
        }

        @Override
        public void committed(long generation) {
            committed.run();
        }

        @Override
        public void aborted() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // the file is deleted below
            }
            deleteTree(work);
            if (prepared != null) {
                deleteTree(prepared);
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary entry is ignored and removed at the next start
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
