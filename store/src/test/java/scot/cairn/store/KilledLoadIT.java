package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process while its load writes sorted runs: the committed content is whole (TDB2's
 * tree checks on every index, the same size), and the runs are gone once the store is opened again.
 */
class KilledLoadIT {
    @TempDir
    Path dir;

    @Test
    void aLoadKilledWhileItWritesRunsLeavesTheCommittedContentWholeAndItsRunsAreSwept() throws Exception {
        Path storeDir = dir.resolve("store");
        Path sortDir = Files.createDirectories(dir.resolve("sort"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledLoadChild.class.getName(),
                        storeDir.toString(),
                        sortDir.toString())
                .redirectErrorStream(true)
                .start();
        long committed = -1;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<Long> ready = CompletableFuture.supplyAsync(() -> {
                long size = -1;
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("COMMITTED ")) {
                            size = Long.parseLong(line.substring(10).strip());
                        } else if (line.equals("RUNS")) {
                            return size;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("the child ended before it wrote runs");
            });
            committed = ready.get(5, TimeUnit.MINUTES);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        try (var left = Files.list(sortDir)) {
            assertThat(left.toList()).as("what the killed load left").isNotEmpty();
        }
        long whole = committed;
        try (TripleStore store =
                TripleStore.open(storeDir, StoreTuning.defaults().withSortDir(sortDir))) {
            try (var left = Files.list(sortDir)) {
                assertThat(left.toList()).as("swept when the store opened").isEmpty();
            }
            assertThat(store.size()).isEqualTo(whole);
            List<List<String>> indexes = BPlusTreeMergeTest.indexes(store); // checks every tree deeply
            assertThat(indexes).hasSize(4).allSatisfy(index -> assertThat(index).hasSize((int) whole));
            store.replaceGraphs(ParallelIndexWriterTest.cube("after", 100));
            assertThat(store.size()).isGreaterThan(whole);
        }
    }
}
