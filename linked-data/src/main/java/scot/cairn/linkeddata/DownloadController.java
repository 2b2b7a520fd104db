package scot.cairn.linkeddata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.CubeTable;
import scot.cairn.formats.cube.Labels;
import scot.cairn.formats.cube.ObservationScan;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Downloads, all streamed inside one read transaction in constant memory (one observation at a
 * time), so a publication during a download neither blocks it nor changes what it returns.
 *
 * <ul>
 *   <li>{@code GET /downloads/cube-table?uri={dataset}}: whole cube as labelled CSV</li>
 *   <li>{@code GET /slice/observations.csv?dataset={dataset}&{dimension}={value}...[&level={level}&within={area}]}: a slice as
 *   CSV; {@code level} with {@code within} keeps the areas of that level inside that area</li>
 *   <li>{@code GET /slice/observations.json?dataset=...&...}: a slice as JSON-stat 2.0</li>
 *   <li>{@code GET /downloads/dataset.nt?uri={dataset}}: metadata and data graphs as N-Triples</li>
 *   <li>{@code GET /downloads/graph?uri={graph}}: one named graph as N-Triples</li>
 * </ul>
 * An unknown dataset is a 404 with the plain text {@code Unknown dataset: <uri>}. CSV cells that a
 * spreadsheet would run as formulas are neutralised ({@link Formulas}) unless the request says
 * {@code formulas=keep} or the server setting {@value Formulas#SETTING} is off.
 */
@RestController
class DownloadController {

    private final TripleStore store;
    private final UriScheme uris;
    private final boolean neutraliseFormulas;

    DownloadController(
            TripleStore store, UriScheme uris, @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.store = store;
        this.uris = uris;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    @GetMapping("/downloads/cube-table")
    void cubeTable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getParameter("uri");
        if (uri == null || uri.isBlank()) {
            PlainText.send(response, 400, "Missing parameter: uri (the dataset URI)");
            return;
        }
        streamCsv(response, uri, Map.of(), ".csv", formulas(request));
    }

    @GetMapping("/slice/observations.csv")
    void sliceCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Formulas formulas = formulas(request);
        slice(request, response, (dsg, cube, filters) -> {
            response.setContentType("text/csv;charset=utf-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + cube.slug() + "-slice.csv\"");
            writeCsv(dsg, cube, filters, response.getOutputStream(), formulas);
        });
    }

    @GetMapping("/slice/observations.json")
    void sliceJsonStat(HttpServletRequest request, HttpServletResponse response) throws IOException {
        slice(request, response, (dsg, cube, filters) -> {
            response.setContentType("application/json");
            response.setHeader("Content-Disposition", "inline; filename=\"" + cube.slug() + "-slice.json\"");
            ObservationScan scan = new ObservationScan(dsg, cube, filters);
            new JsonStatWriter(dsg, cube, scan, new Labels(dsg)).write(response.getOutputStream());
        });
    }

    /** Writes a slice's observations, inside a read transaction. */
    private interface SliceBody {
        void write(DatasetGraph dsg, Cube cube, Map<Node, Set<Node>> filters) throws IOException;
    }

    /** Parses the slice, finds its cube and resolves its filters (answering 400/404 itself), then writes. */
    private void slice(HttpServletRequest request, HttpServletResponse response, SliceBody body) throws IOException {
        Optional<SliceRequest> slice = SliceRequest.parse(request, response, uris);
        if (slice.isEmpty()) {
            return;
        }
        read(response, dsg -> {
            Cube cube = cube(dsg, slice.get().dataset(), response);
            Map<Node, Set<Node>> filters = cube == null ? null : slice.get().resolve(dsg);
            if (cube != null && checkDimensions(cube, filters, response)) {
                body.write(dsg, cube, filters);
            }
        });
    }

    @GetMapping("/downloads/dataset.nt")
    void datasetNTriples(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getParameter("uri");
        if (uri == null || uri.isBlank()) {
            PlainText.send(response, 400, "Missing parameter: uri (the dataset URI)");
            return;
        }
        read(response, dsg -> {
            Cube cube = cube(dsg, uri, response);
            if (cube != null) {
                streamGraphs(dsg, response, cube.slug() + ".nt", cube.metadataGraph(), cube.dataGraph());
            }
        });
    }

    @GetMapping("/downloads/graph")
    void graphNTriples(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getParameter("uri");
        if (uri == null || uri.isBlank()) {
            PlainText.send(response, 400, "Missing parameter: uri (the named graph URI)");
            return;
        }
        read(response, dsg -> {
            Node graph = NodeFactory.createURI(uri);
            if (!dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).hasNext()) {
                PlainText.send(response, 404, "Unknown graph: " + uri);
                return;
            }
            streamGraphs(dsg, response, Labels.lastSegment(uri) + ".nt", graph);
        });
    }

    private Formulas formulas(HttpServletRequest request) {
        return Formulas.forRequest(request.getParameter(Formulas.PARAMETER), neutraliseFormulas);
    }

    private void streamCsv(
            HttpServletResponse response, String uri, Map<Node, Set<Node>> filters, String suffix, Formulas formulas)
            throws IOException {
        read(response, dsg -> {
            Cube cube = cube(dsg, uri, response);
            if (cube == null || !checkDimensions(cube, filters, response)) {
                return;
            }
            response.setContentType("text/csv;charset=utf-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + cube.slug() + suffix + "\"");
            writeCsv(dsg, cube, filters, response.getOutputStream(), formulas);
        });
    }

    /** Writes the labelled CSV of a cube or slice; returns the number of rows. Inside a read transaction. */
    static long writeCsv(DatasetGraph dsg, Cube cube, Map<Node, Set<Node>> filters, OutputStream os, Formulas formulas)
            throws IOException {
        return writeCsv(dsg, cube, filters, os, formulas, true);
    }

    /** As {@link #writeCsv(DatasetGraph, Cube, Map, OutputStream, Formulas)}; {@code useIds} false forces the generic scan (tests compare both). */
    static long writeCsv(
            DatasetGraph dsg,
            Cube cube,
            Map<Node, Set<Node>> filters,
            OutputStream os,
            Formulas formulas,
            boolean useIds)
            throws IOException {
        Labels labels = new Labels(dsg);
        CubeTable table = new CubeTable(cube, labels);
        CsvWriter printer = CsvWriter.utf8(os, formulas);
        printer.row(table.header());
        long rows = filters.isEmpty() && useIds
                ? IdCubeTable.write(dsg, cube, labels, printer)
                : new ObservationScan(dsg, cube, filters).run(obs -> table.write(obs, printer));
        printer.flush();
        return rows;
    }

    private static void streamGraphs(DatasetGraph dsg, HttpServletResponse response, String filename, Node... graphs)
            throws IOException {
        response.setContentType("application/n-triples;charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        OutputStream os = response.getOutputStream();
        StreamRDF out = StreamRDFWriter.getWriterStream(os, RDFFormat.NTRIPLES);
        out.start();
        for (Node g : graphs) {
            Iterator<Quad> it = dsg.find(g, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                out.triple(it.next().asTriple());
            }
        }
        out.finish();
        os.flush();
    }

    private Cube cube(DatasetGraph dsg, String uri, HttpServletResponse response) throws IOException {
        Optional<Cube> cube = Cube.find(dsg, uris, uri);
        if (cube.isEmpty()) {
            PlainText.send(response, 404, "Unknown dataset: " + uri);
            return null;
        }
        return cube.get();
    }

    private static boolean checkDimensions(Cube cube, Map<Node, Set<Node>> filters, HttpServletResponse response)
            throws IOException {
        for (Node p : filters.keySet()) {
            if (!cube.dimensions().contains(p)) {
                PlainText.send(
                        response,
                        400,
                        "Not a dimension of " + cube.dataset().getURI() + ": " + p.getURI() + " (its dimensions: "
                                + cube.dimensions().stream().map(Node::getURI).toList() + ")");
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface Body {
        void write(DatasetGraph dsg) throws IOException;
    }

    private void read(HttpServletResponse response, Body body) throws IOException {
        try {
            store.read(dsg -> {
                try {
                    body.write(dsg);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            // the client went away mid-download; nothing more to send
            throw e.getCause();
        }
    }

    /**
     * {@code dataset} plus dimension-URI = value-URI parameters, and optionally the areas of one
     * level inside one larger area: {@code level} (a collection name such as
     * {@code data-zones-2011}, or a code prefix such as {@code S01}) with {@code within} (an area's
     * code or URI): "the data zones of Aberdeen City", read from the published geography
     * ({@code foi:memberOf} and {@code foi:within}) and kept with any areas named as well; and
     * {@code formulas} for the CSV.
     */
    record SliceRequest(String dataset, Map<Node, Set<Node>> filters, Node collection, Node within) {
        private static final Node REF_AREA = scot.cairn.vocab.SdmxDimension.refArea.asNode();

        static Optional<SliceRequest> parse(HttpServletRequest request, HttpServletResponse response, UriScheme uris)
                throws IOException {
            String dataset = request.getParameter("dataset");
            if (dataset == null || dataset.isBlank()) {
                PlainText.send(response, 400, "Missing parameter: dataset (the dataset URI)");
                return Optional.empty();
            }
            String level = request.getParameter("level");
            String within = request.getParameter("within");
            if ((level == null) != (within == null)) {
                PlainText.send(
                        response,
                        400,
                        "level and within go together: the areas of a level (e.g. level=data-zones-2011) "
                                + "inside an area (e.g. within=S12000033)");
                return Optional.empty();
            }
            Node collection = null;
            Node parent = null;
            if (level != null) {
                Optional<scot.cairn.vocab.AreaLevel> l = scot.cairn.vocab.AreaLevel.parse(level);
                if (l.isEmpty()) {
                    PlainText.send(
                            response,
                            400,
                            "Unknown level: " + abbreviate(level)
                                    + " (give a collection name such as data-zones-2011 or a prefix such as S01)");
                    return Optional.empty();
                }
                collection = NodeFactory.createURI(uris.collection(l.get().collectionName()));
                String w = within.strip();
                if (!isAbsoluteUri(w) && !w.matches("[A-Za-z0-9]{1,20}")) {
                    PlainText.send(
                            response,
                            400,
                            "within must be an area code such as S12000033 or an area URI, got " + abbreviate(w));
                    return Optional.empty();
                }
                parent = NodeFactory.createURI(isAbsoluteUri(w) ? w : uris.area(w));
            }
            Map<Node, Set<Node>> filters = dimensionFilters(request, response);
            if (filters == null) {
                return Optional.empty();
            }
            return Optional.of(new SliceRequest(dataset, filters, collection, parent));
        }

        /** The {dimension URI}={value URI} pairs; null (after a 400) when a parameter or value is not one. */
        private static Map<Node, Set<Node>> dimensionFilters(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            Map<Node, Set<Node>> filters = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                String name = p.getKey();
                if (name.equals("dataset")
                        || name.equals("level")
                        || name.equals("within")
                        || name.equals(Formulas.PARAMETER)) {
                    continue;
                }
                if (!isAbsoluteUri(name)) {
                    PlainText.send(
                            response,
                            400,
                            "Unknown parameter: " + name
                                    + " (expected dataset={uri}, {dimension uri}={value uri} pairs, level with within and, for the CSV, formulas=keep)");
                    return null;
                }
                Set<Node> values = new HashSet<>();
                for (String v : p.getValue()) {
                    if (!isAbsoluteUri(v)) {
                        PlainText.send(response, 400, "Value of " + name + " must be a URI: " + v);
                        return null;
                    }
                    values.add(NodeFactory.createURI(v));
                }
                filters.put(NodeFactory.createURI(name), values);
            }
            return filters;
        }

        /** The filters with the areas of the level inside the parent added to the area filter (inside a read transaction). */
        Map<Node, Set<Node>> resolve(DatasetGraph dsg) {
            if (within == null) {
                return filters;
            }
            Set<Node> inside = new HashSet<>();
            Iterator<Quad> it = dsg.find(Node.ANY, Node.ANY, scot.cairn.vocab.Foi.within.asNode(), within);
            while (it.hasNext()) {
                Node area = it.next().getSubject();
                if (dsg.contains(Node.ANY, area, scot.cairn.vocab.Foi.memberOf.asNode(), collection)) {
                    inside.add(area);
                }
            }
            Map<Node, Set<Node>> out = new LinkedHashMap<>(filters);
            Set<Node> named = filters.get(REF_AREA);
            if (named != null) {
                inside.addAll(named);
            }
            // No area inside: a filter no observation passes, so the slice is empty rather than the whole cube.
            out.put(
                    REF_AREA,
                    inside.isEmpty() ? Set.of(NodeFactory.createURI(within.getURI() + "#no-area-inside")) : inside);
            return out;
        }

        private static String abbreviate(String s) {
            return s.length() <= 100 ? s : s.substring(0, 100) + "...";
        }

        private static boolean isAbsoluteUri(String s) {
            return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("urn:");
        }
    }
}
