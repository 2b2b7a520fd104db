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
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scot.cairn.store.RequestBudget;

/**
 * A concurrency limit for the public endpoints that have none of their own: downloads, slices,
 * maps, and every other page (linked data, catalogue, profiles, web pages). {@code /sparql},
 * {@code /versions/sparql}, {@code /tabulate} and {@code /localities} keep their own limits and
 * are not counted here, nor is {@code /health}.
 *
 * <p>Why: an audit found no bound on how many downloads or map renderings run at once, so enough
 * slow clients could take every server thread and the heap. Each group has a number of slots; a
 * request waits up to {@link #WAIT_MILLIS} (2 s) for one and otherwise gets 503 with
 * {@code Retry-After}. A download holds its slot while it streams. Each request also gets its
 * group's {@link RequestBudget} (time, and quads read: {@link RequestLimitsProperties}): past it,
 * its reads of the store stop and it gets 503 with {@code Retry-After}, or, when its answer had
 * started, its connection is closed before the answer's end so that the client knows it is cut. Thread-safe.
 */
final class ConcurrencyLimits implements Filter {
    static final long WAIT_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLimits.class);

    /** Requests whose path starts with one of {@code prefixes} share {@code slots}; each may spend {@code budget}. */
    record Group(String name, List<String> prefixes, Semaphore slots, RequestBudget.Limits budget) {
        Group(String name, int slots, RequestBudget.Limits budget, String... prefixes) {
            this(name, List.of(prefixes), new Semaphore(slots, true), budget);
        }

        Group(String name, int slots, String... prefixes) {
            this(name, slots, RequestBudget.Limits.NONE, prefixes);
        }

        Group {
            if (slots.availablePermits() < 1) {
                throw new IllegalArgumentException("a group needs at least one slot: " + name);
            }
            prefixes = List.copyOf(prefixes);
            Objects.requireNonNull(budget, "budget");
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
    private final LongSupplier nanoClock;

    /** The groups, first match wins (the last may cover everything, prefix ""); a request waits up to {@code waitMillis} for a slot. */
    ConcurrencyLimits(List<Group> groups, long waitMillis) {
        this(groups, waitMillis, System::nanoTime);
    }

    /** As {@link #ConcurrencyLimits(List, long)}, requests' time read from {@code nanoClock} (tests give a fake one). */
    ConcurrencyLimits(List<Group> groups, long waitMillis, LongSupplier nanoClock) {
        this.groups = List.copyOf(groups);
        this.waitMillis = waitMillis;
        this.nanoClock = nanoClock;
    }

    /** The limits the server runs with, each request's time and quads as {@code requests} says. */
    static ConcurrencyLimits defaults(RequestLimitsProperties requests) {
        return new ConcurrencyLimits(
                List.of(
                        new Group("downloads", 4, requests.downloads(), "/downloads/"),
                        new Group("maps", 4, requests.pages(), "/maps/"),
                        new Group("slices", 16, requests.pages(), "/slice/"),
                        new Group("pages", 32, requests.pages(), "")),
                WAIT_MILLIS);
    }

    @Override
    @SuppressWarnings("try") // the budget is held, not used, for the length of the block
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
        try (RequestBudget.Scope budget = RequestBudget.open(group.budget(), nanoClock)) {
            chain.doFilter(req, resp);
        } catch (RequestBudget.Exceeded e) {
            cut((HttpServletResponse) resp, e);
        } catch (ServletException e) {
            if (!(e.getCause() instanceof RequestBudget.Exceeded exceeded)) {
                throw e;
            }
            cut((HttpServletResponse) resp, exceeded);
        } finally {
            group.slots().release();
        }
    }

    /**
     * A request past its time or its quads: 503 with {@code Retry-After} when nothing of its answer
     * has gone out. Otherwise the connection is closed at once, without the end of the answer (the
     * last chunk, or the rest of a declared length), so that a client sees an incomplete transfer
     * instead of a download that looks whole: Tomcat closes a committed response that ends with
     * {@link CloseNowException}, and logs it at debug level only.
     */
    private static void cut(HttpServletResponse response, RequestBudget.Exceeded e) throws IOException {
        if (response.isCommitted()) {
            LOG.warn("Answer cut short, connection closed: {}", e.getMessage());
            throw new CloseNowException("answer cut short: " + e.getMessage(), e);
        }
        response.reset();
        text(response, "Service unavailable: " + e.getMessage() + "; try again later, or ask for less");
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
        text(response, "Service busy: too many " + group.name() + " requests at once; try again in a moment");
    }

    private static void text(HttpServletResponse response, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
