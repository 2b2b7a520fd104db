package scot.cairn.replication.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ValidatorFilterTest {
    final AtomicLong generation = new AtomicLong(7);
    final AtomicInteger handled = new AtomicInteger();
    final ValidatorFilter filter = new ValidatorFilter(generation::get, "build-1");

    /** The application: counts calls, answers a body, or the status asked for in {@code ?status=}. */
    final FilterChain app = (req, resp) -> {
        handled.incrementAndGet();
        HttpServletResponse r = (HttpServletResponse) resp;
        String status = req.getParameter("status");
        if (status != null) {
            r.setStatus(Integer.parseInt(status));
        }
        r.getOutputStream()
                .write(("body of " + ((jakarta.servlet.http.HttpServletRequest) req).getRequestURI())
                        .getBytes(StandardCharsets.UTF_8));
    };

    MockHttpServletResponse get(String uri, String ifNoneMatch, String accept) throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("GET", uri);
        int q = uri.indexOf('?');
        if (q >= 0) {
            req.setRequestURI(uri.substring(0, q));
            req.setQueryString(uri.substring(q + 1));
            for (String kv : uri.substring(q + 1).split("&")) {
                String[] p = kv.split("=", 2);
                req.addParameter(p[0], p[1]);
            }
        }
        if (ifNoneMatch != null) {
            req.addHeader("If-None-Match", ifNoneMatch);
        }
        if (accept != null) {
            req.addHeader("Accept", accept);
        }
        MockHttpServletResponse resp = new MockHttpServletResponse();
        filter.doFilter(req, resp, app);
        return resp;
    }

    @Test
    void aVersionsUrisAreKeptForAYearAndCurrentOnesBriefly() throws Exception {
        assertThat(get("/data/recycling/version/2", null, null).getHeader("Cache-Control"))
                .isEqualTo("public, max-age=31536000, immutable");
        assertThat(get("/data/recycling/version/2/data.csv", null, null).getHeader("Cache-Control"))
                .contains("max-age=31536000");
        assertThat(get("/data/recycling/version/2.ttl", null, null).getHeader("Cache-Control"))
                .contains("max-age=31536000");
        assertThat(get("/data/recycling", null, null).getHeader("Cache-Control"))
                .isEqualTo("public, max-age=0, s-maxage=60");
        assertThat(get("/data/recycling/versions.json", null, null).getHeader("Cache-Control"))
                .isEqualTo("public, max-age=0, s-maxage=60");
        assertThat(get("/sparql?query=ASK{}", null, null).getHeader("Cache-Control"))
                .isEqualTo("public, max-age=0, s-maxage=60");
    }

    @Test
    void aMatchingValidatorIsAnswered304WithoutRunningTheRequest() throws Exception {
        MockHttpServletResponse first = get("/data/recycling", null, "text/turtle");
        String etag = first.getHeader("ETag");
        assertThat(etag).startsWith("\"g7-").endsWith("\"");
        assertThat(handled).hasValue(1);
        MockHttpServletResponse again = get("/data/recycling", etag, "text/turtle");
        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getContentAsByteArray()).isEmpty();
        assertThat(handled).hasValue(1);
        // another representation, another validator
        assertThat(get("/data/recycling", etag, "text/html").getStatus()).isEqualTo(200);
        // after a publication the old validator no longer matches
        generation.set(8);
        MockHttpServletResponse after = get("/data/recycling", etag, "text/turtle");
        assertThat(after.getStatus()).isEqualTo(200);
        assertThat(after.getHeader("ETag")).startsWith("\"g8-").isNotEqualTo(etag);
    }

    @Test
    void theSameContentGivesTheSameValidatorOnAnotherServer() throws Exception {
        ValidatorFilter other = new ValidatorFilter(() -> 7, "build-1");
        MockHttpServletRequest req = new MockHttpServletRequest("GET", "/id/statistical-geography/S12000033");
        assertThat(other.etag(req, req.getRequestURI()))
                .isEqualTo(
                        get("/id/statistical-geography/S12000033", null, null).getHeader("ETag"));
        assertThat(new ValidatorFilter(() -> 7, "build-2").etag(req, req.getRequestURI()))
                .isNotEqualTo(
                        get("/id/statistical-geography/S12000033", null, null).getHeader("ETag"));
    }

    @Test
    void errorsAreNeverCached() throws Exception {
        MockHttpServletResponse resp = get("/data/nothing?status=404", null, null);
        assertThat(resp.getStatus()).isEqualTo(404);
        assertThat(resp.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(resp.getHeader("ETag")).isNull();
    }

    @Test
    void tablesGetAValidatorFromTheirBodyAndAreRevalidated() throws Exception {
        MockHttpServletResponse first = get("/tabulate?dataset=persons", null, null);
        assertThat(first.getHeader("Cache-Control")).isEqualTo("no-cache");
        String etag = first.getHeader("ETag");
        assertThat(etag).isNotNull().doesNotStartWith("\"g");
        MockHttpServletResponse again = get("/tabulate?dataset=persons", etag, null);
        assertThat(again.getStatus()).isEqualTo(304);
    }

    @Test
    void healthAndPostsAreLeftAlone() throws Exception {
        assertThat(get("/health", null, null).getHeader("ETag")).isNull();
        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/sparql");
        MockHttpServletResponse resp = new MockHttpServletResponse();
        filter.doFilter(post, resp, app);
        assertThat(resp.getHeader("ETag")).isNull();
        assertThat(resp.getHeader("Cache-Control")).isNull();
    }
}
