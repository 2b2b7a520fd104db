package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.CloseNowException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import scot.cairn.store.RequestBudget;
import scot.cairn.store.TripleStore;

/** Slots per group of endpoints; a request that finds none free gets 503 with Retry-After; one past its time or quads too. */
class ConcurrencyLimitsTest {
    private final ConcurrencyLimits limits = new ConcurrencyLimits(
            List.of(
                    new ConcurrencyLimits.Group("downloads", 1, "/downloads/"),
                    new ConcurrencyLimits.Group("pages", 2, "")),
            50);

    private MockHttpServletResponse get(String path, HttpServlet servlet) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limits.doFilter(request, response, new MockFilterChain(servlet));
        return response;
    }

    private static HttpServlet answering() {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(200);
            }
        };
    }

    @Test
    void eachPathFallsInItsGroupAndEndpointsWithTheirOwnLimitsInNone() {
        ConcurrencyLimits d = ConcurrencyLimits.defaults(
                new RequestLimitsProperties(Duration.ofSeconds(30), Duration.ofMinutes(10), 5_000_000));
        assertThat(d.group("/downloads/cube-table").name()).isEqualTo("downloads");
        assertThat(d.group("/maps/choropleth.png").name()).isEqualTo("maps");
        assertThat(d.group("/slice/observations.csv").name()).isEqualTo("slices");
        assertThat(d.group("/data/council-tax-collection").name()).isEqualTo("pages");
        assertThat(d.group("/").name()).isEqualTo("pages");
        assertThat(d.group("/data/x").budget()).isEqualTo(new RequestBudget.Limits(Duration.ofSeconds(30), 5_000_000));
        assertThat(d.group("/downloads/graph").budget()).isEqualTo(new RequestBudget.Limits(Duration.ofMinutes(10), 0));
        for (String own : List.of(
                "/sparql",
                "/sparql.csv",
                "/versions/sparql",
                "/tabulate",
                "/tabulate/datasets",
                "/localities/x",
                "/health")) {
            assertThat(d.group(own)).as(own).isNull();
        }
    }

    @Test
    void aRequestThatFindsNoFreeSlotGets503AndTheSlotIsFreeAgainAfterwards() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServlet holding = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                inside.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.setStatus(200);
            }
        };
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/downloads/graph", holding);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        MockHttpServletResponse refused = get("/downloads/cube-table", answering());
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).startsWith("text/plain");
        assertThat(refused.getContentAsString()).startsWith("Service busy: too many downloads requests");
        // another group is not held back
        assertThat(get("/data/x", answering()).getStatus()).isEqualTo(200);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(get("/downloads/cube-table", answering()).getStatus()).isEqualTo(200);
    }

    @Test
    void aFailingRequestGivesItsSlotBack() throws Exception {
        HttpServlet failing = new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                throw new IllegalStateException("broken");
            }
        };
        for (int i = 0; i < 3; i++) {
            try {
                get("/downloads/graph", failing);
            } catch (IllegalStateException expected) {
                // the failure goes on to the container
            }
        }
        assertThat(get("/downloads/graph", answering()).getStatus()).isEqualTo(200);
    }

    // ----- each request's time and quads

    private final AtomicLong clock = new AtomicLong();
    private final ConcurrencyLimits budgeted = new ConcurrencyLimits(
            List.of(new ConcurrencyLimits.Group("pages", 1, new RequestBudget.Limits(Duration.ofSeconds(30), 40), "")),
            50,
            clock::get);

    private static final Node G = NodeFactory.createURI("urn:g");

    private static TripleStore storeOf(int quads) {
        TripleStore store = TripleStore.inMemory();
        store.write(dsg -> {
            for (int i = 0; i < quads; i++) {
                dsg.add(new Quad(G, NodeFactory.createURI("urn:s" + i), NodeFactory.createURI("urn:p"), G));
            }
        });
        return store;
    }

    /** A page that writes {@code prefix} (flushed when not empty), then reads {@code graph}'s quads, after {@code before}. */
    private static HttpServlet page(TripleStore store, String prefix, Runnable before, boolean wrapped) {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                    throws ServletException, IOException {
                resp.setContentType("text/plain");
                if (!prefix.isEmpty()) {
                    resp.getWriter().write(prefix);
                    resp.flushBuffer();
                }
                before.run();
                try {
                    long n = store.read(dsg -> {
                        long c = 0;
                        for (var it = dsg.find(G, Node.ANY, Node.ANY, Node.ANY); it.hasNext(); it.next()) {
                            c++;
                        }
                        return c;
                    });
                    resp.getWriter().write(n + " quads");
                } catch (RequestBudget.Exceeded e) {
                    if (wrapped) {
                        throw new ServletException("Request processing failed", e); // as Spring's servlet does
                    }
                    throw e;
                }
            }
        };
    }

    private MockHttpServletResponse budgetedGet(HttpServlet servlet) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        budgeted.doFilter(new MockHttpServletRequest("GET", "/data/x"), response, new MockFilterChain(servlet));
        return response;
    }

    @Test
    void aPageThatReadsMoreThanItsQuadsGets503AndItsSlotBack() throws Exception {
        try (TripleStore store = storeOf(100)) {
            for (boolean wrapped : new boolean[] {false, true}) {
                MockHttpServletResponse cut = budgetedGet(page(store, "", () -> {}, wrapped));
                assertThat(cut.getStatus()).isEqualTo(503);
                assertThat(cut.getHeader("Retry-After")).isEqualTo("1");
                assertThat(cut.getContentType()).startsWith("text/plain");
                assertThat(cut.getContentAsString())
                        .startsWith("Service unavailable: this request would read more than 40 quads");
            }
        }
        try (TripleStore small = storeOf(30)) {
            MockHttpServletResponse whole = budgetedGet(page(small, "", () -> {}, false));
            assertThat(whole.getStatus()).isEqualTo(200);
            assertThat(whole.getContentAsString()).isEqualTo("30 quads");
        }
    }

    @Test
    void aPageOnASlowStoreIsCutAtItsTime() throws Exception {
        try (TripleStore store = storeOf(10)) {
            // the store is slow: 31 s pass (on the fake clock) before the page reads
            MockHttpServletResponse cut = budgetedGet(
                    page(store, "", () -> clock.addAndGet(Duration.ofSeconds(31).toNanos()), true));
            assertThat(cut.getStatus()).isEqualTo(503);
            assertThat(cut.getContentAsString()).contains("ran out of its time (30.0 s)");
        }
    }

    @Test
    void anAnswerAlreadyStartedIsClosedBeforeItsEnd() throws Exception {
        try (TripleStore store = storeOf(100)) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThatThrownBy(() -> budgeted.doFilter(
                            new MockHttpServletRequest("GET", "/data/x"),
                            response,
                            new MockFilterChain(page(store, "first rows\n", () -> {}, false))))
                    .as("the container is told to close the connection at once")
                    .isInstanceOf(CloseNowException.class)
                    .hasMessageContaining("would read more than 40 quads");
            assertThat(response.getContentAsString()).isEqualTo("first rows\n");
        }
        try (TripleStore small = storeOf(30)) {
            assertThat(budgetedGet(page(small, "", () -> {}, false)).getStatus())
                    .as("the slot is free again")
                    .isEqualTo(200);
        }
    }

    /** Over real Tomcat, a client sees a cut answer as an incomplete transfer, not as a whole one. */
    @Test
    void anAnswerCutAfterItStartedReachesARealClientIncomplete(@TempDir Path base) throws Exception {
        try (TripleStore store = storeOf(100);
                TripleStore small = storeOf(30)) {
            HttpServlet cut = page(store, "first rows\n".repeat(2_000), () -> {}, false);
            HttpServlet whole = page(small, "", () -> {}, false);
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            Context context = tomcat.addContext("", null);
            Tomcat.addServlet(context, "pages", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                        throws ServletException, IOException {
                    (req.getRequestURI().equals("/small") ? whole : cut).service(req, resp);
                }
            });
            context.addServletMappingDecoded("/*", "pages");
            FilterDef def = new FilterDef();
            def.setFilterName("limits");
            def.setFilter(budgeted);
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("limits");
            map.addURLPattern("/*");
            context.addFilterMap(map);
            tomcat.getConnector();
            tomcat.start();
            try {
                URI uri = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/data/x");
                HttpClient http = HttpClient.newHttpClient();
                assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString()))
                        .as("the transfer ends without its last chunk")
                        .isInstanceOf(IOException.class);
                // the same server still answers a request within its budget, whole
                HttpResponse<String> answer =
                        http.send(HttpRequest.newBuilder(uri.resolve("/small")).build(), BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("30 quads");
            } finally {
                tomcat.stop();
                tomcat.destroy();
            }
        }
    }
}
