package scot.cairn.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.loaders.InvalidInputException;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadProgress;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.store.TripleStore;

/** Validates and publishes a dataset, replacing any earlier version atomically. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Validate a CSV file against its cube definition and publish it, replacing the dataset's",
                "graphs in one transaction. On any error nothing changes, the errors are printed and the exit code is 1."})
public final class LoadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEFINITION.yaml", description = "The cube definition.")
    Path definition;

    @Parameters(index = "1", paramLabel = "DATA.csv", description = "The data file.")
    Path csv;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Mixin
    StoreOptions store;

    @Mixin
    CubeCommandSupport cube;

    @Override
    public Integer call() {
        try {
            CubeDefinition def = CubeDefinition.read(definition);
            try (PublishTarget target = store.openTarget()) {
                TripleStore embedded = target instanceof TripleStore t ? t : null;
                CubeLoader loader = new CubeLoader(store.uris(), cube.areas(store, embedded)).withMaxErrors(cube.maxErrors)
                        .withProgress(quiet ? LoadProgress.NONE : CubeCommandSupport.progressLine(System.err));
                LoadReport report = loader.load(def, csv, target);
                System.out.printf("%s%npublished to %s: %s and %s%n", report.summary(), target.describe(),
                        store.uris().graph(def.slug()), store.uris().metadataGraph(def.slug()));
                return 0;
            }
        } catch (InvalidInputException e) {
            System.err.println();
            CubeCommandSupport.printErrors(e, System.err);
            System.err.println("nothing was published");
            return 1;
        } catch (PublicationException | IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
