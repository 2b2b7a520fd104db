package scot.cairn.versions;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/** The versions of the server's store: reverse patches in {@code <cairn.data-dir>/versions}. */
@Configuration(proxyBeanMethods = false)
class VersionsConfiguration {

    @Bean
    Versions versions(TripleStore store, UriScheme uris, @Value("${cairn.data-dir:cairn-data}") Path dataDir,
                      @Value("${cairn.versions.cache-triples:2000000}") long cacheTriples) {
        return new Versions(store, uris, dataDir.resolve("versions"), cacheTriples);
    }
}
