package scot.cairn.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.boundaries.BoundaryLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.UriScheme;

/**
 * On first start of an empty store, loads the publisher vocabulary and the bundled examples
 * (packaged in the jar under {@code examples/}) so the first query in the README returns rows.
 * A store that already holds a geography is left alone.
 */
class ExampleBootstrap implements SmartLifecycle {

    /** What every map drawn from the bundled example boundaries says about them. */
    static final String EXAMPLE_BOUNDARIES = "schematic shapes invented for Cairn's examples, not real boundaries";

    private static final Logger LOG = LoggerFactory.getLogger(ExampleBootstrap.class);

    private final CairnProperties properties;
    private final TripleStore store;
    private final UriScheme uris;
    private final List<ExampleLoader> exampleLoaders;

    /** A feature that loads its own bundled examples after the geography (datasets, microdata). */
    interface ExampleLoader {
        void loadExamples(Path examplesDir);
    }

    private final CompletableFuture<Void> loading;

    /**
     * Starts loading at once, on its own thread, while Spring creates the other beans (loading the
     * examples is mostly class loading and first-time code, which the second core can do
     * meanwhile); {@link #start()} waits for it before the web server opens the port. Nothing
     * else writes to the store during start-up, and every cache keys on the store's version.
     */
    ExampleBootstrap(
            CairnProperties properties, TripleStore store, UriScheme uris, List<ExampleLoader> exampleLoaders) {
        this.properties = properties;
        this.store = store;
        this.uris = uris;
        this.exampleLoaders = exampleLoaders;
        this.loading = new CompletableFuture<>();
        Thread loader = new Thread(
                () -> {
                    try {
                        loadWhenEmpty();
                        loading.complete(null);
                    } catch (Throwable t) {
                        loading.completeExceptionally(t);
                    }
                },
                "cairn-examples");
        loader.setDaemon(true);
        loader.start();
    }

    private volatile boolean started;

    /** Runs before the web server starts (which is the last phase), so no request sees an empty store. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void start() {
        try {
            loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(
                    "cannot load the bundled examples: " + e.getCause().getMessage(), e.getCause());
        }
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    void loadWhenEmpty() {
        if (!store.writable()) {
            return; // a replica: the vocabulary and the examples come from its publisher
        }
        ensureVocabulary();
        if (!properties.examples()) {
            return;
        }
        if (!store.isEmpty(uris.geographyGraph())) {
            LOG.info("Store already holds a geography; bundled examples not loaded");
            return;
        }
        Path dir = extractExamples();
        LOG.info("Empty store: loading the bundled examples");
        new GeographyLoader(uris).load(dir.resolve("geography/example-lookup.csv"), store);
        loadExampleBoundaries(dir.resolve("boundaries"));
        for (ExampleLoader loader : exampleLoaders) {
            loader.loadExamples(dir);
        }
        LOG.info("Bundled examples loaded ({} quads in the store)", store.size());
    }

    /** The schematic example boundaries, {@code boundaries/{level collection name}.geojson}, one level each. */
    private void loadExampleBoundaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Geography geography = Geography.fromStore(store, uris);
        BoundaryLoader loader = new BoundaryLoader(uris).withAttribution(EXAMPLE_BOUNDARIES);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".geojson"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                AreaLevel level = AreaLevel.parse(name.substring(0, name.length() - ".geojson".length()))
                        .orElseThrow(() ->
                                new IllegalStateException("bundled boundary file " + name + " does not name a level"));
                LOG.info(
                        "Example boundaries: {}",
                        loader.load(file, level, null, geography, store).summary());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled boundaries in " + dir, e);
        }
    }

    private void ensureVocabulary() {
        if (!store.isEmpty(uris.vocabularyGraph())) {
            return;
        }
        var model = PublisherVocabulary.build(uris);
        store.replaceGraphs(new scot.cairn.store.GraphReplacement(List.of(uris.vocabularyGraph()), sink -> {
            var g = org.apache.jena.graph.NodeFactory.createURI(uris.vocabularyGraph());
            model.getGraph().find().forEachRemaining(t -> sink.add(g, t.getSubject(), t.getPredicate(), t.getObject()));
        }));
    }

    /** Copies the examples out of the jar into the data folder, so loaders read real files with names. */
    private Path extractExamples() {
        Path target = properties.dataDir().resolve("examples");
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            List<Resource> resources = new ArrayList<>(List.of(resolver.getResources("classpath*:examples/**/*.*")));
            for (Resource r : resources) {
                String url = r.getURL().toString();
                String rel = url.substring(url.lastIndexOf("examples/") + "examples/".length());
                Path out = target.resolve(rel);
                Files.createDirectories(out.getParent());
                try (InputStream in = r.getInputStream()) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled examples into " + target, e);
        }
    }
}
