package scot.cairn.loaders.cube;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import scot.cairn.formats.InputError;
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
        String slug, String title, String description, Agent publisher, Agent creator,
        @JsonAlias("theme") List<String> themes, @JsonAlias("license") String licence, String source,
        String issued, String nextUpdateDue, String contact, String qualityNotes,
        List<String> levels, Map<String, String> columns, Map<String, String> constants,
        List<DimensionSpec> dimensions, List<MeasureSpec> measures, Map<String, String> markers,
        WideLayout wide, @JsonAlias({"outcome", "npfOutcomes"}) List<String> outcomes) {

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
        if (slug == null || !Slugs.isSlug(slug)) {
            throw new IllegalArgumentException("slug '" + slug + "' must be lower-case letters, digits and single hyphens");
        }
        require(title, "title");
        require(description, "description");
        if (publisher == null) {
            throw new IllegalArgumentException("'publisher' is required");
        }
        if (creator == null) {
            creator = publisher;
        }
        themes = themes == null ? List.of() : List.copyOf(themes);
        for (String t : themes) {
            if (!Slugs.isSlug(t)) {
                throw new IllegalArgumentException("theme '" + t + "' must be a slug, e.g. '" + Slugs.slugify(t) + "'");
            }
        }
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        for (String o : outcomes) {
            if (NationalOutcome.parse(o).map(NationalOutcome::slug).filter(o::equals).isEmpty()) {
                throw new IllegalArgumentException("outcome '" + o + "' is not a National Performance Framework outcome (one of: "
                        + String.join(", ", java.util.Arrays.stream(NationalOutcome.values()).map(NationalOutcome::slug).toList()) + ")");
            }
        }
        if (licence == null) {
            licence = OGL_V3;
        }
        date(issued, "issued");
        date(nextUpdateDue, "nextUpdateDue");
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("'levels' must list the geography levels allowed, e.g. [council, country]");
        }
        levels = List.copyOf(levels);
        for (String l : levels) {
            if (AreaLevel.parse(l).isEmpty() && parseLevelWord(l) == null) {
                throw new IllegalArgumentException("unknown geography level '" + l + "'; use one of "
                        + EnumSet.allOf(AreaLevel.class).stream().map(a -> a.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .collect(Collectors.joining(", ")));
            }
        }
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        Set<String> names = new HashSet<>();
        Set<String> fields = new HashSet<>();
        STANDARD_FIELDS.forEach(f -> fields.add(normalise(f)));
        for (DimensionSpec d : dimensions) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("two dimensions are named '" + d.name() + "'");
            }
            if (!fields.add(normalise(d.column()))) {
                throw new IllegalArgumentException("dimension column '" + d.column() + "' is used twice or clashes with a standard field");
            }
        }
        if (measures == null || measures.isEmpty()) {
            throw new IllegalArgumentException("'measures' must list at least one measure type");
        }
        measures = List.copyOf(measures);
        Set<String> ms = new HashSet<>();
        for (MeasureSpec m : measures) {
            if (!ms.add(m.measurement().strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("measure type '" + m.measurement() + "' is declared twice");
            }
        }
        columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        for (String f : columns.keySet()) {
            if (!fields.contains(normalise(f))) {
                throw new IllegalArgumentException("columns: '" + f + "' is not a field; fields are " + STANDARD_FIELDS
                        + " and the dimension columns");
            }
        }
        constants = constants == null ? Map.of() : new LinkedHashMap<>(constants);
        for (String f : constants.keySet()) {
            if (!fields.contains(normalise(f)) || normalise(f).equals(normalise(VALUE))) {
                throw new IllegalArgumentException("constants: '" + f + "' is not a field that can be constant");
            }
        }
        if (markers == null) {
            markers = DEFAULT_MARKERS;
        } else {
            Map<String, String> mk = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : markers.entrySet()) {
                mk.put(e.getKey().strip(), ObservationStatus.parse(e.getValue()).code());
            }
            markers = mk;
        }
        if (wide != null) {
            for (String f : wide.keep().values()) {
                if (!fields.contains(normalise(f)) || normalise(f).equals(normalise(VALUE))) {
                    throw new IllegalArgumentException("wide.keep: '" + f + "' is not a field a column can fill");
                }
            }
            if (!fields.contains(normalise(wide.meltInto())) || normalise(wide.meltInto()).equals(normalise(VALUE))) {
                throw new IllegalArgumentException("wide.meltInto: '" + wide.meltInto() + "' is not a field");
            }
            for (Map<String, String> over : wide.perColumn().values()) {
                for (String f : over.keySet()) {
                    if (!fields.contains(normalise(f))) {
                        throw new IllegalArgumentException("wide.perColumn: '" + f + "' is not a field");
                    }
                }
            }
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
    }

    private static void date(String value, String name) {
        if (value != null) {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + name + "' must be an ISO date yyyy-mm-dd, not '" + value + "'");
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

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * Reads a definition from a YAML file.
     *
     * @throws InvalidInputException naming the file, line and column when the YAML is malformed,
     *                               has an unknown key, or breaks a rule of the format
     */
    public static CubeDefinition read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a definition from YAML text; {@code fileName} names it in errors. */
    public static CubeDefinition read(String yaml, String fileName) {
        try {
            return parse(yaml, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CubeDefinition parse(String yaml, String fileName) throws IOException {
        try {
            CubeDefinition d = YAML.readValue(new StringReader(yaml), CubeDefinition.class);
            if (d == null) {
                throw new InvalidInputException(new InputError(fileName, 0, 0, "definition", "the definition is empty"));
            }
            return d;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e instanceof JsonMappingException jm ? locate(yaml, jm) : null;
            if (loc == null) {
                loc = e.getLocation();
            }
            long line = loc == null || loc.getLineNr() < 0 ? 0 : loc.getLineNr();
            int col = loc == null || loc.getColumnNr() < 0 ? 0 : loc.getColumnNr();
            throw new InvalidInputException(new InputError(fileName, line, col, "definition", describe(e)));
        }
    }

    /**
     * Where the element a mapping error is about starts: Jackson reports errors found while
     * building a record at the end of the record, which is rarely the line to fix.
     */
    private static JsonLocation locate(String yaml, JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                pointer.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (r.getIndex() >= 0) {
                pointer.append('/').append(r.getIndex());
            }
        }
        if (pointer.isEmpty()) {
            return null;
        }
        String target = pointer.toString();
        try (com.fasterxml.jackson.core.JsonParser p = YAML.getFactory().createParser(yaml)) {
            while (p.nextToken() != null) {
                if (p.getParsingContext().pathAsPointer().toString().equals(target)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to Jackson's own location
        }
        return null;
    }

    private static String describe(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof IllegalArgumentException || root instanceof NullPointerException
                ? root.getMessage() : e.getOriginalMessage();
        if (message != null) {
            // Jackson appends its own source description; the file name is already given.
            int cut = message.indexOf("\n at [Source");
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
        }
        String path = e instanceof JsonMappingException jm ? path(jm) : "";
        return path.isEmpty() ? message : path + ": " + message;
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + r.getFieldName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }
}
