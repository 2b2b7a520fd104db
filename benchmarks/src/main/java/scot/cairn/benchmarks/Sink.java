package scot.cairn.benchmarks;

/**
 * Where a timed piece of work leaves its result, so that the JIT cannot drop the work as unused
 * (JMH's Blackhole, for the hand-written timing loops).
 */
final class Sink {
    private static volatile Object last;

    private Sink() {}

    static void use(Object result) {
        last = result;
    }

    static void use(long result) {
        last = result;
    }
}
