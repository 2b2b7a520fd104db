package scot.cairn.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.geography.StoreAreaHierarchy;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The store, URI scheme and published geography every feature shares. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    UriScheme uriScheme(CairnProperties properties) {
        return new UriScheme(properties.baseUri());
    }

    @Bean(destroyMethod = "close")
    TripleStore tripleStore(CairnProperties properties) {
        return TripleStore.open(properties.storeDir(), properties.store().tuning());
    }

    /** One reader of the geography for tabulation, profiles, maps and the pages, re-read once per store version. */
    @Bean
    StoreGeography storeGeography(TripleStore store, UriScheme uris) {
        return new StoreGeography(store, uris);
    }

    /** The published geography as the tabulation service's hierarchy. */
    @Bean
    AreaHierarchy tabulationAreaHierarchy(StoreGeography geography) {
        return new StoreAreaHierarchy(geography);
    }
}
