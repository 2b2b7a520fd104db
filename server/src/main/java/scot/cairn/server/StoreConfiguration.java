package scot.cairn.server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The store and URI scheme every feature shares. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    UriScheme uriScheme(CairnProperties properties) {
        return new UriScheme(properties.baseUri());
    }

    @Bean(destroyMethod = "close")
    TripleStore tripleStore(CairnProperties properties) {
        return TripleStore.open(properties.storeDir());
    }
}
