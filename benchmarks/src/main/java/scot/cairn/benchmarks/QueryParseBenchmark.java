package scot.cairn.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;

/**
 * How long Jena takes to parse the R client's slice query, in a JVM started with and without
 * {@code -XX:-DontCompileHugeMethods}, side by side in one run (each in a child JVM with the same
 * heap). Jena's JavaCC lexer ({@code ARQParserTokenManager.jjMoveNfa_0}) is over HotSpot's
 * 8,000-bytecode limit for compilation, so by default it is interpreted for ever.
 *
 * <p>Run: {@code java -cp "benchmarks/target/cairn-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
 * scot.cairn.benchmarks.QueryParseBenchmark [parses per round] [rounds]}
 */
public final class QueryParseBenchmark {

    private QueryParseBenchmark() {}

    public static void main(String[] args) throws Exception {
        int parses = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        if (args.length > 2 && args[2].equals("child")) {
            child(parses, rounds);
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        System.out.printf(
                Locale.ROOT,
                "load average at start %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String flag : new String[] {"-XX:+DontCompileHugeMethods", "-XX:-DontCompileHugeMethods"}) {
            List<String> cmd = new ArrayList<>(List.of(
                    java,
                    "-Xmx512m",
                    flag,
                    "-cp",
                    cp,
                    QueryParseBenchmark.class.getName(),
                    Integer.toString(parses),
                    Integer.toString(rounds),
                    "child"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("round")) {
                        System.out.println(flag + ": " + line);
                    }
                }
            }
            p.waitFor();
        }
        System.out.printf(
                Locale.ROOT,
                "load average at end %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void child(int parses, int rounds) {
        org.apache.jena.sys.JenaSystem.init();
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < parses; i++) {
                QueryFactory.create(SliceQueryBenchmark.rClientQuery(round * parses + i), Syntax.syntaxARQ);
            }
            double us = (System.nanoTime() - t0) / 1e3 / parses;
            System.out.printf(Locale.ROOT, "round %d: %.1f us per parse (%d parses)%n", round, us, parses);
        }
    }
}
