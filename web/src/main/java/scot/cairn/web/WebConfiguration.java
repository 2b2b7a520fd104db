package scot.cairn.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The pages for people ({@code /}, {@code /datasets}, {@code /areas}, {@code /query},
 * {@code /tables}) and what they read from the store ({@link CatalogueReader},
 * {@link DatasetReader}, {@link AreaReader}). The application provides the store, URI scheme,
 * {@link scot.cairn.geography.StoreGeography}, {@link scot.cairn.profiles.ProfileCatalogue} and
 * optionally a {@link scot.cairn.profiles.LocalityDirectory}; and the error pages of the whole
 * application ({@link ErrorPages}).
 */
@Configuration(proxyBeanMethods = false)
@Import({
    CatalogueReader.class,
    DatasetReader.class,
    AreaReader.class,
    ProfileOffer.class,
    CataloguePages.class,
    DatasetPages.class,
    ToolPages.class,
    ErrorPages.class
})
public class WebConfiguration {

    /**
     * The least population of a custom area or locality the table builder states when
     * {@code cairn.tabulation.min-custom-population} is not set: the tabulation service's own
     * default (the server's tests hold the two equal), read without depending on tabulation.
     */
    public static final int DEFAULT_MIN_CUSTOM_POPULATION = 200;
}
