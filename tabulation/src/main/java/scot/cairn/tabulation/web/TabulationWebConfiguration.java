package scot.cairn.tabulation.web;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.Localities;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.Tabulator;

/**
 * The tabulation service over HTTP ({@link TabulationController}): its private DuckDB file
 * ({@code <data-dir>/tabulation/microdata.duckdb}, never the triple store, opened by
 * {@link MicrodataStartup} after the port opens) and the disclosure settings. The store and the tabulator are lazy beans: users reach them through an
 * {@link org.springframework.beans.factory.ObjectProvider}, so nothing on the start-up path waits
 * for DuckDB. The disclosure limits and the in-memory counting are {@link TabulationProperties}
 * ({@code cairn.tabulation.*}). The application provides the {@link AreaHierarchy} (the published
 * geography, {@link scot.cairn.geography.StoreAreaHierarchy}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TabulationProperties.class, LocalityProperties.class, TabulationClientProperties.class})
@Import(TabulationController.class)
public class TabulationWebConfiguration {

    @Bean(destroyMethod = "close")
    MicrodataStartup microdataStartup(
            @Value("${cairn.data-dir:cairn-data}") Path dataDir,
            AreaHierarchy tabulationAreaHierarchy,
            @Value("${cairn.examples:true}") boolean examples) {
        return new MicrodataStartup(
                dataDir.resolve("tabulation").resolve("microdata.duckdb"), tabulationAreaHierarchy, examples);
    }

    /** Lazy: the store opens off the start-up path; the first user waits for it. */
    @Bean(destroyMethod = "")
    @Lazy
    MicrodataStore microdataStore(MicrodataStartup startup) {
        return startup.await();
    }

    /** Lazy like the store it writes to. */
    @Bean
    @Lazy
    Localities localities(
            MicrodataStore microdata, AreaHierarchy tabulationAreaHierarchy, LocalityProperties properties) {
        return new Localities(microdata, tabulationAreaHierarchy, properties.limits());
    }

    /** {@code cairn.tabulation.cache-size}: results kept for repeated requests (default 2,000; 0 for none, as benchmarks need). */
    @Bean
    @Lazy
    Tabulator tabulator(
            MicrodataStore microdata,
            AreaHierarchy tabulationAreaHierarchy,
            TabulationProperties properties,
            @Value("${cairn.tabulation.cache-size:2000}") long cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cairn.tabulation.cache-size must be 0 or more, got " + cacheSize);
        }
        return new Tabulator(
                microdata,
                tabulationAreaHierarchy,
                properties.disclosureSettings(),
                cacheSize,
                properties.memoryRecords(),
                properties.clientLimits());
    }
}
