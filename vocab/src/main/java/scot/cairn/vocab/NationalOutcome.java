package scot.cairn.vocab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The eleven national outcomes of Scotland's National Performance Framework, which a dataset may
 * say it informs. Each is a SKOS concept {@code {base}def/concept/npf-outcomes/{slug}} of the scheme
 * {@code {base}def/concept-scheme/npf-outcomes}.
 *
 * @see <a href="https://nationalperformance.gov.scot/national-outcomes">National outcomes</a>
 */
public enum NationalOutcome {
    CHILDREN_AND_YOUNG_PEOPLE("children-and-young-people", "Children and Young People"),
    COMMUNITIES("communities", "Communities"),
    CULTURE("culture", "Culture"),
    ECONOMY("economy", "Economy"),
    EDUCATION("education", "Education"),
    ENVIRONMENT("environment", "Environment"),
    FAIR_WORK_AND_BUSINESS("fair-work-and-business", "Fair Work and Business"),
    HEALTH("health", "Health"),
    HUMAN_RIGHTS("human-rights", "Human Rights"),
    INTERNATIONAL("international", "International"),
    POVERTY("poverty", "Poverty");

    /** The concept scheme's name under {@code def/concept-scheme/}. */
    public static final String SCHEME = "npf-outcomes";

    private final String slug;
    private final String label;

    NationalOutcome(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    /** The outcome named by its slug or label, ignoring case. */
    public static Optional<NationalOutcome> parse(String s) {
        String w = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(o ->
                        o.slug.equals(w) || o.label.toLowerCase(Locale.ROOT).equals(w))
                .findFirst();
    }
}
