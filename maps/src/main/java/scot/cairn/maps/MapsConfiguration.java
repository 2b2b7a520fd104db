package scot.cairn.maps;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextRefreshedEvent;
import scot.cairn.geography.StoreGeography;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** Maps over HTTP ({@link MapsController}) and the boundary layers over the application's store. */
@Configuration(proxyBeanMethods = false)
@Import(MapsController.class)
public class MapsConfiguration {

    @Bean
    MapLayers mapLayers(TripleStore store, UriScheme uris, StoreGeography geography) {
        return new MapLayers(store, uris, geography);
    }

    /**
     * Builds the layers once the context is refreshed (the web server has started by then), in the
     * background: started with the bean, reading the geography took CPU from the port's opening
     * (measured on a 19.5 M-quad store, docs/BENCHMARKS.md "Start-up on a store of the real files").
     */
    @Bean
    ApplicationListener<ContextRefreshedEvent> mapLayersAtStart(MapLayers layers) {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        return event -> {
            if (started.compareAndSet(false, true)) {
                layers.warmUpInBackground();
            }
        };
    }
}
