package scot.cairn.profiles.web;

import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ExampleStore;
import scot.cairn.profiles.Locality;
import scot.cairn.profiles.LocalityDirectory;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * What the application gives the profile controller: the example store, its {@link UriScheme} and
 * {@link StoreGeography}, and one locality. Used by the full context ({@link ProfilesTestApplication})
 * and by the {@code @WebMvcTest} slice ({@link ProfileControllerTest}).
 */
@Configuration(proxyBeanMethods = false)
class ProfilesFixture {

    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        return ExampleStore.open();
    }

    @Bean
    UriScheme uriScheme() {
        return ExampleStore.URIS;
    }

    @Bean
    StoreGeography storeGeography(TripleStore store) {
        return new StoreGeography(store, ExampleStore.URIS);
    }

    @Bean
    LocalityDirectory localities() {
        Locality l = new Locality(
                "currie-and-culter", "Currie and Culter", List.of("S01006506", "S01006507", "S01008429", "S01008430"));
        return id -> id.equals(l.id()) ? Optional.of(l) : Optional.empty();
    }
}
