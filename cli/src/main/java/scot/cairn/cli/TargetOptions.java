package scot.cairn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.RemoteGraphStore;
import scot.cairn.store.StoreTuning;

/**
 * Where a publishing command writes: the data folder's store ({@link StoreOptions}; a new one, with
 * a note saying so, when there is none), or a running server through its publishing endpoint
 * ({@code --endpoint}, or any SPARQL 1.1 Graph Store Protocol dataset URL). Only the publishing
 * commands have these options, so {@code tabulate --help} does not offer to publish; the same goes for how
 * the embedded store writes a publication ({@code --[no-]parallel-indexing}, {@code --index-batch},
 * {@code --sort-dir}).
 */
public final class TargetOptions {

    @Mixin
    StoreOptions store;

    @Option(
            names = "--endpoint",
            paramLabel = "URL",
            description = "Publish into a running server through its publishing endpoint instead of the data folder, "
                    + "e.g. http://127.0.0.1:3030/publish (the address 'serve' prints on start). Any SPARQL 1.1 "
                    + "Graph Store Protocol dataset URL works too.")
    String endpoint;

    @Option(
            names = "--user",
            defaultValue = "${env:CAIRN_PUBLISH_USER:-publisher}",
            paramLabel = "NAME",
            description = "The publishing user for --endpoint (default: ${DEFAULT-VALUE}; or set CAIRN_PUBLISH_USER).")
    String user;

    @Option(
            names = "--password",
            defaultValue = "${env:CAIRN_PUBLISH_PASSWORD}",
            paramLabel = "PASSWORD",
            description = "The publishing password for --endpoint (or set CAIRN_PUBLISH_PASSWORD).")
    String password;

    @Option(
            names = "--parallel-indexing",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Write each quad index of a publication from its own thread (default: ${DEFAULT-VALUE}); "
                            + "--no-parallel-indexing writes them from the publishing thread (less CPU in total, slower on an idle machine).")
    boolean parallelIndexing;

    @Option(
            names = "--index-batch",
            defaultValue = "" + StoreTuning.DEFAULT_INDEX_BATCH,
            paramLabel = "QUADS",
            description =
                    "Quads handed to the index threads at a time; bounds a publication's memory (default: ${DEFAULT-VALUE}).")
    int indexBatch;

    @Option(
            names = "--sort-dir",
            defaultValue = "${sys:java.io.tmpdir}",
            paramLabel = "DIR",
            description =
                    "Folder for a publication's sorted runs, 32 bytes per new quad and index, deleted when it ends (default: ${DEFAULT-VALUE}).")
    Path sortDir;

    /** True when the command publishes to a remote endpoint. */
    public boolean remote() {
        return endpoint != null;
    }

    /**
     * How the embedded store writes publications, from the options.
     *
     * @throws IllegalArgumentException naming the option's setting when a value is out of range
     */
    public StoreTuning tuning() {
        return new StoreTuning(parallelIndexing, indexBatch, sortDir);
    }

    /** The remote endpoint, or the data folder's store (created, with a note, when there is none). */
    public PublishTarget openTarget() {
        return openTarget(true);
    }

    /** The remote endpoint, or the data folder's store (created when {@code create} and there is none). */
    PublishTarget openTarget(boolean create) {
        if (endpoint != null) {
            return new RemoteGraphStore(
                    endpoint, null, null, user, password, Path.of(System.getProperty("java.io.tmpdir")));
        }
        return store.open(create, tuning());
    }
}
