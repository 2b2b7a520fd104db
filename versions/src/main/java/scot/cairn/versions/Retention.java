package scot.cairn.versions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Which versions of a dataset are kept: its retention setting (the last N; 0 keeps all; cited
 * versions always), applied at each publication, and the deletion of one earlier version. A
 * version that goes takes its record with it, and the reverse patches on either side are merged
 * ({@link PatchMerge}) so that the versions around it stay readable.
 */
final class Retention {
    private final TripleStore store;
    private final UriScheme uris;
    private final Function<String, Path> folders;

    Retention(TripleStore store, UriScheme uris, Function<String, Path> folders) {
        this.store = store;
        this.uris = uris;
        this.folders = folders;
    }

    /** What applying the retention setting at a publication did. */
    record Applied(List<VersionRecord> kept, List<Integer> pruned, List<Integer> keptCited) {}

    /**
     * Removes the versions beyond {@code keep} from {@code records} (oldest first, never the
     * current one; cited ones stay), merging their patches away; inside the publication's
     * transaction, which then rewrites the records.
     */
    static Applied apply(Path folder, List<VersionRecord> records, int keep) {
        List<Integer> pruned = new ArrayList<>();
        List<Integer> keptCited = new ArrayList<>();
        List<VersionRecord> kept = new ArrayList<>(records);
        for (int number : beyond(records, keep, keptCited)) {
            int i = kept.indexOf(
                    kept.stream().filter(r -> r.number() == number).findFirst().orElseThrow());
            PatchMerge.removeFromChain(folder, kept, i);
            pruned.add(number);
        }
        return new Applied(kept, pruned, keptCited);
    }

    /** Versions a retention setting removes (oldest first, never the current one); cited ones stay and are listed in {@code keptCited}. */
    static List<Integer> beyond(List<VersionRecord> records, int keep, List<Integer> keptCited) {
        List<Integer> out = new ArrayList<>();
        if (keep <= 0 || records.size() <= keep) {
            return out;
        }
        int excess = records.size() - keep;
        for (int i = 0; i < excess && i < records.size() - 1; i++) {
            VersionRecord r = records.get(i);
            if (r.cited()) {
                keptCited.add(r.number());
            } else {
                out.add(r.number());
            }
        }
        return out;
    }

    /**
     * Patch files no longer on the chain of {@code kept}. The chain between two kept versions
     * that are no longer neighbours is merged before; retention only drops the oldest versions,
     * whose patches are simply no longer needed.
     */
    static List<Path> unusedPatchFiles(Path folder, List<VersionRecord> kept) throws IOException {
        Set<Path> needed = new HashSet<>();
        for (int i = 1; i < kept.size(); i++) {
            needed.add(
                    Patches.file(folder, kept.get(i).number(), kept.get(i - 1).number()));
        }
        List<Path> out = new ArrayList<>();
        try (var s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().endsWith(".rdfp") && !needed.contains(p))
                    .forEach(out::add);
        }
        return out;
    }

    /** Sets how many versions the dataset keeps (0: all); applied at its next publication. */
    void setRetention(String slug, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("the number of versions to keep must not be negative");
        }
        store.write(List.of(uris.metadataGraph(slug)), dsg -> {
            List<VersionRecord> records = Records.read(dsg, uris, slug);
            if (records.isEmpty()) {
                throw new IllegalArgumentException("Unknown dataset or no versions: " + uris.dataset(slug));
            }
            Records.rewrite(dsg, uris, slug, records, keep);
        });
    }

    /**
     * Deletes one earlier version: its record goes and the change on either side of it is merged
     * into one patch. The patch files no longer needed are deleted once the change is committed.
     *
     * @param cited must be true to delete a version that a citation points to
     * @throws IllegalArgumentException for the current version, an unknown one, or a cited one without the flag
     */
    void delete(String slug, int n, boolean cited) {
        Path folder = folders.apply(slug);
        List<Path> obsolete = new ArrayList<>();
        store.write(List.of(uris.metadataGraph(slug)), dsg -> {
            List<VersionRecord> records = new ArrayList<>(Records.read(dsg, uris, slug));
            int i = Records.indexOf(records, uris, slug, n);
            if (i == records.size() - 1) {
                throw new IllegalArgumentException(
                        "version " + n + " is the current version of " + slug + "; publish another first");
            }
            Citations.checkDeletable(records.get(i), slug, cited);
            PatchMerge.removeFromChain(folder, records, i);
            Records.rewrite(dsg, uris, slug, records, Records.keep(dsg, uris, slug));
            try {
                obsolete.addAll(unusedPatchFiles(folder, records));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        obsolete.forEach(Patches::deleteQuietly);
    }

    /** Removes every version file of a dataset (after the dataset itself was deleted). */
    void forget(String slug) {
        Path folder = folders.apply(slug);
        if (Files.isDirectory(folder)) {
            try (var s = Files.list(folder)) {
                s.forEach(Patches::deleteQuietly);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Patches.deleteQuietly(folder);
        }
    }
}
