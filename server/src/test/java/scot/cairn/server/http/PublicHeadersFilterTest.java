package scot.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The public headers under settings other than the defaults (the defaults are PublicHeadersIT's). */
class PublicHeadersFilterTest {
    static final PublicHttpProperties LISTED = new PublicHttpProperties(
            new PublicHttpProperties.Cors(List.of("https://maps.example.scot"), Duration.ofMinutes(10)),
            "'none'",
            "no-referrer",
            "");

    static MockHttpServletResponse run(PublicHttpProperties properties, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new PublicHeadersFilter(properties).doFilter(request, response, chain);
        return response;
    }

    static MockHttpServletRequest get(String path, String origin) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", path);
        r.setServerName("stats.example.scot");
        if (origin != null) {
            r.addHeader("Origin", origin);
        }
        return r;
    }

    @Test
    void aListedOriginIsEchoedAndAnyOtherGetsNoHeaderButStillItsAnswer() throws Exception {
        MockHttpServletResponse listed = run(LISTED, get("/data.json", "https://maps.example.scot"));
        assertThat(listed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://maps.example.scot");
        assertThat(listed.getHeaders("Vary")).contains("Origin");
        MockHttpServletResponse other = run(LISTED, get("/data.json", "https://elsewhere.example.org"));
        assertThat(other.getStatus()).isEqualTo(200);
        assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
        // a cache in front must keep answers apart by origin, including the one asked without
        MockHttpServletResponse none = run(LISTED, get("/data.json", null));
        assertThat(none.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(none.getHeaders("Vary")).contains("Origin");
    }

    @Test
    void openToEveryOriginAnAnswerSaysSoEvenToARequestThatNamedNone() throws Exception {
        MockHttpServletResponse none = run(PublicHttpProperties.defaults(), get("/data.json", null));
        assertThat(none.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(none.getHeader("Access-Control-Expose-Headers"))
                .contains("Content-Disposition")
                .contains("Cairn-Limits")
                .contains("Link");
        MockHttpServletRequest delete = new MockHttpServletRequest("DELETE", "/localities/x");
        assertThat(run(PublicHttpProperties.defaults(), delete).getHeader("Access-Control-Allow-Origin"))
                .isNull();
    }

    @Test
    void aPreflightFromAnOriginNotListedIsRefused() throws Exception {
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/sparql");
        preflight.addHeader("Origin", "https://elsewhere.example.org");
        preflight.addHeader("Access-Control-Request-Method", "POST");
        MockHttpServletResponse r = run(LISTED, preflight);
        assertThat(r.getStatus()).isEqualTo(HttpServletResponse.SC_FORBIDDEN);
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aPreflightIsAnsweredWithoutReachingTheApplication() throws Exception {
        MockHttpServletRequest preflight = new MockHttpServletRequest("OPTIONS", "/sparql");
        preflight.addHeader("Origin", "https://maps.example.scot");
        preflight.addHeader("Access-Control-Request-Method", "POST");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new PublicHeadersFilter(LISTED).doFilter(preflight, response, chain);
        assertThat(chain.getRequest())
                .as("the application never saw the preflight")
                .isNull();
        assertThat(response.getHeader("Access-Control-Max-Age")).isEqualTo("600");
        assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("POST");
    }

    @Test
    void framingNoneIsDenyInBothHeadersAndTheReferrerPolicyIsTheSetting() throws Exception {
        MockHttpServletResponse r = run(LISTED, get("/", null));
        assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getHeader("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
        assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void framingByNamedSitesHasNoOldHeaderWhichCannotSayIt() throws Exception {
        PublicHttpProperties p = new PublicHttpProperties(null, "'self' https://www.gov.scot", null, null);
        MockHttpServletResponse r = run(p, get("/", null));
        assertThat(r.getHeader("X-Frame-Options")).isNull();
        assertThat(r.getHeader("Content-Security-Policy")).endsWith("frame-ancestors 'self' https://www.gov.scot");
    }

    @Test
    void anOperatorsOwnPolicyReplacesTheBuiltInOne() throws Exception {
        PublicHttpProperties p = new PublicHttpProperties(null, null, null, "default-src 'self'; report-uri /csp");
        assertThat(run(p, get("/", null)).getHeader("Content-Security-Policy"))
                .isEqualTo("default-src 'self'; report-uri /csp");
    }

    @Test
    void theHeadersSurviveAHandlerResettingItsResponse() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse resp) {
                resp.setHeader("X-Temporary", "gone after reset");
                resp.reset();
                resp.setStatus(400);
            }
        });
        new PublicHeadersFilter(PublicHttpProperties.defaults())
                .doFilter(get("/sparql", "https://app.example.org"), response, chain);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeader("X-Temporary")).isNull();
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(response.getHeader("Content-Security-Policy")).startsWith("default-src 'self'");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new PublicHttpProperties.Cors(List.of("https://maps.example.scot/path"), null))
                .hasMessageContaining("cairn.http.cors.allowed-origins")
                .hasMessageContaining("no path");
        assertThatThrownBy(() -> new PublicHttpProperties.Cors(List.of("*", "https://a.example"), null))
                .hasMessageContaining("* alone");
        assertThatThrownBy(() -> new PublicHttpProperties(null, "'none' https://a.example", null, null))
                .hasMessageContaining("cairn.http.frame-ancestors");
        assertThatThrownBy(() -> new PublicHttpProperties(null, "javascript:", null, null))
                .hasMessageContaining("cairn.http.frame-ancestors");
        assertThatThrownBy(() -> new PublicHttpProperties(null, null, "always", null))
                .hasMessageContaining("cairn.http.referrer-policy");
    }

    @Test
    void theBuiltInPolicyHashesEachInlineStyleSheet() {
        String policy = ContentSecurityPolicy.of("'self'");
        for (String css : ContentSecurityPolicy.INLINE_STYLES) {
            assertThat(policy).contains("'" + ContentSecurityPolicy.hash(css) + "'");
        }
        // the value every CSP implementation computes for a known text (RFC 6234's "abc")
        assertThat(ContentSecurityPolicy.hash("abc")).isEqualTo("sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
        assertThat(policy)
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval")
                .contains("script-src 'self';");
    }
}
