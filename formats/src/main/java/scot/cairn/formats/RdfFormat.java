package scot.cairn.formats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The representations of a linked-data resource, chosen by a file extension on the request path
 * (which wins) or by the {@code Accept} header. Browsers and clients that accept anything get HTML.
 */
public enum RdfFormat {
    HTML("HTML", "html", "text/html", null, List.of("text/html", "application/xhtml+xml")),
    TURTLE("Turtle", "ttl", "text/turtle", RDFFormat.TURTLE_PRETTY, List.of("text/turtle", "application/x-turtle")),
    NTRIPLES(
            "N-Triples",
            "nt",
            "application/n-triples",
            RDFFormat.NTRIPLES,
            List.of("application/n-triples", "text/plain")),
    RDFXML(
            "RDF/XML",
            "rdf",
            "application/rdf+xml",
            RDFFormat.RDFXML_PRETTY,
            List.of("application/rdf+xml", "application/xml", "text/xml")),
    JSONLD(
            "JSON-LD",
            "json",
            "application/ld+json",
            RDFFormat.JSONLD11,
            List.of("application/ld+json", "application/json"));

    private final String label;

    private final String extension;
    private final String contentType;
    private final RDFFormat jena;
    private final List<MediaType> accepted;

    RdfFormat(String label, String extension, String contentType, RDFFormat jena, List<String> accepted) {
        this.label = label;
        this.extension = extension;
        this.contentType = contentType;
        this.jena = jena;
        this.accepted = accepted.stream().map(MediaType::parseMediaType).toList();
    }

    public String extension() {
        return extension;
    }

    /** The format's usual name, e.g. {@code N-Triples}. */
    public String label() {
        return label;
    }

    public String contentType() {
        return contentType + (this == HTML || this == TURTLE || this == NTRIPLES ? ";charset=utf-8" : "");
    }

    public RDFFormat jena() {
        return jena;
    }

    Lang lang() {
        return jena == null ? null : jena.getLang();
    }

    /** The format named by a path's extension ({@code .ttl}, {@code .nt}, {@code .rdf}, {@code .json}, {@code .html}). */
    public static Optional<RdfFormat> ofExtension(String path) {
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        if (dot < 0 || dot < slash) {
            return Optional.empty();
        }
        String ext = path.substring(dot + 1);
        for (RdfFormat f : values()) {
            if (f.extension.equals(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The best format for an {@code Accept} header, by quality then specificity; HTML when the
     * header is absent or accepts anything. Empty when nothing acceptable is offered (406).
     */
    public static Optional<RdfFormat> ofAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(HTML);
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return Optional.of(HTML);
        }
        // Stable sort: higher quality first, then concrete types before wildcards; ties keep header order.
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue)
                .reversed()
                .thenComparing(t -> t.isWildcardType() ? 2 : t.isWildcardSubtype() ? 1 : 0));
        for (MediaType t : types) {
            if (t.getQualityValue() <= 0) {
                continue;
            }
            if (t.isWildcardType()) {
                return Optional.of(HTML);
            }
            for (RdfFormat f : values()) {
                for (MediaType a : f.accepted) {
                    if (t.includes(a)) {
                        return Optional.of(f);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Every content type offered, for the 406 message. */
    public static String offered() {
        StringBuilder sb = new StringBuilder();
        for (RdfFormat f : values()) {
            sb.append(sb.isEmpty() ? "" : ", ")
                    .append(f.contentType)
                    .append(" (.")
                    .append(f.extension)
                    .append(')');
        }
        return sb.toString();
    }
}
