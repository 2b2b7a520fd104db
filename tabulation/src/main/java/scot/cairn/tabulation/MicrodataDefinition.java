package scot.cairn.tabulation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a microdata file holds and how it may be tabulated, read from YAML or JSON.
 *
 * <pre>
 * name: persons
 * title: Synthetic persons
 * unit: persons
 * geography: dz              # column holding the 2011 data zone code
 * weight: w                  # optional
 * variables:
 *   - name: sex
 *     label: Sex
 *     categories: {"1": Male, "2": Female}
 * magnitudes:                # optional numeric variables (sum / mean)
 *   - name: employees
 *     label: Employees
 * swapping:                  # optional targeted record swapping at ingest
 *   keyVariables: [sex, age, ethnic]
 *   matchVariables: [sex, age]
 *   rate: 0.5
 *   seed: 7
 * </pre>
 *
 * The column of a variable is its name unless {@code column} says otherwise. Record keys are not
 * configured here: they come from the store's secret (see {@code RecordKeySecret}), so that a
 * definition can be shared or shipped; a definition that still names {@code recordKeySeed} is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MicrodataDefinition(
        String name,
        String title,
        String unit,
        String geography,
        String weight,
        List<Variable> variables,
        List<Magnitude> magnitudes,
        Swapping swapping) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    public MicrodataDefinition {
        require(
                name != null && NAME.matcher(name).matches(),
                "name must be lower case letters, digits and _ (starting with a letter), got " + name);
        require(geography != null && !geography.isBlank(), "geography (the data zone column) is required");
        require(variables != null && !variables.isEmpty(), "at least one categorical variable is required");
        title = title == null ? name : title;
        unit = unit == null ? "records" : unit;
        variables = List.copyOf(variables);
        magnitudes = magnitudes == null ? List.of() : List.copyOf(magnitudes);
        Set<String> seen = new HashSet<>();
        for (Variable v : variables) {
            require(seen.add(v.name()), "variable name used twice: " + v.name());
        }
        for (Magnitude m : magnitudes) {
            require(seen.add(m.name()), "name used twice: " + m.name());
        }
        if (swapping != null) {
            for (String k : swapping.keyVariables()) {
                require(
                        variables.stream().anyMatch(v -> v.name().equals(k)),
                        "swapping key variable is not a variable: " + k);
            }
            for (String k : swapping.matchVariables()) {
                require(
                        variables.stream().anyMatch(v -> v.name().equals(k)),
                        "swapping match variable is not a variable: " + k);
            }
        }
    }

    /** A categorical variable: its categories in display order, code to label. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Variable(String name, String label, String column, Map<String, String> categories) {
        public Variable {
            require(
                    name != null && NAME.matcher(name).matches(),
                    "variable name must match [a-z][a-z0-9_]*, got " + name);
            require(categories != null && !categories.isEmpty(), "variable " + name + " needs categories");
            require(categories.size() <= 250, "variable " + name + " has more than 250 categories");
            label = label == null ? name : label;
            column = column == null ? name : column;
            categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
            for (Map.Entry<String, String> c : categories.entrySet()) {
                require(
                        !c.getKey().isBlank() && !c.getKey().equals(Cell.TOTAL),
                        "variable " + name + ": category code '" + c.getKey() + "' is reserved or blank");
                require(
                        c.getValue() != null && !c.getValue().isBlank(),
                        "variable " + name + ": category '" + c.getKey()
                                + "' has no label (in a YAML {...} map, quote labels that contain commas)");
            }
        }

        public List<String> codes() {
            return List.copyOf(categories.keySet());
        }
    }

    /** A numeric variable that can be summed (turnover, employees). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Magnitude(String name, String label, String column) {
        public Magnitude {
            require(
                    name != null && NAME.matcher(name).matches(),
                    "magnitude name must match [a-z][a-z0-9_]*, got " + name);
            label = label == null ? name : label;
            column = column == null ? name : column;
        }
    }

    /**
     * Targeted record swapping: records unique on {@code keyVariables} within their data zone are
     * swapped, at {@code rate} (the share of such records selected; {@code rareRate}, default 1,
     * for those unique in their whole intermediate zone), with a record that has the same
     * {@code matchVariables} in another intermediate zone of the same council.
     */
    public record Swapping(
            List<String> keyVariables, List<String> matchVariables, double rate, Double rareRate, Long seed) {
        public Swapping {
            require(keyVariables != null && !keyVariables.isEmpty(), "swapping needs keyVariables");
            matchVariables = matchVariables == null ? List.of() : List.copyOf(matchVariables);
            keyVariables = List.copyOf(keyVariables);
            require(rate >= 0 && rate <= 1, "swapping rate must be in [0,1], got " + rate);
            rareRate = rareRate == null ? 1.0 : rareRate;
            require(rareRate >= rate && rareRate <= 1, "swapping rareRate must be in [rate,1], got " + rareRate);
            seed = seed == null ? 0L : seed;
        }
    }

    public Variable variable(String variableName) {
        return variables.stream()
                .filter(v -> v.name().equals(variableName))
                .findFirst()
                .orElse(null);
    }

    public Magnitude magnitude(String magnitudeName) {
        return magnitudes.stream()
                .filter(v -> v.name().equals(magnitudeName))
                .findFirst()
                .orElse(null);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * Reads a definition from a YAML or JSON file (JSON is YAML).
     *
     * @throws InvalidMicrodataException naming the file, line and column of the problem
     */
    public static MicrodataDefinition load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InvalidMicrodataException(List.of(new InvalidMicrodataException.Problem(
                    file.toString(), 0, 0, "readable", "cannot read the definition: " + e.getMessage())));
        }
    }

    /** Parses definition text; {@code source} names it in errors. */
    public static MicrodataDefinition parse(String text, String source) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(text);
            if (tree != null && tree.has("recordKeySeed")) {
                throw new InvalidMicrodataException(List.of(new InvalidMicrodataException.Problem(
                        source,
                        0,
                        0,
                        "no-record-key-seed",
                        "recordKeySeed is no longer read: record keys are derived from the store's secret ("
                                + RecordKeySecret.FILE_NAME
                                + " beside the microdata), which never leaves the server; remove the line")));
            }
            return YAML.readValue(text, MicrodataDefinition.class);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String message = e.getOriginalMessage();
            if (e instanceof ValueInstantiationException && e.getCause() != null) {
                message = e.getCause().getMessage();
            } else if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    && !m.getPath().isEmpty()) {
                // Record properties are buffered, so the location can trail the field; the path pins it.
                message = message.replaceAll("\\s*\\(class [^)]*\\)", "") + " at "
                        + m.getPath().stream()
                                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                                .collect(java.util.stream.Collectors.joining("."));
            }
            throw new InvalidMicrodataException(List.of(new InvalidMicrodataException.Problem(
                    source,
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    "definition",
                    message)));
        }
    }

    /** The definition as JSON (stored with the data). */
    String toJson() {
        try {
            return new ObjectMapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MicrodataDefinition fromJson(String json) {
        try {
            // Definitions stored before record keys became secret carry a recordKeySeed: ignored (their keys are
            // stored).
            return new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json, MicrodataDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition unreadable: " + e.getMessage(), e);
        }
    }

    /** Column names the CSV must have. */
    List<String> requiredColumns() {
        List<String> cols = new ArrayList<>();
        cols.add(geography);
        if (weight != null) {
            cols.add(weight);
        }
        variables.forEach(v -> cols.add(v.column()));
        magnitudes.forEach(m -> cols.add(m.column()));
        return cols;
    }
}
