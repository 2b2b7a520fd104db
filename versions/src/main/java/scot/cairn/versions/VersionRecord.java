package scot.cairn.versions;

import java.time.Instant;
import java.util.Objects;

/**
 * One released version of a dataset, as recorded in its metadata graph.
 *
 * @param slug         the dataset
 * @param number       1, 2, ... in order of publication
 * @param issued       when it was published
 * @param kind         update or correction
 * @param note         the change note
 * @param checksum     the content checksum of its data graph ({@code sha256-sum:} + 64 hex digits)
 * @param observations observations in the version
 * @param triples      triples in its data graph
 * @param added        observations added since the previous version
 * @param removed      observations removed since the previous version
 * @param changed      observations whose triples changed since the previous version
 * @param cited        whether a citation points to it (deleting it then needs an explicit flag)
 */
public record VersionRecord(
        String slug,
        int number,
        Instant issued,
        Release.Kind kind,
        String note,
        String checksum,
        long observations,
        long triples,
        long added,
        long removed,
        long changed,
        boolean cited) {

    public VersionRecord {
        Objects.requireNonNull(slug, "slug must not be null");
        Objects.requireNonNull(issued, "issued must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        if (number < 1) {
            throw new IllegalArgumentException("a version number starts at 1, not " + number);
        }
    }

    VersionRecord withCited(boolean c) {
        return new VersionRecord(
                slug, number, issued, kind, note, checksum, observations, triples, added, removed, changed, c);
    }
}
