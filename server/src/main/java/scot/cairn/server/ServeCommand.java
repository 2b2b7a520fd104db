package scot.cairn.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import scot.cairn.replication.Snapshots;

/** Starts the server in the foreground until interrupted. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the server: public port (SPARQL, pages, downloads, tabulation) and loopback Fuseki.",
            "Alone it is a single server. Beside others: --role publisher --kafka HOST:PORT (every write, sent to Kafka)"
                    + " or --role replica --kafka HOST:PORT (read-only, follows the publisher); see docs/replication.md.",
            "Any Spring Boot property may follow, e.g. --server.port=9090 --cairn.fuseki.port=0."
        })
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Public port (default 8080; 0 picks a free port).")
    Integer port;

    @Option(
            names = "--data-dir",
            description = "Data folder for the TDB2 store and the tabulation database (default cairn-data).")
    String dataDir;

    @Option(names = "--base-uri", description = "Base of every minted URI (default http://statistics.gov.scot/).")
    String baseUri;

    @Option(names = "--no-examples", description = "Do not load the bundled examples into an empty store.")
    boolean noExamples;

    @Option(
            names = "--role",
            paramLabel = "single|publisher|replica",
            description = "single (default: one server, no Kafka), publisher (runs every write and sends it to Kafka)"
                    + " or replica (read-only copy kept in step from Kafka).")
    String role;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (publisher and replica).")
    String kafka;

    @Option(names = "--topic", description = "The publications topic (default cairn.publications).")
    String topic;

    @Option(
            names = "--snapshot",
            paramLabel = "DIR",
            description =
                    "Replica: when the data folder has no store yet, make it from this snapshot (see the snapshot command) first.")
    Path snapshot;

    /** Anything else is handed to Spring Boot, e.g. --cairn.fuseki.port=0. */
    @Unmatched
    List<String> properties = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(properties);
        String folder = dataDir != null ? dataDir : "cairn-data";
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (dataDir != null) {
            args.add("--cairn.data-dir=" + dataDir);
        }
        if (baseUri != null) {
            args.add("--cairn.base-uri=" + baseUri);
        }
        if (noExamples) {
            args.add("--cairn.examples=false");
        }
        if (role != null) {
            args.add("--cairn.replication.role=" + role);
            if (!role.matches("single|publisher|replica")) {
                throw new ParameterException(
                        spec.commandLine(), "--role must be single, publisher or replica, not '" + role + "'");
            }
            if (!role.equals("single") && kafka == null) {
                throw new ParameterException(spec.commandLine(), "--role " + role + " needs --kafka HOST:PORT");
            }
        }
        if (kafka != null) {
            args.add("--cairn.replication.kafka=" + kafka);
        }
        if (topic != null) {
            args.add("--cairn.replication.topic=" + topic);
        }
        if ("replica".equals(role)) {
            if (properties.stream().anyMatch(p -> p.startsWith("--cairn.publish.password="))) {
                throw new ParameterException(
                        spec.commandLine(), "a replica takes no publishing password: publish through the publisher");
            }
            args.add("--cairn.examples=false"); // a replica's content comes from its publisher only
            restoreSnapshot(Path.of(folder));
        } else if (snapshot != null) {
            throw new ParameterException(spec.commandLine(), "--snapshot is for --role replica");
        }
        System.out.println(startedLine(PublisherApplication.start(args.toArray(String[]::new))));
        if (!stopsOnOutOfMemory()) {
            LoggerFactory.getLogger(ServeCommand.class)
                    .warn("This JVM keeps running after an OutOfMemoryError, perhaps with its "
                            + "connection threads dead: start java with -XX:+ExitOnOutOfMemoryError, under a supervisor that restarts it "
                            + "(README, \"Set up\").");
        }
        return 0;
    }

    /**
     * The addresses a publisher needs, on standard output once the server is up: with port 0 (either
     * port) they are known only now, and a log line is easy to miss.
     */
    static String startedLine(ConfigurableApplicationContext context) {
        String publicPort = context.getEnvironment().getProperty("local.server.port", "?");
        StringBuilder line = new StringBuilder("Cairn is serving http://localhost:" + publicPort + "/");
        LoopbackFuseki fuseki = context.getBeanProvider(LoopbackFuseki.class).getIfAvailable();
        CairnProperties.Publish publish = context.getBean(CairnProperties.class).publish();
        if (fuseki != null && fuseki.port() > 0 && publish.enabled()) {
            line.append("; publish into it with --endpoint http://127.0.0.1:")
                    .append(fuseki.port())
                    .append(LoopbackFuseki.PUBLISH_PATH)
                    .append(" (user '")
                    .append(publish.user())
                    .append("')");
        } else {
            line.append("; it has no publishing endpoint (start it with a publishing password for one)");
        }
        return line.toString();
    }

    /** Whether an OutOfMemoryError ends the process (-XX:+ExitOnOutOfMemoryError or -XX:+CrashOnOutOfMemoryError). */
    static boolean stopsOnOutOfMemory() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null
                    || "true"
                            .equals(hotspot.getVMOption("ExitOnOutOfMemoryError")
                                    .getValue())
                    || "true"
                            .equals(hotspot.getVMOption("CrashOnOutOfMemoryError")
                                    .getValue());
        } catch (IllegalArgumentException notHotSpot) {
            return true;
        }
    }

    private void restoreSnapshot(Path folder) throws java.io.IOException {
        if (snapshot == null) {
            return;
        }
        Path store = folder.resolve("tdb2");
        boolean empty;
        try (var s = Files.isDirectory(store) ? Files.list(store) : java.util.stream.Stream.<Path>empty()) {
            empty = s.findAny().isEmpty();
        }
        if (empty) {
            var state = Snapshots.restore(snapshot, folder);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "restored %s from the snapshot %s (generation %s)%n",
                            folder, snapshot, state.get("generation"));
        } else {
            spec.commandLine()
                    .getOut()
                    .printf("%s already has a store: the snapshot %s is not used%n", folder, snapshot);
        }
    }
}
