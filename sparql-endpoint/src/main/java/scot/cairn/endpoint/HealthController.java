package scot.cairn.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;

import scot.cairn.store.TripleStore;

/**
 * {@code GET /health}: 200 with {@code {"status":"ok","storeVersion":N,"storeEmpty":false}} when a
 * read transaction on the store succeeds, 503 with {@code "status":"unavailable"} otherwise. Cheap
 * enough for a load balancer to call every second: it counts nothing.
 */
@Controller
@CrossOrigin(origins = "*")
final class HealthController {
    private final TripleStore store;

    HealthController(TripleStore store) {
        this.store = store;
    }

    @GetMapping("/health")
    void health(HttpServletResponse resp) throws IOException {
        JsonObject json = new JsonObject();
        int status;
        try {
            boolean anyData = store.read(d -> d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
            json.put("status", "ok");
            json.put("storeVersion", store.version());
            json.put("storeEmpty", !anyData);
            status = 200;
        } catch (RuntimeException e) {
            json.put("status", "unavailable");
            json.put("error", String.valueOf(e.getMessage()));
            status = 503;
        }
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
