package scot.cairn.loaders.cube;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.formats.TextInput;

/**
 * Reads a {@link CubeDefinition} from YAML and says what is wrong with it in a publisher's
 * words, at the line and column of the value to fix: syntax errors, duplicate keys, unknown keys,
 * a list where text belongs, a rule of the format broken (a {@link DefinitionProblem} names its
 * value), and every {@code TODO} placeholder {@code cairn draft} left in. The file is read as
 * strict UTF-8 within {@link #LIMITS} and parsed within SnakeYAML's and Jackson's limits (size,
 * nesting, aliases), so a hostile file is refused in bounded time and memory.
 */
final class DefinitionReader {

    /** A definition is a few kilobytes; a code list of 10,000 labelled codes is well under this. */
    static final int MAX_CHARS = 4 << 20;

    static final TextInput.Limits LIMITS = new TextInput.Limits(64 * 1024, MAX_CHARS, MAX_CHARS);
    private static final int MAX_DEPTH = 32;

    /** What {@code cairn draft} writes where only a person can fill in: {@code TODO publisher}, {@code todo-theme}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)todo\\b.*", Pattern.DOTALL);

    private static final ObjectMapper YAML = mapper();

    private DefinitionReader() {}

    private static ObjectMapper mapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_CHARS);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setMaxAliasesForCollections(20);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return YAMLMapper.builder(factory)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    static CubeDefinition read(Path file) {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        StringWriter text = new StringWriter();
        try (TextInput in = TextInput.open(file, LIMITS)) {
            in.transferTo(text);
        } catch (TextInput.Problem p) {
            throw new InvalidInputException(p.error());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + TextInput.describe(e), e);
        }
        return read(text.toString(), name);
    }

    static CubeDefinition read(String yaml, String fileName) {
        if (yaml.length() > MAX_CHARS) {
            throw new InvalidInputException(new InputError(
                    fileName,
                    0,
                    0,
                    "file-too-long",
                    String.format(
                            Locale.ROOT,
                            "the definition is longer than %,d characters, the most it may hold",
                            MAX_CHARS)));
        }
        List<InputError> errors = new ArrayList<>(scan(yaml, fileName));
        CubeDefinition definition = null;
        try {
            definition = YAML.readValue(new StringReader(yaml), CubeDefinition.class);
            if (definition == null) {
                errors.add(new InputError(fileName, 1, 1, "definition", "the definition is empty"));
            }
        } catch (UnrecognizedPropertyException e) {
            if (errors.stream().noneMatch(x -> x.rule().equals("unknown-key"))) {
                errors.add(translate(yaml, fileName, e));
            }
        } catch (JsonProcessingException e) {
            errors.add(translate(yaml, fileName, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingLong(InputError::line).thenComparingInt(InputError::column));
            throw new InvalidInputException(errors, false);
        }
        return definition;
    }

    /**
     * Every key the format does not have and every text value still holding a placeholder of
     * {@code cairn draft}, each where it is. Jackson would name only the first unknown key, and
     * none when building the record fails first (a misspelt required key).
     */
    private static List<InputError> scan(String yaml, String fileName) {
        List<InputError> found = new ArrayList<>();
        try (JsonParser p = YAML.getFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                JsonLocation at = p.currentTokenLocation();
                if (t == JsonToken.FIELD_NAME) {
                    Class<? extends Record> type = RECORDS.get(
                            pointer.substring(0, pointer.lastIndexOf('/')).replaceAll("/[0-9]+", "/#"));
                    if (type != null && !keys(type, true).contains(p.currentName())) {
                        found.add(error(
                                fileName,
                                at,
                                "unknown-key",
                                readablePath(pointer) + ": " + unknownKey(p.currentName(), keys(type, false))));
                    }
                } else if (t == JsonToken.VALUE_STRING
                        && PLACEHOLDER.matcher(p.getText().strip()).matches()) {
                    String path = readablePath(pointer);
                    found.add(error(
                            fileName,
                            at,
                            "placeholder",
                            (path.isEmpty() ? "" : path + ": ") + "'"
                                    + p.getText().strip()
                                    + "' is a placeholder left by 'cairn draft': replace it with the real value"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the YAML does not parse: reading it says where
        }
        return found;
    }

    /** The records of the format, by where they sit ({@code #}: any list index). */
    private static final Map<String, Class<? extends Record>> RECORDS = Map.of(
            "", CubeDefinition.class,
            "/dimensions/#", DimensionSpec.class,
            "/dimensions/#/codes/#", CodeSpec.class,
            "/measures/#", MeasureSpec.class,
            "/wide", WideLayout.class,
            "/publisher", Agent.class,
            "/creator", Agent.class);

    /** A record's keys, with or without the aliases it also accepts ({@code theme} for {@code themes}). */
    private static Set<String> keys(Class<? extends Record> type, boolean aliases) {
        Set<String> keys = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(c.getName());
            JsonAlias alias = c.getAccessor().getAnnotation(JsonAlias.class);
            if (alias == null) {
                try {
                    alias = type.getDeclaredField(c.getName()).getAnnotation(JsonAlias.class);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("a record's component has its field", e);
                }
            }
            if (aliases && alias != null) {
                keys.addAll(List.of(alias.value()));
            }
        }
        return keys;
    }

    /** A Jackson or SnakeYAML complaint as a publisher's error at the value it is about. */
    private static InputError translate(String yaml, String fileName, JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !(e instanceof JsonParseException)) {
            String pointer = pointer(m);
            Throwable cause = m.getCause();
            if (m instanceof ValueInstantiationException && cause instanceof DefinitionProblem p) {
                pointer += p.pointer();
            }
            Located value = locate(yaml, pointer);
            String path = readablePath(value.pointer());
            return error(
                    fileName,
                    value.at() != null ? value.at() : m.getLocation(),
                    "definition",
                    (path.isEmpty() ? "" : path + ": ") + describe(m, value.token()));
        }
        return error(
                fileName,
                e.getLocation(),
                e instanceof StreamConstraintsException ? "too-large" : "yaml-syntax",
                syntax(e));
    }

    private static InputError error(String fileName, JsonLocation at, String rule, String message) {
        long line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
        int column = at == null || at.getColumnNr() < 1 ? 1 : at.getColumnNr();
        return new InputError(fileName, line, column, rule, message);
    }

    private static String describe(JsonMappingException e, JsonToken found) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownKey(u.getPropertyName(), u.getKnownPropertyIds());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + kind(f.getTargetType()) + ", found '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return found == null && mi.getPath().isEmpty()
                    ? "the definition is empty: expected a mapping (key: value lines)"
                    : "expected " + kind(mi.getTargetType()) + ", found " + found(found);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? "this value cannot be read" : firstLine(cause.getMessage());
    }

    private static String unknownKey(String key, Collection<?> known) {
        List<String> keys = known.stream().map(String::valueOf).sorted().toList();
        String closest = keys.stream()
                .min(Comparator.comparingInt(k -> distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))))
                .filter(k -> distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= 2)
                .orElse(null);
        return "unknown key '" + key + "'" + (closest != null ? " (did you mean '" + closest + "'?)" : "")
                + "; the keys here are " + String.join(", ", keys);
    }

    /** Edit distance, for suggesting the key a typo meant. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(
                        Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** What a value of this Java type is called in YAML. */
    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping (key: value lines)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Agent.class) {
            return "a name, or a mapping with 'label' and 'uri'";
        }
        if (type == CodeSpec.class) {
            return "a label, or a mapping with 'code', 'label' and 'parent'";
        }
        return "a mapping (key: value lines)";
    }

    private static String found(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "nothing";
            default -> "something else";
        };
    }

    /** A YAML syntax error in SnakeYAML's words, without Jackson's source dump. */
    private static String syntax(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return String.format(
                    Locale.ROOT,
                    "the YAML nests deeper, or holds a longer value, than a cube definition may "
                            + "(%d levels, %,d characters)",
                    MAX_DEPTH,
                    MAX_CHARS);
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MarkedYAMLException y) {
                String context = y.getContext() == null
                        ? ""
                        : " (" + y.getContext().strip()
                                + (y.getContextMark() != null
                                        ? " that starts on line "
                                                + (y.getContextMark().getLine() + 1)
                                        : "")
                                + ")";
                return "this is not valid YAML: "
                        + String.valueOf(y.getProblem()).strip() + context + "; check the indentation and quotes";
            }
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Duplicate field '")) {
            String key = m.substring("Duplicate field '".length(), m.indexOf('\'', "Duplicate field '".length()));
            return "the key '" + key + "' appears twice: each key may be given once";
        }
        return "this is not valid YAML: " + firstLine(m);
    }

    private static String firstLine(String s) {
        String m = s.strip();
        int cut = m.indexOf('\n');
        m = cut >= 0 ? m.substring(0, cut) : m;
        return m.replaceAll(" \\(class [^)]*\\)", "").replaceAll("`[a-z]+(\\.[a-zA-Z0-9_$]+)+`", "a value");
    }

    /** Jackson's path as a JSON pointer: {@code /measures/1/datatype}. */
    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                pointer.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (r.getIndex() >= 0) {
                pointer.append('/').append(r.getIndex());
            }
        }
        return pointer.toString();
    }

    /** A pointer as the message shows it: {@code measures[1].datatype}. */
    private static String readablePath(String pointer) {
        StringBuilder s = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String key = part.replace("~1", "/").replace("~0", "~");
            if (key.chars().allMatch(Character::isDigit)) {
                s.append('[').append(key).append(']');
            } else {
                s.append(s.isEmpty() ? "" : ".").append(key);
            }
        }
        return s.toString();
    }

    /**
     * Where the value at {@code pointer} starts (or, when the definition lacks it, the nearest
     * value containing it): Jackson reports errors found while building a record at the record's
     * end, which can be past the last line of the file.
     */
    private static Located locate(String yaml, String pointer) {
        for (String target = pointer; ; target = target.substring(0, target.lastIndexOf('/'))) {
            Located found = find(yaml, target);
            if (found.at() != null || target.isEmpty()) {
                return found;
            }
        }
    }

    /** Where a value starts (its key, when it has one), what kind of value it is, and its pointer. */
    private record Located(String pointer, JsonLocation at, JsonToken token) {}

    private static Located find(String yaml, String target) {
        JsonLocation at = null;
        try (JsonParser p = YAML.getFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (p.getParsingContext().pathAsPointer().toString().equals(target)) {
                    if (at == null) {
                        at = p.currentTokenLocation();
                    }
                    if (t != JsonToken.FIELD_NAME) {
                        return new Located(target, at, t);
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to Jackson's own location
        }
        return new Located(target, at, null);
    }
}
