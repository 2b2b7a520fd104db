package scot.cairn.loaders.geography;

import java.nio.file.Path;
import java.util.Objects;
import scot.cairn.geography.Geography;
import scot.cairn.geography.LookupColumns;
import scot.cairn.vocab.AreaLevel;

/**
 * What a successful geography load published.
 *
 * @param file          the lookup file read
 * @param layout        the layout used (detected or given), as described in {@link LookupColumns#layout()}
 * @param geography     the areas written, live and archived
 * @param quads         number of quads written to the geography graph
 * @param history       where the code history came from ({@link scot.cairn.geography.CodeHistory#source()})
 * @param codeChanges   the number of its code changes applied
 */
public record GeographyReport(
        Path file, String layout, Geography geography, long quads, String history, int codeChanges) {
    public GeographyReport {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(layout, "layout must not be null");
        Objects.requireNonNull(geography, "geography must not be null");
        Objects.requireNonNull(history, "history must not be null");
        if (quads < 0 || codeChanges < 0) {
            throw new IllegalArgumentException("quads and codeChanges must not be negative");
        }
    }

    /** Number of live areas of one level written. */
    public int count(AreaLevel level) {
        return geography.count(level);
    }

    /**
     * One line for a command-line user, e.g. {@code 6976 Data Zones 2011, ... (52,000 quads) from
     * Datazone2011lookup.csv}, and a second one on the archived codes when there are any.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        geography.counts().forEach((level, n) -> {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(n).append(' ').append(level.collectionLabel());
        });
        sb.append(" (").append(quads).append(" quads) from ").append(file.getFileName());
        int archived = geography.archived().size();
        if (archived > 0) {
            sb.append('\n')
                    .append(archived)
                    .append(" archived codes, with what replaced them, from ")
                    .append(history)
                    .append(" (")
                    .append(codeChanges)
                    .append(codeChanges == 1 ? " change)" : " changes)");
        }
        return sb.toString();
    }
}
