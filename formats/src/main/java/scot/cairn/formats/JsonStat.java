package scot.cairn.formats;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * What every JSON-stat 2.0 dataset Cairn writes shares (https://json-stat.org/full/): the
 * opening members, for the streaming slice writer and for the tables built in memory alike.
 * Shared JSON-stat rules (such as one vocabulary of {@code status} values) belong here.
 */
public final class JsonStat {
    /** The {@code version} member. */
    public static final String VERSION = "2.0";
    /** The {@code class} member of a dataset response. */
    public static final String DATASET = "dataset";

    private JsonStat() {}

    /** Opens a dataset object and writes {@code version} and {@code class}; the caller writes the rest and closes it. */
    public static void startDataset(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", VERSION);
        g.writeStringField("class", DATASET);
    }

    /** A new dataset object, in member order, holding {@code version} and {@code class}; the caller adds the rest. */
    public static Map<String, Object> dataset() {
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("version", VERSION);
        ds.put("class", DATASET);
        return ds;
    }
}
