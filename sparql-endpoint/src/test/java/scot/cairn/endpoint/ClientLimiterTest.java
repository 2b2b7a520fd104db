package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientLimiterTest {

    @Test
    void aClientOverItsCapIsRefusedWith429WhileOthersAreAdmitted() {
        ClientLimiter limiter = new ClientLimiter(2, 10, Duration.ZERO);
        ClientLimiter.Slot a1 = limiter.acquire("a");
        ClientLimiter.Slot a2 = limiter.acquire("a");
        assertThatThrownBy(() -> limiter.acquire("a"))
                .isInstanceOfSatisfying(
                        SparqlFailure.class, f -> assertThat(f.status()).isEqualTo(429))
                .hasMessage("Too many concurrent queries from your address (limit 2): wait for one to finish");
        try (ClientLimiter.Slot b = limiter.acquire("b")) {
            assertThat(limiter.running("b")).isEqualTo(1);
        }
        a1.close();
        assertThat(limiter.running("a")).isEqualTo(1);
        limiter.acquire("a").close();
        a2.close();
        assertThat(limiter.running("a")).isZero();
        assertThat(limiter.running("b")).isZero();
    }

    @Test
    void whenTheEndpointIsFullAQueryWaitsThenGets503AndGivesBackItsClientSlot() {
        ClientLimiter limiter = new ClientLimiter(4, 1, Duration.ofMillis(50));
        try (ClientLimiter.Slot held = limiter.acquire("a")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> limiter.acquire("b"))
                    .isInstanceOfSatisfying(
                            SparqlFailure.class, f -> assertThat(f.status()).isEqualTo(503))
                    .hasMessageStartingWith("Server busy");
            assertThat(System.nanoTime() - start)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(45).toNanos());
            assertThat(limiter.running("b")).isZero();
        }
        limiter.acquire("b").close();
    }

    @Test
    void limitsBelowOneAreRejected() {
        assertThatThrownBy(() -> new ClientLimiter(0, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
