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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean
    UriScheme uriScheme(CairnProperties properties) {
        return new UriScheme(properties.baseUri());
    }

    @Bean(destroyMethod = "close")
    TripleStore tripleStore(CairnProperties properties) {
        return TripleStore.open(properties.storeDir(), properties.store().tuning());
    }

    /**
     * One reader of the geography for tabulation, profiles, maps and the pages, re-read once per
     * store version. Read at once, on a thread of its own, while Spring makes the other beans: the
     * profiles wait for it before the port opens ({@code ProfilesAtStart}), and the maps after.
     */
    @Bean
    StoreGeography storeGeography(TripleStore store, UriScheme uris) {
        StoreGeography geography = new StoreGeography(store, uris);
        Thread read = new Thread(
                () -> {
                    try {
                        geography.current();
                    } catch (RuntimeException e) {
                        LOG.warn("Reading the geography at start failed; its first user will read it", e);
                    }
                },
                "cairn-geography");
        read.setDaemon(true);
        read.start();
        return geography;
    }

    /** The published geography as the tabulation service's hierarchy. */
    @Bean
    AreaHierarchy tabulationAreaHierarchy(StoreGeography geography) {
        return new StoreAreaHierarchy(geography);
    }
}
