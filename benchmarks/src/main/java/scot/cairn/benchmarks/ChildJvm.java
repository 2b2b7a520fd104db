package scot.cairn.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code cairn} command ({@code scot.cairn.server.Cairn}) in a JVM of its own, on this JVM's
 * class path, so that the fault suite can kill it with SIGKILL as a crash or the OOM killer
 * would: no shutdown hooks, no finally blocks. Its output goes to a log file.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code cairn args...} with its temporary folder (where publications write sorted runs) at {@code tmp}. */
    static ChildJvm start(String name, Path logDir, Path tmp, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                "scot.cairn.server.Cairn"));
        cmd.addAll(List.of(args));
        Path log = logDir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ChildJvm(name, p, log);
    }

    /** Runs a command to its end; its exit code (the output is in {@link #output}). */
    static ChildJvm run(String name, Path logDir, Path tmp, String... args) throws Exception {
        ChildJvm child = start(name, logDir, tmp, args);
        if (!child.process.waitFor(10, TimeUnit.MINUTES)) {
            child.kill9();
            throw new IllegalStateException(name + " did not end within 10 minutes; see " + child.log);
        }
        return child;
    }

    int exitCode() {
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /**
     * Polls {@code condition} every millisecond until it holds (true) or the process ends (false):
     * what the fault suite watches for on disk is written for a short time only.
     */
    boolean awaitWhileAlive(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return condition.getAsBoolean();
            }
            process.waitFor(1, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** The first match of {@code pattern} in the output, waiting for it while the process runs. */
    Matcher awaitOutput(Pattern pattern, long maxMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                break;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(name + ": no '" + pattern + "' in its output; see " + log);
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /** A clean stop (SIGTERM), then SIGKILL if it does not end within a minute. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(1, TimeUnit.MINUTES)) {
                    kill9();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
