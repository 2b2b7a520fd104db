package scot.cairn.replication.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a replica: custom tables and localities are not served. The microdata stay on the publisher
 * (they are never put on the replication topic, encrypted or not), and localities are written by
 * users, which a read replica cannot take; the balancer sends these paths to the publisher
 * (docs/replication.md). A request that reaches a replica anyway gets 503 saying so.
 */
final class ReplicaTabulationFilter extends OncePerRequestFilter {
    static final Pattern PATHS = Pattern.compile("^/(tabulate|localities)(/.*)?$|^/profiles/[^/]+/localities/.*$");
    static final String MESSAGE = "Custom tables and localities are served by the publisher, not by this read replica:"
            + " ask through the site's address (its balancer sends them there).\n";

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws ServletException, IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!PATHS.matcher(path).matches()) {
            chain.doFilter(req, resp);
            return;
        }
        byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("text/plain;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
