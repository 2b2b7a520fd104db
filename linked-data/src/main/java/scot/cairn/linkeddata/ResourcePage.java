package scot.cairn.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.RDF;
import scot.cairn.formats.Html;
import scot.cairn.formats.Numbers;
import scot.cairn.formats.RdfFormat;
import scot.cairn.formats.cube.Labels;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.QB;
import scot.cairn.vocab.UriScheme;

/** The HTML page of one described URI. Rendered inside the read transaction that described it. */
final class ResourcePage {
    private ResourcePage() {}

    static String render(UriScheme uris, String uri, Model model, Labels labels, Describer.AreaContext area) {
        return render(uris, uri, model, labels, area, null);
    }

    static String render(
            UriScheme uris,
            String uri,
            Model model,
            Labels labels,
            Describer.AreaContext area,
            VersionHistory versions) {
        Node s = NodeFactory.createURI(uri);
        org.apache.jena.graph.Graph g = model.getGraph();
        String title = first(g, s, Dcterms.title.asNode());
        if (title == null) {
            title = area != null ? area.title() : labels.of(s);
        }
        String path = Links.href(uris, uri);
        Html html = new Html(title);
        for (RdfFormat f : RdfFormat.values()) {
            if (f != RdfFormat.HTML) {
                html.alternate(f.contentType().replace(";charset=utf-8", ""), path + "." + f.extension());
            }
        }
        html.body(title);
        html.raw("<p>URI: <code>").text(uri).raw("</code></p>\n");
        String description = first(g, s, Dcterms.description.asNode());
        if (description != null) {
            html.p(description);
        }
        boolean dataset = g.contains(s, RDF.type.asNode(), QB.DataSet.asNode());
        if (dataset) {
            exploreLink(html, uris, uri);
        }
        if (area != null) {
            areaLinks(html, uri, area);
        }
        if (dataset) {
            downloads(html, uri);
            if (versions != null) {
                versions.render(html, uris);
            }
            structure(html, uris, g, s, labels);
        }
        properties(html, uris, g, s, labels);
        if (area != null) {
            areaLists(html, uris, area, labels);
        }
        otherFormats(html, uri, path);
        return html.finish();
    }

    /** A link to the dataset's explorer, for a dataset directly under data/. */
    private static void exploreLink(Html html, UriScheme uris, String uri) {
        String datasetPrefix = uris.base() + "data/";
        if (uri.startsWith(datasetPrefix)
                && !uri.substring(datasetPrefix.length()).contains("/")) {
            html.raw("<p>")
                    .link(
                            "/datasets/" + uri.substring(datasetPrefix.length()),
                            "Explore this dataset: build a slice, preview it, chart it, download it")
                    .raw("</p>\n");
        }
    }

    /** The area's history and a link to browse it. */
    private static void areaLinks(Html html, String uri, Describer.AreaContext area) {
        if (!area.history().isEmpty()) {
            html.p(area.history());
        }
        html.raw("<p>")
                .link("/areas/" + uri.substring(uri.lastIndexOf('/') + 1), "Browse this area and its datasets")
                .raw("</p>\n");
    }

    /** The dataset's downloads: whole cube as CSV, JSON-stat and N-Triples, its first observations in SPARQL. */
    private static void downloads(Html html, String uri) {
        html.h2("Downloads")
                .raw("<ul>\n<li>")
                .link(Links.cubeTable(uri), "Whole cube as CSV (one row per observation)")
                .raw("</li>\n<li>")
                .link(Links.sliceJsonStat(uri), "Whole cube as JSON-stat 2.0")
                .raw("</li>\n<li>")
                .link(Links.datasetNTriples(uri), "Data and metadata as N-Triples")
                .raw("</li>\n<li>")
                .link(Links.sparql(observationsQuery(uri)), "Its first 100 observations in SPARQL")
                .raw("</li>\n</ul>\n<p>Slices: <code>")
                .text(Links.sliceCsv(uri) + "&{dimension URI}={value URI}")
                .raw("</code> (CSV) or <code>/slice/observations.json?...</code> (JSON-stat).</p>\n");
    }

    /** Links to the resource in every RDF format and its SPARQL query. */
    private static void otherFormats(Html html, String uri, String path) {
        html.h2("Other formats").raw("<ul>\n");
        for (RdfFormat f : RdfFormat.values()) {
            if (f != RdfFormat.HTML) {
                html.raw("<li>")
                        .link(
                                path + "." + f.extension(),
                                f.label() + " (" + f.contentType().replace(";charset=utf-8", "") + ")")
                        .raw("</li>\n");
            }
        }
        String query = "SELECT ?predicate ?object WHERE { <" + uri + "> ?predicate ?object }";
        html.raw("<li>")
                .link(Links.sparql(query), "SPARQL query for this resource")
                .raw("</li>\n</ul>\n");
    }

    /** The observation query in the shape the R client sends, limited, so users see how to fetch the data. */
    static String observationsQuery(String dataset) {
        return "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
                + "PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>\n"
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?obs ?refArea ?refPeriod ?measureType ?value WHERE {\n"
                + "  ?obs qb:dataSet <" + dataset + "> ;\n"
                + "       sdmx:refArea ?refArea ;\n"
                + "       sdmx:refPeriod/rdfs:label ?refPeriod ;\n"
                + "       qb:measureType ?measureType .\n"
                + "  OPTIONAL { ?obs ?measureType ?value }\n"
                + "} LIMIT 100";
    }

    private static void structure(Html html, UriScheme uris, org.apache.jena.graph.Graph g, Node ds, Labels labels) {
        Node dsd = firstNode(g, ds, QB.structure.asNode());
        if (dsd == null) {
            return;
        }
        record Row(int order, String kind, Node property, Node codeList) {}
        List<Row> rows = new ArrayList<>();
        g.find(dsd, QB.component.asNode(), Node.ANY).forEachRemaining(t -> {
            Node spec = t.getObject();
            for (String kind : List.of("dimension", "measure", "attribute")) {
                Node p = firstNode(g, spec, NodeFactory.createURI(QB.NS + kind));
                if (p != null) {
                    Node order = firstNode(g, spec, QB.order.asNode());
                    int n = Integer.MAX_VALUE;
                    try {
                        n = order == null
                                ? n
                                : Integer.parseInt(order.getLiteralLexicalForm().strip());
                    } catch (RuntimeException e) {
                        // unordered components go last
                    }
                    rows.add(new Row(n, kind, p, firstNode(g, spec, QB.codeList.asNode())));
                }
            }
        });
        rows.sort(Comparator.comparingInt(Row::order).thenComparing(r -> r.property.toString()));
        html.h2("Structure")
                .raw("<table>\n<caption>Components of ")
                .text(labels.of(dsd))
                .raw(
                        "</caption>\n<thead><tr><th scope=\"col\">Order</th><th scope=\"col\">Kind</th><th scope=\"col\">Property</th><th scope=\"col\">Code list</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            html.raw("<tr><td>")
                    .text(r.order == Integer.MAX_VALUE ? "" : Integer.toString(r.order))
                    .raw("</td><td>")
                    .text(r.kind)
                    .raw("</td><td>");
            node(html, uris, r.property, labels);
            html.raw("</td><td>");
            if (r.codeList != null) {
                node(html, uris, r.codeList, labels);
            }
            html.raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n");
    }

    private static void properties(Html html, UriScheme uris, org.apache.jena.graph.Graph g, Node s, Labels labels) {
        List<Triple> triples = new ArrayList<>(g.find(s, Node.ANY, Node.ANY).toList());
        triples.sort(
                Comparator.comparing((Triple t) -> labels.of(t.getPredicate()).toLowerCase(java.util.Locale.ROOT))
                        .thenComparing(t -> labels.of(t.getObject())));
        html.h2("Metadata")
                .raw("<table>\n<caption>Statements about this resource</caption>\n")
                .raw("<thead><tr><th scope=\"col\">Property</th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n");
        for (Triple t : triples) {
            html.raw("<tr><th scope=\"row\">");
            node(html, uris, t.getPredicate(), labels);
            html.raw("</th><td>");
            node(html, uris, t.getObject(), labels);
            html.raw("</td></tr>\n");
        }
        html.raw("</tbody>\n</table>\n");
    }

    private static void areaLists(Html html, UriScheme uris, Describer.AreaContext area, Labels labels) {
        list(html, uris, "Within", area.parents(), labels, "This area is not within another.");
        list(
                html,
                uris,
                "Areas one level down",
                area.children(),
                labels,
                "No smaller areas are recorded within this area.");
        html.h2("Datasets with data for this area");
        if (area.datasets().isEmpty()) {
            html.p("No dataset has observations for this area.");
        } else {
            html.raw("<ul>\n");
            for (Map.Entry<Node, String> e : area.datasets().entrySet()) {
                html.raw("<li>")
                        .link(Links.href(uris, e.getKey().getURI()), e.getValue())
                        .raw("</li>\n");
            }
            html.raw("</ul>\n");
        }
    }

    private static void list(Html html, UriScheme uris, String heading, List<Node> nodes, Labels labels, String none) {
        html.h2(heading);
        if (nodes.isEmpty()) {
            html.p(none);
            return;
        }
        html.raw("<ul>\n");
        for (Node n : nodes) {
            html.raw("<li>");
            node(html, uris, n, labels);
            html.raw(" (").text(Labels.lastSegment(n)).raw(")</li>\n");
        }
        html.raw("</ul>\n");
    }

    private static void node(Html html, UriScheme uris, Node n, Labels labels) {
        if (n.isURI()) {
            html.link(Links.href(uris, n.getURI()), labels.of(n));
        } else if (n.isLiteral()) {
            html.text(Numbers.text(n));
        } else {
            html.text(n.toString());
        }
    }

    private static String first(org.apache.jena.graph.Graph g, Node s, Node p) {
        Node o = firstNode(g, s, p);
        return o != null && o.isLiteral() ? o.getLiteralLexicalForm() : null;
    }

    private static Node firstNode(org.apache.jena.graph.Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }
}
