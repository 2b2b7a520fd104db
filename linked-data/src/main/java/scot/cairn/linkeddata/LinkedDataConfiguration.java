package scot.cairn.linkeddata;

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
    CatalogueAtStart.class,
    ReleaseCalendarController.class
})
public class LinkedDataConfiguration {}
