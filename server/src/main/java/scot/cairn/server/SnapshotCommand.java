package scot.cairn.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.replication.Snapshots;
import scot.cairn.store.TripleStore;

/**
 * Writes a snapshot of a data folder (a TDB2 backup, the versions folder and the store's state,
 * its offset in the topic when taken from a replica), from which {@code serve --role replica
 * --snapshot DIR} makes a new replica. The server must not be running on the folder: take a
 * replica out of the balancer, stop it, snapshot it, start it again.
 */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description =
                "Write a snapshot of a data folder (server stopped) for starting new replicas (serve --role replica --snapshot DIR).")
public final class SnapshotCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Data folder to snapshot (default cairn-data).")
    Path dataDir = Path.of("cairn-data");

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to create for the snapshot (must not exist).")
    Path target;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dataDir.resolve("tdb2"))) {
            System.err.println(dataDir + " has no store (tdb2)");
            return 1;
        }
        try (TripleStore store = TripleStore.open(dataDir.resolve("tdb2"))) {
            Map<String, String> state = Snapshots.write(store, dataDir, target);
            System.out.println(
                    "snapshot of " + dataDir + " written to " + target + ": generation " + state.get("generation")
                            + (state.containsKey("replication-offset")
                                    ? ", topic offset " + state.get("replication-offset")
                                    : ""));
        }
        return 0;
    }
}
