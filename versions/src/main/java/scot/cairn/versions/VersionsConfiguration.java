package scot.cairn.versions;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The versions of the server's store: reverse patches in {@code <cairn.data-dir>/versions},
 * earlier versions served within {@code cairn.versions.*} ({@link VersionLimits}, checked at start),
 * and their HTTP face ({@link VersionsController}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VersionLimits.class)
@Import(VersionsController.class)
public class VersionsConfiguration {

    @Bean(destroyMethod = "close")
    Versions versions(
            TripleStore store,
            UriScheme uris,
            @Value("${cairn.data-dir:cairn-data}") Path dataDir,
            VersionLimits limits) {
        return new Versions(store, uris, dataDir.resolve("versions"), limits);
    }
}
