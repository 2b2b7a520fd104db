package scot.cairn.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;

/**
 * Run by {@link ReplicationIT} in a JVM of its own: a replica that follows the topic, says when it
 * has generation 1, then when the index threads of the next publication have written sorted runs
 * (its bulk apply is under way), and waits to be killed.
 * Arguments: the data folder, the sort folder, the bootstrap servers, the topic.
 */
final class KilledApplyChild {
    private KilledApplyChild() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path sortDir = Path.of(args[1]);
        // small batches: a large publication makes several sorted runs
        TripleStore store = TripleStore.open(dataDir.resolve("tdb2"), new StoreTuning(true, 3_000, sortDir));
        ReplicaFollower follower = ReplicaFollower.start(store, dataDir, new KafkaSettings(args[2], args[3], Map.of()));
        if (!follower.awaitGeneration(1, Duration.ofMinutes(3))) {
            System.out.println("FAILED " + follower.status());
            return;
        }
        System.out.println("AT 1");
        while (!hasRuns(sortDir)) {
            Thread.onSpinWait();
        }
        System.out.println("RUNS");
        new CountDownLatch(1).await(); // until killed
    }

    private static boolean hasRuns(Path sortDir) throws java.io.IOException {
        try (var dirs = Files.list(sortDir)) {
            return dirs.anyMatch(d -> Files.exists(d.resolve("run-0")));
        }
    }
}
