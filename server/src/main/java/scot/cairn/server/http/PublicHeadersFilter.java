package scot.cairn.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers every answer on the public port carries, set in one place before anything else
 * runs, and kept when a handler resets its response to send an error instead:
 * <ul>
 *   <li>security headers ({@link #securityHeaders}): {@code X-Content-Type-Options: nosniff},
 *       the {@link ContentSecurityPolicy}, {@code X-Frame-Options} as {@code frame-ancestors}
 *       allows, {@code Referrer-Policy};</li>
 *   <li>CORS ({@link #corsConfigurations}): every public API may be read from a page elsewhere
 *       (GET and HEAD; POST too for the query services), by the configured origins ({@code *} by
 *       default), never with credentials, so no cookie or password ever goes with a cross-origin
 *       request and nothing that needs one (deleting a locality, creating one, the loopback
 *       publishing endpoints, which this port does not serve) is open to other origins' pages; a
 *       preflight is answered here, and refused (403) for a method or header not allowed.</li>
 * </ul>
 * A header every response should carry is added to {@link #securityHeaders}; a new public API
 * that takes POST joins {@link #QUERY_SERVICES}. Caching headers belong to their own filter.
 */
public final class PublicHeadersFilter extends OncePerRequestFilter {
    /** Public services a page may also POST a query to (SPARQL over form or body, a table request). */
    static final List<String> QUERY_SERVICES = List.of("/sparql", "/sparql.*", "/versions/sparql", "/tabulate");
    /** Request headers a cross-origin page may send: content negotiation, a body's type, revalidation. Never Authorization. */
    static final List<String> ALLOWED_HEADERS = List.of(
            "Accept",
            "Accept-Language",
            "Content-Language",
            "Content-Type",
            "If-None-Match",
            "If-Modified-Since",
            "Cache-Control");
    /** Response headers a cross-origin page may read besides the safelisted ones. */
    /**
     * Headers a browser application elsewhere may read: besides the usual ones, the endpoint's
     * refusal of a too-large answer says its limits in {@code Cairn-Limits} and links the whole
     * dataset's download in {@code Link}.
     */
    static final List<String> EXPOSED_HEADERS =
            List.of("Content-Disposition", "ETag", "Retry-After", "Location", "Link", "Cairn-Limits");

    private final Map<String, String> security;
    private final CorsConfigurationSource cors;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    public PublicHeadersFilter(PublicHttpProperties properties) {
        this.security = securityHeaders(properties);
        this.cors = corsConfigurations(properties.cors());
    }

    /** The security headers, by name, in the order they are set. */
    static Map<String, String> securityHeaders(PublicHttpProperties p) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put(
                "Content-Security-Policy",
                p.contentSecurityPolicy().isEmpty()
                        ? ContentSecurityPolicy.of(p.frameAncestors())
                        : p.contentSecurityPolicy());
        // The old header says the same where it can (it knows no list of origins); CSP's frame-ancestors wins where
        // both are known.
        if (p.frameAncestors().equals("'none'")) {
            h.put("X-Frame-Options", "DENY");
        } else if (p.frameAncestors().equals("'self'")) {
            h.put("X-Frame-Options", "SAMEORIGIN");
        }
        h.put("Referrer-Policy", p.referrerPolicy());
        return java.util.Collections.unmodifiableMap(h);
    }

    /** CORS by path: the query services also take POST; everything else GET and HEAD. First match wins. */
    static CorsConfigurationSource corsConfigurations(PublicHttpProperties.Cors properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : QUERY_SERVICES) {
            source.registerCorsConfiguration(path, configuration(properties, List.of("GET", "HEAD", "POST")));
        }
        source.registerCorsConfiguration("/**", configuration(properties, List.of("GET", "HEAD")));
        return source;
    }

    private static CorsConfiguration configuration(PublicHttpProperties.Cors p, List<String> methods) {
        CorsConfiguration c = new CorsConfiguration();
        c.setAllowedOrigins(p.allowedOrigins());
        c.setAllowedMethods(methods);
        c.setAllowedHeaders(ALLOWED_HEADERS);
        c.setExposedHeaders(EXPOSED_HEADERS);
        c.setAllowCredentials(false);
        c.setMaxAge(p.maxAge());
        return c;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        security.forEach(response::setHeader);
        CorsConfiguration config = cors.getCorsConfiguration(request);
        if (config != null && CorsUtils.isPreFlightRequest(request)) {
            // answered here in full: allowed (200 with its headers) or refused (403, said by the processor)
            processor.processRequest(config, request, response);
            return;
        }
        if (config != null) {
            cors(config, request, response);
        }
        chain.doFilter(request, new KeepingHeaders(response));
    }

    /**
     * The CORS headers of a request that is not a preflight. Open to every origin, an allowed
     * method's answer says so whether or not the request named its origin, and with a list of
     * origins every answer varies by {@code Origin}: either way a shared cache (a CDN) never hands
     * one origin's answer to another. A request the configuration does not allow goes on without
     * CORS headers, so a browser keeps the answer from the other site's page; it is not refused,
     * because behind a proxy that terminates TLS the site's own pages can look cross-origin here.
     */
    private void cors(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean methodAllowed = config.checkHttpMethod(HttpMethod.valueOf(request.getMethod())) != null;
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean openToAll =
                config.getAllowedOrigins() != null && config.getAllowedOrigins().contains(CorsConfiguration.ALL);
        if (methodAllowed && origin != null && config.checkOrigin(origin) != null) {
            processor.processRequest(config, request, response);
        } else if (methodAllowed && openToAll && origin == null) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CorsConfiguration.ALL);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", EXPOSED_HEADERS));
        }
        if (!openToAll && !response.getHeaders(HttpHeaders.VARY).contains(HttpHeaders.ORIGIN)) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
    }

    /** An error page is a response too: it gets the security headers (CORS ones stay from the request's own pass). */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        security.forEach(response::setHeader);
        chain.doFilter(request, response);
    }

    /** Puts this filter's headers back after a handler's {@code reset()} (which clears every header). */
    private static final class KeepingHeaders extends HttpServletResponseWrapper {
        private final List<Map.Entry<String, String>> kept = new ArrayList<>();

        KeepingHeaders(HttpServletResponse response) {
            super(response);
            for (String name : response.getHeaderNames()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("content-type") && !lower.equals("content-length")) {
                    for (String value : response.getHeaders(name)) {
                        kept.add(Map.entry(name, value));
                    }
                }
            }
        }

        @Override
        public void reset() {
            super.reset();
            kept.forEach(h -> addHeader(h.getKey(), h.getValue()));
        }
    }
}
