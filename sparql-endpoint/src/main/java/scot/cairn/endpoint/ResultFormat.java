package scot.cairn.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The serialisations the endpoint writes, and how a request picks one.
 *
 * <p>SELECT and ASK results: JSON (the default), XML, CSV, TSV. CONSTRUCT and DESCRIBE results:
 * Turtle (the default), N-Triples, RDF/XML, JSON-LD. A suffix ({@code /sparql.csv},
 * {@code /sparql.json}, {@code .tsv}, {@code .xml}) wins over the {@code Accept} header.
 * {@code text/html} counts as "anything": a browser that follows a query link sees the default
 * format, not an error, labelled with a type browsers display ({@link #browserContentType()}).
 */
enum ResultFormat {
    JSON(true, "application/sparql-results+json", ResultSetLang.RS_JSON, null),
    XML(true, "application/sparql-results+xml", ResultSetLang.RS_XML, null),
    CSV(true, "text/csv", ResultSetLang.RS_CSV, null),
    TSV(true, "text/tab-separated-values", ResultSetLang.RS_TSV, null),
    TURTLE(false, "text/turtle", Lang.TURTLE, RDFFormat.TURTLE_BLOCKS),
    NTRIPLES(false, "application/n-triples", Lang.NTRIPLES, RDFFormat.NTRIPLES),
    RDFXML(false, "application/rdf+xml", Lang.RDFXML, RDFFormat.RDFXML_PLAIN),
    JSONLD(false, "application/ld+json", Lang.JSONLD, RDFFormat.JSONLD11);

    /** Kinds of query result. */
    enum Kind {
        RESULTS,
        GRAPH
    }

    private final boolean results;
    private final String mediaType;
    private final Lang lang;
    private final RDFFormat rdfFormat;

    ResultFormat(boolean results, String mediaType, Lang lang, RDFFormat rdfFormat) {
        this.results = results;
        this.mediaType = mediaType;
        this.lang = lang;
        this.rdfFormat = rdfFormat;
    }

    /** The Content-Type header value, with charset. */
    String contentType() {
        return mediaType + ";charset=utf-8";
    }

    /**
     * The Content-Type for a browser that asked for HTML and gets the default format instead: a
     * type browsers display rather than download (the bytes are the same).
     */
    String browserContentType() {
        return switch (this) {
            case JSON, JSONLD -> "application/json;charset=utf-8";
            case XML, RDFXML -> "application/xml;charset=utf-8";
            default -> "text/plain;charset=utf-8";
        };
    }

    /** Whether the client's most preferred type is HTML (a browser following a link). */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            return !types.isEmpty()
                    && types.get(0).getQualityValue() > 0
                    && (types.get(0).toString().toLowerCase(Locale.ROOT).startsWith("text/html")
                            || types.get(0).toString().toLowerCase(Locale.ROOT).startsWith("application/xhtml+xml"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    String mediaType() {
        return mediaType;
    }

    Lang lang() {
        return lang;
    }

    /** For graph formats: the writer format (streaming for Turtle and N-Triples). */
    RDFFormat rdfFormat() {
        return rdfFormat;
    }

    /** Whether this format can only be written from a whole graph in memory. */
    boolean needsWholeGraph() {
        return this == RDFXML || this == JSONLD;
    }

    Kind kind() {
        return results ? Kind.RESULTS : Kind.GRAPH;
    }

    /**
     * The format named by a path suffix ({@code csv}, {@code json}, {@code tsv}, {@code xml}) for
     * the given kind of result; empty when that suffix has no format for that kind.
     */
    static Optional<ResultFormat> forSuffix(String suffix, Kind kind) {
        String s = suffix.toLowerCase(Locale.ROOT);
        if (kind == Kind.RESULTS) {
            return switch (s) {
                case "json" -> Optional.of(JSON);
                case "xml" -> Optional.of(XML);
                case "csv" -> Optional.of(CSV);
                case "tsv" -> Optional.of(TSV);
                default -> Optional.empty();
            };
        }
        return switch (s) {
            case "json" -> Optional.of(JSONLD);
            case "xml" -> Optional.of(RDFXML);
            default -> Optional.empty();
        };
    }

    /**
     * The format an {@code Accept} header asks for, for the given kind of result: the acceptable
     * type with the highest quality that we write (ties: the order the client listed them).
     * Absent, empty or wildcard headers give the default; empty when nothing acceptable is written.
     */
    static Optional<ResultFormat> negotiate(String accept, Kind kind) {
        ResultFormat dflt = kind == Kind.RESULTS ? JSON : TURTLE;
        if (accept == null || accept.isBlank()) {
            return Optional.of(dflt);
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return Optional.of(dflt);
        }
        // Stable sort: equal qualities keep the client's order.
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType t : types) {
            if (t.getQualityValue() <= 0) {
                continue;
            }
            Optional<ResultFormat> f = match(t, kind, dflt);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private static Optional<ResultFormat> match(MediaType t, Kind kind, ResultFormat dflt) {
        String type = t.getType().toLowerCase(Locale.ROOT);
        String sub = t.getSubtype().toLowerCase(Locale.ROOT);
        String full = type + "/" + sub;
        if (t.isWildcardType()
                || full.equals("application/*")
                || full.equals("text/html")
                || full.equals("application/xhtml+xml")) {
            return Optional.of(dflt);
        }
        if (kind == Kind.RESULTS) {
            return switch (full) {
                case "application/sparql-results+json", "application/json" -> Optional.of(JSON);
                case "application/sparql-results+xml", "application/xml", "text/xml" -> Optional.of(XML);
                case "text/csv", "text/*" -> Optional.of(CSV);
                case "text/tab-separated-values" -> Optional.of(TSV);
                default -> Optional.empty();
            };
        }
        return switch (full) {
            case "text/turtle", "application/x-turtle", "text/*" -> Optional.of(TURTLE);
            case "application/n-triples", "text/plain" -> Optional.of(NTRIPLES);
            case "application/rdf+xml", "application/xml", "text/xml" -> Optional.of(RDFXML);
            case "application/ld+json", "application/json" -> Optional.of(JSONLD);
            default -> Optional.empty();
        };
    }

    /** Media types written for a kind of result, for a 406 message. */
    static String supported(Kind kind) {
        StringBuilder sb = new StringBuilder();
        for (ResultFormat f : values()) {
            if (f.kind() == kind) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(f.mediaType);
            }
        }
        return sb.toString();
    }
}
