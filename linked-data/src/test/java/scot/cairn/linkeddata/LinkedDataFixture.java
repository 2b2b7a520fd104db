package scot.cairn.linkeddata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * What the application gives the linked-data controllers: the {@link UriScheme} and an in-memory
 * store holding {@code fixture.trig} (two datasets in the statistics.gov.scot cube shape, minted
 * under a base whose host differs from the test server's). Used by the full context
 * ({@link LinkedDataTestApplication}) and by the {@code @WebMvcTest} slices of one controller.
 */
@Configuration(proxyBeanMethods = false)
class LinkedDataFixture {
    static final String BASE = "http://data.example.scot/";

    @Bean
    UriScheme uriScheme() {
        return new UriScheme(BASE);
    }

    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        TripleStore store = TripleStore.inMemory();
        store.write(dsg -> {
            try (InputStream in = LinkedDataFixture.class.getResourceAsStream("fixture.trig")) {
                RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return store;
    }
}
