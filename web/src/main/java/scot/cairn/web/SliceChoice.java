package scot.cairn.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import scot.cairn.profiles.Locality;
import scot.cairn.profiles.LocalityDirectory;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.web.WebModel.Area;
import scot.cairn.web.WebModel.DatasetDetail;

/**
 * The slice a dataset page's form asks for. Each form field is named by its dimension's URI, so
 * the page's own query string is the filter the download endpoints take; areas may also be
 * chosen as every area of a level ({@code level}), the areas of a level inside a larger area or a
 * locality ({@code level} with {@code within}: "the data zones of Aberdeen City"), or by code
 * ({@code areaCodes}; a typed code of a larger area that holds areas of the dataset is read as
 * "its areas").
 *
 * @param filters         dimension URI to the value URIs chosen (the area filter resolved to areas)
 * @param level           the level chosen, or "" for none
 * @param within          the larger area chosen ({@code within}), or null
 * @param locality        the locality chosen ({@code within=locality:{id}}), or null
 * @param levelCollection the collection URI when every area of the level is chosen without a parent (for the SPARQL), or null
 * @param areaCodes       the codes typed, as typed
 * @param unknownCodes    typed codes that are neither areas of the dataset nor areas holding some
 * @param notes           what the page did with the choice, in words ("S12000033 holds 283 data zones of this dataset: ...")
 */
record SliceChoice(
        Map<String, List<String>> filters,
        String level,
        Area within,
        Locality locality,
        String levelCollection,
        String areaCodes,
        List<String> unknownCodes,
        List<String> notes) {

    static final String AREA = CubeStructure.REF_AREA.getURI();
    static final String PERIOD = CubeStructure.REF_PERIOD.getURI();
    static final String MEASURE = CubeStructure.MEASURE_TYPE.getURI();

    /** Whether anything narrows the slice. */
    boolean sliced() {
        return !filters.isEmpty();
    }

    static SliceChoice of(
            DatasetDetail d, MultiValueMap<String, String> params, AreaReader areas, LocalityDirectory localities) {
        Map<String, List<String>> filters = dimensionFilters(d, params);
        List<String> notes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        String typed = params.getFirst("areaCodes");
        String level = blankToEmpty(params.getFirst("level"));
        String within = blankToEmpty(params.getFirst("within"));
        if (typed != null && !typed.isBlank()) {
            String parent = typedCodes(d, typed, filters, areas, unknown, notes);
            if (parent != null && within.isEmpty()) {
                within = parent;
                level = level.isEmpty() ? smallestLevel(d) : level;
            }
        }
        if (level.isEmpty() || filters.containsKey(AREA)) {
            return new SliceChoice(
                    filters,
                    level,
                    null,
                    null,
                    null,
                    typed == null ? "" : typed,
                    List.copyOf(unknown),
                    List.copyOf(notes));
        }
        return ofLevel(d, filters, level, within, areas, localities, typed == null ? "" : typed, unknown, notes);
    }

    /** The areas of a level: all of them, those inside a larger area, or the data zones of a locality. */
    private static SliceChoice ofLevel(
            DatasetDetail d,
            Map<String, List<String>> filters,
            String level,
            String withinParam,
            AreaReader areas,
            LocalityDirectory localities,
            String typed,
            List<String> unknown,
            List<String> notes) {
        List<String> atLevel = areasAt(d, level);
        Area within = null;
        Locality locality = null;
        if (withinParam.startsWith("locality:")) {
            locality =
                    localities.find(withinParam.substring("locality:".length())).orElse(null);
            if (locality == null) {
                notes.add("No locality " + withinParam.substring("locality:".length())
                        + " is saved: showing every area of the level.");
            } else {
                Set<String> zones = new LinkedHashSet<>();
                locality.dataZones().forEach(z -> zones.add(areas.uris().area(z)));
                filters.put(AREA, atLevel.stream().filter(zones::contains).toList());
            }
        } else if (!withinParam.isEmpty()) {
            within = areas.find(withinParam).orElse(null);
            if (within == null) {
                notes.add("No area " + withinParam + " is loaded: showing every area of the level.");
            } else {
                Set<String> inside = new LinkedHashSet<>();
                AreaLevel.parse(level)
                        .ifPresent(l -> areas.areasWithin(withinParam, l).forEach(a -> inside.add(a.uri())));
                filters.put(AREA, atLevel.stream().filter(inside::contains).toList());
            }
        }
        String levelCollection = null;
        if (within == null
                && locality == null
                && !atLevel.isEmpty()
                && atLevel.size() < d.areas().size()) {
            // Every area of the dataset at this level (with one level only, the same slice as no area filter).
            filters.put(AREA, atLevel);
            levelCollection = areas.uris().collection(level);
        }
        return new SliceChoice(
                filters, level, within, locality, levelCollection, typed, List.copyOf(unknown), List.copyOf(notes));
    }

    /** The values chosen for each dimension (area, period, measure and the others), by the fields named by their URIs. */
    private static Map<String, List<String>> dimensionFilters(DatasetDetail d, MultiValueMap<String, String> params) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        List<String> dims = new ArrayList<>(List.of(AREA, PERIOD, MEASURE));
        d.dimensions().forEach(x -> dims.add(x.uri()));
        for (String dim : dims) {
            List<String> values = params.getOrDefault(dim, List.of()).stream()
                    .filter(v -> !v.isBlank())
                    .distinct()
                    .toList();
            if (!values.isEmpty()) {
                filters.put(dim, new ArrayList<>(values));
            }
        }
        return filters;
    }

    /**
     * Adds the typed codes that are areas of the dataset to the area filter. A code of a larger
     * area holding areas of the dataset is returned, to be read as "its areas"; other codes are unknown.
     */
    private static String typedCodes(
            DatasetDetail d,
            String typed,
            Map<String, List<String>> filters,
            AreaReader areas,
            List<String> unknown,
            List<String> notes) {
        Map<String, String> byCode = new LinkedHashMap<>();
        d.areas().forEach(a -> byCode.put(a.code().toUpperCase(Locale.ROOT), a.uri()));
        List<String> chosen = new ArrayList<>(filters.getOrDefault(AREA, List.of()));
        String parent = null;
        for (String code : typed.strip().split("[\\s,;]+")) {
            String uri = byCode.get(code.toUpperCase(Locale.ROOT));
            if (uri != null) {
                if (!chosen.contains(uri)) {
                    chosen.add(uri);
                }
                continue;
            }
            Optional<Area> larger = areas.find(code.toUpperCase(Locale.ROOT));
            String smallest = smallestLevel(d);
            int inside = larger.isEmpty() || smallest.isEmpty()
                    ? 0
                    : (int) areas
                            .areasWithin(
                                    larger.get().code(),
                                    AreaLevel.parse(smallest).orElseThrow())
                            .stream()
                            .filter(a -> byCode.containsKey(a.code().toUpperCase(Locale.ROOT)))
                            .count();
            if (inside > 0 && parent == null) {
                parent = larger.get().code();
                notes.add(larger.get().name() + " (" + parent + ") is not itself in this dataset; its " + inside
                        + " areas of the smallest level are.");
            } else {
                unknown.add(code);
            }
        }
        if (!chosen.isEmpty()) {
            filters.put(AREA, chosen);
        }
        return chosen.isEmpty() ? parent : null;
    }

    /** The collection name of the dataset's smallest level, or "". */
    static String smallestLevel(DatasetDetail d) {
        return d.summary().levels().isEmpty() ? "" : d.summary().levels().get(0).name();
    }

    private static List<String> areasAt(DatasetDetail d, String level) {
        return d.areas().stream()
                .filter(a -> a.level() != null && a.level().name().equals(level))
                .map(Area::uri)
                .toList();
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    /** The {@code within} parameter of the choice as the form gives it back ("" for none). */
    String withinParam() {
        return locality != null ? "locality:" + locality.id() : within != null ? within.code() : "";
    }

    /** The choice of areas in words, for captions: "Data Zones 2011 in Aberdeen City". */
    String areasInWords(DatasetDetail d) {
        String levelLabel = d.summary().levels().stream()
                .filter(l -> l.name().equals(level))
                .map(WebModel.Level::label)
                .findFirst()
                .orElse(level);
        if (within != null) {
            return levelLabel + " in " + within.name();
        }
        if (locality != null) {
            return levelLabel + " in the locality " + locality.name();
        }
        return levelLabel;
    }
}
