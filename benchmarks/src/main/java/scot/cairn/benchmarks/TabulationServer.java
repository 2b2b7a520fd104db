package scot.cairn.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.context.ConfigurableApplicationContext;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.server.PublisherApplication;
import scot.cairn.store.TripleStore;
import scot.cairn.tabulation.MicrodataDefinition;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.vocab.UriScheme;

/**
 * The server the tabulation benchmarks measure: the whole application on a free port over
 * {@code dataDir}, without Fuseki or the examples, with the table cache off so every request is
 * computed.
 */
final class TabulationServer {
    private TabulationServer() {}

    static ConfigurableApplicationContext start(Path dataDir) {
        return PublisherApplication.start(
                "--server.port=0",
                "--cairn.data-dir=" + dataDir,
                "--cairn.examples=false",
                "--cairn.fuseki.enabled=false",
                "--cairn.tabulation.cache-size=0",
                "--logging.level.root=WARN");
    }

    static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /** Loads the geography and ingests the microdata, unless {@code reuse} and it is already there. */
    static void ingest(
            ConfigurableApplicationContext app, MicrodataDefinition definition, Path csv, Path lookup, boolean reuse)
            throws IOException {
        MicrodataStore microdata = app.getBean(MicrodataStore.class);
        if (reuse && microdata.dataset(definition.name()).isPresent()) {
            return;
        }
        long t0 = System.nanoTime();
        new GeographyLoader(app.getBean(UriScheme.class)).load(lookup, app.getBean(TripleStore.class));
        microdata.ingest(definition, csv, app.getBean("tabulationAreaHierarchy", AreaHierarchy.class));
        System.out.printf(
                Locale.ROOT,
                "geography loaded and %s ingested in %.1f s%n",
                definition.name(),
                (System.nanoTime() - t0) / 1e9);
    }
}
