package scot.cairn.loaders.cube.ic;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.Folders;

/**
 * The 21 constraints on a 100,000-observation cube (1,000 areas; the areas are the first argument)
 * in an on-disk TDB2 store that also holds a second cube of the same size, with the wall and CPU
 * time of each constraint and of the check of a copy with one duplicated observation: the figures
 * of docs/BENCHMARKS.md, "Integrity constraints at scale". A main, not a test: it measures, and
 * {@link IntegrityConstraintsScaleIT} checks the same behaviour on a small cube. Its stores are
 * deleted when it ends.
 */
final class IntegrityConstraintsScaleBenchmark {
    private IntegrityConstraintsScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        GeneratedCube cube = new GeneratedCube(args.length > 0 ? Integer.parseInt(args[0]) : 1_000);
        Path dir = Files.createTempDirectory("ic-scale");
        try {
            measure(cube, dir);
        } finally {
            Folders.delete(dir);
        }
    }

    private static void measure(GeneratedCube cube, Path dir) throws Exception {
        try (TripleStore store = TripleStore.open(dir.resolve("store"))) {
            for (String slug : List.of("big-cube", "neighbour")) {
                long t0 = System.nanoTime();
                long quads = cube.publish(store, slug);
                System.out.printf("loaded %s: %,d quads in %.1f s%n", slug, quads, (System.nanoTime() - t0) / 1e9);
            }
            long t0 = System.nanoTime();
            List<IntegrityConstraints.Outcome> outcomes =
                    IntegrityConstraints.run(store, GeneratedCube.target("big-cube"));
            long totalMs = (System.nanoTime() - t0) / 1_000_000;
            outcomes.forEach(o -> System.out.printf(
                    "%-6s %7d ms wall %7d ms cpu %s%n",
                    o.constraint(), o.millis(), o.cpuMillis(), o.violation() == null ? "holds" : o.violation()));
            System.out.printf(
                    "all %d constraints on %,d observations: %,d ms wall, %,d ms cpu, load average %.1f%n",
                    outcomes.size(),
                    cube.observations(),
                    totalMs,
                    outcomes.stream()
                            .mapToLong(IntegrityConstraints.Outcome::cpuMillis)
                            .sum(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        try (TripleStore copy = TripleStore.open(dir.resolve("with-duplicate"))) {
            cube.publishWithDuplicate(copy, "big-cube");
            long t0 = System.nanoTime();
            List<Violation> violations = IntegrityConstraints.check(copy, GeneratedCube.SCHEME, "big-cube");
            System.out.printf(
                    "check with one duplicate: %,d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, violations);
        }
    }
}
