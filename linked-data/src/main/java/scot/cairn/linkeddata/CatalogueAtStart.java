package scot.cairn.linkeddata;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the VoID description and the catalogue once before the web server opens its port, so that
 * their first request after a start costs what the second does: they need nothing prepared (the
 * store keeps the counts; the metadata graphs are small), but the first run of their code loads
 * its classes ({@link CatalogueController#warm()}). Started when this bean is made, on a thread of
 * its own while Spring makes the others; {@link #start()} (a phase before the web server's) waits
 * for it. A failure is logged and start goes on: requests then run the same code.
 */
final class CatalogueAtStart implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueAtStart.class);

    private final CompletableFuture<Void> warming = new CompletableFuture<>();
    private volatile boolean running;

    CatalogueAtStart(CatalogueController catalogue) {
        Thread t = new Thread(
                () -> {
                    try {
                        catalogue.warm();
                        warming.complete(null);
                    } catch (Throwable e) {
                        warming.completeExceptionally(e);
                    }
                },
                "cairn-catalogue-warm");
        t.setDaemon(true);
        t.start();
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
            warming.join();
        } catch (CompletionException e) {
            LOG.warn("Running the catalogue once at start failed; its first request will", e.getCause());
        }
        LOG.info("Waited {} ms for the catalogue before opening the port", (System.nanoTime() - t) / 1_000_000);
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
