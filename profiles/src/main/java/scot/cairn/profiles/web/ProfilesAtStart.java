package scot.cairn.profiles.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileEngine;

/**
 * Gets the profile engine ready before the web server opens its port, so that the first profile
 * request after a start answers as fast as the second: the geography snapshot and the saved
 * series tables are loaded ({@link ProfileEngine#loadSaved}) from the moment this bean is made, on
 * the engine's own thread while Spring makes the other beans, and {@link #start()} (a phase
 * before the web server's) waits for that. Nothing is read from the store's datasets here: tables
 * that were not saved are read after the port opens, and a request that needs one waits for it.
 * A failure is logged and start goes on: requests then prepare what they need themselves.
 */
final class ProfilesAtStart implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ProfilesAtStart.class);

    private final CompletableFuture<Void> loading;
    private volatile boolean running;

    ProfilesAtStart(ProfileEngine engine, ProfileCatalogue catalogue) {
        this.loading =
                catalogue.all().isEmpty() ? CompletableFuture.completedFuture(null) : engine.loadSaved(catalogue.all());
    }

    /** After the bundled examples (phase 0), before the web server (a late phase). */
    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    public void start() {
        long t = System.nanoTime();
        try {
            loading.join();
        } catch (CompletionException e) {
            LOG.warn("Loading the saved profile tables at start failed; requests will read them", e.getCause());
        }
        LOG.info("Waited {} ms for the profiles before opening the port", (System.nanoTime() - t) / 1_000_000);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
