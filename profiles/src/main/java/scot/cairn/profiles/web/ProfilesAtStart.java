package scot.cairn.profiles.web;

import java.util.concurrent.CompletableFuture;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileEngine;

/**
 * What the profiles prepare before the web server opens its port, so that the first profile
 * request after a start answers as fast as the second: the geography snapshot and the saved series
 * tables ({@link ProfileEngine#loadSaved}), on the engine's own thread from the moment the bean is
 * made. The application waits for it ({@code profilesBeforePort}, a {@link CompletableFuture} bean).
 * Nothing is read from the store's datasets here: tables that were not saved are read after the
 * port opens, and a request that needs one waits for it.
 */
final class ProfilesAtStart {
    private ProfilesAtStart() {}

    static CompletableFuture<Void> prepare(ProfileEngine engine, ProfileCatalogue catalogue) {
        return catalogue.all().isEmpty() ? CompletableFuture.completedFuture(null) : engine.loadSaved(catalogue.all());
    }
}
