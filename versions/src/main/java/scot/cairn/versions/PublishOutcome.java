package scot.cairn.versions;

import java.util.List;

/**
 * What a versioned publication did.
 *
 * @param slug          the dataset
 * @param version       the new version's record, or null when the content was identical
 * @param identicalTo   when nothing changed: the current version the content is identical to; else 0
 * @param quads         quads the publication wrote (data and metadata)
 * @param patchBytes    size of the reverse patch stored for the previous version (0 for a first version)
 * @param pruned        versions removed by the retention setting
 * @param keptCited     versions the retention setting would have removed but which a citation points to
 */
public record PublishOutcome(
        String slug,
        VersionRecord version,
        int identicalTo,
        long quads,
        long patchBytes,
        List<Integer> pruned,
        List<Integer> keptCited) {

    public PublishOutcome {
        pruned = List.copyOf(pruned);
        keptCited = List.copyOf(keptCited);
    }

    /** True when a new version was created. */
    public boolean published() {
        return version != null;
    }

    /** One line for the command line. */
    public String summary() {
        if (version == null) {
            return "no new version: the content is identical to version " + identicalTo + " of " + slug;
        }
        String s = String.format(
                "version %d of %s published (%s): %,d observations; %,d added, %,d removed, %,d changed; checksum %s",
                version.number(),
                slug,
                version.kind().label(),
                version.observations(),
                version.added(),
                version.removed(),
                version.changed(),
                version.checksum());
        if (!pruned.isEmpty()) {
            s += "; removed by retention: versions " + pruned;
        }
        if (!keptCited.isEmpty()) {
            s += "; kept although beyond retention because cited: versions " + keptCited;
        }
        return s;
    }
}
