package scot.cairn.replication.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Validators on every GET, so that browsers, a CDN or a cache in front of several servers can keep
 * answers and revalidate them cheaply.
 *
 * <p>What the store serves is a function of the store's content, the request and the build. The
 * store's {@linkplain scot.cairn.store.TripleStore#generation generation} names its content and is
 * the same on a publisher and its caught-up replicas, so the strong ETag {@code "g<generation>-<hash
 * of the build, path, query and the Accept headers>"} is decided before anything is computed: an
 * {@code If-None-Match} that still matches gets {@code 304} at once. {@code Cache-Control}: a year
 * ({@code immutable}) for a version's own URIs ({@code /data/{slug}/version/{n}} and everything
 * under it) and for the versioned WebJars; for the rest, {@link #CURRENT_MAX_AGE} seconds in a
 * shared cache and revalidation every time in a browser.
 *
 * <p>Answers that depend on more than the store (the tabulation service's private store and its
 * localities; the release calendar depends on the date, which goes into its key) get an ETag
 * computed from the body ({@link ShallowEtagHeaderFilter}: tables are small) and {@code no-cache}.
 * {@code /health} and errors are never cached.
 */
public final class ValidatorFilter extends OncePerRequestFilter {
    /** Seconds a shared cache (a CDN) may keep a current answer without asking again. */
    static final int CURRENT_MAX_AGE = 60;

    static final String YEAR = "public, max-age=31536000, immutable";
    /**
     * A browser asks again every time (and gets 304 while nothing was published), so a page opened
     * just after a publication shows it; a CDN in front keeps the answer a minute.
     */
    static final String CURRENT = "public, max-age=0, s-maxage=" + CURRENT_MAX_AGE;

    private static final Pattern VERSIONED = Pattern.compile("^/data/[^/]+/version/\\d+([./].*)?$");
    private static final Pattern BODY_DEPENDENT =
            Pattern.compile("^/(tabulate|localities)(/.*)?$|^/profiles/[^/]+/localities/.*$");

    private final LongSupplier generation;
    private final String build;
    private final ShallowEtagHeaderFilter bodyEtags = new ShallowEtagHeaderFilter();

    /**
     * @param generation the store's generation
     * @param build      identifies the code serving (a new build may answer differently for the same content)
     */
    public ValidatorFilter(LongSupplier generation, String build) {
        this.generation = generation;
        this.build = build;
        bodyEtags.setWriteWeakETag(false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws ServletException, IOException {
        String method = req.getMethod();
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!("GET".equals(method) || "HEAD".equals(method)) || path.equals("/health")) {
            chain.doFilter(req, resp);
            return;
        }
        if (BODY_DEPENDENT.matcher(path).matches()) {
            resp.setHeader("Cache-Control", "no-cache");
            bodyEtags.doFilter(req, new ErrorsUncached(resp), chain);
            return;
        }
        String etag = etag(req, path);
        resp.setHeader("ETag", etag);
        resp.setHeader(
                "Cache-Control", VERSIONED.matcher(path).matches() || path.startsWith("/webjars/") ? YEAR : CURRENT);
        resp.addHeader("Vary", "Accept, Accept-Encoding");
        if (matches(req.getHeader("If-None-Match"), etag)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        chain.doFilter(req, new ErrorsUncached(resp));
    }

    String etag(HttpServletRequest req, String path) {
        StringBuilder key = new StringBuilder(build)
                .append('\n')
                .append(path)
                .append('\n')
                .append(req.getQueryString() == null ? "" : req.getQueryString())
                .append('\n')
                .append(String.valueOf(req.getHeader("Accept")))
                .append('\n')
                .append(gzip(req.getHeader("Accept-Encoding")) ? "gzip" : "identity");
        if (path.startsWith("/calendar")) {
            key.append('\n').append(LocalDate.now(ZoneOffset.UTC)); // "overdue" is judged on today's date
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String hash =
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        long g = path.startsWith("/webjars/") ? 0 : generation.getAsLong();
        return "\"g" + g + "-" + hash + "\"";
    }

    private static boolean gzip(String acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** An error answer is not the resource: it gets neither the validator nor a lifetime. */
    private static final class ErrorsUncached extends HttpServletResponseWrapper {
        ErrorsUncached(HttpServletResponse response) {
            super(response);
        }

        private void check(int sc) {
            if (sc >= 400) {
                setHeader("ETag", null);
                setHeader("Cache-Control", "no-store");
            }
        }

        @Override
        public void setStatus(int sc) {
            check(sc);
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) throws IOException {
            check(sc);
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            check(sc);
            super.sendError(sc, msg);
        }
    }
}
