package scot.cairn.server;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** Starts the server in the foreground until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the server: public port (SPARQL, pages, downloads, tabulation) and loopback Fuseki.",
                "Any Spring Boot property may follow, e.g. --server.port=9090 --cairn.fuseki.port=0."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Public port (default 8080; 0 picks a free port).")
    Integer port;

    @Option(names = "--data-dir", description = "Data folder for the TDB2 store and the tabulation database (default cairn-data).")
    String dataDir;

    @Option(names = "--base-uri", description = "Base of every minted URI (default http://statistics.gov.scot/).")
    String baseUri;

    @Option(names = "--no-examples", description = "Do not load the bundled examples into an empty store.")
    boolean noExamples;

    /** Anything else is handed to Spring Boot, e.g. --cairn.fuseki.port=0. */
    @Unmatched
    List<String> properties = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(properties);
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
        PublisherApplication.start(args.toArray(String[]::new));
        if (!stopsOnOutOfMemory()) {
            LoggerFactory.getLogger(ServeCommand.class).warn("This JVM keeps running after an OutOfMemoryError, perhaps with its "
                    + "connection threads dead: start java with -XX:+ExitOnOutOfMemoryError, under a supervisor that restarts it "
                    + "(README, \"Set up\").");
        }
        return 0;
    }

    /** Whether an OutOfMemoryError ends the process (-XX:+ExitOnOutOfMemoryError or -XX:+CrashOnOutOfMemoryError). */
    static boolean stopsOnOutOfMemory() {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null || "true".equals(hotspot.getVMOption("ExitOnOutOfMemoryError").getValue())
                    || "true".equals(hotspot.getVMOption("CrashOnOutOfMemoryError").getValue());
        } catch (IllegalArgumentException notHotSpot) {
            return true;
        }
    }
}
