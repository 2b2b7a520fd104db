package scot.cairn.server.tabulation;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import scot.cairn.store.TripleStore;
import scot.cairn.tabulation.AreaHierarchy;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.MicrodataStore;
import scot.cairn.tabulation.Tabulator;
import scot.cairn.vocab.UriScheme;

/**
 * The tabulation service: its private DuckDB file ({@code <data-dir>/tabulation/microdata.duckdb},
 * never the triple store) and the disclosure settings. Defaults are in tabulation/README.md;
 * each can be set as {@code cairn.tabulation.*}.
 */
@Configuration(proxyBeanMethods = false)
class TabulationConfiguration {

    @Bean(destroyMethod = "close")
    MicrodataStore microdataStore(@Value("${cairn.data-dir:cairn-data}") Path dataDir) {
        return MicrodataStore.open(dataDir.resolve("tabulation").resolve("microdata.duckdb"));
    }

    @Bean
    AreaHierarchy tabulationAreaHierarchy(TripleStore store, UriScheme uris) {
        return new StoreAreaHierarchy(store, uris);
    }

    @Bean
    Tabulator tabulator(MicrodataStore microdata, AreaHierarchy tabulationAreaHierarchy,
                        @Value("${cairn.tabulation.min-custom-population:200}") int minCustomPopulation,
                        @Value("${cairn.tabulation.max-variables:4}") int maxVariables,
                        @Value("${cairn.tabulation.max-categories:100}") int maxCategories,
                        @Value("${cairn.tabulation.max-cells:2500000}") long maxCells,
                        @Value("${cairn.tabulation.sparse-count:3}") int sparseCount,
                        @Value("${cairn.tabulation.max-sparse-share:0.5}") double maxSparseShare) {
        DisclosureSettings settings = DisclosureSettings.defaults()
                .withMinCustomPopulation(minCustomPopulation)
                .withLimits(maxVariables, maxCategories, maxCells)
                .withSparsity(sparseCount, maxSparseShare);
        return new Tabulator(microdata, tabulationAreaHierarchy, settings);
    }
}
