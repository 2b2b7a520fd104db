package scot.cairn.server.tabulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import scot.cairn.tabulation.AreaHierarchy;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;

/**
 * Ingests the bundled synthetic microdata ({@code examples/microdata/persons} and
 * {@code businesses}) into an empty tabulation store when examples are on and the geography holds
 * the example data zones. Runs after the example geography is loaded (phase 0) and before the
 * web server starts.
 */
@Component
class TabulationExamples implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TabulationExamples.class);

    private final MicrodataStore store;
    private final AreaHierarchy geography;
    private final boolean examples;
    private volatile boolean running;

    TabulationExamples(MicrodataStore store, AreaHierarchy tabulationAreaHierarchy, @Value("${cairn.examples:true}") boolean examples) {
        this.store = store;
        this.geography = tabulationAreaHierarchy;
        this.examples = examples;
    }

    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    public void start() {
        running = true;
        if (!examples || !store.datasets().isEmpty()) {
            return;
        }
        if (geography.parent("S01006506", scot.cairn.vocab.AreaLevel.DATA_ZONE).isEmpty()) {
            LOG.info("Example microdata not loaded: the geography lacks the example data zones");
            return;
        }
        try {
            Path dir = Files.createTempDirectory("cairn-microdata");
            for (String name : new String[] {"persons", "businesses"}) {
                Path csv = copy("examples/microdata/" + name + ".csv", dir.resolve(name + ".csv"));
                Path yaml = copy("examples/microdata/" + name + ".yaml", dir.resolve(name + ".yaml"));
                var report = store.ingest(MicrodataDefinition.load(yaml), csv, geography);
                LOG.info("Example microdata '{}' ingested: {} records", name, report.records());
                Files.delete(csv);
                Files.delete(yaml);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the example microdata", e);
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = TabulationExamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("bundled resource missing: " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
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
