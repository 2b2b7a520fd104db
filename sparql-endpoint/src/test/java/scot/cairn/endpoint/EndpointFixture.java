package scot.cairn.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import scot.cairn.store.StoreTuning;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * What the application gives the endpoint: an in-memory store holding {@link Fixture} and the
 * {@link UriScheme}. Used by the full context ({@link EndpointTestApplication}) and by the
 * {@code @WebMvcTest} slices.
 */
@Configuration(proxyBeanMethods = false)
class EndpointFixture {

    /** The store's scratch folder (where large results spill) is this context's own, so tests can see what is left in it. */
    @Bean(destroyMethod = "close")
    TripleStore tripleStore() throws IOException {
        java.nio.file.Path scratch = Files.createTempDirectory("cairn-endpoint-it-scratch");
        scratch.toFile().deleteOnExit(); // empty once every spill file is deleted, as the tests check
        TripleStore store = TripleStore.inMemory(StoreTuning.defaults().withSortDir(scratch));
        Fixture.load(store);
        return store;
    }

    @Bean
    UriScheme uriScheme() {
        return UriScheme.defaultScheme();
    }
}
