package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog cancels a query that has no engine timeout at all. */
class WatchdogTest {
    private final Watchdog watchdog = new Watchdog();

    @AfterEach
    void close() {
        watchdog.close();
    }

    private static DatasetGraph hundredTriples() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        for (int i = 0; i < 100; i++) {
            dsg.getDefaultGraph()
                    .add(
                            NodeFactory.createURI("urn:s" + i),
                            NodeFactory.createURI("urn:p"),
                            NodeFactory.createURI("urn:o" + i));
        }
        return dsg;
    }

    @Test
    void abortsAQueryWithoutAnEngineTimeoutAtItsDeadline() {
        // 100^5 = 10^10 rows: hours without a cancel
        QueryExec exec = QueryExec.dataset(hundredTriples())
                .query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }")
                .build();
        long start = System.nanoTime();
        try (exec;
                Watchdog.Watch watch = watchdog.watch(exec, 300, "cross product")) {
            assertThatThrownBy(() -> {
                        RowSet rows = exec.select();
                        rows.hasNext();
                    })
                    .isInstanceOf(QueryCancelledException.class);
            assertThat(watch.fired()).isTrue();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // a lower bound only: the watch fired at its deadline, not before (without it the query runs for hours)
        assertThat(millis).isGreaterThanOrEqualTo(250L);
        assertThat(watchdog.watched()).isZero();
    }

    @Test
    void aQueryThatFinishesInTimeIsNotTouched() {
        DatasetGraph data = hundredTriples();
        // warm up: the first query in a JVM pays for Jena's initialisation
        try (QueryExec warm = QueryExec.dataset(data).query("ASK { ?s ?p ?o }").build()) {
            assertThat(warm.ask()).isTrue();
        }
        QueryExec exec =
                QueryExec.dataset(data).query("SELECT * WHERE { ?s ?p ?o }").build();
        Watchdog.Watch watch = watchdog.watch(exec, 1000, "small");
        int n = 0;
        try (exec;
                watch) {
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                rows.next();
                n++;
            }
        }
        assertThat(n).isEqualTo(100);
        assertThat(watchdog.watched()).isZero();
        // closed in time: its task is cancelled, so it can never fire (no need to wait out the second)
        assertThat(watch.disarmed()).isTrue();
        assertThat(watch.fired()).isFalse();
    }
}
