package scot.cairn.tabulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;

/**
 * What the application gives the tabulation controller, small: {@link TestPopulation}'s persons
 * (60 a zone) in five data zones of one council, ingested into an in-memory store, with a
 * tabulator and the localities over it (default limits). For the {@code @WebMvcTest} slice in
 * {@code tabulation.web}; needs no real data.
 */
@Configuration(proxyBeanMethods = false)
public class SmallMicrodataFixture {
    public static final String COUNCIL = "S12000033";
    public static final List<String> ZONES = List.of("S01006506", "S01006507", "S01006508", "S01006509", "S01006510");

    @Bean
    AreaHierarchy tabulationAreaHierarchy() {
        Map<String, Map<AreaLevel, String>> parents = new LinkedHashMap<>();
        ZONES.forEach(z -> parents.put(z, Map.of(AreaLevel.COUNCIL, COUNCIL)));
        return AreaHierarchy.of(parents, Map.of());
    }

    @Bean(destroyMethod = "close")
    MicrodataStore microdataStore(AreaHierarchy geography) throws IOException {
        Path dir = Files.createTempDirectory("tabulation-slice");
        try {
            Path csv = TestPopulation.write(dir.resolve("persons.csv"), ZONES, 60, 5);
            MicrodataStore store = MicrodataStore.inMemory();
            store.ingest(TestPopulation.definition(), csv, geography);
            return store;
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    @Bean
    Tabulator tabulator(MicrodataStore store, AreaHierarchy geography) {
        return new Tabulator(store, geography, DisclosureSettings.defaults());
    }

    @Bean
    Localities localities(MicrodataStore store, AreaHierarchy geography) {
        return new Localities(store, geography, LocalityLimits.defaults());
    }
}
