package scot.cairn.maps;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The boundary layers over the application's store. */
@Configuration(proxyBeanMethods = false)
class MapsConfiguration {

    @Bean
    MapLayers mapLayers(TripleStore store, UriScheme uris, StoreGeography geography) {
        return new MapLayers(store, uris, geography).warmUpInBackground();
    }
}
