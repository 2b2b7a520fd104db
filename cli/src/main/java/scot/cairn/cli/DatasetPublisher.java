package scot.cairn.cli;

import java.nio.file.Path;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.cube.LoadReport;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
import scot.cairn.versions.PublishOutcome;
import scot.cairn.versions.Release;
import scot.cairn.versions.VersionedTarget;
import scot.cairn.versions.Versions;
import scot.cairn.vocab.UriScheme;

/**
 * Publishes a dataset into a store as a new version, exactly as {@code cairn load} does on a store
 * folder: validated against the store's geography, only the difference written, the version
 * recorded in the same transaction. One publication at a time. A running server runs it for the
 * datasets {@code cairn load --endpoint} posts to {@link #PATH} on its loopback Fuseki.
 */
public final class DatasetPublisher {

    /** Where a running Cairn server takes a dataset (definition and CSV) on its loopback Fuseki. */
    public static final String PATH = "/cairn/publish";

    private final TripleStore store;
    private final UriScheme uris;
    private final Versions versions;

    public DatasetPublisher(TripleStore store, UriScheme uris, Versions versions) {
        this.store = store;
        this.uris = uris;
        this.versions = versions;
    }

    /** What a publication did, for the publisher to read. */
    public record Result(LoadReport report, PublishOutcome outcome) {
        /**
         * The report {@code cairn load} prints: what was checked or written, the version, and
         * where it went ({@code where}: the store).
         */
        public String text(UriScheme uris, String where) {
            StringBuilder s = new StringBuilder();
            s.append(
                    outcome.published()
                            ? report.summary()
                            : String.format(
                                    "%s: %,d observations checked, nothing written",
                                    report.slug(), report.observations()));
            s.append('\n').append(outcome.summary()).append('\n');
            if (outcome.published()) {
                s.append(String.format(
                        "published to %s: %s and %s; version URI %s/version/%d%n",
                        where,
                        uris.graph(report.slug()),
                        uris.metadataGraph(report.slug()),
                        uris.dataset(report.slug()),
                        outcome.version().number()));
            }
            return s.toString();
        }
    }

    /** Where publications go, as the report names it. */
    public String describe() {
        return store.describe();
    }

    /**
     * @throws scot.cairn.formats.InvalidInputException listing what is wrong with the files (nothing changes)
     * @throws IllegalArgumentException                  for a bad definition or release
     * @throws PublicationException                      when the store cannot take it
     */
    public synchronized Result publish(
            Path definitionFile, Path csv, Release release, Integer keepVersions, int maxErrors) {
        return publish(definitionFile, csv, release, keepVersions, maxErrors, false);
    }

    /**
     * As {@link #publish(Path, Path, Release, Integer, int)}; with {@code skipGeographyCheck}, any
     * well-formed GSS code of a known level is accepted, as {@code cairn load --skip-geography-check} does.
     */
    public synchronized Result publish(
            Path definitionFile,
            Path csv,
            Release release,
            Integer keepVersions,
            int maxErrors,
            boolean skipGeographyCheck) {
        CubeDefinition definition = CubeDefinition.read(definitionFile);
        AreaDirectory areas;
        if (skipGeographyCheck) {
            areas = AreaDirectory.anyWellFormedCode();
        } else {
            Geography geography = Geography.fromStore(store, uris);
            if (geography.isEmpty()) {
                throw new PublicationException(
                        "the server's store holds no geography: load one with 'cairn load-geography' first");
            }
            areas = AreaDirectory.of(geography);
        }
        CubeLoader loader = new CubeLoader(uris, areas).withMaxErrors(maxErrors);
        VersionedTarget target = versions.publisher(release, keepVersions);
        LoadReport report = loader.load(definition, csv, target);
        return new Result(report, target.lastOutcome());
    }
}
