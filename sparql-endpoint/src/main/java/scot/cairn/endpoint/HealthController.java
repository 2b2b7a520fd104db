package scot.cairn.endpoint;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Node;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import scot.cairn.store.TripleStore;

/**
 * {@code GET /health}: 200 with {@code {"status":"ok","storeVersion":N,"storeEmpty":false,
 * "generation":G,"role":"single"}} when a read transaction on the store succeeds, 503 with
 * {@code "status":"unavailable"} otherwise. A replicated server adds its role, whether it is caught
 * up and its lag ({@link HealthDetails}), and answers 503 with {@code "status":"behind"} when it
 * should leave a balancer's rotation. Cheap enough for a load balancer to call every second: it
 * counts nothing.
 */
@Controller
@CrossOrigin(origins = "*")
final class HealthController {
    private final TripleStore store;
    private final HealthDetails details;

    HealthController(TripleStore store, org.springframework.beans.factory.ObjectProvider<HealthDetails> details) {
        this.store = store;
        this.details = details.getIfAvailable();
    }

    @GetMapping("/health")
    void health(HttpServletResponse resp) throws IOException {
        JsonObject json = new JsonObject();
        int status;
        try {
            boolean anyData = store.read(
                    d -> d.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
            json.put("status", "ok");
            json.put("storeVersion", store.version());
            json.put("storeEmpty", !anyData);
            json.put("generation", store.generation());
            status = 200;
            if (details == null) {
                json.put("role", "single");
            } else {
                details.details().forEach((k, v) -> {
                    if (v == null) {
                        json.put(k, org.apache.jena.atlas.json.JsonNull.instance);
                    } else if (v instanceof Double d) {
                        json.put(k, org.apache.jena.atlas.json.JsonNumber.value(d));
                    } else if (v instanceof Number n) {
                        json.put(k, n.longValue());
                    } else if (v instanceof Boolean b) {
                        json.put(k, b);
                    } else {
                        json.put(k, v.toString());
                    }
                });
                if (!details.ready()) {
                    json.put("status", "behind");
                    status = 503;
                }
            }
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
