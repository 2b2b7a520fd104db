package scot.cairn.linkeddata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import scot.cairn.formats.RdfFormat;
import scot.cairn.formats.cube.Labels;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Dereferences every URI the publisher mints. The request path finds the URI: {@code /data/x}
 * on any host is {@code {base}data/x}, so the server may run elsewhere than its base (the base's
 * path must be {@code /}). A known extension ({@code .ttl .nt .rdf .json .html}) picks the format,
 * otherwise {@code Accept} does; HTML for browsers. 404 when the store holds nothing about the URI
 * (plain text, or for a browser the application's error page), 406 when no offered format is
 * acceptable.
 */
@RestController
class LinkedDataController {
    /** Pages and RDF up to this size are kept, keyed by the store version, so any publication invalidates them. */
    private static final int CACHEABLE_BYTES = 1 << 20;

    private record Key(String path, String accept, long version) {}

    private record Rendered(String contentType, byte[] body) {}

    private final TripleStore store;
    private final UriScheme uris;
    private final Cache<Key, Rendered> cache = Caffeine.newBuilder()
            .maximumWeight(64L << 20)
            .weigher((Key k, Rendered r) -> r.body().length + k.path().length() + 64)
            .build();

    LinkedDataController(TripleStore store, UriScheme uris) {
        this.store = store;
        this.uris = uris;
    }

    @GetMapping({"/data/**", "/def/**", "/id/**", "/graph/**"})
    void dereference(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<RdfFormat> byExtension = RdfFormat.ofExtension(path);
        String accept = request.getHeader("Accept");
        Key key = new Key(path, byExtension.isPresent() ? "" : String.valueOf(accept), store.version());
        Rendered hit = cache.getIfPresent(key);
        if (hit != null) {
            send(response, hit);
            return;
        }
        store.read(dsg -> {
            try {
                Describer describer = new Describer(dsg, uris);
                String uri = uris.base() + path.substring(1);
                RdfFormat format = null;
                Model model = null;
                if (byExtension.isPresent()) {
                    String stripped = uri.substring(
                            0, uri.length() - byExtension.get().extension().length() - 1);
                    model = describer.describe(stripped);
                    if (!model.isEmpty()) {
                        uri = stripped;
                        format = byExtension.get();
                    }
                }
                if (format == null) {
                    model = describer.describe(uri);
                    Optional<RdfFormat> negotiated = RdfFormat.ofAccept(accept);
                    if (negotiated.isEmpty()) {
                        PlainText.send(
                                response, 406, "Not acceptable: " + accept + ". Offered: " + RdfFormat.offered());
                        return null;
                    }
                    format = negotiated.get();
                }
                response.setHeader("Vary", "Accept");
                if (model.isEmpty()) {
                    if (format == RdfFormat.HTML
                            && accept != null
                            && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html")) {
                        // a person following a link: the application's error page, in the site's style
                        response.sendError(404, "No description of " + uri);
                    } else {
                        PlainText.send(response, 404, "No description of " + uri);
                    }
                    return null;
                }
                Rendered rendered = render(uri, model, format, describer, new Labels(dsg), dsg);
                if (rendered.body().length <= CACHEABLE_BYTES) {
                    cache.put(key, rendered);
                }
                send(response, rendered);
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Rendered render(
            String uri,
            Model model,
            RdfFormat format,
            Describer describer,
            Labels labels,
            org.apache.jena.sparql.core.DatasetGraph dsg) {
        if (format == RdfFormat.HTML) {
            Describer.AreaContext area = uris.localPath(uri).startsWith("id/statistical-geography/")
                    ? describer.areaContext(NodeFactory.createURI(uri), labels)
                    : null;
            VersionHistory versions =
                    uris.localPath(uri).startsWith("data/") ? VersionHistory.read(dsg, uris, uri) : null;
            return new Rendered(
                    format.contentType(),
                    ResourcePage.render(uris, uri, model, labels, area, versions)
                            .getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, model, format.jena());
        return new Rendered(format.contentType(), out.toByteArray());
    }

    private static void send(HttpServletResponse response, Rendered rendered) throws IOException {
        response.setHeader("Vary", "Accept");
        response.setContentType(rendered.contentType());
        response.setContentLength(rendered.body().length);
        OutputStream os = response.getOutputStream();
        os.write(rendered.body());
        os.flush();
    }
}
