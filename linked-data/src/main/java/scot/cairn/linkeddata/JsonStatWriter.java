package scot.cairn.linkeddata;

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

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import scot.cairn.formats.JsonStat;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.Labels;
import scot.cairn.formats.cube.ObservationScan;
import scot.cairn.vocab.Dcterms;

/**
 * Writes a slice as a JSON-stat 2.0 dataset (https://json-stat.org/full/). One pass collects the
 * categories of each dimension (as many as there are codes, not observations); a second pass
 * streams the values as a sparse {@code value} object keyed by the row-major cell index, with
 * marker observations as {@code null} values; a third pass, only when there are markers, streams
 * their {@code status} entries. Dimension ids are the
 * last segment of the dimension property (refArea, refPeriod, measureType, gender, ...); category
 * ids are codes (last URI segment) unless two values of one dimension share a code, in which case
 * that dimension uses full URIs.
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

    void write(OutputStream os) throws IOException {
        List<Node> dims = cube.dimensions();
        List<Set<Node>> seen = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            seen.add(new LinkedHashSet<>());
        }
        scan.run(obs -> {
            for (int i = 0; i < dims.size(); i++) {
                Node v = obs.get(dims.get(i));
                if (v != null) {
                    seen.get(i).add(v);
                }
            }
        });
        List<String> dimIds = ids(dims, false);
        List<List<Node>> categories = new ArrayList<>();
        List<Map<Node, Integer>> index = new ArrayList<>();
        List<List<String>> categoryIds = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            List<Node> cats = new ArrayList<>(seen.get(i));
            List<String> ids = ids(cats, true);
            // Order categories by code so that output does not depend on index order.
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < cats.size(); k++) {
                order.add(k);
            }
            order.sort(Comparator.comparing(ids::get));
            List<Node> sortedCats = new ArrayList<>();
            List<String> sortedIds = new ArrayList<>();
            Map<Node, Integer> idx = new HashMap<>();
            for (int k : order) {
                idx.put(cats.get(k), sortedCats.size());
                sortedCats.add(cats.get(k));
                sortedIds.add(ids.get(k));
            }
            categories.add(sortedCats);
            categoryIds.add(sortedIds);
            index.add(idx);
        }
        long[] strides = new long[dims.size()];
        long stride = 1;
        for (int i = dims.size() - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= Math.max(1, categories.get(i).size());
        }

        try (JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            JsonStat.startDataset(g);
            g.writeStringField("href", cube.dataset().getURI());
            g.writeStringField("label", labels.of(cube.dataset()));
            Node publisher = Cube.object(dsg, cube.dataset(), Dcterms.publisher.asNode());
            if (publisher != null) {
                g.writeStringField("source", labels.of(publisher));
            }
            Node modified = Cube.object(dsg, cube.dataset(), Dcterms.modified.asNode());
            if (modified != null && modified.isLiteral()) {
                g.writeStringField("updated", modified.getLiteralLexicalForm());
            }
            g.writeArrayFieldStart("id");
            for (String id : dimIds) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("size");
            for (List<Node> c : categories) {
                g.writeNumber(c.size());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("role");
            writeRole(g, "geo", dims, dimIds, Cube.REF_AREA);
            writeRole(g, "time", dims, dimIds, Cube.REF_PERIOD);
            writeRole(g, "metric", dims, dimIds, Cube.MEASURE_TYPE);
            g.writeEndObject();
            g.writeObjectFieldStart("dimension");
            for (int i = 0; i < dims.size(); i++) {
                g.writeObjectFieldStart(dimIds.get(i));
                g.writeStringField("label", labels.of(dims.get(i)));
                g.writeObjectFieldStart("category");
                g.writeObjectFieldStart("index");
                for (int k = 0; k < categories.get(i).size(); k++) {
                    g.writeNumberField(categoryIds.get(i).get(k), k);
                }
                g.writeEndObject();
                g.writeObjectFieldStart("label");
                for (int k = 0; k < categories.get(i).size(); k++) {
                    g.writeStringField(categoryIds.get(i).get(k), labels.of(categories.get(i).get(k)));
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeObjectFieldStart("link");
                g.writeArrayFieldStart("describedby");
                g.writeStartObject();
                g.writeStringField("href", dims.get(i).getURI());
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            boolean[] anyStatus = {false};
            g.writeObjectFieldStart("value");
            scan.run(obs -> {
                String key = Long.toString(cell(obs, dims, index, strides));
                Node value = obs.value();
                if (value == null) {
                    g.writeNullField(key);
                } else {
                    g.writeFieldName(key);
                    writeNumber(g, value);
                }
                anyStatus[0] |= obs.get(Cube.STATUS) != null;
            });
            g.writeEndObject();
            if (anyStatus[0]) {
                // A third pass rather than a map of statuses: memory stays constant however many markers there are.
                g.writeObjectFieldStart("status");
                scan.run(obs -> {
                    Node status = obs.get(Cube.STATUS);
                    if (status != null) {
                        g.writeStringField(Long.toString(cell(obs, dims, index, strides)), labels.of(status));
                    }
                });
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    /** The row-major cell index of an observation. */
    private static long cell(ObservationScan.Observation obs, List<Node> dims, List<Map<Node, Integer>> index, long[] strides) {
        long cell = 0;
        for (int i = 0; i < dims.size(); i++) {
            Integer k = index.get(i).get(obs.get(dims.get(i)));
            cell += (k == null ? 0 : k) * strides[i];
        }
        return cell;
    }

    private static void writeRole(JsonGenerator g, String role, List<Node> dims, List<String> ids, Node dim) throws IOException {
        int i = dims.indexOf(dim);
        if (i >= 0) {
            g.writeArrayFieldStart(role);
            g.writeString(ids.get(i));
            g.writeEndArray();
        }
    }

    private static void writeNumber(JsonGenerator g, Node value) throws IOException {
        if (!value.isLiteral()) {
            g.writeString(value.toString());
            return;
        }
        String lexical = value.getLiteralLexicalForm();
        try {
            g.writeNumber(new BigDecimal(lexical.strip()));
        } catch (NumberFormatException e) {
            // INF, NaN or a non-numeric literal: JSON has no number for these
            g.writeString(lexical);
        }
    }

    /** Last segments as ids, or full URIs for the whole list when two last segments collide. */
    private static List<String> ids(List<Node> nodes, boolean fallbackToUri) {
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
