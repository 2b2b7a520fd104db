package scot.cairn.profiles.web;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.ExampleStore;
import scot.cairn.profiles.Locality;
import scot.cairn.profiles.LocalityDirectory;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The profile controllers in a real embedded server over the example store, with one locality. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ProfilesConfiguration.class)
public class ProfilesTestApplication {

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
