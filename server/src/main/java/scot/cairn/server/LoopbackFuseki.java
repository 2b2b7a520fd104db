package scot.cairn.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import scot.cairn.cli.DatasetPublisher;
import scot.cairn.server.publish.DatasetPublishServlet;
import scot.cairn.server.publish.PublisherCredentials;
import scot.cairn.server.publish.PublishingGuard;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * Fuseki main serving the same TDB2 dataset, read-only, on the loopback interface only.
 *
 * <p>It is for operators and tools on the host (Fuseki's own protocol, e.g. {@code
 * http://127.0.0.1:3030/ds/query}) and is the "plain Fuseki" baseline the benchmarks compare
 * against. It is never reachable from the public port, and {@code /ds} accepts no updates: publishing
 * goes through the loaders, or, when a publishing password is configured, through the
 * credential-protected Graph Store and Update services at {@code /publish} on the same loopback port
 * ({@link PublishingGuard}).
 */
class LoopbackFuseki implements SmartLifecycle {
    static final String PUBLISH_PATH = "/publish";
    /** Where earlier versions wrote the publishing password in clear. */
    static final String OLD_PASSWORD_FILE = "publish-passwords.properties";

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackFuseki.class);

    private final CairnProperties properties;
    private final TripleStore store;
    private final DatasetPublisher publisher;
    private final UriScheme uris;
    private volatile FusekiServer server;

    LoopbackFuseki(CairnProperties properties, TripleStore store, Versions versions, UriScheme uris) {
        this.properties = properties;
        this.store = store;
        this.publisher = new DatasetPublisher(store, uris, versions);
        this.uris = uris;
    }

    @Override
    public void start() {
        deleteOldPasswordFile();
        if (!properties.fuseki().enabled()) {
            LOG.info("Loopback Fuseki disabled (cairn.fuseki.enabled=false)");
            return;
        }
        FusekiServer.Builder builder = FusekiServer.create()
                .loopback(true)
                .port(properties.fuseki().port())
                .add(properties.fuseki().path(), store.datasetGraph(), false)
                .enableCors(false, null)
                .verbose(false);
        CairnProperties.Publish publish = properties.publish();
        if (publish.enabled()) {
            // Write services behind one gate: the publisher's credentials, hashed in memory, with a
            // lock-out against guessing. The version bump on commit invalidates the public response
            // caches like any other publication.
            PublisherCredentials credentials = new PublisherCredentials(publish.user(), publish.password());
            builder.addFilter("/*", new PublishingGuard(credentials, PUBLISH_PATH, DatasetPublishServlet.PATH));
            builder.add(PUBLISH_PATH, store.publishingView(), false)
                    .addEndpoint(PUBLISH_PATH, "data", Operation.GSP_RW)
                    .addEndpoint(PUBLISH_PATH, "update", Operation.Update)
                    .addEndpoint(PUBLISH_PATH, "query", Operation.Query);
            // Whole datasets as new versions (definition + CSV), validated and versioned here.
            builder.addServlet(
                    DatasetPublishServlet.PATH,
                    new DatasetPublishServlet(
                            publisher, uris, properties.dataDir().resolve("uploads")));
        }
        server = builder.build().start();
        LOG.info(
                "Loopback Fuseki (read-only) at http://127.0.0.1:{}{}",
                server.getHttpPort(),
                properties.fuseki().path());
        if (publish.enabled()) {
            LOG.info(
                    "Publishing endpoints (user '{}') at http://127.0.0.1:{}{} (Graph Store, Update) and {} (datasets as versions)",
                    publish.user(),
                    server.getHttpPort(),
                    PUBLISH_PATH,
                    DatasetPublishServlet.PATH);
        }
    }

    /**
     * Deletes the password file an earlier version wrote into the data folder (the password in
     * clear, which stayed there after shutdown); credentials now live only in memory.
     */
    private void deleteOldPasswordFile() {
        Path file = properties.dataDir().resolve(OLD_PASSWORD_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                LOG.info(
                        "Deleted {}, left by an earlier version: the publishing password is no longer written to disk",
                        file);
            }
        } catch (IOException e) {
            LOG.warn(
                    "Could not delete {}, which holds the publishing password in clear: delete it by hand ({})",
                    file,
                    e.getMessage());
        }
    }

    /** The port Fuseki listens on, or -1 when it is not running. */
    int port() {
        FusekiServer s = server;
        return s == null ? -1 : s.getHttpPort();
    }

    @Override
    public void stop() {
        FusekiServer s = server;
        if (s != null) {
            s.stop();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
