package scot.cairn.linkeddata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.RdfFormat;
import scot.cairn.formats.cube.Cube;
import scot.cairn.formats.cube.Labels;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.Dcat;
import scot.cairn.vocab.Dcterms;
import scot.cairn.vocab.Pmd;
import scot.cairn.vocab.PublisherVocabulary;
import scot.cairn.vocab.UriScheme;
import scot.cairn.vocab.VoID;

/**
 * The catalogue in three forms.
 * <ul>
 *   <li>{@code GET /data} (also {@code /data.html}, {@code /data.json}, {@code /data.csv}, or by
 *       {@code Accept}): the datasets with title, publisher, theme, modified and next update due,
 *       filtered by {@code theme}, {@code publisher} (URI, slug or label) and {@code q} (words that
 *       must all occur in the title or description).</li>
 *   <li>{@code GET /catalogue}: the DCAT catalogue {@code {base}catalogue} in RDF or HTML.</li>
 *   <li>{@code GET /void}: the VoID description {@code {base}void}, with exact triple counts per
 *       dataset (data and metadata graphs) and for the whole store, as the store keeps them.</li>
 * </ul>
 */
@RestController
class CatalogueController {
    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> LIST_TYPES = List.of("text/html", "application/json", "text/csv");

    private final TripleStore store;
    private final UriScheme uris;

    private final boolean neutraliseFormulas;

    CatalogueController(
            TripleStore store, UriScheme uris, @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.store = store;
        this.uris = uris;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    @GetMapping({"/data", "/data.html", "/data.json", "/data.csv"})
    void list(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(required = false) String theme,
            @RequestParam(required = false) String publisher,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String outcome)
            throws IOException {
        String path = request.getRequestURI();
        String type = path.endsWith(".json")
                ? "application/json"
                : path.endsWith(".csv")
                        ? "text/csv"
                        : path.endsWith(".html") ? "text/html" : negotiate(request.getHeader("Accept"));
        if (type == null) {
            PlainText.send(
                    response, 406, "Not acceptable: " + request.getHeader("Accept") + ". Offered: " + LIST_TYPES);
            return;
        }
        Catalogue.Filter filter = new Catalogue.Filter(theme, publisher, q, outcome);
        List<Catalogue.Entry> all = store.read(Catalogue::read);
        List<Catalogue.Entry> entries = all.stream().filter(filter::accepts).toList();
        response.setHeader("Vary", "Accept");
        switch (type) {
            case "application/json" -> json(response, entries);
            case "text/csv" ->
                csv(
                        response,
                        entries,
                        Formulas.forRequest(request.getParameter(Formulas.PARAMETER), neutraliseFormulas));
            default -> {
                response.setContentType("text/html;charset=utf-8");
                response.getOutputStream()
                        .write(CataloguePage.render(all, entries, filter).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @GetMapping({"/catalogue", "/catalogue.ttl", "/catalogue.nt", "/catalogue.rdf", "/catalogue.json", "/catalogue.html"
    })
    void catalogue(HttpServletRequest request, HttpServletResponse response) throws IOException {
        rdf(request, response, uris.catalogue(), this::dcat);
    }

    @GetMapping({"/void", "/void.ttl", "/void.nt", "/void.rdf", "/void.json", "/void.html"})
    void voidDescription(HttpServletRequest request, HttpServletResponse response) throws IOException {
        rdf(request, response, uris.base() + "void", this::voidModel);
    }

    /**
     * Builds the VoID description, the DCAT catalogue and the catalogue list once and writes them,
     * in Turtle, HTML and JSON, to nowhere: the code a first request would run, run before the port
     * opens ({@link CatalogueAtStart}). Reads the per-graph counts and the metadata graphs, no data.
     */
    void warm() throws IOException {
        List<Catalogue.Entry> entries = store.read(dsg -> {
            for (Map.Entry<String, Model> e : Map.of(uris.base() + "void", voidModel(dsg), uris.catalogue(), dcat(dsg))
                    .entrySet()) {
                Model m = e.getValue();
                m.setNsPrefixes(PublisherVocabulary.prefixes(uris));
                RDFDataMgr.write(OutputStream.nullOutputStream(), m, org.apache.jena.riot.RDFFormat.TURTLE);
                ResourcePage.render(uris, e.getKey(), m, new Labels(dsg), null);
            }
            return Catalogue.read(dsg);
        });
        try (JsonGenerator g = JSON.createGenerator(OutputStream.nullOutputStream(), JsonEncoding.UTF8)) {
            writeJson(g, entries);
        }
        CataloguePage.render(entries, entries, new Catalogue.Filter(null, null, null, null));
    }

    private interface ModelBuilder {
        Model build(DatasetGraph dsg);
    }

    private void rdf(HttpServletRequest request, HttpServletResponse response, String uri, ModelBuilder builder)
            throws IOException {
        Optional<RdfFormat> format = RdfFormat.ofExtension(request.getRequestURI())
                .or(() -> RdfFormat.ofAccept(request.getHeader("Accept")));
        if (format.isEmpty()) {
            PlainText.send(
                    response,
                    406,
                    "Not acceptable: " + request.getHeader("Accept") + ". Offered: " + RdfFormat.offered());
            return;
        }
        response.setHeader("Vary", "Accept");
        store.read(dsg -> {
            Model m = builder.build(dsg);
            m.setNsPrefixes(PublisherVocabulary.prefixes(uris));
            try {
                response.setContentType(format.get().contentType());
                OutputStream os = response.getOutputStream();
                if (format.get() == RdfFormat.HTML) {
                    os.write(ResourcePage.render(uris, uri, m, new Labels(dsg), null)
                            .getBytes(StandardCharsets.UTF_8));
                } else {
                    RDFDataMgr.write(os, m, format.get().jena());
                }
                os.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /** The DCAT catalogue: a dcat:Catalog listing every dataset with its metadata and distributions. */
    private Model dcat(DatasetGraph dsg) {
        Model m = ModelFactory.createDefaultModel();
        Resource catalog = m.createResource(uris.catalogue())
                .addProperty(RDF.type, Dcat.Catalog)
                .addProperty(RDFS.label, "Catalogue of datasets")
                .addProperty(Dcterms.title, "Catalogue of datasets");
        for (Catalogue.Entry e : Catalogue.read(dsg)) {
            Resource ds = m.createResource(e.uri())
                    .addProperty(RDF.type, Dcat.Dataset)
                    .addProperty(Dcterms.title, e.title())
                    .addProperty(RDFS.label, e.title())
                    .addProperty(Dcat.landingPage, m.createResource(e.uri()));
            catalog.addProperty(Dcat.dataset, ds);
            if (!e.description().isEmpty()) {
                ds.addProperty(Dcterms.description, e.description());
            }
            for (Catalogue.Ref p : e.publishers()) {
                ds.addProperty(Dcterms.publisher, m.createResource(p.uri()).addProperty(RDFS.label, p.label()));
            }
            for (Catalogue.Ref t : e.themes()) {
                ds.addProperty(Dcat.theme, m.createResource(t.uri()).addProperty(RDFS.label, t.label()));
            }
            date(ds, Dcterms.issued, e.issued());
            date(ds, Dcterms.modified, e.modified());
            date(ds, Pmd.nextUpdateDue, e.nextUpdateDue());
            if (e.license().startsWith("http")) {
                ds.addProperty(Dcterms.license, m.createResource(e.license()));
            }
            distribution(m, ds, "Whole cube as CSV", Links.cubeTable(e.uri()), "text/csv");
            distribution(m, ds, "Whole cube as JSON-stat 2.0", Links.sliceJsonStat(e.uri()), "application/json");
            distribution(
                    m, ds, "Data and metadata as N-Triples", Links.datasetNTriples(e.uri()), "application/n-triples");
        }
        return m;
    }

    private void distribution(Model m, Resource ds, String title, String relative, String mediaType) {
        ds.addProperty(
                Dcat.distribution,
                m.createResource()
                        .addProperty(RDF.type, Dcat.Distribution)
                        .addProperty(Dcterms.title, title)
                        .addProperty(Dcat.downloadURL, m.createResource(Links.absolute(uris, relative)))
                        .addProperty(
                                Dcat.mediaType,
                                m.createResource("https://www.iana.org/assignments/media-types/" + mediaType)));
    }

    private static void date(Resource r, org.apache.jena.rdf.model.Property p, String lexical) {
        if (lexical.isEmpty()) {
            return;
        }
        XSDDatatype type = lexical.contains("T") ? XSDDatatype.XSDdateTime : XSDDatatype.XSDdate;
        r.addProperty(p, r.getModel().createTypedLiteral(lexical, type));
    }

    /**
     * VoID: the whole store and one void:Dataset per dataset, with exact triple counts. The counts
     * are the store's own figures, kept at every publication ({@link TripleStore#graphSizes}), so
     * nothing is counted here.
     */
    private Model voidModel(DatasetGraph dsg) {
        Map<String, Long> sizes = store.graphSizes();
        Model m = ModelFactory.createDefaultModel();
        Resource sparql = m.createResource(uris.base() + "sparql");
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        Resource all = m.createResource(uris.base() + "void")
                .addProperty(RDF.type, VoID.Dataset)
                .addProperty(RDFS.label, "All data published here")
                .addProperty(Dcterms.title, "All data published here")
                .addProperty(VoID.sparqlEndpoint, sparql)
                .addProperty(VoID.uriSpace, uris.base())
                .addLiteral(VoID.triples, m.createTypedLiteral(Long.toString(total), XSDDatatype.XSDinteger));
        for (Catalogue.Entry e : Catalogue.read(dsg)) {
            Optional<Cube> cube = Cube.find(dsg, uris, e.uri());
            long triples = cube.map(c -> sizes.getOrDefault(c.dataGraph().getURI(), 0L)
                            + sizes.getOrDefault(c.metadataGraph().getURI(), 0L))
                    .orElse(0L);
            Resource ds = m.createResource(e.uri())
                    .addProperty(RDF.type, VoID.Dataset)
                    .addProperty(Dcterms.title, e.title())
                    .addProperty(RDFS.label, e.title())
                    .addProperty(VoID.sparqlEndpoint, sparql)
                    .addProperty(VoID.dataDump, m.createResource(Links.absolute(uris, Links.datasetNTriples(e.uri()))))
                    .addLiteral(VoID.triples, m.createTypedLiteral(Long.toString(triples), XSDDatatype.XSDinteger));
            all.addProperty(VoID.subset, ds);
        }
        return m;
    }

    private static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return "text/html";
        }
        List<MediaType> types;
        try {
            types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return "text/html";
        }
        types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue)
                .reversed()
                .thenComparing(t -> t.isWildcardType() ? 2 : t.isWildcardSubtype() ? 1 : 0));
        for (MediaType t : types) {
            if (t.getQualityValue() <= 0) {
                continue;
            }
            if (t.isWildcardType()) {
                return "text/html";
            }
            for (String offered : LIST_TYPES) {
                if (t.includes(MediaType.parseMediaType(offered))) {
                    return offered;
                }
            }
        }
        return null;
    }

    private static void json(HttpServletResponse response, List<Catalogue.Entry> entries) throws IOException {
        response.setContentType("application/json");
        try (JsonGenerator g = JSON.createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
            writeJson(g, entries);
        }
    }

    private static void writeJson(JsonGenerator g, List<Catalogue.Entry> entries) throws IOException {
        g.writeStartObject();
        g.writeNumberField("count", entries.size());
        g.writeArrayFieldStart("datasets");
        for (Catalogue.Entry e : entries) {
            g.writeStartObject();
            g.writeStringField("uri", e.uri());
            g.writeStringField("title", e.title());
            g.writeStringField("description", e.description());
            refs(g, "publisher", e.publishers());
            refs(g, "theme", e.themes());
            refs(g, "outcome", e.outcomes());
            g.writeStringField("issued", e.issued());
            g.writeStringField("modified", e.modified());
            g.writeStringField("nextUpdateDue", e.nextUpdateDue());
            g.writeStringField("license", e.license());
            g.writeStringField("csv", Links.cubeTable(e.uri()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void refs(JsonGenerator g, String field, List<Catalogue.Ref> refs) throws IOException {
        g.writeArrayFieldStart(field);
        for (Catalogue.Ref r : refs) {
            g.writeStartObject();
            g.writeStringField("uri", r.uri());
            g.writeStringField("label", r.label());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void csv(HttpServletResponse response, List<Catalogue.Entry> entries, Formulas formulas)
            throws IOException {
        response.setContentType("text/csv;charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"datasets.csv\"");
        BufferedWriter w =
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        CsvWriter out = CsvWriter.crlf(w, formulas);
        out.row("URI", "Title", "Publisher", "Theme", "Issued", "Modified", "Next update due", "Licence");
        for (Catalogue.Entry e : entries) {
            out.row(
                    e.uri(),
                    e.title(),
                    e.publisherLabels(),
                    e.themeLabels(),
                    e.issued(),
                    e.modified(),
                    e.nextUpdateDue(),
                    e.license());
        }
        out.flush();
    }
}
