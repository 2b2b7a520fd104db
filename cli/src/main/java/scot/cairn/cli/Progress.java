package scot.cairn.cli;

import java.io.PrintStream;
import java.util.Locale;
import scot.cairn.loaders.cube.LoadProgress;

/**
 * What a long command is doing, on standard error (standard output keeps the command's result):
 * on a terminal, one line rewritten in place; in a pipe or a log, a new line every few seconds
 * and at the end of each step, never a carriage return. {@code CAIRN_PROGRESS=lines} or
 * {@code terminal} overrides the choice; {@code --quiet} (or {@code CAIRN_PROGRESS=off}) silences it.
 */
final class Progress {

    /** How often a pipe gets a line while a step runs. */
    private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private boolean pending;
    private long lastLine;

    private Progress(PrintStream out, boolean terminal, boolean quiet) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** Progress on standard error, in the form its destination suits. */
    static Progress onStandardError(boolean quiet) {
        String mode = System.getenv().getOrDefault("CAIRN_PROGRESS", "").strip().toLowerCase(Locale.ROOT);
        boolean terminal = mode.equals("terminal")
                || mode.isEmpty() && System.console() != null && !"dumb".equals(System.getenv("TERM"));
        return new Progress(System.err, terminal, quiet || mode.equals("off"));
    }

    /** For tests: lines on {@code out}. */
    static Progress lines(PrintStream out) {
        return new Progress(out, false, false);
    }

    /** Says that a step starts (reading a file, writing, committing). */
    synchronized void step(String text) {
        if (quiet) {
            return;
        }
        endLine();
        out.println(text);
        out.flush();
        lastLine = System.nanoTime();
    }

    /**
     * A count going up ({@code what}: rows, features, quads): on a terminal every update, in a pipe
     * one line every few seconds and the last.
     */
    synchronized void count(String what, long n, double perSecond, boolean done) {
        if (quiet) {
            return;
        }
        String text = String.format(Locale.ROOT, "%,12d %s  %,10.0f %s/s", n, what, perSecond, what);
        if (terminal) {
            out.print("\r" + text);
            pending = !done;
            if (done) {
                out.println();
            }
        } else if (done || System.nanoTime() - lastLine >= LINE_INTERVAL_NANOS) {
            out.println(text.strip());
            lastLine = System.nanoTime();
        }
        out.flush();
    }

    /** The cube loader's row counts. */
    LoadProgress rows() {
        return (rows, rate, done) -> count("rows", rows, rate, done);
    }

    /** Ends a line left open on a terminal, before an error or a result is printed. */
    synchronized void endLine() {
        if (pending) {
            out.println();
            pending = false;
        }
    }
}
