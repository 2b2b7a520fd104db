package scot.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link TripleStore} writes publications: given when the store is opened (the server binds
 * it from {@code cairn.store.*}, the command line from its options), checked then, never read from
 * system properties.
 *
 * @param parallelIndexing whether each quad index is written by its own thread inside the
 *                         publication's transaction; false writes them from the publishing thread
 *                         with {@code DatasetGraph.add} (less CPU in total, slower on an idle machine)
 * @param indexBatch       quads handed to the index threads at a time: each thread sorts a batch in
 *                         its index's order; a publication of more than one batch keeps all but the
 *                         last on disk as sorted runs until it ends. Bounds the memory of a publication
 * @param sortDir          where those sorted runs go while a publication runs (32 bytes per new quad
 *                         and index), deleted when it ends
 */
public record StoreTuning(boolean parallelIndexing, int indexBatch, Path sortDir) {

    /** Quads per batch by default: large enough for sorting to give locality, small enough to bound memory. */
    public static final int DEFAULT_INDEX_BATCH = 200_000;

    /** Largest batch: each index thread holds one batch of records (about 100 bytes each) in memory. */
    public static final int MAX_INDEX_BATCH = 10_000_000;

    public StoreTuning {
        Objects.requireNonNull(sortDir, "the sort folder (cairn.store.sort-dir) must be given");
        if (indexBatch < 1 || indexBatch > MAX_INDEX_BATCH) {
            throw new IllegalArgumentException("the index batch (cairn.store.index-batch) must be between 1 and "
                    + MAX_INDEX_BATCH + ", not " + indexBatch);
        }
        sortDir = sortDir.toAbsolutePath();
    }

    /** Parallel indexing, batches of {@value #DEFAULT_INDEX_BATCH}, runs in the system's temporary folder. */
    public static StoreTuning defaults() {
        return new StoreTuning(true, DEFAULT_INDEX_BATCH, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public StoreTuning withParallelIndexing(boolean on) {
        return new StoreTuning(on, indexBatch, sortDir);
    }

    public StoreTuning withIndexBatch(int quads) {
        return new StoreTuning(parallelIndexing, quads, sortDir);
    }

    public StoreTuning withSortDir(Path dir) {
        return new StoreTuning(parallelIndexing, indexBatch, dir);
    }

    /**
     * Fails now, rather than in the middle of a publication, when the sort folder cannot be used:
     * creates it when absent and checks that it is a writable folder.
     *
     * @throws IllegalArgumentException naming the folder and the setting
     */
    void checkSortDir() {
        try {
            Files.createDirectories(sortDir);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "the sort folder (cairn.store.sort-dir) " + sortDir + " cannot be created: " + e, e);
        }
        if (!Files.isDirectory(sortDir) || !Files.isWritable(sortDir)) {
            throw new IllegalArgumentException(
                    "the sort folder (cairn.store.sort-dir) " + sortDir + " is not a writable folder");
        }
    }
}
