package scot.cairn.vocab;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Every URI the publisher mints, derived from one base URI.
 *
 * <p>The patterns follow statistics.gov.scot so that existing clients work unchanged against
 * a server whose base is {@link #DEFAULT_BASE}; another publisher sets its own base and gets
 * the same shapes under it. Instances are immutable and thread-safe.
 *
 * <p>Slugs, dimension names and codes are used as given: they must already be URI-safe
 * ({@link Slugs#isSlug}); callers that derive them from labels use {@link Slugs#slugify}.
 */
public record UriScheme(String base) {

    /** The base that statistics.gov.scot itself uses. */
    public static final String DEFAULT_BASE = "http://statistics.gov.scot/";

    public UriScheme {
        Objects.requireNonNull(base, "base URI must not be null");
        if (!base.endsWith("/")) {
            throw new IllegalArgumentException("base URI must end with '/': " + base);
        }
        URI parsed = URI.create(base);
        if (!parsed.isAbsolute() || parsed.getHost() == null) {
            throw new IllegalArgumentException("base URI must be an absolute http(s) URI: " + base);
        }
    }

    public static UriScheme defaultScheme() {
        return new UriScheme(DEFAULT_BASE);
    }

    // Datasets and their graphs

    public String dataset(String slug) {
        return base + "data/" + slug;
    }

    public String structure(String slug) {
        return base + "data/structure/" + slug;
    }

    public String componentSpec(String slug, String component) {
        return base + "data/structure/" + slug + "/component/" + component;
    }

    public String graph(String slug) {
        return base + "graph/" + slug;
    }

    public String metadataGraph(String slug) {
        return base + "graph/" + slug + "/metadata";
    }

    /** An observation URI: the dataset URI followed by the observation's dimension values. */
    public String observation(String slug, String... keyParts) {
        StringBuilder sb = new StringBuilder(dataset(slug));
        for (String part : keyParts) {
            sb.append('/').append(part);
        }
        return sb.toString();
    }

    public String codeList(String slug, String dimension) {
        return base + "def/code-list/" + slug + "/" + dimension;
    }

    // Definitions shared across datasets

    public String dimension(String name) {
        return base + "def/dimension/" + name;
    }

    public String attribute(String name) {
        return base + "def/attribute/" + name;
    }

    public String measureProperty(String name) {
        return base + "def/measure-properties/" + name;
    }

    public String concept(String scheme, String code) {
        return base + "def/concept/" + scheme + "/" + code;
    }

    public String conceptScheme(String scheme) {
        return base + "def/concept-scheme/" + scheme;
    }

    public String unit(String name) {
        return concept("measure-units", name);
    }

    public String observationStatus(String code) {
        return concept("observation-status", code);
    }

    public String theme(String slug) {
        return concept("folders/themes", slug);
    }

    // Geography

    public String area(String code) {
        return base + "id/statistical-geography/" + code;
    }

    public String statisticalEntity(String prefix) {
        return base + "id/statistical-entity/" + prefix;
    }

    public String collection(String name) {
        return base + "def/foi/collection/" + name;
    }

    /** The GeoSPARQL geometry (boundary) of an area: {@code {area}/geometry}. */
    public String geometry(String code) {
        return area(code) + "/geometry";
    }

    /**
     * The named graph holding the boundaries of one level, e.g. {@code {base}graph/boundaries/data-zones-2011};
     * kept apart from the geography graph so either can be reloaded without the other.
     */
    public String boundaryGraph(AreaLevel level) {
        return base + "graph/boundaries/" + level.collectionName();
    }

    /** The named graph holding the statistical geography. */
    public String geographyGraph() {
        return base + "graph/statistical-geography";
    }

    /** The named graph holding the publisher's shared vocabulary (dimensions, measures, units, concepts). */
    public String vocabularyGraph() {
        return base + "graph/vocabulary";
    }

    public String catalogue() {
        return base + "catalogue";
    }

    /**
     * The server-relative URL of a dataset's whole cube as labelled CSV, which streams a cube of any
     * size: what the catalogue publishes as the dataset's CSV distribution, the pages link to, and
     * the SPARQL endpoint points to when it refuses an answer as too large.
     */
    public static String cubeTablePath(String datasetUri) {
        return "/downloads/cube-table?uri=" + URLEncoder.encode(datasetUri, StandardCharsets.UTF_8);
    }

    /** True when {@code uri} is minted under this base (and so must dereference). */
    public boolean mints(String uri) {
        return uri != null && uri.startsWith(base);
    }

    /** The path of a minted URI relative to the base, e.g. {@code data/recycling}. */
    public String localPath(String uri) {
        if (!mints(uri)) {
            throw new IllegalArgumentException("not a URI under " + base + ": " + uri);
        }
        return uri.substring(base.length());
    }
}
