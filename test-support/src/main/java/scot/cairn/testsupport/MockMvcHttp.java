package scot.cairn.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Requests answered by {@link MockMvc} in a {@code @WebMvcTest} slice (no server, no socket),
 * handed back as {@link HttpResponse}s, so that a controller's slice asserts exactly what a test
 * over real HTTP asserted with {@link HttpClient}. Only what a controller sees differs from a
 * servlet container's request where MockMvc needs telling: a {@code +} in the query is a space.
 */
public final class MockMvcHttp {
    private final MockMvc mvc;

    public MockMvcHttp(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** GET {@code pathAndQuery} with header name, value pairs. */
    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /** {@code method} on {@code pathAndQuery} with {@code body} (or none) and header name, value pairs. */
    public HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        // a servlet container decodes '+' in the query as a space (form encoding); MockMvc does not
        int q = pathAndQuery.indexOf('?');
        String target = q < 0
                ? pathAndQuery
                : pathAndQuery.substring(0, q) + pathAndQuery.substring(q).replace("+", "%20");
        URI uri = URI.create("http://localhost" + target);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.content(body);
        }
        MockHttpServletResponse r;
        try {
            r = mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + pathAndQuery + " failed in the slice", e);
        }
        Map<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : r.getHeaderNames()) {
            names.put(name, r.getHeaders(name));
        }
        if (r.getContentType() != null) {
            names.put("Content-Type", List.of(r.getContentType()));
        }
        return new Answer<>(r.getStatus(), HttpHeaders.of(names, (k, v) -> true), r.getContentAsByteArray(), uri);
    }

    /** The same response with its body as text, decoded as UTF-8. */
    public static HttpResponse<String> text(HttpResponse<byte[]> r) {
        return new Answer<>(
                r.statusCode(), r.headers(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), r.uri());
    }

    private record Answer<T>(int statusCode, HttpHeaders headers, T body, URI uri) implements HttpResponse<T> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
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
