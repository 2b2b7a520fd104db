package scot.cairn.loaders.cube;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.Slugs;

/**
 * What {@code cairn draft} counts in any file, tidy or wide: rows, the levels of the area codes
 * (and a few codes of no known level), the forms of the periods (and a few malformed ones) and
 * the markers among the values. Memory grows with distinct periods and markers, not rows.
 */
final class DraftFacts {

    /** Examples kept of each kind of bad value, for the draft's comments. */
    private static final int EXAMPLES = 5;

    long rows;
    final Map<AreaLevel, Integer> levels = new EnumMap<>(AreaLevel.class);
    final Set<String> unknownAreas = new LinkedHashSet<>();
    final Map<String, Integer> periodForms = new TreeMap<>();
    final Set<String> badPeriods = new LinkedHashSet<>();
    final Map<String, Integer> markers = new LinkedHashMap<>();
    private final Set<String> periodsSeen = new HashSet<>();

    void area(String cell) {
        String code = cell.strip().toUpperCase(Locale.ROOT);
        AreaLevel.ofCode(code).ifPresentOrElse(l -> levels.merge(l, 1, Integer::sum), () -> {
            if (unknownAreas.size() < EXAMPLES) {
                unknownAreas.add(code);
            }
        });
    }

    void period(String cell) {
        String period = cell.strip();
        if (!periodsSeen.add(period)) {
            return;
        }
        try {
            periodForms.merge(form(ReferencePeriod.parse(period)), 1, Integer::sum);
        } catch (IllegalArgumentException e) {
            if (badPeriods.size() < EXAMPLES) {
                badPeriods.add(period);
            }
        }
    }

    void marker(String cell) {
        markers.merge(cell, 1, Integer::sum);
    }

    /** The kind of a period's interval: {@code year}, {@code government-year}, {@code quarter}, ... */
    static String form(ReferencePeriod p) {
        String kind = p.uri().substring("http://reference.data.gov.uk/id/".length());
        return kind.substring(0, kind.indexOf('/'));
    }

    /** The distinct values of one column, until there are too many to list as codes. */
    static final class Codes {
        private final LinkedHashSet<String> values = new LinkedHashSet<>();
        private boolean tooMany;

        void add(String cell) {
            if (!tooMany) {
                values.add(cell.strip());
                if (values.size() > Drafter.MAX_CODES) {
                    tooMany = true;
                    values.clear();
                }
            }
        }

        boolean tooMany() {
            return tooMany;
        }

        /** The values as an explicit code list, or null when they should be derived from the data. */
        java.util.List<String> list() {
            Set<String> slugs = new HashSet<>();
            boolean distinct = !tooMany && !values.isEmpty();
            for (String c : values) {
                try {
                    distinct &= slugs.add(Slugs.slugify(c));
                } catch (IllegalArgumentException e) {
                    distinct = false;
                }
            }
            return distinct ? java.util.List.copyOf(values) : null;
        }
    }
}
