package scot.cairn.linkeddata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Dereferences every URI the publisher mints. The request path finds the URI: {@code /data/x}
 * on any host is {@code {base}data/x}, so the server may run elsewhere than its base (the base's
 * path must be {@code /}). A known extension ({@code .ttl .nt .rdf .json .html}) picks the format,
 * otherwise {@code Accept} does; HTML for browsers. 404 (plain text) when the store holds nothing
 * about the URI, 406 when no offered format is acceptable.
 */
@RestController
class LinkedDataController {
    private final TripleStore store;
    private final UriScheme uris;

    LinkedDataController(TripleStore store, UriScheme uris) {
        this.store = store;
        this.uris = uris;
    }

    @GetMapping({"/data/**", "/def/**", "/id/**", "/graph/**"})
    void dereference(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<RdfFormat> byExtension = RdfFormat.ofExtension(path);
        String accept = request.getHeader("Accept");
        store.read(dsg -> {
            try {
                Describer describer = new Describer(dsg, uris);
                String uri = uris.base() + path.substring(1);
                RdfFormat format = null;
                Model model = null;
                if (byExtension.isPresent()) {
                    String stripped = uri.substring(0, uri.length() - byExtension.get().extension().length() - 1);
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
                        PlainText.send(response, 406, "Not acceptable: " + accept + ". Offered: " + RdfFormat.offered());
                        return null;
                    }
                    format = negotiated.get();
                }
                response.setHeader("Vary", "Accept");
                if (model.isEmpty()) {
                    PlainText.send(response, 404, "No description of " + uri);
                    return null;
                }
                write(response, uri, model, format, describer, new Labels(dsg));
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void write(HttpServletResponse response, String uri, Model model, RdfFormat format, Describer describer, Labels labels)
            throws IOException {
        response.setContentType(format.contentType());
        OutputStream os = response.getOutputStream();
        if (format == RdfFormat.HTML) {
            Describer.AreaContext area = uris.localPath(uri).startsWith("id/statistical-geography/")
                    ? describer.areaContext(NodeFactory.createURI(uri), labels) : null;
            os.write(ResourcePage.render(uris, uri, model, labels, area).getBytes(StandardCharsets.UTF_8));
        } else {
            RDFDataMgr.write(os, model, format.jena());
        }
        os.flush();
    }
}
