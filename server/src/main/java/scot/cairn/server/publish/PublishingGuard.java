package scot.cairn.server.publish;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate of the publishing endpoints on the loopback Fuseki ({@code /publish...} and
 * {@code /cairn/publish}): HTTP basic authentication against {@link PublisherCredentials}, with
 * the {@link SignInLockout}. Other paths pass untouched.
 *
 * <p>A request without credentials gets the 401 challenge and does not count as a failure (HTTP
 * clients send one such request before their credentials); wrong or malformed credentials get
 * 401 and count; a locked-out address gets 429 with {@code Retry-After}, unchecked. A request let
 * through carries the publisher as its remote user. Every answer is a short plain text.
 */
public final class PublishingGuard implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(PublishingGuard.class);

    private final PublisherCredentials credentials;
    private final SignInLockout lockout;
    private final String[] guarded;

    /** @param guarded path prefixes to guard, e.g. {@code /publish} (also guards {@code /publish/...}) */
    public PublishingGuard(PublisherCredentials credentials, String... guarded) {
        this(credentials, System::nanoTime, guarded);
    }

    PublishingGuard(PublisherCredentials credentials, LongSupplier nanoTime, String... guarded) {
        this.credentials = credentials;
        this.lockout = new SignInLockout(nanoTime);
        this.guarded = guarded.clone();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        if (!isGuarded(request)) {
            chain.doFilter(req, resp);
            return;
        }
        String client = request.getRemoteAddr();
        long wait = lockout.retryAfterSeconds(client);
        if (wait > 0) {
            response.setHeader("Retry-After", Long.toString(wait));
            text(response, 429, "Too many failed sign-ins: publishing is locked for " + wait + " s; try again then");
            return;
        }
        String header = request.getHeader("Authorization");
        if (!PublisherCredentials.presented(header)) {
            challenge(response, "Unauthorized: publishing needs the publisher's user name and password");
            return;
        }
        if (!credentials.matches(header)) {
            lockout.failed(client);
            LOG.warn("Refused a publishing request with wrong credentials from {}", client);
            challenge(response, "Unauthorized: wrong user name or password for publishing");
            return;
        }
        lockout.succeeded(client);
        chain.doFilter(new AsPublisher(request, credentials.user()), resp);
    }

    /** Whether the request's path, raw or decoded, is under a guarded prefix. */
    private boolean isGuarded(HttpServletRequest request) {
        String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return underGuard(request.getRequestURI()) || underGuard(decoded);
    }

    private boolean underGuard(String path) {
        if (path == null) {
            return false;
        }
        String p = path.toLowerCase(Locale.ROOT);
        while (p.startsWith("//")) {
            p = p.substring(1);
        }
        for (String g : guarded) {
            if (p.equals(g) || p.startsWith(g + "/") || p.startsWith(g + ";") || p.startsWith(g + "?")) {
                return true;
            }
        }
        return false;
    }

    private static void challenge(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Cairn publishing\", charset=\"UTF-8\"");
        text(response, 401, message);
    }

    static void text(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request as the publisher made it: Fuseki and the servlet see who signed in. */
    private static final class AsPublisher extends HttpServletRequestWrapper {
        private final String user;

        AsPublisher(HttpServletRequest request, String user) {
            super(request);
            this.user = user;
        }

        @Override
        public String getRemoteUser() {
            return user;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> user;
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
    }
}
