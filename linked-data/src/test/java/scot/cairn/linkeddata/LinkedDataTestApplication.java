package scot.cairn.linkeddata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The linked-data controllers alone, on an in-memory store holding {@code fixture.trig}: two
 * datasets in the statistics.gov.scot cube shape minted under a base whose host differs from
 * the test server's, to show that the base decides the URI and the request path finds it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(LinkedDataConfiguration.class)
public class LinkedDataTestApplication {
    public static final String BASE = "http://data.example.scot/";

    @Bean
    UriScheme uriScheme() {
        return new UriScheme(BASE);
    }

    @Bean(destroyMethod = "close")
    TripleStore tripleStore() {
        TripleStore store = TripleStore.inMemory();
        store.write(dsg -> {
            try (InputStream in = LinkedDataTestApplication.class.getResourceAsStream("fixture.trig")) {
                RDFParser.source(in).lang(Lang.TRIG).parse(dsg);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return store;
    }
}
