package scot.cairn.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A concurrency limit for the public endpoints that have none of their own: downloads, slices,
 * maps, and every other page (linked data, catalogue, profiles, web pages). {@code /sparql},
 * {@code /versions/sparql}, {@code /tabulate} and {@code /localities} keep their own limits and
 * are not counted here, nor is {@code /health}.
 *
 * <p>Why: an audit found no bound on how many downloads or map renderings run at once, so enough
 * slow clients could take every server thread and the heap. Each group has a number of slots; a
 * request waits up to {@link #WAIT_MILLIS} (2 s) for one and otherwise gets 503 with
 * {@code Retry-After}. A download holds its slot while it streams. Thread-safe.
 */
final class ConcurrencyLimits implements Filter {
    static final long WAIT_MILLIS = 2_000;

    /** Requests whose path starts with one of {@code prefixes} share {@code slots}. */
    record Group(String name, List<String> prefixes, Semaphore slots) {
        Group(String name, int slots, String... prefixes) {
            this(name, List.of(prefixes), new Semaphore(slots, true));
        }

        Group {
            if (slots.availablePermits() < 1) {
                throw new IllegalArgumentException("a group needs at least one slot: " + name);
            }
            prefixes = List.copyOf(prefixes);
        }

        boolean covers(String path) {
            return prefixes.stream()
                    .anyMatch(p -> p.isEmpty()
                            || path.equals(p)
                            || path.startsWith(p.endsWith("/") ? p : p + "/")
                            || path.startsWith(p + "."));
        }
    }

    /** Paths with limits of their own (or none needed): never counted. */
    private static final List<String> OWN_LIMITS =
            List.of("/sparql", "/versions/sparql", "/tabulate", "/localities", "/health");

    private final List<Group> groups;
    private final long waitMillis;

    /** The groups, first match wins (the last may cover everything, prefix ""); a request waits up to {@code waitMillis} for a slot. */
    ConcurrencyLimits(List<Group> groups, long waitMillis) {
        this.groups = List.copyOf(groups);
        this.waitMillis = waitMillis;
    }

    /** The limits the server runs with. */
    static ConcurrencyLimits defaults() {
        return new ConcurrencyLimits(
                List.of(
                        new Group("downloads", 4, "/downloads/"),
                        new Group("maps", 4, "/maps/"),
                        new Group("slices", 16, "/slice/"),
                        new Group("pages", 32, "")),
                WAIT_MILLIS);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Group group = group(path);
        if (group == null) {
            chain.doFilter(req, resp);
            return;
        }
        boolean got;
        try {
            got = group.slots().tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            busy((HttpServletResponse) resp, group);
            return;
        }
        try {
            chain.doFilter(req, resp);
        } finally {
            group.slots().release();
        }
    }

    /** The group counting {@code path}, or null when it is not counted here. */
    Group group(String path) {
        for (String own : OWN_LIMITS) {
            if (path.equals(own) || path.startsWith(own + "/") || path.startsWith(own + ".")) {
                return null;
            }
        }
        for (Group g : groups) {
            if (g.covers(path)) {
                return g;
            }
        }
        return null;
    }

    private static void busy(HttpServletResponse response, Group group) throws IOException {
        byte[] body = ("Service busy: too many " + group.name() + " requests at once; try again in a moment\n")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
