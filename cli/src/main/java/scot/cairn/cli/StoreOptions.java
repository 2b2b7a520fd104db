package scot.cairn.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.RemoteGraphStore;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Where a command reads or publishes: the embedded store in a data folder (the server must not
 * be running on it: TDB2 allows one process per folder), or a SPARQL 1.1 Graph Store endpoint
 * (a running Cairn server's {@code http://127.0.0.1:3030/publish}, or any Fuseki).
 */
public final class StoreOptions {

    @Option(names = "--data-dir", defaultValue = "${env:CAIRN_DATA_DIR:-cairn-data}",
            description = "Data folder of the embedded store (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--base-uri", defaultValue = "${env:CAIRN_BASE_URI:-" + UriScheme.DEFAULT_BASE + "}",
            description = "Base of every minted URI (default: ${DEFAULT-VALUE}).")
    String baseUri;

    @Option(names = "--endpoint", description = "Publish to this SPARQL 1.1 dataset URL (Graph Store Protocol + Update) "
            + "instead of the embedded store, e.g. http://127.0.0.1:3030/publish.")
    String endpoint;

    @Option(names = "--user", defaultValue = "${env:CAIRN_PUBLISH_USER:-publisher}", description = "User for --endpoint (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "${env:CAIRN_PUBLISH_PASSWORD}", description = "Password for --endpoint (or set CAIRN_PUBLISH_PASSWORD).")
    String password;

    public UriScheme uris() {
        return new UriScheme(baseUri);
    }

    public Path storeDir() {
        return dataDir.resolve("tdb2");
    }

    /** Where the reverse patches of dataset versions live: {@code <data dir>/versions}. */
    public java.nio.file.Path versionsDir() {
        return dataDir.resolve("versions");
    }

    /**
     * The versions of datasets in the embedded store. A command builds at most the one version it
     * exports, so it has no budget and no time limit (the server's limits are for HTTP requests).
     * Close it when done: that deletes the version it built.
     */
    public scot.cairn.versions.Versions versions(TripleStore store) {
        return new scot.cairn.versions.Versions(store, uris(), versionsDir(), Long.MAX_VALUE);
    }

    /** True when the command publishes to a remote endpoint. */
    public boolean remote() {
        return endpoint != null;
    }

    /** Opens the embedded store, with a clear message when another process holds it. */
    public TripleStore openStore() {
        try {
            return TripleStore.open(storeDir());
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock") || m.contains("Lock")) {
                throw new PublicationException("the store at " + storeDir() + " is in use by another process "
                        + "(is the server running? stop it, or publish to it with --endpoint http://127.0.0.1:3030/publish)", e);
            }
            throw e;
        }
    }

    /** The embedded store or the remote endpoint, as chosen on the command line. */
    public PublishTarget openTarget() {
        if (endpoint != null) {
            return new RemoteGraphStore(endpoint, null, null, user, password, Path.of(System.getProperty("java.io.tmpdir")));
        }
        return openStore();
    }
}
