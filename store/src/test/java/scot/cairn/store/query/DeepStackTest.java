package scot.cairn.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.Test;

class DeepStackTest {

    /** Recurses {@code n} deep. */
    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    @Test
    void workTooDeepForARequestThreadRunsOnTheDeepStack() {
        try (DeepStack deep = new DeepStack("test", 2)) {
            StringBuilder union = new StringBuilder("SELECT * WHERE { ");
            for (int i = 0; i < 5_000; i++) {
                union.append(i == 0 ? "" : " UNION ")
                        .append("{ ?s <urn:p")
                        .append(i)
                        .append("> ?o }");
            }
            String text = union.append(" }").toString();
            assertThat(deep.call(
                            RuntimeException.class,
                            () -> org.apache.jena.sparql.algebra.Algebra.optimize(
                                            org.apache.jena.sparql.algebra.Algebra.compile(QueryFactory.create(text)))
                                    != null))
                    .isTrue();
            assertThat(deep.call(RuntimeException.class, () -> depth(50_000))).isEqualTo(50_000);
        }
    }

    @Test
    void anOverflowEvenThereIsRefusedAsTooDeepAndTheThreadsLiveOn() {
        try (DeepStack deep = new DeepStack("test", 1)) {
            assertThatThrownBy(() -> deep.call(RuntimeException.class, () -> depth(Integer.MAX_VALUE)))
                    .isInstanceOf(DeepStack.TooDeep.class)
                    .hasMessageStartingWith("Query too deeply nested");
            int parens = 500_000;
            assertThatThrownBy(() -> deep.call(
                            RuntimeException.class,
                            () -> QueryFactory.create(
                                    "ASK { FILTER(" + "(".repeat(parens) + "1" + ")".repeat(parens) + ") }")))
                    .isInstanceOf(DeepStack.TooDeep.class);
            assertThat(deep.call(RuntimeException.class, () -> depth(10))).isEqualTo(10);
        }
    }

    @Test
    void theWorksOwnExceptionsComeBackUnchanged() {
        try (DeepStack deep = new DeepStack("test", 1)) {
            assertThatThrownBy(() -> deep.call(IOException.class, () -> {
                        throw new IOException("disk");
                    }))
                    .isInstanceOf(IOException.class)
                    .hasMessage("disk");
            assertThatThrownBy(() -> deep.call(RuntimeException.class, () -> {
                        throw new IllegalArgumentException("bad");
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bad");
        }
    }
}
