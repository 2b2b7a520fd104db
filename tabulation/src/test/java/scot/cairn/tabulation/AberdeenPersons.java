package scot.cairn.tabulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;

/**
 * The shared fixture of {@link TabulatorTest} and {@link CustomTableShapesTest}: a synthetic
 * population (60 persons a zone) in the real 2011 data zones of Aberdeen City and Aberdeenshire,
 * ingested in memory, and a tabulator with the default disclosure settings.
 */
record AberdeenPersons(AreaHierarchy geography, List<String> aberdeenZones, MicrodataStore store, Tabulator tabulator)
        implements AutoCloseable {
    static final String ABERDEEN = "S12000033";
    static final String ABERDEENSHIRE = "S12000034";

    /** Writes the persons' CSV in {@code dir} and ingests it. */
    static AberdeenPersons ingest(Path dir) throws Exception {
        AreaHierarchy geography = TestGeography.scotland();
        List<String> aberdeen = TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEEN);
        List<String> zones = new ArrayList<>(aberdeen);
        zones.addAll(TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEENSHIRE));
        Path csv = TestPopulation.write(dir.resolve("persons.csv"), zones, 60, 5);
        MicrodataStore store = MicrodataStore.inMemory();
        store.ingest(TestPopulation.definition(), csv, geography);
        return new AberdeenPersons(
                geography, aberdeen, store, new Tabulator(store, geography, DisclosureSettings.defaults()));
    }

    @Override
    public void close() {
        store.close();
    }
}
