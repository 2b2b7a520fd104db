package scot.cairn.endpoint;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;

/**
 * One SPARQL protocol request: the query text and any protocol dataset (graph URI parameters).
 *
 * <p>Read from GET {@code ?query=}, a form-encoded POST, a multipart POST with a {@code query}
 * part (what R's httr sends by default) or an {@code application/sparql-query} body. Anything that
 * is an update ({@code update=} parameter or part, {@code application/sparql-update} body) is
 * refused before any query is parsed.
 *
 * @param query         the query text, never blank
 * @param defaultGraphs {@code default-graph-uri} values (protocol dataset), possibly empty
 * @param namedGraphs   {@code named-graph-uri} values, possibly empty
 */
record SparqlRequest(String query, List<String> defaultGraphs, List<String> namedGraphs) {

    static final String NO_QUERY = "No query: send the SPARQL query as the 'query' parameter (GET or form POST),"
            + " as a multipart 'query' part, or as an application/sparql-query body";

    SparqlRequest {
        if (query == null || query.isBlank()) {
            throw SparqlFailure.badRequest(NO_QUERY);
        }
        defaultGraphs = List.copyOf(defaultGraphs);
        namedGraphs = List.copyOf(namedGraphs);
    }

    /**
     * Reads the request; returns null when it carries no query at all (so a browser can be shown
     * the query form).
     *
     * @throws SparqlFailure for updates (400), unsupported bodies (415) and over-long queries (413)
     */
    static SparqlRequest read(HttpServletRequest req, int maxQueryBytes) throws IOException {
        String contentType = req.getContentType();
        String baseType = contentType == null ? "" : baseType(contentType);
        boolean post = "POST".equalsIgnoreCase(req.getMethod());
        if (req.getCharacterEncoding() == null) {
            // Form and multipart values without a declared charset are UTF-8 in every client we serve.
            req.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        if (post && baseType.equals("application/sparql-update")) {
            throw SparqlFailure.updateRefused();
        }
        String query;
        if (post && baseType.equals("application/sparql-query")) {
            refuseUpdateParameter(req);
            query = readLimited(req.getInputStream(), charset(contentType), maxQueryBytes);
        } else if (post && baseType.equals("multipart/form-data")) {
            query = fromMultipart(req, maxQueryBytes);
        } else if (!post || baseType.isEmpty() || baseType.equals("application/x-www-form-urlencoded")) {
            refuseUpdateParameter(req);
            query = single(req, "query");
        } else {
            throw new SparqlFailure(
                    415,
                    "Unsupported Content-Type " + baseType
                            + ": send application/x-www-form-urlencoded, multipart/form-data or application/sparql-query");
        }
        if (query == null || query.isBlank()) {
            return null;
        }
        if (query.length() > maxQueryBytes) {
            throw tooLong(maxQueryBytes);
        }
        return new SparqlRequest(query, values(req, "default-graph-uri"), values(req, "named-graph-uri"));
    }

    private static String fromMultipart(HttpServletRequest req, int maxQueryBytes) throws IOException {
        try {
            if (req.getPart("update") != null) {
                throw SparqlFailure.updateRefused();
            }
            Part part = req.getPart("query");
            if (part == null) {
                return null;
            }
            // Read the part itself rather than getParameter: it may be a file upload (curl -F query=@q.rq)
            // and its own Content-Type may declare the charset.
            try (InputStream in = part.getInputStream()) {
                return readLimited(in, charset(part.getContentType()), maxQueryBytes);
            }
        } catch (ServletException | IllegalStateException e) {
            throw SparqlFailure.badRequest("Malformed multipart request: " + e.getMessage());
        }
    }

    private static void refuseUpdateParameter(HttpServletRequest req) {
        if (req.getParameter("update") != null) {
            throw SparqlFailure.updateRefused();
        }
    }

    private static String single(HttpServletRequest req, String name) {
        String[] v = req.getParameterValues(name);
        if (v == null || v.length == 0) {
            return null;
        }
        if (v.length > 1) {
            throw SparqlFailure.badRequest("More than one '" + name + "' parameter: send exactly one query");
        }
        return v[0];
    }

    private static List<String> values(HttpServletRequest req, String name) {
        String[] v = req.getParameterValues(name);
        if (v == null) {
            return List.of();
        }
        return java.util.Arrays.stream(v)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset cs = MediaType.parseMediaType(contentType).getCharset();
            return cs == null ? StandardCharsets.UTF_8 : cs;
        } catch (RuntimeException e) {
            if (e instanceof IllegalCharsetNameException
                    || e instanceof UnsupportedCharsetException
                    || e.getCause() instanceof UnsupportedCharsetException) {
                throw new SparqlFailure(415, "Unsupported charset in Content-Type: " + contentType);
            }
            return StandardCharsets.UTF_8;
        }
    }

    private static String readLimited(InputStream in, Charset cs, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw tooLong(max);
        }
        return new String(bytes, cs);
    }

    private static SparqlFailure tooLong(int max) {
        return new SparqlFailure(413, "Query too long: the limit is " + max + " bytes");
    }
}
