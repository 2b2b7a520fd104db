package scot.cairn.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.jena.sparql.exec.QueryExec;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * A reader thread that keeps asking what a client asks while a data set is republished: how many
 * observations one data zone has in that data set, through the public endpoint's query context.
 * Every answer must be the complete count of the old or the new version.
 */
final class ReaderDuringReload {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Double> latencies = new ArrayList<>();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong wrong = new AtomicLong();
    private final Thread thread;

    private ReaderDuringReload(TripleStore store, String query, long expected) {
        thread = new Thread(
                () -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        long n = store.read(d -> {
                            try (QueryExec qe = store.publicQuery(org.apache.jena.query.QueryFactory.create(query))
                                    .build()) {
                                return ((Number) qe.select().next().get("n").getLiteralValue()).longValue();
                            }
                        });
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (running.get()) {
                            synchronized (latencies) {
                                latencies.add(ms);
                            }
                            answers.incrementAndGet();
                            if (n != expected) {
                                wrong.incrementAndGet();
                            }
                        }
                    }
                },
                "reader");
    }

    /** Starts asking for the observations of data zone {@code code} in data set {@code slug}; each answer should be {@code expected}. */
    static ReaderDuringReload start(TripleStore store, UriScheme uris, String slug, String code, long expected) {
        String query = "PREFIX qb: <http://purl.org/linked-data/cube#> "
                + "PREFIX sdmxd: <http://purl.org/linked-data/sdmx/2009/dimension#> "
                + "SELECT (COUNT(?obs) AS ?n) WHERE { ?obs qb:dataSet <" + uris.dataset(slug) + "> ; "
                + "sdmxd:refArea <" + uris.area(code) + "> }";
        ReaderDuringReload r = new ReaderDuringReload(store, query, expected);
        r.thread.start();
        return r;
    }

    /** Stops the reader and describes what it saw. */
    String stop() throws InterruptedException {
        running.set(false);
        thread.join();
        latencies.sort(Comparator.naturalOrder());
        return String.format(
                Locale.ROOT,
                "reader: %d answers during the reload, %d wrong, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                answers.get(),
                wrong.get(),
                pct(0.5),
                pct(0.99),
                pct(1.0));
    }

    private double pct(double p) {
        if (latencies.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * latencies.size()) - 1;
        return latencies.get(Math.min(latencies.size() - 1, Math.max(0, i)));
    }
}
