package scot.cairn.versions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.PublicationException;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Slugs;
import scot.cairn.vocab.UriScheme;

/**
 * Publishing by difference: each publication of a dataset is one write transaction of the store
 * ({@link Publication}); a failed or killed one leaves neither a version nor a change, and one
 * whose content is identical to the current version's creates no version at all.
 */
final class VersionPublisher {
    private final TripleStore store;
    private final UriScheme uris;
    private final Function<String, Path> folders;

    VersionPublisher(TripleStore store, UriScheme uris, Function<String, Path> folders) {
        this.store = store;
        this.uris = uris;
        this.folders = folders;
    }

    /**
     * Publishes new content for a dataset as a new version.
     *
     * @throws PublicationException when the writer or the store fails; nothing changed
     */
    PublishOutcome publish(String slug, GraphReplacement.Writer writer, Release release, Integer keepVersions) {
        Path folder = folders.apply(slug);
        PublishOutcome[] outcome = {null};
        List<Path> obsolete = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            store.write(List.of(uris.graph(slug), uris.metadataGraph(slug)), dsg -> {
                try {
                    outcome[0] = new Publication(store, uris, dsg, slug, release, keepVersions, folder)
                            .run(writer, obsolete);
                } catch (Publication.Unchanged | PublicationException e) {
                    throw e;
                } catch (Exception e) {
                    throw new PublicationException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                }
            });
        } catch (Publication.Unchanged u) {
            return new PublishOutcome(slug, null, u.version, 0, 0, List.of(), List.of());
        } catch (IOException e) {
            throw new PublicationException("cannot write the versions folder " + folder + ": " + e.getMessage(), e);
        }
        obsolete.forEach(Patches::deleteQuietly);
        return outcome[0];
    }

    /** The dataset whose data and metadata graphs {@code graphs} are. */
    String slugOf(List<String> graphs) {
        if (graphs.size() == 2) {
            String g = graphs.get(0);
            String prefix = uris.base() + "graph/";
            if (g.startsWith(prefix)) {
                String slug = g.substring(prefix.length());
                if (Slugs.isSlug(slug) && graphs.get(1).equals(uris.metadataGraph(slug))) {
                    return slug;
                }
            }
        }
        throw new PublicationException(
                "a versioned publication replaces a dataset's data and metadata graphs, not " + graphs);
    }
}
