package scot.cairn.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.query.Query;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.Html;
import scot.cairn.store.TripleStore;
import scot.cairn.store.query.DeepStack;
import scot.cairn.vocab.UriScheme;

/**
 * The public, read-only SPARQL 1.1 query endpoint at {@code /sparql} (and {@code /sparql.csv},
 * {@code .json}, {@code .tsv}, {@code .xml}, which fix the result format).
 *
 * <p>Accepts GET {@code ?query=}, form-encoded POST, multipart POST with a {@code query} part and
 * {@code application/sparql-query} POST; the default graph is the union of all named graphs.
 * Updates are refused. Errors are short {@code text/plain}. CSV results neutralise cells a
 * spreadsheet would run as formulas unless the request says {@code formulas=keep}
 * ({@link Formulas}). CORS (open to every origin by default, POST included) is the server's, as for
 * every public API (its public-headers filter); the
 * response is gzip-compressed when the client sends {@code Accept-Encoding: gzip}. A browser that
 * opens {@code /sparql} without a query gets a small HTML query form; with a query, it gets the
 * default format labelled so that it displays (JSON results as {@code application/json}, Turtle
 * as {@code text/plain}).
 */
@Controller
final class SparqlController {
    private final TripleStore store;
    private final UriScheme uris;
    private final SparqlProperties limits;
    private final SparqlExecutor executor;
    private final ClientLimiter limiter;
    private final ResponseCache cache;
    private final DeepStack deepStack;
    private final boolean neutraliseFormulas;

    SparqlController(
            TripleStore store,
            UriScheme uris,
            SparqlProperties limits,
            SparqlExecutor executor,
            ClientLimiter limiter,
            ResponseCache cache,
            DeepStack deepStack,
            @Value(Formulas.SETTING_WITH_DEFAULT) boolean neutraliseFormulas) {
        this.deepStack = deepStack;
        this.store = store;
        this.uris = uris;
        this.limits = limits;
        this.executor = executor;
        this.limiter = limiter;
        this.cache = cache;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    @RequestMapping(
            path = {"/sparql", "/sparql.csv", "/sparql.json", "/sparql.tsv", "/sparql.xml"},
            method = {RequestMethod.GET, RequestMethod.POST})
    void sparql(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.addHeader("Vary", "Accept, Accept-Encoding");
        try {
            handle(req, resp);
        } catch (SparqlFailure f) {
            if (resp.isCommitted()) {
                // Too late for a status: let the container cut the connection so the client sees the failure.
                throw f;
            }
            sendText(resp, f.status(), f.getMessage(), f.headers());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads the request here, then, holding one of the client's query slots, parses, answers from
     * the cache or runs the query on a deep-stack thread ({@link DeepStack}), so that a legal but
     * deeply nested query is answered and a pathological one refused with 400.
     */
    @SuppressWarnings("try") // the slot is held, not used, for the length of the block
    private void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SparqlRequest request =
                SparqlRequest.read(req, (int) limits.maxQueryBytes().toBytes());
        if (request == null) {
            if ("GET".equalsIgnoreCase(req.getMethod()) && acceptsHtml(req.getHeader("Accept"))) {
                sendForm(resp);
                return;
            }
            throw SparqlFailure.badRequest(SparqlRequest.NO_QUERY);
        }
        try (ClientLimiter.Slot slot = limiter.acquire(clientAddress(req, limits.trustForwardedFor()))) {
            deepStack.call(IOException.class, () -> {
                answer(request, req, resp);
                return null;
            });
        } catch (DeepStack.TooDeep e) {
            throw SparqlFailure.badRequest(e.getMessage());
        }
    }

    private void answer(SparqlRequest request, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Query query = SparqlExecutor.parse(request);
        ResultFormat format = format(req, query);
        String contentType = !hasSuffix(req) && ResultFormat.prefersHtml(req.getHeader("Accept"))
                ? format.browserContentType()
                : format.contentType();
        boolean gzip = acceptsGzip(req.getHeader("Accept-Encoding"));
        Formulas formulas = Formulas.forRequest(req.getParameter(Formulas.PARAMETER), neutraliseFormulas);
        ResponseCache.Key key = new ResponseCache.Key(
                request.query(), request.defaultGraphs(), request.namedGraphs(), format, formulas, store.version());
        byte[] cached = cache.get(key);
        if (cached != null) {
            sendWhole(resp, contentType, cached, gzip);
            return;
        }
        executor.execute(query, format, formulas, new SparqlExecutor.Sink() {
            @Override
            public void whole(byte[] body) throws IOException {
                cache.put(key, body);
                sendWhole(resp, contentType, body, gzip);
            }

            @Override
            public void spilled(SpillBuffer body) throws IOException {
                resp.setStatus(200);
                resp.setContentType(contentType);
                if (gzip) {
                    // compressed as it is sent: its length is not known beforehand, so it is chunked
                    resp.setHeader("Content-Encoding", "gzip");
                    GZIPOutputStream g = new GZIPOutputStream(resp.getOutputStream(), 64 * 1024);
                    body.writeTo(g);
                    g.finish();
                    g.flush();
                } else {
                    resp.setContentLengthLong(body.size());
                    OutputStream out = resp.getOutputStream();
                    body.writeTo(out);
                    out.flush();
                }
            }
        });
    }

    private static ResultFormat format(HttpServletRequest req, Query query) {
        ResultFormat.Kind kind =
                query.isSelectType() || query.isAskType() ? ResultFormat.Kind.RESULTS : ResultFormat.Kind.GRAPH;
        String path = req.getRequestURI();
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot > slash) {
            String suffix = path.substring(dot + 1);
            return ResultFormat.forSuffix(suffix, kind)
                    .orElseThrow(() -> new SparqlFailure(
                            406,
                            "Not Acceptable: ." + suffix + " is not available for " + describe(kind)
                                    + "; use /sparql with an Accept header for one of: "
                                    + ResultFormat.supported(kind)));
        }
        return ResultFormat.negotiate(req.getHeader("Accept"), kind)
                .orElseThrow(() -> new SparqlFailure(
                        406,
                        "Not Acceptable: " + describe(kind) + " are available as " + ResultFormat.supported(kind)));
    }

    private static boolean hasSuffix(HttpServletRequest req) {
        String path = req.getRequestURI();
        return path.lastIndexOf('.') > path.lastIndexOf('/');
    }

    private static String describe(ResultFormat.Kind kind) {
        return kind == ResultFormat.Kind.RESULTS ? "SELECT and ASK results" : "CONSTRUCT and DESCRIBE results";
    }

    /**
     * The address a client's queries are counted against: the connection's remote address, or,
     * when {@code trustForwardedFor}, the last {@code X-Forwarded-For} entry.
     */
    static String clientAddress(HttpServletRequest req, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            String xff = req.getHeader("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                // The last entry is the one our own proxy appended; earlier ones are client-supplied.
                String[] hops = xff.split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return req.getRemoteAddr();
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) {
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (q > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean acceptsHtml(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private static void sendWhole(HttpServletResponse resp, String contentType, byte[] body, boolean gzip)
            throws IOException {
        byte[] out = body;
        if (gzip) {
            var bytes = new java.io.ByteArrayOutputStream(Math.max(64, body.length / 4));
            try (GZIPOutputStream g = new GZIPOutputStream(bytes)) {
                g.write(body);
            }
            out = bytes.toByteArray();
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setStatus(200);
        resp.setContentType(contentType);
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }

    /** A short plain-text answer; keeps the CORS headers the server already set for this request. */
    static void sendText(HttpServletResponse resp, int status, String text) throws IOException {
        sendText(resp, status, text, Map.of());
    }

    /** As above, with these headers too. */
    static void sendText(HttpServletResponse resp, int status, String text, Map<String, String> headers)
            throws IOException {
        List<Map.Entry<String, String>> keep = new ArrayList<>();
        for (String name : resp.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-") || lower.equals("vary")) {
                for (String v : resp.getHeaders(name)) {
                    keep.add(Map.entry(name, v));
                }
            }
        }
        resp.reset();
        keep.forEach(h -> resp.addHeader(h.getKey(), h.getValue()));
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        if (status == 429) {
            resp.setHeader("Retry-After", "1");
        }
        headers.forEach(resp::setHeader);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private void sendForm(HttpServletResponse resp) throws IOException {
        String example = "PREFIX qb: <http://purl.org/linked-data/cube#>\n"
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?dataset ?label WHERE {\n  ?dataset a qb:DataSet ; rdfs:label ?label .\n"
                + "  FILTER(STRSTARTS(STR(?dataset), \"" + uris.base() + "\"))\n} ORDER BY ?label LIMIT 100";
        String html =
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SPARQL query</title></head>\n"
                        + "<body><h1>SPARQL query</h1>\n"
                        + "<p>Read-only SPARQL 1.1 query over all published graphs (the default graph is their union).</p>\n"
                        + "<form method=\"get\" action=\"sparql\">\n"
                        + "<textarea name=\"query\" rows=\"14\" cols=\"100\">" + Html.esc(example) + "</textarea><br>\n"
                        + "<button formaction=\"sparql.json\">JSON</button> <button formaction=\"sparql.csv\">CSV</button>\n"
                        + "<button formaction=\"sparql.tsv\">TSV</button> <button formaction=\"sparql.xml\">XML</button>\n"
                        + "</form></body></html>\n";
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("text/html;charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
