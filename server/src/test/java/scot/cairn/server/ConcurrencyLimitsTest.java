package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Slots per group of endpoints; a request that finds none free gets 503 with Retry-After. */
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
        ConcurrencyLimits d = ConcurrencyLimits.defaults();
        assertThat(d.group("/downloads/cube-table").name()).isEqualTo("downloads");
        assertThat(d.group("/maps/choropleth.png").name()).isEqualTo("maps");
        assertThat(d.group("/slice/observations.csv").name()).isEqualTo("slices");
        assertThat(d.group("/data/council-tax-collection").name()).isEqualTo("pages");
        assertThat(d.group("/").name()).isEqualTo("pages");
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
}
