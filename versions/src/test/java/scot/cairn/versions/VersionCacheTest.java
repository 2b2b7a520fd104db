package scot.cairn.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;

/**
 * The rules of {@link VersionCache}, each with a builder the test controls: single flight,
 * budget, build slots, deadlines during a build, LRU that spares versions being read,
 * invalidation, the sweep at start.
 */
@Timeout(60)
class VersionCacheTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<VersionCache> caches = new ArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        caches.forEach(VersionCache::close);
    }

    private static VersionCache.Key key(int n) {
        return new VersionCache.Key("cube", n, "sha256-sum:" + n);
    }

    /** A builder that writes one quad naming the version, counting its builds. */
    private static final class Counting implements VersionCache.Builder {
        final AtomicInteger builds = new AtomicInteger();
        /** Builds wait for this before writing. */
        final CountDownLatch release = new CountDownLatch(1);

        Counting open() {
            release.countDown();
            return this;
        }

        @Override
        public void build(VersionCache.Key key, TripleStore into, Runnable checkpoint) {
            builds.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            into.write(dsg -> dsg.add(Quad.create(
                    NodeFactory.createURI("urn:g"),
                    NodeFactory.createURI("urn:version"),
                    NodeFactory.createURI("urn:p"),
                    NodeFactory.createLiteralString(Integer.toString(key.version())))));
        }
    }

    private VersionCache cache(long budget, int maxBuilds, Duration slotWait, VersionCache.Builder builder) {
        // no time of their own: builds stop with the last request waiting for them
        VersionCache c = new VersionCache(
                dir.resolve("built"), budget, maxBuilds, slotWait, Duration.ZERO, StoreTuning.defaults(), builder);
        caches.add(c);
        return c;
    }

    private static String versionIn(VersionCache.Lease lease) {
        return lease.store().read(dsg -> dsg.find().next().getObject().getLiteralLexicalForm());
    }

    /** Spins until the condition holds; gives up (failing the test) after 50 s rather than hang. */
    private static void spinUntil(java.util.function.BooleanSupplier condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - giveUp)
                    .as("the condition never held")
                    .isNegative();
            Thread.onSpinWait();
        }
    }

    @Test
    void concurrentRequestsForOneVersionWaitForOneBuild() throws Exception {
        Counting builder = new Counting();
        VersionCache cache = cache(1_000, 1, LONG, builder);
        int callers = 8;
        List<Future<VersionCache.Lease>> leases = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            leases.add(pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG))));
        }
        // every caller has joined the one build before it may finish
        spinUntil(() -> cache.readers(key(1)) == callers);
        assertThat(cache.builds()).isEqualTo(1);
        builder.open();
        Set<TripleStore> stores = new HashSet<>();
        for (Future<VersionCache.Lease> f : leases) {
            try (VersionCache.Lease lease = f.get()) {
                stores.add(lease.store());
                assertThat(versionIn(lease)).isEqualTo("1");
            }
        }
        assertThat(stores).hasSize(1);
        assertThat(builder.builds.get()).isEqualTo(1);
        assertThat(cache.builds()).isEqualTo(1);
        // and later requests find it built
        try (VersionCache.Lease again = cache.acquire(key(1), 10, Deadline.after(LONG))) {
            assertThat(again.store()).isSameAs(stores.iterator().next());
        }
        assertThat(cache.builds()).isEqualTo(1);
        assertThat(cache.readers(key(1))).isZero();
    }

    @Test
    void requestsWaitingForABuildSlotJoinTheBuildOfTheirVersionOnceItBegins() throws Exception {
        CountDownLatch releaseTwo = new CountDownLatch(1);
        CountDownLatch releaseOne = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        VersionCache cache = cache(1_000, 1, LONG, (key, into, checkpoint) -> {
            builds.incrementAndGet();
            try {
                (key.version() == 2 ? releaseTwo : releaseOne).await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            into.write(dsg -> dsg.add(Quad.create(
                    NodeFactory.createURI("urn:g"),
                    NodeFactory.createURI("urn:version"),
                    NodeFactory.createURI("urn:p"),
                    NodeFactory.createLiteralString(Integer.toString(key.version())))));
        });
        // version 2's build holds the only slot; two requests for version 1 wait for it
        Future<VersionCache.Lease> two = pool.submit(() -> cache.acquire(key(2), 10, Deadline.after(LONG)));
        spinUntil(() -> cache.builds() == 1);
        Future<VersionCache.Lease> a = pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG)));
        Future<VersionCache.Lease> b = pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG)));
        releaseTwo.countDown();
        two.get().close();
        // one of them takes the slot and starts version 1; the other joins that build without a slot
        spinUntil(() -> cache.readers(key(1)) == 2);
        releaseOne.countDown();
        try (VersionCache.Lease la = a.get();
                VersionCache.Lease lb = b.get()) {
            assertThat(la.store()).isSameAs(lb.store());
            assertThat(versionIn(la)).isEqualTo("1");
        }
        assertThat(builds.get()).isEqualTo(2);
    }

    @Test
    void aVersionOverTheBudgetIsRefusedBeforeAnyBuild() {
        Counting builder = new Counting().open();
        VersionCache cache = cache(100, 1, LONG, builder);
        assertThatThrownBy(() -> cache.acquire(key(1), 101, Deadline.after(LONG)))
                .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.getMessage()).contains("101 triples").contains("cairn.versions.cache-triples");
                });
        assertThat(builder.builds.get()).isZero();
        assertThat(cache.builds()).isZero();
    }

    @Test
    void aRequestThatGetsNoBuildSlotInTimeIsTold503WithRetryAfter() throws Exception {
        Counting builder = new Counting();
        VersionCache cache = cache(1_000, 1, Duration.ZERO, builder);
        Future<VersionCache.Lease> first = pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG)));
        spinUntil(() -> builder.builds.get() == 1);
        assertThatThrownBy(() -> cache.acquire(key(2), 10, Deadline.after(LONG)))
                .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.retryAfterSeconds()).isBetween(1L, 60L);
                    assertThat(r.getMessage()).startsWith("Server busy");
                });
        // a request for the version being built is not refused: it waits for that build
        Future<VersionCache.Lease> second = pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG)));
        spinUntil(() -> cache.readers(key(1)) == 2);
        builder.open();
        first.get().close();
        second.get().close();
        assertThat(builder.builds.get()).isEqualTo(1);
    }

    @Test
    void aRequestArrivingDuringABuildKeepsItGoingPastTheFirstRequestsDeadline() throws Exception {
        CountDownLatch firstGaveUp = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        VersionCache cache = cache(1_000, 1, LONG, (key, into, checkpoint) -> {
            builds.incrementAndGet();
            try {
                firstGaveUp.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            checkpoint.run();
            into.write(dsg -> dsg.add(Quad.create(
                    NodeFactory.createURI("urn:g"),
                    NodeFactory.createURI("urn:version"),
                    NodeFactory.createURI("urn:p"),
                    NodeFactory.createLiteralString("1"))));
        });
        Future<VersionCache.Lease> patient = pool.submit(() -> {
            spinUntil(() -> cache.builds() == 1);
            return cache.acquire(key(1), 10, Deadline.after(LONG));
        });
        assertThatThrownBy(() -> cache.acquire(key(1), 10, Deadline.after(Duration.ofMillis(300))))
                .hasMessage("Request Timeout");
        spinUntil(() -> cache.readers(key(1)) == 1); // only the patient request waits now
        firstGaveUp.countDown();
        try (VersionCache.Lease lease = patient.get()) {
            assertThat(versionIn(lease)).isEqualTo("1");
        }
        assertThat(builds.get()).isEqualTo(1);
    }

    @Test
    void aBuildWithTimeOfItsOwnGoesOnAfterItsRequestTimedOutAndTheNextRequestFindsIt() throws Exception {
        CountDownLatch gaveUp = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        VersionCache cache = new VersionCache(
                dir.resolve("built"), 1_000, 1, LONG, LONG, StoreTuning.defaults(), (key, into, checkpoint) -> {
                    builds.incrementAndGet();
                    try {
                        gaveUp.await(1, TimeUnit.MINUTES);
                        checkpoint.run(); // nobody waits any more: only the build's own time keeps it going
                    } catch (InterruptedException | RuntimeException e) {
                        stopped.set(e);
                        throw new IllegalStateException(e);
                    }
                    into.write(dsg -> dsg.add(Quad.create(
                            NodeFactory.createURI("urn:g"),
                            NodeFactory.createURI("urn:version"),
                            NodeFactory.createURI("urn:p"),
                            NodeFactory.createLiteralString("1"))));
                });
        caches.add(cache);
        assertThatThrownBy(() -> cache.acquire(key(1), 10, Deadline.after(Duration.ofMillis(300))))
                .hasMessage("Request Timeout");
        assertThat(cache.readers(key(1))).isZero();
        gaveUp.countDown();
        try (VersionCache.Lease lease = cache.acquire(key(1), 10, Deadline.after(LONG))) {
            assertThat(versionIn(lease)).isEqualTo("1");
        }
        assertThat(stopped.get()).isNull();
        assertThat(builds.get()).isEqualTo(1);
        assertThat(cache.builds()).isEqualTo(1);
    }

    @Test
    void aBuildPastTheDeadlineStopsFreesItsFolderAndIsNotKept() throws Exception {
        AtomicReference<RuntimeException> stoppedWith = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger builds = new AtomicInteger();
        VersionCache.Builder slow = (key, into, checkpoint) -> {
            if (builds.incrementAndGet() == 1) {
                // a build that never ends by itself: only the deadline stops it
                try {
                    while (true) {
                        into.write(dsg -> dsg.add(Quad.create(
                                NodeFactory.createURI("urn:g"),
                                NodeFactory.createURI("urn:s"),
                                NodeFactory.createURI("urn:p"),
                                NodeFactory.createLiteralString("x"))));
                        checkpoint.run();
                    }
                } catch (RuntimeException e) {
                    stoppedWith.set(e);
                    stopped.countDown();
                    throw e;
                }
            }
            into.write(dsg -> dsg.add(Quad.create(
                    NodeFactory.createURI("urn:g"),
                    NodeFactory.createURI("urn:version"),
                    NodeFactory.createURI("urn:p"),
                    NodeFactory.createLiteralString("1"))));
        };
        VersionCache cache = cache(1_000, 1, LONG, slow);
        assertThatThrownBy(() -> cache.acquire(key(1), 10, Deadline.after(Duration.ofMillis(300))))
                .isInstanceOfSatisfying(VersionRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.getMessage()).isEqualTo("Request Timeout");
                });
        // (a request arriving before the build stopped would join it and keep it going: single flight)
        stopped.await();
        assertThat(stoppedWith.get()).isInstanceOf(VersionRefusal.class);
        // The next request gets the build slot only once the stopped build has let it go, after its clean-up.
        try (VersionCache.Lease lease = cache.acquire(key(1), 10, Deadline.after(LONG))) {
            assertThat(builds.get()).isEqualTo(2);
            assertThat(versionIn(lease)).isEqualTo("1");
            assertThat(cache.folders()).hasSize(1);
            assertThat(cache.used()).isEqualTo(10);
        }
    }

    @Test
    void theLeastRecentlyUsedVersionGoesFirstButNeverOneBeingRead() throws Exception {
        Counting builder = new Counting().open();
        VersionCache cache = cache(25, 1, Duration.ZERO, builder);
        cache.acquire(key(1), 10, Deadline.after(LONG)).close();
        cache.acquire(key(2), 10, Deadline.after(LONG)).close();
        cache.acquire(key(1), 10, Deadline.after(LONG)).close(); // 1 is now more recent than 2
        cache.acquire(key(3), 10, Deadline.after(LONG)).close(); // room for 3: 2 goes
        assertThat(cache.builds()).isEqualTo(3);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.used()).isEqualTo(20);
        assertThat(cache.folders()).hasSize(2);
        cache.acquire(key(1), 10, Deadline.after(LONG)).close();
        assertThat(cache.builds()).isEqualTo(3);

        try (VersionCache.Lease one = cache.acquire(key(1), 10, Deadline.after(LONG));
                VersionCache.Lease three = cache.acquire(key(3), 10, Deadline.after(LONG))) {
            assertThatThrownBy(() -> cache.acquire(key(2), 10, Deadline.after(LONG)))
                    .isInstanceOfSatisfying(
                            VersionRefusal.class, r -> assertThat(r.status()).isEqualTo(503));
            assertThat(versionIn(one)).isEqualTo("1");
            assertThat(versionIn(three)).isEqualTo("3");
        }
        cache.acquire(key(2), 10, Deadline.after(LONG)).close();
        assertThat(cache.builds()).isEqualTo(4);
    }

    @Test
    void invalidatingADatasetDropsItsVersionsOnceNobodyReadsThem() throws Exception {
        Counting builder = new Counting().open();
        VersionCache cache = cache(1_000, 1, LONG, builder);
        cache.acquire(key(1), 10, Deadline.after(LONG)).close();
        VersionCache.Lease reading = cache.acquire(key(2), 10, Deadline.after(LONG));
        cache.invalidate("cube");
        assertThat(cache.folders()).hasSize(1);
        assertThat(versionIn(reading)).isEqualTo("2");
        reading.close();
        assertThat(cache.folders()).isEmpty();
        assertThat(cache.used()).isZero();
        cache.acquire(key(2), 10, Deadline.after(LONG)).close();
        assertThat(cache.builds()).isEqualTo(3);
    }

    @Test
    void whatACrashLeftInTheFolderIsSweptAtStartAndTheFolderEmptiedAtClose() throws Exception {
        Path leftover = Files.createDirectories(dir.resolve("built/cube-1-7"));
        Files.writeString(leftover.resolve("nodes.dat"), "half written");
        VersionCache cache = cache(1_000, 1, LONG, new Counting().open());
        assertThat(cache.folders()).isEmpty();
        cache.acquire(key(1), 10, Deadline.after(LONG)).close();
        assertThat(cache.folders()).hasSize(1);
        cache.close();
        assertThat(cache.folders()).isEmpty();
        assertThatThrownBy(() -> cache.acquire(key(1), 10, Deadline.after(LONG)))
                .isInstanceOf(VersionRefusal.class);
    }

    @Test
    void aFailedBuildReachesEveryWaiterAndLeavesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        VersionCache cache = cache(1_000, 1, LONG, (key, into, checkpoint) -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the version history is incomplete");
        });
        Future<VersionCache.Lease> a = pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG)));
        Future<VersionCache.Lease> b = pool.submit(() -> cache.acquire(key(1), 10, Deadline.after(LONG)));
        spinUntil(() -> cache.readers(key(1)) == 2);
        release.countDown();
        for (Future<VersionCache.Lease> f : List.of(a, b)) {
            assertThatThrownBy(f::get)
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the version history is incomplete");
        }
        assertThat(cache.builds()).isEqualTo(1);
        assertThat(cache.used()).isZero();
        assertThat(cache.folders()).isEmpty();
    }
}
