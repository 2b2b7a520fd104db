package scot.cairn.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** Publishes the bundled example datasets ({@code examples/datasets/NAME.yaml} with {@code NAME.csv}). */
class CubeExamples implements ExampleBootstrap.ExampleLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CubeExamples.class);

    private final TripleStore store;
    private final UriScheme uris;

    CubeExamples(TripleStore store, UriScheme uris) {
        this.store = store;
        this.uris = uris;
    }

    @Override
    public void loadExamples(Path examplesDir) {
        Path dir = examplesDir.resolve("datasets");
        if (!Files.isDirectory(dir)) {
            return;
        }
        CubeLoader loader = new CubeLoader(uris, AreaDirectory.of(Geography.fromStore(store, uris)));
        for (Path definitionFile : definitions(dir)) {
            Path csv = Path.of(definitionFile.toString().replaceAll("\\.ya?ml$", ".csv"));
            CubeDefinition definition = CubeDefinition.read(definitionFile);
            LoadReport report = loader.load(definition, csv, store);
            LOG.info("Example dataset {}: {}", definition.slug(), report);
        }
    }

    private static List<Path> definitions(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
