package scot.cairn.server;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Opens the public port only once the features' start-up preparation is done, so that the first
 * request of a kind after a start answers as fast as the second. A feature declares what it
 * prepares as a bean of type {@link CompletableFuture}, started when the bean is made and running
 * while Spring makes the others: the profiles' geography snapshot and saved series tables
 * ({@code profilesBeforePort}), the catalogue's first run ({@code catalogueBeforePort}).
 * {@link #start()}, in a phase after the bundled examples (0) and before the web server's, waits
 * for each and logs how long; a failed one is logged and start goes on (requests then do that work
 * themselves).
 */
final class PreparedBeforePort implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedBeforePort.class);

    private final ListableBeanFactory beans;
    private volatile boolean running;

    PreparedBeforePort(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    public void start() {
        for (String name : beans.getBeanNamesForType(CompletableFuture.class)) {
            CompletableFuture<?> preparation = beans.getBean(name, CompletableFuture.class);
            long t = System.nanoTime();
            try {
                preparation.join();
            } catch (CompletionException | CancellationException e) {
                LOG.warn("{} failed before the port opened; requests will do that work", name, e.getCause());
            }
            LOG.info("Waited {} ms for {} before opening the port", (System.nanoTime() - t) / 1_000_000, name);
        }
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
