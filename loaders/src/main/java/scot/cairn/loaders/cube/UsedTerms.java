package scot.cairn.loaders.cube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the observations of a file used, in the order first seen: the structure's per-dataset
 * code lists and the metadata's period labels are written from it once every row is read.
 * Bounded by the number of distinct values, not rows.
 */
final class UsedTerms {
    /** Area codes. */
    final Set<String> areas = new LinkedHashSet<>();
    /** Period URI -> period. */
    final Map<String, ReferencePeriod> periods = new LinkedHashMap<>();
    /** Per dimension: code -> label. */
    final List<Map<String, String>> codes = new ArrayList<>();

    final Set<MeasureSpec> measures = new LinkedHashSet<>();
    /** Unit slug -> the label as the file first spelled it. */
    final Map<String, String> units = new LinkedHashMap<>();
    /** Observation status -> marker observations with it. */
    final Map<String, Long> statuses = new TreeMap<>();

    UsedTerms(int dimensions) {
        for (int i = 0; i < dimensions; i++) {
            codes.add(new LinkedHashMap<>());
        }
    }
}
