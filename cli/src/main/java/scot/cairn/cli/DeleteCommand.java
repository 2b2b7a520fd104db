package scot.cairn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.store.PublicationException;
import scot.cairn.store.PublishTarget;
import scot.cairn.vocab.Slugs;

/**
 * Removes a dataset's data and metadata graphs in one transaction; in a store folder, then brings
 * the saved profile tables up to date ({@link ProfileTablesOptions}), as {@code load} does, so that
 * the server's next start reads none of them from the store.
 */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Remove a dataset (its data graph and metadata graph) in one transaction.")
public final class DeleteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SLUG", description = "The dataset slug, e.g. recycling.")
    String slug;

    @Option(names = "--cited", description = "Delete the dataset even though a citation points to one of its versions.")
    boolean cited;

    @Mixin
    TargetOptions targetOptions;

    @Mixin
    ProfileTablesOptions profileTables;

    @Override
    public Integer call() {
        if (!Slugs.isSlug(slug)) {
            System.err.println("error: '" + slug + "' is not a dataset slug");
            return 1;
        }
        StoreOptions store = targetOptions.store;
        try (PublishTarget target = targetOptions.openTarget(false)) {
            CubeLoader loader = new CubeLoader(store.uris(), AreaDirectory.anyWellFormedCode());
            if (target instanceof scot.cairn.store.TripleStore embedded && !cited) {
                var citedVersions = store.versions(embedded).history(slug).stream()
                        .filter(v -> v.cited())
                        .map(v -> v.number())
                        .toList();
                if (!citedVersions.isEmpty()) {
                    System.err.println("error: versions " + citedVersions + " of " + slug
                            + " are cited; deleting the dataset needs the explicit flag --cited");
                    return 1;
                }
            }
            loader.delete(slug, target);
            if (target instanceof scot.cairn.store.TripleStore embedded) {
                // the dataset's version history goes with it (its records were in the metadata graph)
                store.versions(embedded).forget(slug);
                profileTables.save(store, embedded, Progress.onStandardError(false));
            }
            System.out.println("deleted " + String.join(" and ", loader.graphs(slug)) + " from " + target.describe());
            return 0;
        } catch (PublicationException e) {
            System.err.println("error: " + CairnCommand.describe(e));
            return 1;
        }
    }
}
