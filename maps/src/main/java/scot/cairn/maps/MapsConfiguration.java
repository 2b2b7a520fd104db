package scot.cairn.maps;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** Maps over HTTP ({@link MapsController}) and the boundary layers over the application's store. */
@Configuration(proxyBeanMethods = false)
@Import(MapsController.class)
public class MapsConfiguration {

    @Bean
    MapLayers mapLayers(TripleStore store, UriScheme uris, StoreGeography geography) {
        return new MapLayers(store, uris, geography).warmUpInBackground();
    }
}
