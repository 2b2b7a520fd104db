package scot.cairn.testsupport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, one node) on loopback for integration tests, started and
 * stopped by the project's own script {@code replication/scripts/kafka-broker.sh} from Maven
 * Central artifacts. Close it to stop the broker.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path script;
    private final Path dir;
    private final int port;

    private KafkaBroker(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /** The project's root folder, from {@code cairn.project.dir} (set by the build) or the working folder's parents. */
    public static Path projectDir() {
        String p = System.getProperty("cairn.project.dir");
        if (p != null && Files.isDirectory(Path.of(p, "replication"))) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("replication").resolve("scripts"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project folder (set -Dcairn.project.dir)");
    }

    /** Starts a broker with its data in {@code dir} on free loopback ports; waits until it listens. */
    public static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        Path script = projectDir().resolve("replication/scripts/kafka-broker.sh");
        int port = freePort();
        int controller = freePort();
        run(script, "start", dir.toString(), Integer.toString(port), Integer.toString(controller));
        return new KafkaBroker(script, dir, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(Path script, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = script.toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("kafka-broker.sh " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try {
            run(script, "stop", dir.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the broker in " + dir);
        }
    }
}
