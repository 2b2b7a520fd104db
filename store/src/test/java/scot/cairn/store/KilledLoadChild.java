package scot.cairn.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Run by {@link KilledLoadIT} in a JVM of its own: publishes a first content (committed), then a
 * large one whose sorted runs are written, and waits there to be killed.
 * Arguments: the store folder, the sort folder.
 */
final class KilledLoadChild {
    private KilledLoadChild() {}

    public static void main(String[] args) throws Exception {
        Path storeDir = Path.of(args[0]);
        Path sortDir = Path.of(args[1]);
        // small batches: the large content makes several sorted runs
        TripleStore store = TripleStore.open(storeDir, new StoreTuning(true, 3_000, sortDir));
        store.replaceGraphs(ParallelIndexWriterTest.other(2_500));
        System.out.println("COMMITTED " + store.size());
        GraphReplacement big = ParallelIndexWriterTest.cube("killed", 20_000);
        store.replaceGraphs(new GraphReplacement(big.graphs(), sink -> {
            big.writer().writeTo(sink);
            try {
                while (!hasRuns(sortDir)) {
                    Thread.onSpinWait();
                }
                System.out.println("RUNS");
                new CountDownLatch(1).await(); // until killed
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static boolean hasRuns(Path sortDir) throws java.io.IOException {
        try (var dirs = Files.list(sortDir)) {
            return dirs.anyMatch(d -> Files.exists(d.resolve("run-0")));
        }
    }
}
