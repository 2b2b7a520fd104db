package scot.cairn.linkeddata;

import java.util.concurrent.CompletableFuture;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Linked data: minted URIs dereferenced as pages and RDF, downloads and slices, the catalogue
 * (DCAT, VoID) and the release calendar. The application provides the {@link scot.cairn.store.TripleStore}
 * and {@link scot.cairn.vocab.UriScheme}.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    LinkedDataController.class,
    DownloadController.class,
    CatalogueController.class,
    ReleaseCalendarController.class
})
public class LinkedDataConfiguration {

    /** The catalogue's first run, before the port opens: the application waits for this bean ({@link CatalogueAtStart}). */
    @Bean
    CompletableFuture<Void> catalogueBeforePort(CatalogueController catalogue) {
        return CatalogueAtStart.warm(catalogue);
    }
}
