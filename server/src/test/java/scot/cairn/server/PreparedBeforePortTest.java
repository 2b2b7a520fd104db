package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The port opens only after every feature's preparation has ended, whether it succeeded or failed. */
class PreparedBeforePortTest {

    @Test
    void startWaitsForEveryPreparationAndGoesOnAfterAFailedOne() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new IllegalStateException("no geography"));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("slowBeforePort", slow);
        beans.registerSingleton("failedBeforePort", failed);
        beans.registerSingleton("notAPreparation", "text");
        PreparedBeforePort port = new PreparedBeforePort(beans);

        Thread starting = new Thread(port::start);
        starting.start();
        assertThat(port.isRunning())
                .as("the port stays closed while a preparation runs")
                .isFalse();
        waiting.countDown();
        starting.join();

        assertThat(slow).isDone();
        assertThat(port.isRunning()).isTrue();
    }
}
