package scot.cairn.formats.cube;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Numbers;

/**
 * The labelled columns of a cube download, one row per observation: area code and name, period
 * label, measure type, one column per other dimension (its values' labels), unit, value and
 * status; values as {@link Numbers#text} writes them. The header follows the upload format ({@code FeatureCode, DateCode, Measurement, Units,
 * Value} plus one column per dimension, headed by the dimension's label).
 */
public final class CubeTable {
    private final Labels labels;
    private final List<Node> others;
    private final Object[] row;

    public CubeTable(Cube cube, Labels labels) {
        this.labels = labels;
        this.others = cube.otherDimensions();
        this.row = new Object[7 + others.size()];
    }

    public List<String> header() {
        List<String> h = new ArrayList<>(List.of("FeatureCode", "FeatureName", "DateCode", "Measurement"));
        for (Node d : others) {
            h.add(labels.of(d));
        }
        h.addAll(List.of("Units", "Value", "Status"));
        return h;
    }

    public void write(ObservationScan.Observation obs, CsvWriter out) throws IOException {
        Node area = obs.get(Cube.REF_AREA);
        int i = 0;
        row[i++] = area == null ? "" : Labels.lastSegment(area);
        row[i++] = labels.of(area);
        row[i++] = labels.of(obs.get(Cube.REF_PERIOD));
        row[i++] = labels.of(obs.get(Cube.MEASURE_TYPE));
        for (Node d : others) {
            row[i++] = labels.of(obs.get(d));
        }
        row[i++] = labels.of(obs.get(Cube.UNIT));
        Node value = obs.value();
        row[i++] = value == null ? "" : value.isLiteral() ? Numbers.text(value) : labels.of(value);
        row[i] = labels.of(obs.get(Cube.STATUS));
        out.row(row);
    }
}
