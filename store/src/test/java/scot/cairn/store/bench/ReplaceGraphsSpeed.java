package scot.cairn.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;

/**
 * Quads/s of {@link TripleStore#replaceGraphs} into a fresh TDB2 folder, of a reload (the same
 * graph replaced: drop and write) and of {@link TripleStore#dropGraphs}, single-thread path
 * against the parallel index writer, alternating in one process. A main, not a test:
 * <pre>
 * mvn -q -o -pl store test-compile
 * java -cp "store/target/classes:store/target/test-classes:$(cat store/target/classpath.txt)" \
 *   scot.cairn.store.bench.ReplaceGraphsSpeed /tmp/rg-speed 2000000 2
 * </pre>
 */
public final class ReplaceGraphsSpeed {
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int quads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        for (int r = 0; r < rounds; r++) {
            for (boolean parallel : new boolean[] {false, true}) {
                Path db = dir.resolve((parallel ? "parallel-" : "plain-") + r);
                delete(db);
                try (TripleStore store =
                        TripleStore.open(db, StoreTuning.defaults().withParallelIndexing(parallel))) {
                    String mode = parallel ? "parallel" : "plain";
                    timed(
                            mode + " round " + r + ", into a fresh folder",
                            quads,
                            () -> store.replaceGraphs(cube(quads, "a")));
                    timed(
                            mode + " round " + r + ", reload (drop + write)",
                            quads,
                            () -> store.replaceGraphs(cube(quads, "b")));
                    timed(mode + " round " + r + ", drop", quads, () -> store.dropGraphs(List.of(G)));
                }
                delete(db);
            }
        }
    }

    private static final String G = "http://example.org/g";

    private static void timed(String what, int quads, Runnable step) {
        long t0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        double la = OS.getSystemLoadAverage();
        step.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-45s %,d quads in %.1f s = %,.0f quads/s, cpu %.1f s (load avg %.1f -> %.1f)%n",
                what + ":",
                quads,
                wall,
                quads / wall,
                cpu,
                la,
                OS.getSystemLoadAverage());
    }

    /** Six quads per observation, like a cube's; {@code tag} makes the values differ between loads. */
    private static GraphReplacement cube(int quads, String tag) {
        return new GraphReplacement(List.of(G), sink -> {
            Node g = NodeFactory.createURI(G);
            Node type = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
            Node obsClass = NodeFactory.createURI("http://purl.org/linked-data/cube#Observation");
            Node ds = NodeFactory.createURI("http://purl.org/linked-data/cube#dataSet");
            Node area = NodeFactory.createURI("http://purl.org/linked-data/sdmx/2009/dimension#refArea");
            Node period = NodeFactory.createURI("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod");
            Node value = NodeFactory.createURI("http://statistics.gov.scot/def/measure-properties/count");
            Node d = NodeFactory.createURI("http://statistics.gov.scot/data/bench");
            int obs = quads / 6;
            for (int i = 0; i < obs; i++) {
                Node o = NodeFactory.createURI(
                        "http://statistics.gov.scot/data/bench/S01" + (6506 + i / 300) + "/" + (i % 300));
                sink.add(Quad.create(g, o, type, obsClass));
                sink.add(Quad.create(g, o, ds, d));
                sink.add(Quad.create(
                        g,
                        o,
                        area,
                        NodeFactory.createURI(
                                "http://statistics.gov.scot/id/statistical-geography/S01" + (6506 + i / 300))));
                sink.add(Quad.create(
                        g,
                        o,
                        period,
                        NodeFactory.createURI("http://reference.data.gov.uk/id/year/" + (2011 + i % 10))));
                sink.add(Quad.create(g, o, value, NodeFactory.createLiteralString(tag + (i % 1000))));
                sink.add(Quad.create(
                        g,
                        o,
                        NodeFactory.createURI("http://example.org/p" + (i % 3)),
                        NodeFactory.createLiteralString("x" + (i % 7))));
            }
        });
    }

    private static void delete(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
