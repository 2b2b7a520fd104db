package scot.cairn.profiles.web;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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
 */
@Configuration(proxyBeanMethods = false)
@Import(ProfileController.class)
public class ProfilesConfiguration {

    @Bean
    ProfileEngine profileEngine(TripleStore store, UriScheme uris, StoreGeography geography) {
        return new ProfileEngine(store, uris, geography);
    }

    @Bean
    ProfileCatalogue profileCatalogue(@Value("${cairn.profiles.dir:cube-definitions/profiles}") String dir) {
        return ProfileCatalogue.readFolder(Path.of(dir));
    }
}
