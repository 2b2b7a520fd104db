package scot.cairn.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.auth.AuthPolicy;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import scot.cairn.cli.DatasetPublisher;
import scot.cairn.server.publish.DatasetPublishServlet;
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
 * credential-protected Graph Store and Update services at {@code /publish} on the same loopback port.
 */
class LoopbackFuseki implements SmartLifecycle {
    static final String PUBLISH_PATH = "/publish";
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
            // Write services demand the publisher's credentials; the version bump on commit
            // invalidates the public response caches like any other publication.
            builder.add(PUBLISH_PATH, store.publishingView(), false)
                    .passwordFile(passwordFile(publish).toString())
                    .auth(AuthScheme.BASIC)
                    .realm("Cairn publishing");
            AuthPolicy publisherOnly = Auth.policyAllowSpecific(publish.user());
            builder.addEndpoint(PUBLISH_PATH, "data", Operation.GSP_RW, publisherOnly)
                    .addEndpoint(PUBLISH_PATH, "update", Operation.Update, publisherOnly)
                    .addEndpoint(PUBLISH_PATH, "query", Operation.Query, publisherOnly);
            // Whole datasets as new versions (definition + CSV), validated and versioned here.
            builder.addServlet(DatasetPublishServlet.PATH, new DatasetPublishServlet(publisher, uris, publish.user(),
                    publish.password(), properties.dataDir().resolve("uploads")));
        }
        server = builder.build().start();
        LOG.info("Loopback Fuseki (read-only) at http://127.0.0.1:{}{}", server.getHttpPort(), properties.fuseki().path());
        if (publish.enabled()) {
            LOG.info("Publishing endpoints (user '{}') at http://127.0.0.1:{}{} (Graph Store, Update) and {} (datasets as versions)",
                    publish.user(), server.getHttpPort(), PUBLISH_PATH, DatasetPublishServlet.PATH);
        }
    }

    private Path passwordFile(CairnProperties.Publish publish) {
        try {
            Files.createDirectories(properties.dataDir());
            Path file = properties.dataDir().resolve("publish-passwords.properties");
            Files.writeString(file, publish.user() + ": " + publish.password() + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the data folder's own permissions apply
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the publishing password file in " + properties.dataDir(), e);
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
