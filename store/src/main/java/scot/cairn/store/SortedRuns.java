package scot.cairn.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.dboe.base.record.Record;

/**
 * The new keys of one index during a publication, sorted: every batch but the latest as a run on
 * disk, the latest in memory; at the end, one sorted stream of the distinct keys of them all
 * ({@link #merged}).
 *
 * <p>Why on disk: a publication may bring tens of millions of quads; its memory stays one batch per
 * index whatever its size. The runs (32 bytes per key of a quad index) go to a folder of their
 * own under the tuning's sort folder and are deleted by {@link #discard}, whether the publication
 * succeeds or not; those a killed process left are swept ({@link SortRunFolders}).
 *
 * <p>Not thread-safe: used by the one thread that writes the index.
 */
final class SortedRuns {
    private final int keyLength;
    private final Path sortDir;
    private final String name;
    private SortRunFolders.Claim claim;
    private Path dir;
    private final List<Path> runs = new ArrayList<>();
    private Record[] latest;
    private long keys;

    SortedRuns(int keyLength, Path sortDir, String name) {
        this.keyLength = keyLength;
        this.sortDir = sortDir;
        this.name = name;
    }

    /** Adds one batch, sorted in key order; the one before it goes to disk. */
    void add(Record[] sorted) {
        if (latest != null) {
            write(latest);
        }
        latest = sorted;
        keys += sorted.length;
    }

    /** Keys added (duplicates included). */
    long keys() {
        return keys;
    }

    /** Runs on disk. */
    int runCount() {
        return runs.size();
    }

    boolean isEmpty() {
        return keys == 0;
    }

    private void write(Record[] sorted) {
        if (dir == null) {
            claim = SortRunFolders.claim(sortDir, name);
            dir = claim.dir();
        }
        Path run = dir.resolve("run-" + runs.size());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run), 1 << 20)) {
            for (Record r : sorted) {
                out.write(r.getKey(), 0, keyLength);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sort run " + run, e);
        }
        runs.add(run);
    }

    /**
     * The distinct keys of every batch in order; close it (it holds the runs open), then
     * {@link #discard}.
     */
    SortedKeys merged() {
        List<Cursor> cursors = new ArrayList<>();
        int buffer = Math.max(8 << 10, Math.min(256 << 10, (32 << 20) / Math.max(1, runs.size())));
        try {
            for (Path run : runs) {
                cursors.add(new RunCursor(run, keyLength, buffer));
            }
            if (latest != null) {
                cursors.add(new ArrayCursor(latest));
            }
        } catch (RuntimeException e) {
            cursors.forEach(Cursor::close);
            throw e;
        }
        return new Merge(cursors);
    }

    /** Deletes the runs and their folder (after the merge, or when the publication is cancelled). */
    void discard() {
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                // best effort: a leftover file in the temporary folder does no harm
            }
        }
        runs.clear();
        latest = null;
        if (claim != null) {
            claim.release();
            claim = null;
            dir = null;
        }
    }

    /** The distinct keys of one sorted array. */
    static SortedKeys of(Record[] sorted) {
        return new Merge(List.of(new ArrayCursor(sorted)));
    }

    /** A sorted source of keys. */
    private abstract static class Cursor {
        byte[] key;

        /** Moves to the next key; false at the end. */
        abstract boolean advance();

        void close() {}

        int compareTo(Cursor other) {
            return Arrays.compareUnsigned(key, other.key);
        }
    }

    private static final class ArrayCursor extends Cursor {
        private final Record[] records;
        private int next;

        ArrayCursor(Record[] records) {
            this.records = records;
        }

        @Override
        boolean advance() {
            if (next == records.length) {
                return false;
            }
            key = records[next++].getKey();
            return true;
        }
    }

    private static final class RunCursor extends Cursor {
        private final InputStream in;
        private final Path run;
        private final int keyLength;

        RunCursor(Path run, int keyLength, int buffer) {
            this.run = run;
            this.keyLength = keyLength;
            try {
                this.in = new BufferedInputStream(Files.newInputStream(run), buffer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sort run " + run, e);
            }
        }

        @Override
        boolean advance() {
            byte[] next = new byte[keyLength]; // a new array: the merge hands keys on without copying
            try {
                int n = in.readNBytes(next, 0, keyLength);
                if (n == 0) {
                    return false;
                }
                if (n < keyLength) {
                    throw new EOFException("truncated sort run " + run);
                }
                key = next;
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sort run " + run, e);
            }
        }

        @Override
        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // read only: nothing lost
            }
        }
    }

    /**
     * The keys of all cursors in order, each distinct key once: a binary heap of cursors whose top
     * is replaced in place as it advances, so a cursor that stays smallest (runs of ascending new
     * subjects do not overlap) costs two comparisons per key.
     */
    private static final class Merge implements SortedKeys {
        private final Cursor[] heap;
        private final List<Cursor> all;
        private int size;
        private byte[] next;

        Merge(List<Cursor> cursors) {
            all = cursors;
            heap = new Cursor[cursors.size()];
            for (Cursor c : cursors) {
                if (c.advance()) {
                    heap[size++] = c;
                }
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
            next = pull(null);
        }

        @Override
        public byte[] peek() {
            return next;
        }

        @Override
        public void advance() {
            next = pull(next);
        }

        /** The smallest key above {@code previous}, or null. */
        private byte[] pull(byte[] previous) {
            while (size > 0) {
                Cursor top = heap[0];
                byte[] key = top.key;
                if (!top.advance()) {
                    heap[0] = heap[--size];
                    heap[size] = null;
                }
                if (size > 0) {
                    siftDown(0);
                }
                if (previous == null || !Arrays.equals(key, previous)) {
                    return key;
                }
            }
            return null;
        }

        private void siftDown(int i) {
            Cursor c = heap[i];
            for (; ; ) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1].compareTo(heap[child]) < 0) {
                    child++;
                }
                if (heap[child].compareTo(c) >= 0) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = c;
        }

        @Override
        public void close() {
            all.forEach(Cursor::close);
        }
    }
}
