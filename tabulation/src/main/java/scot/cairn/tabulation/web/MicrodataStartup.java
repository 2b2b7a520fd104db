package scot.cairn.tabulation.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.TabulationStoreException;
import scot.cairn.vocab.AreaLevel;

/**
 * Opens the tabulation service's private DuckDB store, and on an empty store with examples on
 * ingests the bundled synthetic microdata ({@code examples/microdata/persons} and
 * {@code businesses}), on a background thread once the public port is open. Loading DuckDB's
 * native library and the examples takes about a second, which the SPARQL endpoint and the linked
 * data pages need not wait for; tabulation requests that arrive first wait in {@link #await()}.
 */
final class MicrodataStartup implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MicrodataStartup.class);
    private static final long WAIT_MINUTES = 10;

    private final Path file;
    private final AreaHierarchy geography;
    private final boolean examples;
    private final CompletableFuture<MicrodataStore> store = new CompletableFuture<>();
    private volatile boolean running;

    MicrodataStartup(Path file, AreaHierarchy geography, boolean examples) {
        this.file = file;
        this.geography = geography;
        this.examples = examples;
    }

    /** After the web server (which starts at a lower phase), so it never delays the port. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void start() {
        running = true;
        Thread opener = new Thread(this::open, "cairn-microdata-startup");
        opener.setDaemon(true);
        opener.start();
    }

    private void open() {
        try {
            MicrodataStore opened = MicrodataStore.open(file);
            try {
                ingestExamples(opened);
            } catch (RuntimeException | IOException e) {
                // The store itself is usable; only the examples are missing. Say so and go on.
                LOG.error("Example microdata not loaded: {}", e.getMessage(), e);
            }
            if (!store.complete(opened)) {
                opened.close(); // the server shut down while the store was opening
            }
        } catch (RuntimeException e) {
            LOG.error("The tabulation store could not be opened: {}", e.getMessage(), e);
            store.completeExceptionally(e);
        }
    }

    private void ingestExamples(MicrodataStore target) throws IOException {
        if (!examples || !target.datasets().isEmpty()) {
            return;
        }
        if (geography.parent("S01006506", AreaLevel.DATA_ZONE).isEmpty()) {
            LOG.info("Example microdata not loaded: the geography lacks the example data zones");
            return;
        }
        Path dir = Files.createTempDirectory("cairn-microdata");
        try {
            for (String name : new String[] {"persons", "businesses"}) {
                Path csv = copy("examples/microdata/" + name + ".csv", dir.resolve(name + ".csv"));
                Path yaml = copy("examples/microdata/" + name + ".yaml", dir.resolve(name + ".yaml"));
                var report = target.ingest(MicrodataDefinition.load(yaml), csv, geography);
                LOG.info("Example microdata '{}' ingested: {} records", name, report.records());
                Files.delete(csv);
                Files.delete(yaml);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = MicrodataStartup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("bundled resource missing: " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** The open store, waiting for start-up (and the example microdata) to finish if need be. */
    MicrodataStore await() {
        try {
            return store.get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TabulationStoreException("interrupted while the tabulation store was opening", e);
        } catch (ExecutionException e) {
            throw new TabulationStoreException(
                    "the tabulation store at " + file + " could not be opened: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new TabulationStoreException(
                    "the tabulation store at " + file + " is still opening after " + WAIT_MINUTES + " minutes", e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Closes the store if it was opened (called when the context closes). */
    void close() {
        if (!store.isDone()) {
            store.completeExceptionally(new IllegalStateException("the server is shutting down"));
        }
        if (!store.isCompletedExceptionally()) {
            store.join().close();
        }
    }
}
