package scot.cairn.endpoint;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import scot.cairn.store.TripleStore;

/** Wires the public SPARQL endpoint: limits from {@code cairn.sparql.*}, the watchdog, the response cache. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SparqlProperties.class)
class EndpointConfiguration {

    @Bean(destroyMethod = "close")
    Watchdog sparqlWatchdog() {
        return new Watchdog();
    }

    @Bean
    ClientLimiter sparqlClientLimiter(SparqlProperties limits) {
        return new ClientLimiter(limits.maxConcurrentPerClient(), limits.maxConcurrent(), limits.queueTimeout());
    }

    @Bean
    ResponseCache sparqlResponseCache(SparqlProperties limits, TripleStore store) {
        ResponseCache cache = new ResponseCache(limits.cacheBytes().toBytes());
        // Keys carry the store version, so stale entries are never served; dropping them at once frees memory.
        store.onChange(cache::invalidateAll);
        return cache;
    }

    @Bean
    SparqlExecutor sparqlExecutor(TripleStore store, SparqlProperties limits, Watchdog watchdog) {
        return new SparqlExecutor(store.datasetGraph(), limits, watchdog, store.optimizer().rewriteFactory(),
                store.optimizer().executorFactory());
    }
}
