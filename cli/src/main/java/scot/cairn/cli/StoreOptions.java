package scot.cairn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import scot.cairn.store.PublicationException;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * The data folder a command reads or writes: its embedded TDB2 store (the server must not be
 * running on it: TDB2 allows one process per folder) and the base of the URIs it mints. A store is
 * opened only where one exists, except by the publishing commands ({@link TargetOptions}), which
 * may start one and then say so: a forgotten {@code --data-dir} is never silent.
 */
public final class StoreOptions {

    private static final Pattern LOCK_HOLDER = Pattern.compile("held by process (\\d+)");

    @Option(
            names = "--data-dir",
            defaultValue = "${env:CAIRN_DATA_DIR:-cairn-data}",
            paramLabel = "DIR",
            description = "The data folder (default: ${DEFAULT-VALUE}; or set CAIRN_DATA_DIR).")
    Path dataDir;

    @Option(
            names = "--base-uri",
            defaultValue = "${env:CAIRN_BASE_URI:-" + UriScheme.DEFAULT_BASE + "}",
            paramLabel = "URI",
            description = {"The base of every minted URI.", "Default: ${DEFAULT-VALUE} (or set CAIRN_BASE_URI)."})
    String baseUri;

    public UriScheme uris() {
        return new UriScheme(baseUri);
    }

    public Path storeDir() {
        return dataDir.resolve("tdb2");
    }

    /** Where the reverse patches of dataset versions live: {@code <data dir>/versions}. */
    public Path versionsDir() {
        return dataDir.resolve("versions");
    }

    /** True when the data folder holds a store. */
    public boolean exists() {
        return Files.isDirectory(storeDir());
    }

    /**
     * The versions of datasets in the embedded store. A command builds at most the one version it
     * exports, so it has no budget and no time limit (the server's limits are for HTTP requests).
     * Close it when done: that deletes the version it built.
     */
    public Versions versions(TripleStore store) {
        return new Versions(store, uris(), versionsDir(), Long.MAX_VALUE);
    }

    /**
     * Opens the data folder's store, which must exist.
     *
     * @throws PublicationException when there is none, or another process (the server) holds it, saying what to do
     */
    public TripleStore openStore() {
        return open(false);
    }

    /**
     * Opens the store, creating it when {@code create} and there is none, and then saying so on standard error with its
     * full path, so that a forgotten {@code --data-dir} is seen at once.
     */
    TripleStore open(boolean create) {
        return open(create, StoreTuning.defaults());
    }

    /** As {@link #open(boolean)}, writing publications as {@code tuning} says. */
    TripleStore open(boolean create, StoreTuning tuning) {
        if (!exists() && !create) {
            throw new PublicationException(
                    "there is no store in " + dataDir + " (the data folder from --data-dir, CAIRN_DATA_DIR "
                            + "or the default 'cairn-data'): give the data folder of your store with --data-dir; 'cairn load-geography' "
                            + "starts a new one");
        }
        boolean fresh = !exists();
        try {
            TripleStore store = TripleStore.open(storeDir(), tuning);
            if (fresh) {
                System.err.println("note: there was no store in " + dataDir + ", so a new one was created in "
                        + storeDir().toAbsolutePath() + " (give --data-dir to publish into an existing one)");
            }
            return store;
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock") || m.contains("Lock")) {
                throw new PublicationException(inUse(m), e);
            }
            throw e;
        }
    }

    /** Who holds the store's lock and where to go instead (a server's ports are whatever it printed on start). */
    private String inUse(String lockMessage) {
        Matcher holder = LOCK_HOLDER.matcher(lockMessage);
        String who = holder.find() ? "process " + holder.group(1) : "another process";
        return "the store in " + storeDir() + " is in use by " + who
                + " (TDB2 allows one process per folder): if it is a "
                + "Cairn server, publish through it with --endpoint and the publishing address it printed on start, or stop it first";
    }
}
