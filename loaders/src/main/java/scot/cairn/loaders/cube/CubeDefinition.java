package scot.cairn.loaders.cube;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.NationalOutcome;
import scot.cairn.vocab.PublisherVocabulary.ObservationStatus;
import scot.cairn.vocab.Slugs;

/**
 * The declarative description of one dataset (a cube): its metadata, its dimensions beyond area
 * and period, its measure types and units, the geography levels it may use, the markers that
 * stand for "no value", and optionally how to read a wide file. Read from YAML with {@link #read};
 * the format is documented in {@code cube-definitions/README.md}.
 *
 * <p>Every component is checked when the record is built, so a definition that exists is usable.
 *
 * @param slug          the dataset's URI segment: {@code {base}data/{slug}}
 * @param title         the dataset's title
 * @param description   a paragraph describing the dataset
 * @param publisher     the publishing organisation
 * @param creator       the organisation that produced the statistics (defaults to the publisher)
 * @param themes        theme slugs, each {@code {base}def/concept/folders/themes/{slug}}
 * @param licence       licence URI; defaults to {@link #OGL_V3}
 * @param source        where the data came from (a URI or a sentence), or null
 * @param issued        first publication date (ISO yyyy-mm-dd), or null
 * @param nextUpdateDue next scheduled update (ISO date), or null
 * @param contact       contact e-mail address or URL, or null
 * @param qualityNotes  notes on quality and caveats, or null
 * @param levels        the geography levels the dataset may use (prefix {@code S12}, enum name
 *                      {@code COUNCIL} or collection name {@code council-areas})
 * @param columns       field -> CSV header, when a header differs from the standard
 *                      FeatureCode, DateCode, Measurement, Units, Value
 * @param constants     field -> value for every row, for fields the file has no column for
 * @param dimensions    the dimensions beyond area, period and measure type, in URI order
 * @param measures      the measure types
 * @param markers       cell text -> observation status, replacing the default
 *                      {@code * -> suppressed, NA and .. -> not-available, - -> nil}
 * @param wide          how to melt a wide file, or null for a tidy file
 * @param outcomes      slugs of the National Performance Framework outcomes the dataset informs
 *                      ({@link NationalOutcome}), possibly empty
 */
public record CubeDefinition(
        String slug,
        String title,
        String description,
        Agent publisher,
        Agent creator,
        @JsonAlias("theme") List<String> themes,
        @JsonAlias("license") String licence,
        String source,
        String issued,
        String nextUpdateDue,
        String contact,
        String qualityNotes,
        List<String> levels,
        Map<String, String> columns,
        Map<String, String> constants,
        List<DimensionSpec> dimensions,
        List<MeasureSpec> measures,
        Map<String, String> markers,
        WideLayout wide,
        @JsonAlias({"outcome", "npfOutcomes"}) List<String> outcomes) {

    /** Open Government Licence v3.0, the default licence. */
    public static final String OGL_V3 = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

    public static final String FEATURE_CODE = "FeatureCode";
    public static final String DATE_CODE = "DateCode";
    public static final String MEASUREMENT = "Measurement";
    public static final String UNITS = "Units";
    public static final String VALUE = "Value";

    /** The standard fields of the statistics.gov.scot upload format, in order. */
    public static final List<String> STANDARD_FIELDS = List.of(FEATURE_CODE, DATE_CODE, MEASUREMENT, UNITS, VALUE);

    static final Map<String, String> DEFAULT_MARKERS = defaultMarkers();

    private static Map<String, String> defaultMarkers() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("*", ObservationStatus.SUPPRESSED.code());
        m.put("NA", ObservationStatus.NOT_AVAILABLE.code());
        m.put("..", ObservationStatus.NOT_AVAILABLE.code());
        m.put("-", ObservationStatus.NIL.code());
        return m;
    }

    public CubeDefinition {
        require(slug, "slug");
        if (!Slugs.isSlug(slug)) {
            throw DefinitionProblem.at(
                    "slug '" + slug + "' must be lower-case letters, digits and single hyphens", "slug");
        }
        require(title, "title");
        require(description, "description");
        if (publisher == null) {
            throw DefinitionProblem.at("'publisher' is required", "publisher");
        }
        if (creator == null) {
            creator = publisher;
        }
        themes = themes == null ? List.of() : List.copyOf(themes);
        for (int i = 0; i < themes.size(); i++) {
            String t = themes.get(i);
            if (!Slugs.isSlug(t)) {
                throw DefinitionProblem.at(
                        "theme '" + t + "' must be a slug, e.g. '" + Slugs.slugify(t) + "'", "themes", i);
            }
        }
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        for (int i = 0; i < outcomes.size(); i++) {
            String o = outcomes.get(i);
            if (NationalOutcome.parse(o)
                    .map(NationalOutcome::slug)
                    .filter(o::equals)
                    .isEmpty()) {
                throw DefinitionProblem.at(
                        "outcome '" + o + "' is not a National Performance Framework outcome (one of: "
                                + String.join(
                                        ", ",
                                        java.util.Arrays.stream(NationalOutcome.values())
                                                .map(NationalOutcome::slug)
                                                .toList())
                                + ")",
                        "outcomes",
                        i);
            }
        }
        if (licence == null) {
            licence = OGL_V3;
        }
        date(issued, "issued");
        date(nextUpdateDue, "nextUpdateDue");
        if (levels == null || levels.isEmpty()) {
            throw DefinitionProblem.at(
                    "'levels' must list the geography levels allowed, e.g. [council, country]", "levels");
        }
        levels = List.copyOf(levels);
        for (int i = 0; i < levels.size(); i++) {
            String l = levels.get(i);
            if (AreaLevel.parse(l).isEmpty() && parseLevelWord(l) == null) {
                throw DefinitionProblem.at(
                        "unknown geography level '" + l + "'; use one of "
                                + EnumSet.allOf(AreaLevel.class).stream()
                                        .map(a -> a.name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-'))
                                        .collect(Collectors.joining(", ")),
                        "levels",
                        i);
            }
        }
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        Set<String> names = new HashSet<>();
        Set<String> fields = new HashSet<>();
        STANDARD_FIELDS.forEach(f -> fields.add(normalise(f)));
        for (int i = 0; i < dimensions.size(); i++) {
            DimensionSpec d = dimensions.get(i);
            if (!names.add(d.name())) {
                throw DefinitionProblem.at("two dimensions are named '" + d.name() + "'", "dimensions", i, "name");
            }
            if (!fields.add(normalise(d.column()))) {
                throw DefinitionProblem.at(
                        "dimension column '" + d.column() + "' is used twice or clashes with a standard field",
                        "dimensions",
                        i,
                        "column");
            }
        }
        if (measures == null || measures.isEmpty()) {
            throw DefinitionProblem.at("'measures' must list at least one measure type", "measures");
        }
        measures = List.copyOf(measures);
        Set<String> ms = new HashSet<>();
        for (int i = 0; i < measures.size(); i++) {
            MeasureSpec m = measures.get(i);
            if (!ms.add(m.measurement().strip().toLowerCase(Locale.ROOT))) {
                throw DefinitionProblem.at(
                        "measure type '" + m.measurement() + "' is declared twice", "measures", i, "measurement");
            }
        }
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        for (String f : columns.keySet()) {
            if (!fields.contains(normalise(f))) {
                throw DefinitionProblem.at(
                        "'" + f + "' is not a field; fields are " + STANDARD_FIELDS + " and the dimension columns",
                        "columns",
                        f);
            }
        }
        constants = constants == null ? Map.of() : new LinkedHashMap<>(constants);
        for (String f : constants.keySet()) {
            if (!fields.contains(normalise(f)) || normalise(f).equals(normalise(VALUE))) {
                throw DefinitionProblem.at("'" + f + "' is not a field that can be constant", "constants", f);
            }
        }
        markers = markers(markers);
        if (wide != null) {
            checkWide(wide, fields);
        }
    }

    private static Map<String, String> markers(Map<String, String> given) {
        if (given == null) {
            return DEFAULT_MARKERS;
        }
        Map<String, String> mk = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            try {
                mk.put(e.getKey().strip(), ObservationStatus.parse(e.getValue()).code());
            } catch (IllegalArgumentException bad) {
                throw DefinitionProblem.at(bad.getMessage(), "markers", e.getKey());
            }
        }
        return mk;
    }

    private static void checkWide(WideLayout wide, Set<String> fields) {
        for (Map.Entry<String, String> k : wide.keep().entrySet()) {
            String f = k.getValue();
            if (!fields.contains(normalise(f)) || normalise(f).equals(normalise(VALUE))) {
                throw DefinitionProblem.at("'" + f + "' is not a field a column can fill", "wide", "keep", k.getKey());
            }
        }
        if (!fields.contains(normalise(wide.meltInto()))
                || normalise(wide.meltInto()).equals(normalise(VALUE))) {
            throw DefinitionProblem.at("'" + wide.meltInto() + "' is not a field", "wide", "meltInto");
        }
        for (Map.Entry<String, Map<String, String>> over : wide.perColumn().entrySet()) {
            for (String f : over.getValue().keySet()) {
                if (!fields.contains(normalise(f))) {
                    throw DefinitionProblem.at("'" + f + "' is not a field", "wide", "perColumn", over.getKey(), f);
                }
            }
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw DefinitionProblem.at("'" + name + "' is required", name);
        }
    }

    private static void date(String value, String name) {
        if (value != null) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw DefinitionProblem.at("'" + name + "' must be an ISO date yyyy-mm-dd, not '" + value + "'", name);
            }
        }
    }

    private static AreaLevel parseLevelWord(String l) {
        String n = l.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (AreaLevel a : AreaLevel.values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        return null;
    }

    /** The geography levels the dataset may use. */
    public Set<AreaLevel> allowedLevels() {
        Set<AreaLevel> s = EnumSet.noneOf(AreaLevel.class);
        for (String l : levels) {
            s.add(AreaLevel.parse(l).orElseGet(() -> parseLevelWord(l)));
        }
        return s;
    }

    /** The measure type a Measurement cell names, or null. */
    MeasureSpec measure(String cell) {
        String s = cell.strip();
        for (MeasureSpec m : measures) {
            if (m.measurement().equalsIgnoreCase(s) || m.property().equals(s)) {
                return m;
            }
        }
        return null;
    }

    /** Header comparison key: case, spaces and punctuation ignored ({@code Indicator..municipal.waste.} = {@code Indicator (municipal waste)}). */
    static String normalise(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            } else if (c == '+') {
                sb.append('+');
            }
        }
        return sb.toString();
    }

    // Reading

    /**
     * Reads a definition from a YAML file (strict UTF-8, at most a few megabytes).
     *
     * @throws InvalidInputException naming the file, line and column of every problem: malformed
     *                               YAML, a duplicate or unknown key, a value of the wrong kind, a
     *                               rule of the format broken, a {@code TODO} placeholder left in
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static CubeDefinition read(Path file) {
        return DefinitionReader.read(file);
    }

    /** Reads a definition from YAML text; {@code fileName} names it in errors. */
    public static CubeDefinition read(String yaml, String fileName) {
        return DefinitionReader.read(yaml, fileName);
    }
}
