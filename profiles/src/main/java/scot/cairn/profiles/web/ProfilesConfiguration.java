package scot.cairn.profiles.web;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextRefreshedEvent;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ProfileCatalogue;
import scot.cairn.profiles.ProfileEngine;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * Area profiles over HTTP ({@link ProfileController}): the profile engine over the application's
 * store, and the profiles read from {@code cairn.profiles.dir} (default
 * {@code cube-definitions/profiles}; an absent folder offers no profiles, an invalid file stops
 * start-up with its file, line and column). The application may provide a
 * {@link scot.cairn.profiles.LocalityDirectory}.
 *
 * <p>Before the port opens, the geography and the series tables saved in
 * {@code cairn.profiles.summaries-dir} (where they are kept across restarts; unset keeps them in
 * memory only) are loaded ({@link ProfilesAtStart}); once the application is ready, the series not
 * saved are read from the store, and every series is kept ready after each publication, so that no
 * request waits for them.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProfileController.class)
public class ProfilesConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ProfilesConfiguration.class);

    @Bean
    ProfileEngine profileEngine(
            TripleStore store,
            UriScheme uris,
            StoreGeography geography,
            @Value("${cairn.profiles.summaries-dir:}") String summaries) {
        return new ProfileEngine(store, uris, geography, summaries.isBlank() ? null : Path.of(summaries));
    }

    /** The geography and saved tables, loaded before the port opens: the application waits for this bean ({@link ProfilesAtStart}). */
    @Bean
    CompletableFuture<Void> profilesBeforePort(ProfileEngine engine, ProfileCatalogue catalogue) {
        return ProfilesAtStart.prepare(engine, catalogue);
    }

    /**
     * Reads the profiles' series once the context is refreshed (the web server has started by then),
     * in the background, off the port-opening path.
     */
    @Bean
    ApplicationListener<ContextRefreshedEvent> profileSeriesAtStart(ProfileEngine engine, ProfileCatalogue catalogue) {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        return event -> {
            if (started.compareAndSet(false, true)) {
                // ready() logs what it can recover from; anything else would otherwise vanish in the
                // future. The logging stage is the end of the chain: nothing waits for it.
                var unused = engine.prepare(catalogue.all()).whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.error("Reading the profile series at start failed", failure);
                    }
                });
            }
        };
    }

    @Bean
    ProfileCatalogue profileCatalogue(@Value("${cairn.profiles.dir:cube-definitions/profiles}") String dir) {
        return ProfileCatalogue.readFolder(Path.of(dir));
    }
}
