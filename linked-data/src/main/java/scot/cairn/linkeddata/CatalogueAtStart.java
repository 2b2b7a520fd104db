package scot.cairn.linkeddata;

import java.util.concurrent.CompletableFuture;

/**
 * Runs the VoID description and the catalogue once before the web server opens its port, so that
 * their first request after a start costs what the second does: they need nothing prepared (the
 * store keeps the counts; the metadata graphs are small), but the first run of their code loads
 * its classes ({@link CatalogueController#warm()}). Started when the bean is made, on a thread of
 * its own while Spring makes the others; the application waits for it ({@code catalogueBeforePort},
 * a {@link CompletableFuture} bean).
 */
final class CatalogueAtStart {
    private CatalogueAtStart() {}

    static CompletableFuture<Void> warm(CatalogueController catalogue) {
        CompletableFuture<Void> warming = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        catalogue.warm();
                        warming.complete(null);
                    } catch (Throwable e) {
                        warming.completeExceptionally(e);
                    }
                },
                "cairn-catalogue-warm");
        t.setDaemon(true);
        t.start();
        return warming;
    }
}
