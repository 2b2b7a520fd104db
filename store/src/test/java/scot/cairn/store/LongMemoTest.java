package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LongMemoTest {

    @Test
    void eachKeyIsComputedOnceAndKeepsItsValueThroughGrowth() {
        LongMemo<String> memo = new LongMemo<>();
        Map<Long, String> expected = new HashMap<>();
        AtomicInteger computed = new AtomicInteger();
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            // pointers (consecutive and scattered) and inline values (negative stored forms)
            long key = switch (i % 3) {
                case 0 -> i / 3;
                case 1 -> random.nextLong() & Long.MAX_VALUE;
                default -> Long.MIN_VALUE + 1 + random.nextInt(50_000);
            };
            String value = memo.get(key, k -> {
                computed.incrementAndGet();
                return "v" + k;
            });
            assertThat(value).isEqualTo("v" + key);
            expected.putIfAbsent(key, value);
        }
        assertThat(memo.size()).isEqualTo(expected.size());
        assertThat(computed.get()).isEqualTo(expected.size());
        // asked again, nothing is computed
        for (Map.Entry<Long, String> e : expected.entrySet()) {
            assertThat(memo.get(e.getKey(), k -> "recomputed")).isSameAs(e.getValue());
        }
        assertThat(computed.get()).isEqualTo(expected.size());
    }

    @Test
    void theEmptyMarkerIsRefusedAsAKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LongMemo<String>().get(NodeIds.NONE, k -> "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysThatCollideInTheTableAreKeptApart() {
        LongMemo<Long> memo = new LongMemo<>();
        // multiples of a large power of two: the same low bits before mixing
        for (long k = 0; k < 10_000; k++) {
            long key = k << 32;
            assertThat(memo.get(key, x -> x)).isEqualTo(key);
        }
        for (long k = 0; k < 10_000; k++) {
            assertThat(memo.get(k << 32, x -> -1L)).isEqualTo(k << 32);
        }
        assertThat(memo.size()).isEqualTo(10_000);
    }
}
