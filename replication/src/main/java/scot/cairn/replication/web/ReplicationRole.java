package scot.cairn.replication.web;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.SmartLifecycle;
import scot.cairn.endpoint.HealthDetails;
import scot.cairn.replication.KafkaSettings;
import scot.cairn.replication.ReplicaFollower;
import scot.cairn.replication.ReplicationPublisher;
import scot.cairn.replication.ReplicationStatus;
import scot.cairn.store.TripleStore;

/**
 * The server's replication role at run time: a replica's follower (started before the public port
 * opens, so the replica catches up while it starts) or the publisher's log (started when the
 * store opened, {@link PublisherInstaller}), stopped before the store closes; and what
 * {@code /health} says about it.
 */
final class ReplicationRole implements SmartLifecycle, HealthDetails {
    private final ReplicationProperties properties;
    private final TripleStore store;
    private final Path dataDir;
    private final PublisherInstaller installer;
    private volatile ReplicaFollower follower;
    private volatile boolean running;

    ReplicationRole(ReplicationProperties properties, TripleStore store, Path dataDir, PublisherInstaller installer) {
        this.properties = properties;
        this.store = store;
        this.dataDir = dataDir;
        this.installer = installer;
    }

    @Override
    public int getPhase() {
        return 0; // before the web server (which starts last)
    }

    @Override
    public void start() {
        if (properties.replica()) {
            follower = ReplicaFollower.start(
                    store, dataDir, new KafkaSettings(properties.kafka(), properties.topic(), Map.of()));
        }
        running = true;
    }

    @Override
    public void stop() {
        ReplicaFollower f = follower;
        if (f != null) {
            f.close();
        }
        ReplicationPublisher p = installer.publisher();
        if (p != null) {
            p.close();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    ReplicationStatus status() {
        ReplicaFollower f = follower;
        if (f != null) {
            return f.status();
        }
        ReplicationPublisher p = installer.publisher();
        return p != null ? p.status() : new ReplicationStatus(properties.role(), store.generation(), true, 0, 0, null);
    }

    @Override
    public Map<String, Object> details() {
        ReplicationStatus s = status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", s.role());
        out.put("caughtUp", s.caughtUp());
        out.put("lagRecords", s.lagRecords());
        out.put("lagSeconds", s.lagSeconds());
        if (s.error() != null) {
            out.put("replicationError", s.error());
        }
        return out;
    }

    /** A replica that stopped on an error, or lags more than {@code max-lag}, leaves the rotation; a publisher always answers. */
    @Override
    public boolean ready() {
        if (!properties.replica()) {
            return true;
        }
        ReplicationStatus s = status();
        return s.error() == null
                && s.lagRecords() >= 0
                && s.lagSeconds() <= properties.maxLag().toMillis() / 1000.0;
    }
}
