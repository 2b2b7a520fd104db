package scot.cairn.profiles;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.Slugs;

/**
 * A named area profile: the indicators shown for an area, which way is better for each, the
 * deprivation measure used for the inequality gap, and the count below which a rate is not shown.
 *
 * <p>Read from YAML files ({@code cube-definitions/profiles/*.yaml}) with {@link #read(Path)}; the
 * format is documented in {@code cube-definitions/profiles/README.md}.
 *
 * @param name         slug naming the profile in URLs, e.g. {@code simd-income-health}
 * @param title        human title
 * @param description  optional longer text
 * @param smallCount   numerators (or counts) below this are shown as a count and flagged, not as a rate;
 *                     default 10
 * @param deprivation  optional: the deprivation groups of data zones for the inequality gap
 * @param family       optional: the comparator group of similar areas each area is set beside
 * @param indicators   the rows, in display order; ids unique
 */
public record ProfileDefinition(
        String name,
        String title,
        String description,
        Integer smallCount,
        Deprivation deprivation,
        Family family,
        List<Indicator> indicators) {

    /** Default small-count threshold: counts below 10 are shown as counts, not rates. */
    public static final int DEFAULT_SMALL_COUNT = 10;

    public ProfileDefinition {
        if (name == null || !Slugs.isSlug(name)) {
            throw new IllegalArgumentException(
                    "a profile needs a 'name' that is a slug (lower case, digits and '-'), got " + name);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("profile " + name + " needs a 'title'");
        }
        if (smallCount == null) {
            smallCount = DEFAULT_SMALL_COUNT;
        }
        if (smallCount < 0) {
            throw new IllegalArgumentException("smallCount must not be negative, got " + smallCount);
        }
        if (indicators == null || indicators.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " needs at least one indicator in 'indicators'");
        }
        indicators = List.copyOf(indicators);
        Set<String> ids = new HashSet<>();
        for (Indicator i : indicators) {
            if (!ids.add(i.id())) {
                throw new IllegalArgumentException("indicator id '" + i.id() + "' is given twice");
            }
        }
        if (family != null) {
            for (String id : family.similarBy()) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException("family.similarBy names '" + id
                            + "', which is no indicator of this profile; indicators: " + ids);
                }
            }
        }
    }

    /** Every series the profile reads: each indicator's value, numerator and denominator, and the deprivation groups. */
    public Set<Series> series() {
        Set<Series> out = new java.util.LinkedHashSet<>();
        for (Indicator i : indicators) {
            for (Series x : new Series[] {i.value(), i.numerator(), i.denominator()}) {
                if (x != null) {
                    out.add(x);
                }
            }
        }
        if (deprivation != null) {
            out.add(deprivation.series());
        }
        return out;
    }

    /** Which way is better. */
    public enum Better {
        HIGHER,
        LOWER;

        @JsonCreator
        static Better parse(String s) {
            return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
                case "higher" -> HIGHER;
                case "lower" -> LOWER;
                default -> throw new IllegalArgumentException("better must be 'higher' or 'lower', got '" + s + "'");
            };
        }
    }

    /**
     * How an indicator's value is formed, which decides how it aggregates over data zones.
     * COUNT sums; PROPORTION and RATE divide summed numerators by summed denominators (Wilson
     * intervals for proportions, Byar's for rates); VALUE (ratios, means, scores) cannot be
     * aggregated and is shown only where published.
     */
    public enum Kind {
        COUNT,
        PROPORTION,
        RATE,
        VALUE;

        @JsonCreator
        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("type must be one of count, proportion, rate, value; got '" + s + "'");
        }
    }

    /**
     * One published series: the observations of one dataset with one measure type and fixed
     * values of other dimensions.
     *
     * @param dataset    dataset slug
     * @param measure    measure property name, e.g. {@code count}, {@code ratio}
     * @param dimensions dimension name -> code (last segment of the concept URI), e.g. {@code gender: all}
     * @param sumOver    dimensions left free whose observations are summed (counts only), e.g. {@code [age]}
     */
    public record Series(String dataset, String measure, Map<String, String> dimensions, List<String> sumOver) {
        public Series {
            if (dataset == null || !Slugs.isSlug(dataset)) {
                throw new IllegalArgumentException("a series needs a 'dataset' slug, got " + dataset);
            }
            if (measure == null || measure.isBlank()) {
                throw new IllegalArgumentException(
                        "series of " + dataset + " needs a 'measure' (measure property name such as count)");
            }
            dimensions = dimensions == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
            dimensions.forEach((k, v) -> {
                if (v == null || v.isBlank()) {
                    throw new IllegalArgumentException("dimension '" + k + "' of series " + dataset + " needs a code");
                }
            });
            sumOver = sumOver == null ? List.of() : List.copyOf(sumOver);
            for (String s : sumOver) {
                if (dimensions.containsKey(s)) {
                    throw new IllegalArgumentException(
                            "dimension '" + s + "' of series " + dataset + " is both fixed and summed over");
                }
            }
        }

        /** A stable key for caches and messages. */
        public String key() {
            return dataset + "/" + measure + dimensions + (sumOver.isEmpty() ? "" : "+" + sumOver);
        }
    }

    /**
     * One row of a profile.
     *
     * @param id          slug, unique in the profile
     * @param label       what the row is called on the page
     * @param type        how it is formed (count, proportion, rate, value)
     * @param better      which direction is better
     * @param per         multiplier for proportions and rates, e.g. 100 (percent) or 10000; default 100
     *                    for proportions, 1000 for rates, 1 otherwise
     * @param unit        text after the value, e.g. {@code %} or {@code per 10,000}
     * @param scale       for a proportion or rate with a published {@code value} series: the {@code per}
     *                    its values are published on (1 for fractions such as 0.08, 100 for percentages
     *                    such as 8.0); required there, so a fraction is never shown as a percentage
     * @param rank        whether the worst and best sub-areas and the gap between the most and least
     *                    deprived are shown; default true, but false for counts (a count's "worst"
     *                    area is only the smallest)
     * @param value       the published series (required for count and value; optional for proportion
     *                    and rate, where it supplies published values when no numerator and
     *                    denominator are known)
     * @param numerator   for proportion and rate: the events counted
     * @param denominator for proportion and rate: the population at risk
     */
    public record Indicator(
            String id,
            String label,
            Kind type,
            Better better,
            Double per,
            String unit,
            Double scale,
            Boolean rank,
            Series value,
            Series numerator,
            Series denominator) {
        public Indicator {
            if (id == null || !Slugs.isSlug(id)) {
                throw new IllegalArgumentException("an indicator needs an 'id' that is a slug, got " + id);
            }
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("indicator " + id + " needs a 'label'");
            }
            if (type == null) {
                throw new IllegalArgumentException(
                        "indicator " + id + " needs a 'type' (count, proportion, rate or value)");
            }
            if (better == null) {
                throw new IllegalArgumentException("indicator " + id + " needs 'better: higher' or 'better: lower'");
            }
            if (type == Kind.COUNT || type == Kind.VALUE) {
                if (value == null) {
                    throw new IllegalArgumentException("indicator " + id + " of type "
                            + type.name().toLowerCase(Locale.ROOT) + " needs a 'value' series");
                }
                if (numerator != null || denominator != null) {
                    throw new IllegalArgumentException(
                            "indicator " + id + ": numerator and denominator belong to proportions and rates only");
                }
            } else {
                if ((numerator == null) != (denominator == null)) {
                    throw new IllegalArgumentException(
                            "indicator " + id + " needs both 'numerator' and 'denominator', or neither");
                }
                if (numerator == null && value == null) {
                    throw new IllegalArgumentException(
                            "indicator " + id + " needs a numerator and denominator, or a published 'value' series");
                }
            }
            if (type == Kind.VALUE && !value.sumOver().isEmpty()) {
                throw new IllegalArgumentException(
                        "indicator " + id + ": values of type 'value' cannot be summed (sumOver)");
            }
            if (per == null) {
                per = switch (type) {
                    case PROPORTION -> 100.0;
                    case RATE -> 1000.0;
                    default -> 1.0;
                };
            }
            if (!(per > 0)) {
                throw new IllegalArgumentException("indicator " + id + ": 'per' must be positive, got " + per);
            }
            if ((type == Kind.PROPORTION || type == Kind.RATE) && value != null && scale == null) {
                throw new IllegalArgumentException(
                        "indicator " + id + ": a published " + type.name().toLowerCase(Locale.ROOT)
                                + " needs 'scale', the per its values are published on: 1 when published as fractions (0.08), 100 when as percentages (8.0)");
            }
            if (scale != null && (type == Kind.COUNT || type == Kind.VALUE)) {
                throw new IllegalArgumentException(
                        "indicator " + id + ": 'scale' belongs to proportions and rates with a published value series");
            }
            if (scale != null && !(scale > 0)) {
                throw new IllegalArgumentException("indicator " + id + ": 'scale' must be positive, got " + scale);
            }
            if (rank == null) {
                rank = type != Kind.COUNT;
            }
            if (unit == null) {
                unit = switch (type) {
                    case PROPORTION -> per == 100.0 ? "%" : "per " + String.format(Locale.UK, "%,.0f", per);
                    case RATE -> "per " + String.format(Locale.UK, "%,.0f", per);
                    default -> "";
                };
            }
        }

        /** True when the value is a ratio of a known numerator and denominator. */
        public boolean hasCounts() {
            return numerator != null;
        }

        /** True when a difference of two of its values is in percentage points (a proportion shown as a percentage). */
        public boolean inPercentagePoints() {
            return type == Kind.PROPORTION && per == 100.0;
        }
    }

    /**
     * The deprivation groups of data zones (e.g. SIMD quintiles), read from a published series
     * by data zone; its latest period is used.
     *
     * @param label        e.g. {@code SIMD 2020v2 quintile}
     * @param series       the series giving each data zone's group number
     * @param groups       number of groups (5 for quintiles, 10 for deciles)
     * @param mostDeprived the group number of the most deprived group (1 for SIMD)
     */
    public record Deprivation(String label, Series series, Integer groups, Integer mostDeprived) {
        public Deprivation {
            if (series == null) {
                throw new IllegalArgumentException(
                        "deprivation needs a 'series' (the dataset giving each data zone's quintile or decile)");
            }
            if (groups == null) {
                groups = 5;
            }
            if (groups < 2) {
                throw new IllegalArgumentException("deprivation.groups must be at least 2, got " + groups);
            }
            if (mostDeprived == null) {
                mostDeprived = 1;
            }
            if (mostDeprived != 1 && mostDeprived.intValue() != groups.intValue()) {
                throw new IllegalArgumentException(
                        "deprivation.mostDeprived must be 1 or " + groups + ", got " + mostDeprived);
            }
            if (label == null || label.isBlank()) {
                label = "deprivation " + (groups == 5 ? "quintile" : groups == 10 ? "decile" : "group");
            }
        }

        /** The group number of the least deprived group. */
        public int leastDeprived() {
            return mostDeprived == 1 ? groups : 1;
        }
    }

    /**
     * The comparator group each area is set beside, as the Improvement Service's Community
     * Planning Outcomes Profile sets each council beside its family group: either named groups of
     * areas ({@code groups}), or the {@code size} areas of the same level nearest to the area by the
     * indicators named in {@code similarBy} (each scaled to mean 0 and standard deviation 1 over
     * the level's areas, latest period; Euclidean distance).
     *
     * @param label     what the group is called on the page, e.g. "similar councils"
     * @param groups    named groups of area codes (an area in none has no family)
     * @param similarBy ids of this profile's indicators to find similar areas by
     * @param size      areas in a derived family, the area itself not counted; default 7
     */
    public record Family(String label, List<FamilyGroup> groups, List<String> similarBy, Integer size) {
        public Family {
            groups = groups == null ? List.of() : List.copyOf(groups);
            similarBy = similarBy == null ? List.of() : List.copyOf(similarBy);
            if (groups.isEmpty() == similarBy.isEmpty()) {
                throw new IllegalArgumentException(
                        "family needs either 'groups' (named lists of areas) or 'similarBy' (indicator ids), not both");
            }
            if (size == null) {
                size = 7;
            }
            if (size < 1) {
                throw new IllegalArgumentException("family.size must be at least 1, got " + size);
            }
            if (label == null || label.isBlank()) {
                label = "similar areas";
            }
        }
    }

    /** One named comparator group: its name and its areas' codes. */
    public record FamilyGroup(String name, List<String> areas) {
        public FamilyGroup {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a family group needs a 'name'");
            }
            if (areas == null || areas.size() < 2) {
                throw new IllegalArgumentException("family group " + name + " needs at least two 'areas'");
            }
            areas = List.copyOf(areas);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * Reads a profile from a YAML file.
     *
     * @throws InvalidInputException naming the file, line and column when the YAML is malformed, has
     *                               an unknown key or breaks a rule above
     */
    public static ProfileDefinition read(Path file) {
        try {
            return read(
                    Files.readString(file, StandardCharsets.UTF_8),
                    file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a profile from YAML text; {@code fileName} names it in errors. */
    public static ProfileDefinition read(String yaml, String fileName) {
        try {
            ProfileDefinition d = YAML.readValue(yaml, ProfileDefinition.class);
            if (d == null) {
                throw new InvalidInputException(new InputError(fileName, 0, 0, "profile", "the profile is empty"));
            }
            return d;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            long line = loc == null || loc.getLineNr() < 0 ? 0 : loc.getLineNr();
            int col = loc == null || loc.getColumnNr() < 0 ? 0 : loc.getColumnNr();
            throw new InvalidInputException(new InputError(fileName, line, col, "profile", describe(e)));
        }
    }

    private static String describe(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        if (message != null) {
            int cut = message.indexOf(" (class ");
            message = cut > 0 && !(root instanceof IllegalArgumentException) ? message.substring(0, cut) : message;
            cut = message.indexOf("\n");
            message = cut > 0 ? message.substring(0, cut) : message;
        }
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException jm) {
            for (JsonMappingException.Reference r : jm.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
        }
        return path.isEmpty() ? message : path + ": " + message;
    }
}
