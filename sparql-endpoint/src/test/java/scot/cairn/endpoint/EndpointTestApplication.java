package scot.cairn.endpoint;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The endpoint's controllers in a real embedded server, over an in-memory store holding {@link Fixture}. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(SparqlEndpointConfiguration.class)
public class EndpointTestApplication {

    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        TripleStore store = TripleStore.inMemory();
        Fixture.load(store);
        return store;
    }

    @Bean
    UriScheme uriScheme() {
        return UriScheme.defaultScheme();
    }
}
