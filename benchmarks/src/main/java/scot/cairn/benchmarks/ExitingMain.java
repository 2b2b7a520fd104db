package scot.cairn.benchmarks;

/**
 * The main method of the benchmarks that start an embedded server: runs the benchmark, then ends
 * the JVM with 0, or prints the failure and ends it with 1 (the server's non-daemon threads would
 * otherwise keep a finished or failed run alive).
 */
final class ExitingMain {
    /** A benchmark's body, given the command-line arguments. */
    @FunctionalInterface
    interface Body {
        void run(String[] args) throws Exception;
    }

    private ExitingMain() {}

    static void run(Body body, String[] args) {
        try {
            body.run(args);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
