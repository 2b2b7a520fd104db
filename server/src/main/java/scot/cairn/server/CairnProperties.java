package scot.cairn.server;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import scot.cairn.store.StoreTuning;

/**
 * Settings of the publisher (prefix {@code cairn.}); defaults are documented in
 * {@code application.properties} and docs/operations.md.
 *
 * @param baseUri     the base every minted URI derives from
 * @param dataDir     the folder holding the TDB2 store and the tabulation database
 * @param examples    whether to load the bundled examples into an empty store on start
 * @param fuseki      the operators' Fuseki, bound to the loopback interface only
 * @param publish     credentials for publishing to the running server
 * @param store       how the store writes publications
 */
@ConfigurationProperties(prefix = "cairn")
public record CairnProperties(
        @DefaultValue("http://statistics.gov.scot/") String baseUri,
        @DefaultValue("cairn-data") Path dataDir,
        @DefaultValue("true") boolean examples,
        @DefaultValue Fuseki fuseki,
        @DefaultValue Publish publish,
        @DefaultValue Store store) {

    /** Where the TDB2 database lives inside the data folder. */
    public Path storeDir() {
        return dataDir.resolve("tdb2");
    }

    /**
     * @param enabled whether to start Fuseki main at all
     * @param port    loopback port; 0 picks a free port
     * @param path    the dataset's path on Fuseki, e.g. {@code /ds}
     */
    public record Fuseki(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("3030") int port,
            @DefaultValue("/ds") String path) {}

    /**
     * Publishing to a running server goes through Fuseki's Graph Store Protocol and Update
     * services at {@code http://127.0.0.1:<fuseki port>/publish}, which exist only when a password
     * is set and demand HTTP basic authentication with these credentials.
     *
     * @param user     the publisher's user name
     * @param password the password; empty disables publishing to the running server
     */
    public record Publish(
            @DefaultValue("publisher") String user,
            @DefaultValue("") String password) {
        public boolean enabled() {
            return password != null && !password.isBlank();
        }
    }

    /**
     * How the store writes publications ({@code cairn.store.*}; docs/operations.md, "Store tuning"):
     * checked when the server starts.
     *
     * @param parallelIndexing each quad index written by its own thread
     * @param indexBatch       quads handed to the index threads at a time
     * @param sortDir          folder for a publication's sorted runs; empty: the system's temporary folder
     */
    public record Store(
            @DefaultValue("true") boolean parallelIndexing,

            @DefaultValue("" + StoreTuning.DEFAULT_INDEX_BATCH)
            int indexBatch,

            @DefaultValue("") String sortDir) {

        /** @throws IllegalArgumentException naming the setting when a value is out of range */
        public StoreTuning tuning() {
            Path dir = sortDir == null || sortDir.isBlank()
                    ? StoreTuning.defaults().sortDir()
                    : Path.of(sortDir);
            return new StoreTuning(parallelIndexing, indexBatch, dir);
        }
    }
}
