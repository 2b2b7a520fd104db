package scot.cairn.linkeddata;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@link Http}'s requests answered by {@link MockMvc} in a {@code @WebMvcTest} slice (no server,
 * no socket), as {@link HttpResponse}s, so that a slice asserts exactly what the test over real
 * HTTP asserted.
 */
final class SliceHttp {
    private final MockMvc mvc;

    SliceHttp(MockMvc mvc) {
        this.mvc = mvc;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    HttpResponse<String> get(String pathAndQuery, String accept) {
        // a servlet container decodes '+' in the query as a space (form encoding); MockMvc does not
        int q = pathAndQuery.indexOf('?');
        String target = q < 0
                ? pathAndQuery
                : pathAndQuery.substring(0, q) + pathAndQuery.substring(q).replace("+", "%20");
        URI uri = URI.create("http://localhost" + target);
        var request = MockMvcRequestBuilders.get(uri);
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : r.getHeaderNames()) {
                headers.put(name, r.getHeaders(name));
            }
            if (r.getContentType() != null) {
                headers.put("Content-Type", List.of(r.getContentType()));
            }
            return new Answer(
                    r.getStatus(),
                    HttpHeaders.of(headers, (k, v) -> true),
                    r.getContentAsString(StandardCharsets.UTF_8),
                    uri);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + pathAndQuery + " failed in the slice", e);
        }
    }

    private record Answer(int statusCode, HttpHeaders headers, String body, URI uri) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
