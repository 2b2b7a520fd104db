package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.cli.CliRun;
import scot.cairn.testsupport.Folders;

/**
 * The server of the ITs that prepare a data folder with {@code cairn} commands and then start the
 * publisher over it: on free ports, stopped with its folder deleted.
 */
public final class PublisherUnderTest {
    private PublisherUnderTest() {}

    /** Runs a {@code cairn} command in this JVM; it must succeed (its error output names why not). */
    public static CliRun cli(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as("cairn %s%n%s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    /** Starts the publisher over {@code dataDir} on free HTTP and Fuseki ports, with further settings. */
    public static ConfigurableApplicationContext start(Path dataDir, String... settings) {
        List<String> args =
                new ArrayList<>(List.of("--server.port=0", "--cairn.data-dir=" + dataDir, "--cairn.fuseki.port=0"));
        args.addAll(List.of(settings));
        return PublisherApplication.start(args.toArray(String[]::new));
    }

    /** The HTTP port the started publisher listens on. */
    public static int port(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Stops the publisher (when it started) and deletes its data folder. */
    public static void stop(ConfigurableApplicationContext app, Path dataDir) throws IOException {
        if (app != null) {
            app.close();
        }
        Folders.delete(dataDir);
    }
}
