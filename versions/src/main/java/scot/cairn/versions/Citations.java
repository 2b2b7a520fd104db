package scot.cairn.versions;

import java.util.ArrayList;
import java.util.List;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Citations of versions: a version a citation points to is kept whatever the retention setting,
 * and deleting it needs an explicit flag ({@code --cited} on the command line).
 */
final class Citations {
    private final TripleStore store;
    private final UriScheme uris;

    Citations(TripleStore store, UriScheme uris) {
        this.store = store;
        this.uris = uris;
    }

    /** Marks a version as cited. */
    void cite(String slug, int n) {
        store.write(List.of(uris.metadataGraph(slug)), dsg -> {
            List<VersionRecord> records = new ArrayList<>(Records.read(dsg, uris, slug));
            int i = Records.indexOf(records, uris, slug, n);
            records.set(i, records.get(i).withCited(true));
            Records.rewrite(dsg, uris, slug, records, Records.keep(dsg, uris, slug));
        });
    }

    /** @throws IllegalArgumentException when {@code r} is cited and the deletion does not say so */
    static void checkDeletable(VersionRecord r, String slug, boolean cited) {
        if (r.cited() && !cited) {
            throw new IllegalArgumentException("version " + r.number() + " of " + slug
                    + " is cited; deleting it needs the explicit flag (--cited on the command line)");
        }
    }
}
