package scot.cairn.loaders.geography;

import java.nio.file.Path;
import java.util.Objects;

import scot.cairn.geography.Geography;
import scot.cairn.geography.LookupColumns;
import scot.cairn.vocab.AreaLevel;

/**
 * What a successful geography load published.
 *
 * @param file      the lookup file read
 * @param layout    the layout used (detected or given), as described in {@link LookupColumns#layout()}
 * @param geography the areas written
 * @param quads     number of quads written to the geography graph
 */
public record GeographyReport(Path file, String layout, Geography geography, long quads) {
    public GeographyReport {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(layout, "layout must not be null");
        Objects.requireNonNull(geography, "geography must not be null");
        if (quads < 0) {
            throw new IllegalArgumentException("quads must not be negative");
        }
    }

    /** Number of areas of one level written. */
    public int count(AreaLevel level) {
        return geography.count(level);
    }

    /** One line for a command-line user, e.g. {@code 6976 data zones, 1279 intermediate zones, ...}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        geography.counts().forEach((level, n) -> {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(n).append(' ').append(level.collectionLabel());
        });
        return sb.append(" (").append(quads).append(" quads) from ").append(file.getFileName()).toString();
    }
}
