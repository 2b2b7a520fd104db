package scot.cairn.vocab;

import java.util.Arrays;
import java.util.Optional;

/**
 * The levels of the 2011 statistical geography, identified by the GSS code prefix.
 *
 * <p>Each level has its statistical entity ({@code {base}id/statistical-entity/S01}) and the
 * collection that statistics.gov.scot's clients query through {@code foi:memberOf}. The
 * {@link #rank} orders levels from smallest to largest area, so "one level down" is defined.
 */
public enum AreaLevel {
    DATA_ZONE("S01", "data-zones-2011", "Data Zones 2011", "Data Zone 2011", 1),
    INTERMEDIATE_ZONE("S02", "intermediate-zones-2011", "Intermediate Zones 2011", "Intermediate Zone 2011", 2),
    WARD("S13", "electoral-wards", "Electoral Wards", "Multi-Member Ward", 3),
    SCOTTISH_PARLIAMENT_CONSTITUENCY(
            "S16",
            "scottish-parliamentary-constituencies",
            "Scottish Parliamentary Constituencies",
            "Scottish Parliamentary Constituency",
            4),
    HEALTH_AND_SOCIAL_CARE_PARTNERSHIP(
            "S37",
            "health-and-social-care-partnerships",
            "Health and Social Care Partnerships",
            "Health and Social Care Partnership",
            5),
    COUNCIL("S12", "council-areas", "Council Areas", "Council Area", 6),
    HEALTH_BOARD("S08", "health-boards", "Health Boards", "Health Board", 7),
    COUNTRY("S92", "countries", "Countries", "Country", 9);

    private final String prefix;
    private final String collectionName;
    private final String collectionLabel;
    private final String label;
    private final int rank;

    AreaLevel(String prefix, String collectionName, String collectionLabel, String label, int rank) {
        this.prefix = prefix;
        this.collectionName = collectionName;
        this.collectionLabel = collectionLabel;
        this.label = label;
        this.rank = rank;
    }

    /** The GSS code prefix, e.g. {@code S01}. */
    public String prefix() {
        return prefix;
    }

    /** The last path segment of the collection URI, e.g. {@code data-zones-2011}. */
    public String collectionName() {
        return collectionName;
    }

    public String collectionLabel() {
        return collectionLabel;
    }

    /** The singular name of the level, e.g. "Data Zone 2011". */
    public String label() {
        return label;
    }

    /** The singular name with its indefinite article, e.g. "a Data Zone 2011", "an Intermediate Zone 2011". */
    public String labelWithArticle() {
        return ("AEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    /** Smaller areas have smaller ranks. */
    public int rank() {
        return rank;
    }

    /** The level of a GSS code such as {@code S01006506}, if it is one of ours. */
    public static Optional<AreaLevel> ofCode(String code) {
        if (code == null || code.length() < 3) {
            return Optional.empty();
        }
        String p = code.substring(0, 3);
        return Arrays.stream(values()).filter(l -> l.prefix.equals(p)).findFirst();
    }

    /** The level named by a prefix ({@code S12}), an enum name ({@code COUNCIL}) or a collection name ({@code council-areas}). */
    public static Optional<AreaLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values())
                .filter(l -> l.prefix.equalsIgnoreCase(t)
                        || l.name().equalsIgnoreCase(t.replace('-', '_'))
                        || l.collectionName.equalsIgnoreCase(t))
                .findFirst();
    }
}
