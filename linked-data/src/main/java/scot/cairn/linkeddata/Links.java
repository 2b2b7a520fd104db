package scot.cairn.linkeddata;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import scot.cairn.vocab.UriScheme;

/** URLs of the downloads and queries, server-relative (for pages) or absolute under the base (for RDF). */
final class Links {
    private Links() {}

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String cubeTable(String dataset) {
        return UriScheme.cubeTablePath(dataset);
    }

    static String sliceCsv(String dataset) {
        return "/slice/observations.csv?dataset=" + enc(dataset);
    }

    static String sliceJsonStat(String dataset) {
        return "/slice/observations.json?dataset=" + enc(dataset);
    }

    static String datasetNTriples(String dataset) {
        return "/downloads/dataset.nt?uri=" + enc(dataset);
    }

    static String sparql(String query) {
        return "/sparql?query=" + enc(query);
    }

    /** The absolute URL of a server-relative link, under the publisher's base. */
    static String absolute(UriScheme uris, String relative) {
        return uris.base() + relative.substring(1);
    }

    static String graphDump(UriScheme uris, String graph) {
        return absolute(uris, "/downloads/graph?uri=" + enc(graph));
    }

    /** Where a page links to a URI: minted URIs on this server (whatever its host), others as they are. */
    static String href(UriScheme uris, String uri) {
        return uris.mints(uri) ? "/" + uris.localPath(uri) : uri;
    }
}
