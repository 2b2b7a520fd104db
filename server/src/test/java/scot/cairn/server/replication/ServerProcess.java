package scot.cairn.server.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code cairn} command run from the packaged jar in its own JVM (so it can be killed with
 * SIGKILL like a real server), its output copied to a log file and offered line by line to
 * {@link #awaitLine}.
 */
final class ServerProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/cairn-exec.jar");

    final String name;
    final Process process;
    final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread pump;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pump = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            PrintWriter w =
                                    new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            w.println(line);
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("(output closed: " + e.getMessage() + ")");
                    }
                },
                "output-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    static ServerProcess start(String name, Path logDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                "java",
                "-Xmx768m",
                "-XX:-DontCompileHugeMethods",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new ServerProcess(name, p, logDir.resolve(name + ".log"));
    }

    /** Runs a command to its end; its output. */
    static String run(Path logDir, String name, String... args) throws Exception {
        try (ServerProcess p = start(name, logDir, args)) {
            if (!p.process.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError(name + " did not end within 5 minutes");
            }
            String out = p.awaitEnd();
            if (p.process.exitValue() != 0) {
                throw new AssertionError(name + " failed (exit " + p.process.exitValue() + "): " + out);
            }
            return out;
        }
    }

    /**
     * The whole output of a process that has ended: the pump ends at the end of the stream, so
     * joining it (rather than waiting for a quiet spell) is enough to have every line.
     */
    private String awaitEnd() throws InterruptedException {
        pump.join(TimeUnit.MINUTES.toMillis(1));
        StringBuilder out = new StringBuilder();
        for (String l : seen) {
            out.append(l).append('\n');
        }
        for (String l = lines.poll(); l != null; l = lines.poll()) {
            out.append(l).append('\n');
        }
        return out.toString();
    }

    /** Waits for an output line that {@code wanted} accepts (lines before it are kept for later waits). */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        for (String l : seen) {
            if (wanted.test(l)) {
                return l;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (; ; ) {
            long left = deadline - System.nanoTime();
            String l = left <= 0 ? null : lines.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (l == null && left > 0 && (process.isAlive() || !lines.isEmpty())) {
                continue;
            }
            if (l == null) {
                throw new AssertionError(name + ": no such line within " + timeout + "; see " + log.toAbsolutePath()
                        + (process.isAlive() ? "" : " (the process exited with " + process.exitValue() + ")"));
            }
            seen.add(l);
            if (wanted.test(l)) {
                return l;
            }
        }
    }

    /** Lines seen so far (by {@link #awaitLine}). */
    List<String> seen() {
        return List.copyOf(seen);
    }

    void awaitStarted() throws InterruptedException {
        awaitLine(
                l -> l.contains("Started Cairn in") || l.contains("Started PublisherApplication"),
                Duration.ofMinutes(4));
    }

    void awaitApplied(long generation) throws InterruptedException {
        awaitLine(
                l -> l.contains("generation " + generation + " applied")
                        || l.contains("generation " + generation + " skipped"),
                Duration.ofMinutes(4));
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
