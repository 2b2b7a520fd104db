package scot.cairn.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import scot.cairn.vocab.PublisherVocabulary.ObservationStatus;

/**
 * The one JSON-stat 2.0 writer (https://json-stat.org/full/) behind both producers, the slices of
 * published cubes and the custom tables, so that both say the same things the same way:
 * <ul>
 *   <li>units on the categories of the dimension with the {@code metric} role
 *       ({@code dimension.<id>.category.unit.<category> = {label, decimals}});</li>
 *   <li>one {@code status} vocabulary, the publisher's observation statuses
 *       ({@link ObservationStatus}: {@code suppressed}, {@code not-available}, {@code nil},
 *       {@code provisional}, {@code estimated}), with their labels under {@code extension.status};</li>
 *   <li>values as {@link Numbers} writes them ({@code 118049}, never {@code 118049.0}).</li>
 * </ul>
 * Members are written in the order the spec lists them. Streams through a Jackson generator, so a
 * slice of millions of values needs memory for its categories only. Not thread-safe.
 */
public final class JsonStat {
    /** The {@code version} member. */
    public static final String VERSION = "2.0";
    /** The {@code class} member of a dataset response. */
    public static final String DATASET = "dataset";

    /**
     * JSON-stat's unit of measure of a metric category.
     *
     * @param label    the unit's name, e.g. {@code Tonnes}; null when unknown
     * @param decimals the decimals values are given to, or null when unknown
     */
    public record Unit(String label, Integer decimals) {
        public Unit {
            if (decimals != null && decimals < 0) {
                throw new IllegalArgumentException("decimals must not be negative: " + decimals);
            }
        }
    }

    /** One category of a dimension; {@code unit} only on a metric dimension, else null. */
    public record Category(String id, String label, Unit unit) {
        public Category {
            Objects.requireNonNull(id, "a category needs an id");
            label = label == null ? id : label;
        }
    }

    /**
     * One dimension, its categories in index order.
     *
     * @param href the dimension's definition (its property URI), or null
     */
    public record Dimension(String id, String label, String href, List<Category> categories) {
        public Dimension {
            Objects.requireNonNull(id, "a dimension needs an id");
            categories = List.copyOf(categories);
        }
    }

    /**
     * The roles of the dimensions, by id; empty lists are left out.
     *
     * @param geo    the area dimension
     * @param time   the period dimension
     * @param metric the dimensions whose categories carry units (the measure type, a unit dimension)
     */
    public record Roles(List<String> geo, List<String> time, List<String> metric) {
        public Roles {
            geo = List.copyOf(geo);
            time = List.copyOf(time);
            metric = List.copyOf(metric);
        }
    }

    private final JsonGenerator g;
    private final TreeSet<String> statuses = new TreeSet<>();

    private JsonStat(JsonGenerator g) {
        this.g = g;
    }

    /** Opens a dataset object with {@code version}, {@code class} and {@code label}; the writer writes the rest. */
    public static JsonStat dataset(JsonGenerator g, String label) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", VERSION);
        g.writeStringField("class", DATASET);
        if (label != null) {
            g.writeStringField("label", label);
        }
        return new JsonStat(g);
    }

    /** A string member such as {@code href}, {@code source} or {@code updated}; nothing when the value is null. */
    public JsonStat member(String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
        return this;
    }

    /** {@code id}, {@code size}, {@code role} and {@code dimension}. */
    public JsonStat dimensions(List<Dimension> dimensions, Roles roles) throws IOException {
        g.writeArrayFieldStart("id");
        for (Dimension d : dimensions) {
            g.writeString(d.id());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("size");
        for (Dimension d : dimensions) {
            g.writeNumber(d.categories().size());
        }
        g.writeEndArray();
        g.writeObjectFieldStart("role");
        role("geo", roles.geo());
        role("time", roles.time());
        role("metric", roles.metric());
        g.writeEndObject();
        g.writeObjectFieldStart("dimension");
        for (Dimension d : dimensions) {
            dimension(d);
        }
        g.writeEndObject();
        return this;
    }

    private void role(String name, List<String> ids) throws IOException {
        if (!ids.isEmpty()) {
            g.writeArrayFieldStart(name);
            for (String id : ids) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
    }

    private void dimension(Dimension d) throws IOException {
        g.writeObjectFieldStart(d.id());
        g.writeStringField("label", d.label() == null ? d.id() : d.label());
        g.writeObjectFieldStart("category");
        g.writeObjectFieldStart("index");
        for (int k = 0; k < d.categories().size(); k++) {
            g.writeNumberField(d.categories().get(k).id(), k);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("label");
        for (Category c : d.categories()) {
            g.writeStringField(c.id(), c.label());
        }
        g.writeEndObject();
        if (d.categories().stream().anyMatch(c -> c.unit() != null)) {
            g.writeObjectFieldStart("unit");
            for (Category c : d.categories()) {
                if (c.unit() != null) {
                    g.writeObjectFieldStart(c.id());
                    if (c.unit().decimals() != null) {
                        g.writeNumberField("decimals", c.unit().decimals());
                    }
                    if (c.unit().label() != null) {
                        g.writeStringField("label", c.unit().label());
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
        if (d.href() != null) {
            g.writeObjectFieldStart("link");
            g.writeArrayFieldStart("describedby");
            g.writeStartObject();
            g.writeStringField("href", d.href());
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Opens {@code value} as a sparse object keyed by cell index; then {@link #value}, then {@link #end()}. */
    public JsonStat startSparseValues() throws IOException {
        g.writeObjectFieldStart("value");
        return this;
    }

    /** One cell of a sparse {@code value} object; null for a cell with no value (a marker). */
    public JsonStat value(long index, BigDecimal value) throws IOException {
        g.writeFieldName(Long.toString(index));
        number(value);
        return this;
    }

    /** One cell of a sparse {@code value} object that is not a number (written as text, as it was published). */
    public JsonStat value(long index, String text) throws IOException {
        g.writeStringField(Long.toString(index), text);
        return this;
    }

    /** {@code value} as a dense array in row-major order; null for a cell with no value. */
    public JsonStat values(List<BigDecimal> values) throws IOException {
        g.writeArrayFieldStart("value");
        for (BigDecimal v : values) {
            number(v);
        }
        g.writeEndArray();
        return this;
    }

    private void number(BigDecimal v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(Numbers.of(v));
        }
    }

    /** Opens {@code status} as a sparse object keyed by cell index; then {@link #status}, then {@link #end()}. */
    public JsonStat startStatus() throws IOException {
        g.writeObjectFieldStart("status");
        return this;
    }

    /** One cell's status: a code of the shared vocabulary ({@link #statusCode}). */
    public JsonStat status(long index, String code) throws IOException {
        g.writeStringField(Long.toString(index), code);
        statuses.add(code);
        return this;
    }

    /** Closes the object opened by {@link #startSparseValues()} or {@link #startStatus()}. */
    public JsonStat end() throws IOException {
        g.writeEndObject();
        return this;
    }

    /** {@code note}: notes every reader must see; nothing when empty. */
    public JsonStat notes(List<String> notes) throws IOException {
        if (!notes.isEmpty()) {
            g.writeArrayFieldStart("note");
            for (String n : notes) {
                g.writeString(n);
            }
            g.writeEndArray();
        }
        return this;
    }

    /**
     * Writes {@code extension} (the labels of the statuses used, under {@code status}, then the
     * producer's own members) and closes the dataset. {@code more} holds plain values only
     * (strings, numbers, lists, maps, records) and needs a generator with an object codec.
     */
    public void finish(Map<String, ?> more) throws IOException {
        if (!statuses.isEmpty() || !more.isEmpty()) {
            g.writeObjectFieldStart("extension");
            if (!statuses.isEmpty()) {
                g.writeObjectFieldStart("status");
                for (String code : statuses) {
                    g.writeStringField(code, statusLabel(code));
                }
                g.writeEndObject();
            }
            for (Map.Entry<String, ?> e : more.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeObject(e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * The status code of an observation status: the code of one of the publisher's statuses
     * (a concept {@code .../observation-status/<code>}), or for any other concept the last
     * segment of its URI, or a literal's text.
     */
    public static String statusCode(Node status) {
        if (status == null) {
            return null;
        }
        if (!status.isURI()) {
            return status.isLiteral() ? status.getLiteralLexicalForm() : status.toString();
        }
        String uri = status.getURI();
        int cut = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('#'));
        return cut >= 0 && cut < uri.length() - 1 ? uri.substring(cut + 1) : uri;
    }

    /** The shared status for a cell withheld to protect confidentiality, whatever rule withheld it. */
    public static String suppressed() {
        return ObservationStatus.SUPPRESSED.code();
    }

    /** The shared status for a cell with no value because there is no data for it (not a zero, not withheld). */
    public static String notAvailable() {
        return ObservationStatus.NOT_AVAILABLE.code();
    }

    /** A status code's label: the publisher's label for its own statuses, the code itself otherwise. */
    public static String statusLabel(String code) {
        for (ObservationStatus s : ObservationStatus.values()) {
            if (s.code().equals(code)) {
                return s.label();
            }
        }
        return code;
    }

    /** All the shared status codes, for documentation and tests. */
    public static Collection<String> statusCodes() {
        return java.util.Arrays.stream(ObservationStatus.values())
                .map(ObservationStatus::code)
                .toList();
    }
}
