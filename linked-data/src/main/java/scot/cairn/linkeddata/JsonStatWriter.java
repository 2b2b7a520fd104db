package scot.cairn.linkeddata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import scot.cairn.formats.JsonStat;
import scot.cairn.formats.Numbers;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.Labels;
import scot.cairn.formats.cube.ObservationScan;
import scot.cairn.vocab.Dcterms;

/**
 * Writes a slice as a JSON-stat 2.0 dataset through the shared {@link JsonStat} writer. One pass
 * collects the categories of each dimension (as many as there are codes, not observations) and
 * the units and decimals of each measure type; a second pass streams the values as a sparse
 * {@code value} object keyed by the row-major cell index, with marker observations as
 * {@code null} values; a third pass, only when there are markers, streams their {@code status}
 * codes. Dimension ids are the last segment of the dimension property (refArea, refPeriod,
 * measureType, gender, ...); category ids are codes (last URI segment) unless two values of one
 * dimension share a code, in which case that dimension uses full URIs.
 *
 * <p>Units: the measure type is the metric dimension, and a measure type whose observations all
 * have one unit carries it ({@code category.unit}). When a measure type has several units (a
 * count in tonnes, thousand tonnes and kilograms per person), the unit of measure becomes a
 * dimension of its own, {@code unitMeasure}, also in the metric role, whose categories carry them.
 */
final class JsonStatWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private final DatasetGraph dsg;
    private final Cube cube;
    private final ObservationScan scan;
    private final Labels labels;

    JsonStatWriter(DatasetGraph dsg, Cube cube, ObservationScan scan, Labels labels) {
        this.dsg = dsg;
        this.cube = cube;
        this.scan = scan;
        this.labels = labels;
    }

    /** What the first pass learns about the measures: the units of each measure type, and the decimals of each. */
    private static final class Measures {
        final Map<Node, Set<Node>> unitsByMeasure = new HashMap<>();
        final Map<Node, Integer> decimals = new HashMap<>();

        void add(Node measure, Node unit, Node value) {
            if (measure == null) {
                return;
            }
            Set<Node> units = unitsByMeasure.computeIfAbsent(measure, m -> new LinkedHashSet<>());
            if (unit != null) {
                units.add(unit);
            }
            BigDecimal v = Numbers.decimal(value);
            if (v != null) {
                int scale = Math.max(0, v.scale());
                decimals.merge(measure, scale, Math::max);
                if (unit != null) {
                    decimals.merge(unit, scale, Math::max);
                }
            }
        }

        boolean unitDimension() {
            return unitsByMeasure.values().stream().anyMatch(u -> u.size() > 1);
        }
    }

    void write(OutputStream os) throws IOException {
        List<Node> cubeDims = cube.dimensions();
        List<Set<Node>> seen = new ArrayList<>();
        for (int i = 0; i <= cubeDims.size(); i++) {
            seen.add(new LinkedHashSet<>());
        }
        Measures measures = new Measures();
        collectCategories(cubeDims, seen, measures);
        boolean unitDimension = measures.unitDimension();
        List<Node> dims = new ArrayList<>(cubeDims);
        if (unitDimension) {
            dims.add(Cube.UNIT);
        } else {
            seen.remove(seen.size() - 1);
        }
        List<String> dimIds = ids(dims);
        List<Map<Node, Integer>> index = new ArrayList<>();
        List<JsonStat.Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Map<Node, Integer> idx = new HashMap<>();
            dimensions.add(dimension(dims.get(i), dimIds.get(i), seen.get(i), measures, unitDimension, idx));
            index.add(idx);
        }
        long[] strides = strides(dimensions);

        try (JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            JsonStat out = JsonStat.dataset(g, labels.of(cube.dataset()))
                    .member("href", cube.dataset().getURI());
            Node publisher = Cube.object(dsg, cube.dataset(), Dcterms.publisher.asNode());
            out.member("source", publisher == null ? null : labels.of(publisher));
            Node modified = Cube.object(dsg, cube.dataset(), Dcterms.modified.asNode());
            out.member("updated", modified != null && modified.isLiteral() ? modified.getLiteralLexicalForm() : null);
            List<String> metric = new ArrayList<>(role(dims, dimIds, Cube.MEASURE_TYPE));
            metric.addAll(role(dims, dimIds, Cube.UNIT));
            out.dimensions(
                    dimensions,
                    new JsonStat.Roles(role(dims, dimIds, Cube.REF_AREA), role(dims, dimIds, Cube.REF_PERIOD), metric));
            writeValues(out, dims, index, strides);
            out.finish(Map.of());
        }
    }

    /** First pass: the categories seen of each dimension (and of the unit, last), and each measure's units. */
    private void collectCategories(List<Node> cubeDims, List<Set<Node>> seen, Measures measures) {
        scan.run(obs -> {
            for (int i = 0; i < cubeDims.size(); i++) {
                Node v = obs.get(cubeDims.get(i));
                if (v != null) {
                    seen.get(i).add(v);
                }
            }
            Node unit = obs.get(Cube.UNIT);
            if (unit != null) {
                seen.get(cubeDims.size()).add(unit);
            }
            measures.add(obs.get(Cube.MEASURE_TYPE), unit, obs.value());
        });
    }

    /** One dimension with its categories ordered by code; {@code idx} gets each category's position. */
    private JsonStat.Dimension dimension(
            Node dim, String dimId, Set<Node> seen, Measures measures, boolean unitDimension, Map<Node, Integer> idx) {
        List<Node> cats = new ArrayList<>(seen);
        List<String> ids = ids(cats);
        // Order categories by code so that output does not depend on index order.
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < cats.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparing(ids::get));
        List<JsonStat.Category> categories = new ArrayList<>();
        for (int k : order) {
            Node c = cats.get(k);
            idx.put(c, categories.size());
            categories.add(new JsonStat.Category(ids.get(k), labels.of(c), unit(dim, c, measures, unitDimension)));
        }
        return new JsonStat.Dimension(dimId, labels.of(dim), dim.getURI(), categories);
    }

    /** Row-major strides: the last dimension varies fastest. */
    private static long[] strides(List<JsonStat.Dimension> dimensions) {
        long[] strides = new long[dimensions.size()];
        long stride = 1;
        for (int i = dimensions.size() - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= Math.max(1, dimensions.get(i).categories().size());
        }
        return strides;
    }

    /** Second pass: the values by cell; a third pass for the statuses when any observation has one. */
    private void writeValues(JsonStat out, List<Node> dims, List<Map<Node, Integer>> index, long[] strides)
            throws IOException {
        boolean[] anyStatus = {false};
        out.startSparseValues();
        scan.run(obs -> {
            long cell = cell(obs, dims, index, strides);
            Node value = obs.value();
            BigDecimal number = Numbers.decimal(value);
            if (value == null || number != null) {
                out.value(cell, number);
            } else {
                // INF, NaN or a non-numeric literal: JSON has no number for these
                out.value(cell, value.isLiteral() ? value.getLiteralLexicalForm() : value.toString());
            }
            anyStatus[0] |= obs.get(Cube.STATUS) != null;
        });
        out.end();
        if (anyStatus[0]) {
            // A third pass rather than a map of statuses: memory stays constant however many markers there are.
            out.startStatus();
            scan.run(obs -> {
                Node status = obs.get(Cube.STATUS);
                if (status != null) {
                    out.status(cell(obs, dims, index, strides), JsonStat.statusCode(status));
                }
            });
            out.end();
        }
    }

    /** The unit a category carries: on a measure type with one unit, and on every category of the unit dimension. */
    private JsonStat.Unit unit(Node dimension, Node category, Measures measures, boolean unitDimension) {
        if (dimension.equals(Cube.UNIT)) {
            return new JsonStat.Unit(labels.of(category), measures.decimals.get(category));
        }
        if (!dimension.equals(Cube.MEASURE_TYPE)) {
            return null;
        }
        Set<Node> units = measures.unitsByMeasure.getOrDefault(category, Set.of());
        if (units.size() > 1) {
            return null;
        }
        Integer decimals = measures.decimals.get(category);
        if (units.isEmpty() && decimals == null) {
            return null;
        }
        return new JsonStat.Unit(
                units.isEmpty() ? null : labels.of(units.iterator().next()), decimals);
    }

    /** The row-major cell index of an observation. */
    private static long cell(
            ObservationScan.Observation obs, List<Node> dims, List<Map<Node, Integer>> index, long[] strides) {
        long cell = 0;
        for (int i = 0; i < dims.size(); i++) {
            Integer k = index.get(i).get(obs.get(dims.get(i)));
            cell += (k == null ? 0 : k) * strides[i];
        }
        return cell;
    }

    private static List<String> role(List<Node> dims, List<String> ids, Node dim) {
        int i = dims.indexOf(dim);
        return i < 0 ? List.of() : List.of(ids.get(i));
    }

    /** Last segments as ids, or full URIs for the whole list when two last segments collide. */
    private static List<String> ids(List<Node> nodes) {
        List<String> ids = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (Node n : nodes) {
            String id = Labels.lastSegment(n);
            ids.add(id);
            unique.add(id);
        }
        if (unique.size() < ids.size()) {
            List<String> full = new ArrayList<>();
            for (Node n : nodes) {
                full.add(n.isURI() ? n.getURI() : n.toString());
            }
            return full;
        }
        return ids;
    }
}
