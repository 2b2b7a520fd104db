package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import scot.cairn.store.TripleStore;

/**
 * What {@code /versions/sparql} and the version downloads answer at their limits: a refusal
 * up front with what to do, {@code Request Timeout} for every query form that runs past the
 * limit, 503 with {@code Retry-After} when every reading slot is taken.
 */
@Timeout(60)
class VersionsControllerTest {
    /**
     * Every quad of the version (11) eight times over, none ever matching the last pattern: 11^8,
     * some 2 x 10^8 combinations, minutes of work on any machine, so that only the limit ends it.
     * (Six times over, 1.6 x 10^5, took about one CPU second: a fast, warm JVM finished the
     * CONSTRUCT inside the one-second limit and rightly answered 200 with no triples.)
     */
    private static final String RUNAWAY_WHERE = "GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?h ?i ?j } "
            + "GRAPH ?g4 { ?k ?l ?m } GRAPH ?g5 { ?n ?o ?p } GRAPH ?g6 { ?q ?r ?s } GRAPH ?g7 { ?t ?u ?v } "
            + "GRAPH ?g8 { ?w ?x ?y } GRAPH ?g9 { ?z ?zz ?never } FILTER(?never = \"never\")";

    /** Long enough for builds on a busy machine. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private TripleStore store;
    private Versions versions;
    private VersionsController controller;

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (controller != null) {
            controller.close();
        }
        if (versions != null) {
            versions.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** Tiny's three versions (10 triples each) behind a controller with these limits. */
    private void start(long budget, int maxConcurrent, Duration timeout) {
        store = TripleStore.inMemory();
        versions = TinyVersions.publish(new Versions(
                store,
                TinyVersions.URIS,
                dir,
                new VersionLimits(budget, 1, maxConcurrent, Duration.ZERO, timeout, Duration.ofMinutes(5))));
        controller = new VersionsController(versions, true);
    }

    private MockHttpServletResponse sparql(String query, String accept, String... only) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/versions/sparql");
        request.setParameter("dataset", "tiny");
        request.setParameter("query", query);
        if (only.length > 0) {
            request.setParameter("version", only);
        }
        request.addHeader("Accept", accept);
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller.sparql(request, response);
        return response;
    }

    @Test
    void moreEarlierVersionsThanTheBudgetAreRefusedUpFrontWithWhatToDoInstead() throws Exception {
        start(15, 4, LIMIT);
        MockHttpServletResponse r = sparql("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", "text/csv");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentType()).startsWith("text/plain");
        assertThat(r.getContentAsString()).contains("hold 20 triples together").contains("&version=N");
        assertThat(versions.builds()).isZero();

        MockHttpServletResponse fewer = sparql(
                "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s <http://example.org/value> ?o } } "
                        + "GROUP BY ?g ORDER BY ?g",
                "text/csv",
                "1",
                "3");
        assertThat(fewer.getStatus()).isEqualTo(200);
        assertThat(fewer.getContentAsString().lines())
                .containsExactly(
                        "g,n",
                        TinyVersions.URIS.graph("tiny") + "/version/1,3",
                        TinyVersions.URIS.graph("tiny") + "/version/3,3");
        assertThat(versions.builds()).isEqualTo(1);
    }

    @Test
    void aDownloadOfAnEarlierVersionOverTheBudgetIsRefusedAndTheCurrentOneIsServed() throws Exception {
        start(5, 4, LIMIT);
        MockHttpServletResponse old = new MockHttpServletResponse();
        controller.versionNTriples("tiny", "1", old);
        assertThat(old.getStatus()).isEqualTo(400);
        assertThat(old.getHeader("Content-Disposition")).isNull();
        assertThat(old.getContentAsString())
                .contains("Version 1 of tiny holds 10 triples")
                .contains("cairn versions export tiny 1");
        MockHttpServletResponse current = new MockHttpServletResponse();
        controller.versionNTriples("tiny", "3", current);
        assertThat(current.getStatus()).isEqualTo(200);
        assertThat(current.getContentAsString().lines())
                .hasSize(TinyVersions.TRIPLES)
                .isSorted();
        assertThat(versions.builds()).isZero();
    }

    @Test
    void everyQueryFormThatRunsPastTheLimitGetsExactlyRequestTimeout() throws Exception {
        start(1_000, 4, Duration.ofSeconds(1));
        for (String query : new String[] {
            "SELECT (COUNT(*) AS ?count) WHERE { " + RUNAWAY_WHERE + " }",
            "ASK { " + RUNAWAY_WHERE + " }",
            "CONSTRUCT { ?a ?b ?c } WHERE { " + RUNAWAY_WHERE + " }",
            "DESCRIBE ?a WHERE { " + RUNAWAY_WHERE + " }"
        }) {
            MockHttpServletResponse r = sparql(query, "application/n-triples", "3");
            assertThat(r.getStatus()).as(query + " " + r.getContentAsString()).isEqualTo(503);
            assertThat(r.getContentAsString()).as(query).isEqualTo("Request Timeout");
        }
        assertThat(versions.builds()).isZero();
    }

    @Test
    void aRequestThatFindsEveryReadingSlotTakenGets503WithRetryAfter() throws Exception {
        start(1_000, 1, Duration.ofSeconds(1));
        Future<MockHttpServletResponse> runaway = pool.submit(
                () -> sparql("SELECT (COUNT(*) AS ?count) WHERE { " + RUNAWAY_WHERE + " }", "text/csv", "3"));
        while (controller.freeReadingSlots() > 0) {
            assertThat(runaway.isDone())
                    .as("the runaway request ended without taking the slot")
                    .isFalse();
            Thread.onSpinWait();
        }
        MockHttpServletResponse busy = sparql("ASK { ?s ?p ?o }", "text/csv");
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isNotNull();
        assertThat(busy.getContentAsString()).startsWith("Server busy");
        MockHttpServletResponse download = new MockHttpServletResponse();
        controller.versionCsv("tiny", "1", new org.springframework.mock.web.MockHttpServletRequest(), download);
        assertThat(download.getStatus()).isEqualTo(503);
        assertThat(download.getHeader("Retry-After")).isNotNull();
        assertThat(runaway.get().getContentAsString()).isEqualTo("Request Timeout");
        assertThat(controller.freeReadingSlots()).isEqualTo(1);
    }

    @Test
    void constructResultsStreamFromEveryVersion() throws Exception {
        start(1_000, 4, LIMIT);
        MockHttpServletResponse r =
                sparql("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "application/n-triples", "1", "2");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).startsWith("application/n-triples");
        String body = r.getContentAsString();
        for (int value = 1; value <= 6; value++) {
            assertThat(body).contains("<" + TinyVersions.VALUE.getURI() + "> \"" + value + "\"^^");
        }
        assertThat(body).doesNotContain("\"7\"^^");
    }

    @Test
    void aDescribeOverVersionsGivesEachTripleOnceFromEveryVersionAsked() throws Exception {
        start(1_000, 4, LIMIT);
        MockHttpServletResponse r = sparql(
                "DESCRIBE ?obs WHERE { GRAPH ?g { ?obs <" + TinyVersions.VALUE.getURI() + "> ?v } }",
                "application/n-triples",
                "1",
                "2");
        assertThat(r.getStatus()).isEqualTo(200);
        // three observations, each typed and in the dataset in both versions (given once), with a value in each
        assertThat(r.getContentAsString().lines()).hasSize(3 * 4).doesNotHaveDuplicates();
        for (int value = 1; value <= 6; value++) {
            assertThat(r.getContentAsString()).contains("\"" + value + "\"^^");
        }
    }

    @Test
    void aLongOrChainIsAnsweredAndAPathologicallyNestedQueryGets400() throws Exception {
        start(1_000, 4, LIMIT);
        StringBuilder or = new StringBuilder("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?v } FILTER(");
        for (int i = 0; i < 5_000; i++) {
            or.append(i == 0 ? "" : " || ").append("?v = ").append(i);
        }
        MockHttpServletResponse answered = sparql(or.append(") }").toString(), "text/csv", "3");
        assertThat(answered.getStatus()).isEqualTo(200);
        assertThat(answered.getContentAsString().lines()).containsExactly("n", "3");

        int depth = 500_000;
        MockHttpServletResponse refused =
                sparql("ASK { FILTER(" + "(".repeat(depth) + "1" + ")".repeat(depth) + ") }", "text/csv");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).startsWith("Query too deeply nested");
        assertThat(sparql("ASK { GRAPH ?g { ?s ?p ?o } }", "text/csv", "3").getStatus())
                .isEqualTo(200);
        assertThat(controller.freeReadingSlots()).isEqualTo(4);
    }
}
