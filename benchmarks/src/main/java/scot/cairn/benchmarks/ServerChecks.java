package scot.cairn.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import scot.cairn.testsupport.HostileRequests;

/**
 * The fault suite's checks against a running server on the suite's data folder: 16 readers during
 * a publication, runaway and deep queries, and the hostile-request corpus; then a clean stop and
 * the leftovers.
 */
final class ServerChecks {
    static final int READERS = 16;

    private final FaultSuite suite;
    private final Summary summary;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;

    ServerChecks(FaultSuite suite) {
        this.suite = suite;
        this.summary = suite.summary();
    }

    void run() throws Exception {
        try (ChildJvm server = suite.startServer("server-checks")) {
            base = "http://localhost:" + FaultSuite.publicPort(server);
            readersDuringPublication(server);
            runawayAndDeepQueries();
            hostileCorpus();
            HttpResponse<String> health = get("/health", "text/plain");
            if (health.statusCode() != 200) {
                summary.unanswered.add("/health after the corpus: " + health.statusCode());
            }
        }
        summary.leftoversAtEnd = suite.leftovers();
    }

    private HttpResponse<String> get(String pathAndQuery, String accept) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                        .header("Accept", accept)
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sparql(String query) {
        return "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** 16 readers count the dataset's data graph while a new version with more observations is published. */
    private void readersDuringPublication(ChildJvm server) throws Exception {
        String count = sparql(
                "SELECT (COUNT(*) AS ?n) { GRAPH <" + FaultSuite.URIS.graph(FaultSuite.CUBE) + "> { ?s ?p ?o } }");
        long before = number(get(count, "text/csv").body());
        AtomicBoolean published = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(READERS);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                // each reader goes on until it has read once after the publication was answered
                for (boolean last = false; !last; ) {
                    last = published.get();
                    try {
                        HttpResponse<String> r = get(count, "text/csv");
                        reads.incrementAndGet();
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            problems.add("read answered " + r.statusCode() + ": " + FaultSuite.firstLines(r.body()));
                        } else {
                            seen.merge(number(r.body()), 1L, Long::sum);
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        problems.add("read failed: " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        started.await();
        Path csv = suite.csv(suite.nextVersion(), suite.observations() + 1_000);
        HttpResponse<String> answer = suite.publish(server, csv);
        published.set(true);
        for (Thread t : readers) {
            t.join();
        }
        long after = number(get(count, "text/csv").body());
        if (answer.statusCode() != 200) {
            summary.queryFailures.add("the publication during the reads answered " + answer.statusCode() + ": "
                    + FaultSuite.firstLines(answer.body()));
        }
        summary.reads = reads.get();
        summary.readErrors = errors.get();
        summary.countsSeen.putAll(seen);
        problems.stream().limit(10).forEach(summary.halfPublished::add);
        for (long n : seen.keySet()) {
            if (n != before && n != after) {
                summary.halfPublished.add(
                        "a reader saw " + n + " triples: neither the old " + before + " nor the new " + after);
            }
        }
        System.out.printf(
                "readers: %,d reads by %d readers during a publication (%d -> %d triples), %d errors, sizes seen %s%n",
                reads.get(), READERS, before, after, errors.get(), seen);
    }

    private static long number(String csv) {
        List<String> lines = csv.lines().toList();
        try {
            return Long.parseLong(lines.get(lines.size() - 1).strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException("not a count: " + csv);
        }
    }

    private void runawayAndDeepQueries() throws Exception {
        String runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
        for (String path : List.of(
                sparql(runaway),
                "/versions/sparql?dataset=" + FaultSuite.CUBE + "&query="
                        + URLEncoder.encode(runaway, StandardCharsets.UTF_8))) {
            long start = System.nanoTime();
            HttpResponse<String> r = get(path, "text/csv");
            double s = (System.nanoTime() - start) / 1e9;
            String where = path.substring(0, path.indexOf('?'));
            String line = String.format(
                    Locale.ROOT,
                    "runaway on %s: %d after %.1f s (limit 5 s): %s",
                    where,
                    r.statusCode(),
                    s,
                    FaultSuite.firstLines(r.body()));
            summary.queryChecks.add(line);
            if (r.statusCode() != 503 || s > 60) {
                summary.queryFailures.add(line);
            }
        }
        String deep = "SELECT * WHERE " + "{ ".repeat(20_000) + "?s ?p ?o " + "} ".repeat(20_000);
        String union = "SELECT * WHERE { " + "{ ?s ?p 1 } UNION ".repeat(5_000) + "{ ?s ?p 0 } }";
        for (String[] q : List.of(
                new String[] {"20,000 nested groups", deep, "400"},
                new String[] {"a 5,000-branch UNION", union, "200"})) {
            for (String endpoint : List.of("/sparql", "/versions/sparql")) {
                // a form body, as a long query is sent to /versions/sparql (it takes no application/sparql-query)
                String form = "query=" + URLEncoder.encode(q[1], StandardCharsets.UTF_8)
                        + (endpoint.equals("/versions/sparql") ? "&dataset=" + FaultSuite.CUBE : "");
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + endpoint))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept", "text/csv")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                String line = q[0] + " on " + endpoint + ": " + r.statusCode() + " "
                        + FaultSuite.firstLines(r.body())
                                .substring(
                                        0,
                                        Math.min(
                                                80,
                                                FaultSuite.firstLines(r.body()).length()));
                summary.queryChecks.add(line);
                // /versions/sparql parses on a deep stack (a deep but legal query is answered) and then
                // rebuilds every version within the same time limit: an answer, a 400 or the limit's 503
                // are each correct there; any other status is not.
                String expected = endpoint.equals("/versions/sparql") ? "200|400|503" : q[2];
                if (!Integer.toString(r.statusCode()).matches(expected)) {
                    summary.queryFailures.add(line + " (expected " + expected + ")");
                }
            }
        }
    }

    private void hostileCorpus() throws Exception {
        String dataDir = suite.data().toAbsolutePath().toString();
        for (HostileRequests.Probe probe : HostileRequests.corpus(base)) {
            summary.requests++;
            HttpResponse<String> r;
            try {
                r = http.send(probe.request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                summary.unanswered.add(probe.label() + ": " + e);
                continue;
            }
            summary.statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 500 && r.statusCode() != 503) {
                summary.unexpected5xx.add(probe.label() + ": " + r.statusCode());
            } else if (HostileRequests.showsInsides(r.body(), dataDir)) {
                summary.insides.add(probe.label() + ": " + r.statusCode());
            }
        }
        System.out.printf(
                "hostile corpus: %,d requests, statuses %s, %d unexpected 5xx%n",
                summary.requests, summary.statuses, summary.unexpected5xx.size());
    }
}
