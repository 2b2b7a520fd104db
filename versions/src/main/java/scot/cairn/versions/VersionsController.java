package scot.cairn.versions;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.riot.rowset.RowSetWriter;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.Html;
import scot.cairn.formats.RdfFormat;
import scot.cairn.formats.SparqlCsv;
import scot.cairn.formats.SparqlJson;
import scot.cairn.store.query.DeepStack;
import scot.cairn.store.query.Descriptions;
import scot.cairn.vocab.Slugs;

/**
 * Versions over HTTP (all read-only):
 * <ul>
 *   <li>{@code GET /data/{slug}/version/{n}}: a version's page, or its record as RDF by {@code Accept} or extension</li>
 *   <li>{@code GET /data/{slug}/version/{n}/data.csv}, {@code .../data.nt}: the version's whole cube as CSV, its data graph as canonical N-Triples</li>
 *   <li>{@code GET /data/{slug}/versions.json}: the history</li>
 *   <li>{@code GET /data/{slug}/changes?from=&to=} (HTML), {@code changes.json}, {@code changes.csv}: what changed between two versions</li>
 *   <li>{@code GET|POST /versions/sparql?dataset={slug}&query=...[&version=n...]}: SPARQL over every version of a dataset
 *       (or the ones named), each a named graph</li>
 * </ul>
 * The endpoints that read earlier versions (the query endpoint and the two downloads) do so
 * within {@link VersionLimits}: a time limit for the whole request, a reading slot, earlier
 * versions built once ({@link VersionCache}); a refusal is plain text with its status. CSV
 * (downloads, changes, CSV query results) neutralises formula cells unless the request says
 * {@code formulas=keep} ({@link Formulas}).
 */
@RestController
class VersionsController implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Most resources one DESCRIBE may describe, and most triples one resource's description may
     * have: both are held in memory, to give each once ({@link Descriptions}).
     */
    static final int MAX_DESCRIBE_TRIPLES = 100_000;
    /** Result bytes held back before the response is committed ({@link HeldBack}). */
    static final int HELD_BACK_BYTES = 1 << 20;

    private final Versions versions;
    private final VersionLimits limits;
    /** Requests reading earlier versions (queries over versions, version downloads) at once. */
    private final Semaphore readers;
    /** Where queries are parsed and run: one thread per reading slot. */
    private final DeepStack deepStack;

    private final boolean neutraliseFormulas;

    VersionsController(Versions versions, @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.versions = versions;
        this.limits = versions.limits();
        this.readers = new Semaphore(limits.maxConcurrent(), true);
        this.neutraliseFormulas = neutraliseFormulas;
        this.deepStack = new DeepStack("versions-query", limits.maxConcurrent());
    }

    @Override
    public void close() {
        deepStack.close();
    }

    /** Whether this request's CSV neutralises formula cells ({@link Formulas}). */
    private Formulas formulas(HttpServletRequest request) {
        return Formulas.forRequest(request.getParameter(Formulas.PARAMETER), neutraliseFormulas);
    }

    @GetMapping("/data/{slug}/version/{file}")
    void version(
            @PathVariable String slug,
            @PathVariable String file,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Optional<RdfFormat> byExtension = RdfFormat.ofExtension(file);
        String number = byExtension.isPresent()
                ? file.substring(
                        0, file.length() - byExtension.get().extension().length() - 1)
                : file;
        Optional<VersionRecord> record = record(slug, number, response);
        if (record.isEmpty()) {
            return;
        }
        RdfFormat format = byExtension.orElse(
                RdfFormat.ofAccept(request.getHeader("Accept")).orElse(null));
        response.setHeader("Vary", "Accept");
        if (format == null) {
            send(response, 406, "Not acceptable: " + request.getHeader("Accept") + ". Offered: " + RdfFormat.offered());
            return;
        }
        VersionRecord r = record.get();
        String uri = Records.versionUri(versions.uris(), slug, r.number());
        if (format != RdfFormat.HTML) {
            writeVersionMetadata(response, format, slug, uri);
            return;
        }
        byte[] body = versionPage(slug, r, uri).getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A version's metadata (its statements in the dataset's metadata graph) in an RDF format. */
    private void writeVersionMetadata(HttpServletResponse response, RdfFormat format, String slug, String uri)
            throws IOException {
        Model m = ModelFactory.createDefaultModel();
        Node meta = NodeFactory.createURI(versions.uris().metadataGraph(slug));
        versions.store().read(dsg -> {
            dsg.find(meta, NodeFactory.createURI(uri), Node.ANY, Node.ANY)
                    .forEachRemaining(q -> m.getGraph().add(q.asTriple()));
            return null;
        });
        response.setContentType(format.contentType());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, m, format.jena());
        response.getOutputStream().write(out.toByteArray());
    }

    /** A version's HTML page: what it is, its release, how to cite it, its downloads and changes. */
    private String versionPage(String slug, VersionRecord r, String uri) {
        List<VersionRecord> history = versions.history(slug);
        String title = datasetTitle(slug);
        int latest = history.get(history.size() - 1).number();
        String base = "/data/" + slug + "/version/" + r.number();
        Html html = new Html(title + ", version " + r.number());
        for (RdfFormat f : RdfFormat.values()) {
            if (f != RdfFormat.HTML) {
                html.alternate(f.contentType().replace(";charset=utf-8", ""), base + "." + f.extension());
            }
        }
        html.body(title + ", version " + r.number());
        html.raw("<p>URI: <code>").text(uri).raw("</code></p>\n");
        html.p(
                latest == r.number()
                        ? "This is the current version."
                        : "This is an earlier version, kept read-only. The current version is " + latest + ".");
        html.raw("<p>").link("/data/" + slug, "The dataset").raw("</p>\n");
        releaseTable(html, r);
        html.h2("Cite this version");
        html.raw("<pre class=\"citation\">")
                .text(citation(publisherName(slug), title, r, uri))
                .raw("</pre>\n");
        html.h2("Downloads")
                .raw("<ul>\n<li>")
                .link(base + "/data.csv", "Whole cube as CSV (one row per observation)")
                .raw("</li>\n<li>")
                .link(base + "/data.nt", "Data graph as canonical N-Triples (the checksum's input)")
                .raw("</li>\n</ul>\n");
        changeLinks(html, slug, r, history);
        return html.finish();
    }

    private String datasetTitle(String slug) {
        return versions.store().read(dsg -> {
            var it = dsg.find(
                    Node.ANY,
                    NodeFactory.createURI(versions.uris().dataset(slug)),
                    scot.cairn.vocab.Dcterms.title.asNode(),
                    Node.ANY);
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : slug;
        });
    }

    /** The label of the dataset's publisher, or null. */
    private String publisherName(String slug) {
        return versions.store().read(dsg -> {
            var it = dsg.find(
                    Node.ANY,
                    NodeFactory.createURI(versions.uris().dataset(slug)),
                    scot.cairn.vocab.Dcterms.publisher.asNode(),
                    Node.ANY);
            if (!it.hasNext()) {
                return null;
            }
            Node p = it.next().getObject();
            var l = dsg.find(Node.ANY, p, org.apache.jena.vocabulary.RDFS.label.asNode(), Node.ANY);
            return l.hasNext() ? l.next().getObject().getLiteralLexicalForm() : null;
        });
    }

    private static void releaseTable(Html html, VersionRecord r) {
        html.raw("<table>\n<caption>Release</caption>\n<tbody>\n");
        row(html, "Version", Integer.toString(r.number()));
        row(html, "Published", r.issued().toString());
        row(html, "Kind", r.kind().label());
        row(html, "Change note", r.note());
        row(html, "Observations", Long.toString(r.observations()));
        row(
                html,
                "Added / removed / changed since the previous version",
                r.added() + " / " + r.removed() + " / " + r.changed());
        row(html, "Content checksum", r.checksum());
        row(html, "Cited", r.cited() ? "yes" : "no");
        html.raw("</tbody>\n</table>\n");
    }

    /** The suggested citation of a version; {@code publisher} may be null. */
    private static String citation(String publisher, String title, VersionRecord r, String uri) {
        String date = r.issued().toString().substring(0, 10);
        return (publisher == null ? "" : publisher + " ") + "(" + date.substring(0, 4) + "). " + title
                + ", version " + r.number() + " (" + r.kind().label() + ", published " + date + ") [Data set]. "
                + uri
                + ". Content checksum " + r.checksum() + ".";
    }

    /** Links to the changes between this version and each other one. */
    private static void changeLinks(Html html, String slug, VersionRecord r, List<VersionRecord> history) {
        html.h2("Changes").raw("<ul>\n");
        for (VersionRecord other : history) {
            if (other.number() != r.number()) {
                int from = Math.min(other.number(), r.number());
                int to = Math.max(other.number(), r.number());
                html.raw("<li>")
                        .link(
                                "/data/" + slug + "/changes?from=" + from + "&to=" + to,
                                "Between versions " + from + " and " + to)
                        .raw("</li>\n");
            }
        }
        html.raw("</ul>\n");
    }

    private static void row(Html html, String label, String value) {
        html.raw("<tr><th scope=\"row\">")
                .text(label)
                .raw("</th><td>")
                .text(value)
                .raw("</td></tr>\n");
    }

    @GetMapping("/data/{slug}/version/{number}/data.csv")
    void versionCsv(
            @PathVariable String slug,
            @PathVariable String number,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Formulas formulas = formulas(request);
        download(
                slug,
                number,
                response,
                "text/csv;charset=utf-8",
                ".csv",
                (n, out, deadline) -> versions.writeCsv(slug, n, out, formulas, deadline));
    }

    @GetMapping("/data/{slug}/version/{number}/data.nt")
    void versionNTriples(@PathVariable String slug, @PathVariable String number, HttpServletResponse response)
            throws IOException {
        download(
                slug,
                number,
                response,
                "application/n-triples;charset=utf-8",
                ".nt",
                (n, out, deadline) -> versions.writeNTriples(slug, n, out, deadline));
    }

    @FunctionalInterface
    private interface VersionWriter {
        long write(int version, OutputStream out, Deadline deadline);
    }

    /** A version download: a reading slot, then the version (built if earlier) within the time limit, then the bytes. */
    @SuppressWarnings("try") // the slot is held, not used, for the length of the block
    private void download(
            String slug,
            String number,
            HttpServletResponse response,
            String contentType,
            String extension,
            VersionWriter writer)
            throws IOException {
        Deadline deadline = Deadline.after(limits.timeout());
        Optional<VersionRecord> r = record(slug, number, response);
        if (r.isEmpty()) {
            return;
        }
        try (Reading slot = reading(deadline)) {
            response.setContentType(contentType);
            response.setHeader(
                    "Content-Disposition",
                    "attachment; filename=\"" + slug + "-version-" + r.get().number() + extension + "\"");
            writer.write(r.get().number(), response.getOutputStream(), deadline);
        } catch (VersionRefusal f) {
            refuse(response, f);
        } catch (IllegalArgumentException e) {
            // the version was deleted since it was looked up
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            send(response, 404, e.getMessage());
        }
    }

    @GetMapping("/data/{slug}/versions.json")
    void history(@PathVariable String slug, HttpServletResponse response) throws IOException {
        List<VersionRecord> history = versions.history(slug);
        if (history.isEmpty()) {
            send(response, 404, "No versions of " + versions.uris().dataset(slug));
            return;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (VersionRecord r : history) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", r.number());
            m.put("uri", Records.versionUri(versions.uris(), slug, r.number()));
            m.put("issued", r.issued().toString());
            m.put("kind", r.kind().label());
            m.put("note", r.note());
            m.put("checksum", r.checksum());
            m.put("observations", r.observations());
            m.put("added", r.added());
            m.put("removed", r.removed());
            m.put("changed", r.changed());
            m.put("cited", r.cited());
            out.add(m);
        }
        response.setContentType("application/json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), out);
    }

    @GetMapping({"/data/{slug}/changes", "/data/{slug}/changes.json", "/data/{slug}/changes.csv"})
    void changes(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Integer from = integer(request.getParameter("from"));
        Integer to = integer(request.getParameter("to"));
        if (from == null || to == null) {
            send(response, 400, "Give two versions: ?from=N&to=M");
            return;
        }
        Changes c;
        try {
            c = versions.changes(slug, from, to);
        } catch (IllegalArgumentException e) {
            send(response, e.getMessage().startsWith("Unknown") ? 404 : 400, e.getMessage());
            return;
        }
        String path = request.getRequestURI();
        if (path.endsWith(".csv")) {
            response.setContentType("text/csv;charset=utf-8");
            response.setHeader(
                    "Content-Disposition", "attachment; filename=\"" + slug + "-changes-" + from + "-" + to + ".csv\"");
            c.writeCsv(response.getOutputStream(), formulas(request));
        } else if (path.endsWith(".json")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", versions.uris().dataset(slug));
            m.put("from", from);
            m.put("to", to);
            m.put("added", c.added());
            m.put("removed", c.removed());
            m.put("changed", c.changed());
            m.put("areas", c.areas());
            m.put("periods", c.periods());
            m.put("measures", c.measures());
            m.put("csv", "/data/" + slug + "/changes.csv?from=" + from + "&to=" + to);
            response.setContentType("application/json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), m);
        } else {
            Html html = new Html("Changes from version " + from + " to " + to);
            html.body("Changes from version " + from + " to version " + to);
            html.raw("<p>").link("/data/" + slug, "The dataset").raw("</p>\n");
            html.raw("<table>\n<caption>Summary</caption>\n<tbody>\n");
            row(html, "Observations added", Long.toString(c.added()));
            row(html, "Observations removed", Long.toString(c.removed()));
            row(html, "Observations changed", Long.toString(c.changed()));
            row(html, "Areas", String.join(", ", c.areas()));
            row(html, "Periods", String.join(", ", c.periods()));
            row(html, "Measures", String.join(", ", c.measures()));
            html.raw("</tbody>\n</table>\n");
            html.raw("<p>")
                    .link(
                            "/data/" + slug + "/changes.csv?from=" + from + "&to=" + to,
                            "Changed observations with old and new values (CSV)")
                    .raw(" · ")
                    .link("/data/" + slug + "/changes.json?from=" + from + "&to=" + to, "Summary as JSON")
                    .raw("</p>\n");
            byte[] body = html.finish().getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/html;charset=utf-8");
            response.getOutputStream().write(body);
        }
    }

    /**
     * SPARQL over all versions of one dataset: each version's data graph is the named graph
     * {@code {base}graph/{slug}/version/{n}}, its metadata {@code .../version/{n}/metadata}. The
     * public {@code /sparql} stays current-only. Queries only. Within {@link VersionLimits}: one
     * time limit for the whole request (waiting, building and the query, DESCRIBE and CONSTRUCT
     * included), earlier versions built once and shared, refused up front when over the budget.
     */
    @RequestMapping(
            value = "/versions/sparql",
            method = {RequestMethod.GET, RequestMethod.POST})
    @SuppressWarnings("try") // the slot is held, not used, for the length of the block
    void sparql(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Deadline deadline = Deadline.after(limits.timeout());
        String slug = request.getParameter("dataset");
        String text = request.getParameter("query");
        if (slug == null || !Slugs.isSlug(slug)) {
            send(response, 400, "Missing or malformed parameter: dataset (a dataset slug, e.g. recycling)");
            return;
        }
        if (text == null || text.isBlank()) {
            send(response, 400, "Missing parameter: query");
            return;
        }
        List<VersionRecord> history = versions.history(slug);
        if (history.isEmpty()) {
            send(response, 404, "No versions of " + versions.uris().dataset(slug));
            return;
        }
        List<VersionRecord> asked = askedVersions(slug, history, request.getParameterValues("version"), response);
        if (asked == null) {
            return;
        }
        String accept = String.valueOf(request.getHeader("Accept"));
        Formulas formulas = formulas(request);
        try (Reading slot = reading(deadline)) {
            // parsed and run on a deep stack: a legal, deeply nested query is answered, a pathological one refused
            deepStack.call(IOException.class, () -> {
                query(slug, text, asked, deadline, accept, formulas, response);
                return null;
            });
        } catch (VersionRefusal f) {
            refuse(response, f);
        } catch (QueryCancelledException e) {
            refuse(response, VersionRefusal.timeout());
        } catch (DeepStack.TooDeep e) {
            refuse(response, VersionRefusal.badRequest(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // a version was deleted since the history was read
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            send(response, 404, e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The versions a request names ({@code only}; all when null), or null once 404 is sent for an unknown one. */
    private List<VersionRecord> askedVersions(
            String slug, List<VersionRecord> history, String[] only, HttpServletResponse response) throws IOException {
        if (only == null) {
            return history;
        }
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (String o : only) {
            Integer n = integer(o);
            if (n == null || history.stream().noneMatch(r -> r.number() == n)) {
                send(
                        response,
                        404,
                        "Unknown version: " + o + " of " + versions.uris().dataset(slug));
                return null;
            }
            wanted.add(n);
        }
        return history.stream().filter(r -> wanted.contains(r.number())).toList();
    }

    private void query(
            String slug,
            String text,
            List<VersionRecord> asked,
            Deadline deadline,
            String accept,
            Formulas formulas,
            HttpServletResponse response)
            throws IOException {
        Query query;
        try {
            query = QueryFactory.create(text);
        } catch (QueryParseException e) {
            if (e.getCause() instanceof StackOverflowError) {
                throw e;
            }
            send(response, 400, "Malformed query: " + e.getMessage());
            return;
        }
        versions.query(slug, asked, deadline, all -> {
            try {
                answer(query, all, deadline, accept, formulas, response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    /**
     * Runs the query over the assembled versions and writes its result; results stream, a
     * DESCRIBE runs as the SELECT of its resources, described as they come ({@link Descriptions}).
     * Stopped at the deadline by ARQ's timeout and by the {@link DeadlineGraph}s under it,
     * whichever sees it first; both end the result with {@link QueryCancelledException}.
     */
    private static void answer(
            Query query,
            DatasetGraph all,
            Deadline deadline,
            String accept,
            Formulas formulas,
            HttpServletResponse response)
            throws IOException {
        if (deadline.passed()) {
            throw VersionRefusal.timeout();
        }
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos()));
        AtomicBoolean cancelled = new AtomicBoolean();
        try (QueryExec qe = QueryExec.dataset(all)
                .query(query.isDescribeType() ? Descriptions.resourceQuery(query) : query)
                .timeout(millis, TimeUnit.MILLISECONDS)
                .set(ARQConstants.symCancelQuery, cancelled)
                // ORDER BY and DISTINCT spill to disk past this many rows instead of growing the heap
                .set(ARQ.spillToDiskThreshold, 100_000L)
                .set(ARQ.httpServiceAllowed, false)
                .build()) {
            HeldBack out = new HeldBack(response, HELD_BACK_BYTES);
            write(query, qe, all, () -> cancelled.get() || deadline.passed(), accept, formulas, response, out);
            if (out.holding() && (cancelled.get() || deadline.passed())) {
                // ARQ's own timer may end the query quietly (a DESCRIBE with what it had found, an
                // ASK with false), or the result was complete only after the limit: nothing is sent
                // yet, so say it ran out of time instead
                throw VersionRefusal.timeout();
            }
            out.finish();
        }
    }

    /** Writes the result in the format asked for: SELECT, ASK, CONSTRUCT and DESCRIBE all stream. */
    private static void write(
            Query query,
            QueryExec qe,
            DatasetGraph all,
            BooleanSupplier cancelled,
            String accept,
            Formulas formulas,
            HttpServletResponse response,
            OutputStream out) {
        if (query.isSelectType() || query.isAskType()) {
            Lang lang = accept.contains("text/csv")
                    ? ResultSetLang.RS_CSV
                    : accept.contains("tab-separated")
                            ? ResultSetLang.RS_TSV
                            : accept.contains("sparql-results+xml") ? ResultSetLang.RS_XML : ResultSetLang.RS_JSON;
            response.setContentType(lang.getContentType().getContentTypeStr());
            // CSV and JSON by the writers the public endpoint uses (formulas neutralised; Jena's JSON bytes, faster)
            if (lang.equals(ResultSetLang.RS_CSV) || lang.equals(ResultSetLang.RS_JSON)) {
                RowSetWriter writer = lang.equals(ResultSetLang.RS_CSV) ? new SparqlCsv(formulas) : new SparqlJson();
                if (query.isSelectType()) {
                    writer.write(out, qe.select(), null);
                } else {
                    writer.write(out, qe.ask(), null);
                }
            } else if (query.isSelectType()) {
                ResultSetMgr.write(out, ResultSet.adapt(qe.select()), lang);
            } else {
                ResultSetMgr.write(out, qe.ask(), lang);
            }
            return;
        }
        boolean nt = accept.contains("n-triples");
        Iterator<Triple> triples = query.isConstructType()
                ? qe.constructTriples()
                : Descriptions.describe(
                        all,
                        query,
                        qe.select(),
                        cancelled,
                        MAX_DESCRIBE_TRIPLES,
                        () -> VersionRefusal.tooLarge(
                                "Response too large: a DESCRIBE over versions may describe at most "
                                        + MAX_DESCRIBE_TRIPLES
                                        + " resources, each with at most as many triples; describe fewer (LIMIT) or use CONSTRUCT"));
        response.setContentType(nt ? "application/n-triples" : "text/turtle");
        StreamRDF stream = StreamRDFWriter.getWriterStream(out, nt ? RDFFormat.NTRIPLES : RDFFormat.TURTLE_BLOCKS);
        stream.start();
        query.getPrefixMapping().getNsPrefixMap().forEach(stream::prefix);
        triples.forEachRemaining(stream::triple);
        stream.finish();
    }

    /**
     * Holds the start of a result back in memory, so that a query stopped before it has produced
     * that much (an aggregate, an ASK, a DESCRIBE: everything that answers at the end) is still
     * answered with a status and {@code Request Timeout}; past it, the result streams, and a
     * failure cuts the transfer so that the client sees it broken.
     */
    private static final class HeldBack extends OutputStream {
        private final HttpServletResponse response;
        private final int limit;
        private java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream(8192);
        private OutputStream out;

        HeldBack(HttpServletResponse response, int limit) {
            this.response = response;
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (out != null) {
                out.write(b, off, len);
                return;
            }
            held.write(b, off, len);
            if (held.size() > limit) {
                out = response.getOutputStream();
                held.writeTo(out);
                held = null;
            }
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        /** True while nothing has been sent. */
        boolean holding() {
            return out == null;
        }

        /** Sends what is held (with its length), or flushes the stream. */
        void finish() throws IOException {
            if (out == null) {
                response.setContentLength(held.size());
                held.writeTo(response.getOutputStream());
            } else {
                out.flush();
            }
        }
    }

    /** A held reading slot; closing it frees the slot. */
    private interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One of {@code max-concurrent} reading slots, waiting up to {@code queue-timeout} (and not
     * past the deadline).
     *
     * @throws VersionRefusal busy (503) when none frees up in time
     */
    private Reading reading(Deadline deadline) {
        long wait = Math.min(limits.queueTimeout().toNanos(), deadline.remainingNanos());
        boolean got;
        try {
            got = readers.tryAcquire(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            throw VersionRefusal.busy(
                    "Server busy: " + limits.maxConcurrent()
                            + " requests over earlier versions are being answered; try again shortly",
                    1);
        }
        return readers::release;
    }

    /** Reading slots free now (for tests). */
    int freeReadingSlots() {
        return readers.availablePermits();
    }

    /** Sends a refusal as plain text, or, when the response has begun, cuts it so that the client sees it broken. */
    private static void refuse(HttpServletResponse response, VersionRefusal f) throws IOException {
        if (response.isCommitted()) {
            throw f;
        }
        response.reset();
        response.setStatus(f.status());
        response.setContentType("text/plain;charset=utf-8");
        if (f.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(f.retryAfterSeconds()));
        }
        // The timeout's text is exactly what /sparql sends, without a line feed: clients compare it.
        String body = f.getMessage().equals(VersionRefusal.REQUEST_TIMEOUT) ? f.getMessage() : f.getMessage() + "\n";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<VersionRecord> record(String slug, String number, HttpServletResponse response)
            throws IOException {
        Integer n = integer(number);
        Optional<VersionRecord> r = n == null || !Slugs.isSlug(slug) ? Optional.empty() : versions.version(slug, n);
        if (r.isEmpty()) {
            send(
                    response,
                    404,
                    "Unknown version: " + number + " of " + versions.uris().dataset(slug));
        }
        return r;
    }

    private static Integer integer(String s) {
        if (s == null || !s.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(s);
    }

    private static void send(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
