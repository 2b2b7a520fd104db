package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.tabulation.differencing.DifferencingSettings;
import scot.cairn.testsupport.MutableClock;
import scot.cairn.vocab.AreaLevel;

/**
 * Count tables computed from the in-memory columns are exactly the tables DuckDB computes: the
 * same cells, counts, flags and blocked areas, for every shape of request (levels, lists of areas
 * at several levels, custom areas, localities, filters on crossed and on other variables, no
 * variables, four variables), and again after a re-ingest replaces the data.
 */
class InMemoryCountsTest {
    static final String ABERDEEN = "S12000033";
    static final String ABERDEENSHIRE = "S12000034";

    /** The differencing rule is not what this test is about: it counts user-defined areas of any shape. */
    static final DisclosureSettings SETTINGS = DisclosureSettings.defaults()
            .withDifferencing(new DifferencingSettings(DifferencingSettings.BuildingBlocks.DATA_ZONE, 1, 0));

    @TempDir
    static Path dir;

    static MicrodataStore store;
    static AreaHierarchy geography;
    static List<String> zones;
    static Tabulator inMemory;
    static Tabulator inDuckDb;

    @BeforeAll
    static void ingest() throws Exception {
        geography = TestGeography.scotland();
        zones = new ArrayList<>(TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEEN));
        zones.addAll(TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEENSHIRE));
        store = MicrodataStore.inMemory();
        store.ingest(
                TestPopulation.definition(), TestPopulation.write(dir.resolve("persons.csv"), zones, 40, 9), geography);
        inMemory = new Tabulator(store, geography, SETTINGS, 0, Tabulator.DEFAULT_MEMORY_RECORDS);
        inDuckDb = new Tabulator(store, geography, SETTINGS, 0, 0);
        assertThat(inMemory.preload("persons")).isTrue();
        assertThat(inDuckDb.preload("persons")).isFalse();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static List<TabulationRequest> requests() {
        String iz = geography.parent(zones.get(0), AreaLevel.INTERMEDIATE_ZONE).orElseThrow();
        List<String> custom = zones.subList(3, 40);
        return List.of(
                TabulationRequest.counts("persons", List.of("sex", "age", "health"), Geography.level("council")),
                TabulationRequest.counts("persons", List.of("health", "sex"), Geography.level("data-zone")),
                TabulationRequest.counts("persons", List.of("age"), Geography.level("intermediate-zone")),
                TabulationRequest.counts("persons", List.of(), Geography.level("ward")),
                TabulationRequest.counts(
                        "persons", List.of("sex", "age", "health", "ethnic"), Geography.level("health-board")),
                TabulationRequest.counts(
                        "persons", List.of("age", "ethnic"), Geography.areas(List.of(iz, ABERDEEN, zones.get(7)))),
                TabulationRequest.counts("persons", List.of("sex", "health"), Geography.custom("Part", custom)),
                TabulationRequest.counts("persons", List.of("sex", "age"), Geography.locality("north"))
                        .withFilters(Map.of("health", List.of("1", "2"))),
                TabulationRequest.counts("persons", List.of("age", "health"), Geography.level("council"))
                        .withFilters(Map.of("health", List.of("4", "5", "3"), "ethnic", List.of("1", "3", "4"))),
                TabulationRequest.counts("persons", List.of("ethnic"), Geography.level("data-zone"))
                        .withFilters(Map.of("sex", List.of("2"))));
    }

    @Test
    void everyRequestShapeGivesTheSameTableAsDuckDb() {
        new Localities(store, geography, LocalityLimits.defaults())
                .create("North", zones.subList(100, 180), Client.anonymous("10.0.0.1"));
        for (TabulationRequest r : requests()) {
            TabulationResult a = inMemory.tabulate(r);
            TabulationResult b = inDuckDb.tabulate(r);
            assertThat(a.cells()).as("%s", r).isNotEmpty().isEqualTo(b.cells());
            assertThat(a.blocked()).as("%s", r).isEqualTo(b.blocked());
            assertThat(a.rules()).as("%s", r).isEqualTo(b.rules());
            assertThat(a.cells()).as("%s", r).anyMatch(c -> c.count() != null && c.count() > 0);
        }
        // The data-zone table of ethnic group among women blocks sparse zones: both ways alike, and some are blocked.
        assertThat(inMemory.tabulate(requests().get(9)).blocked()).isNotEmpty();
    }

    @Test
    void countTablesAreComputedByDuckDbUntilTheColumnsAreReadInTheBackground() throws Exception {
        Tabulator fresh = new Tabulator(store, geography, SETTINGS, 0, Tabulator.DEFAULT_MEMORY_RECORDS);
        TabulationRequest r = requests().get(0);
        TabulationResult first = fresh.tabulate(r);
        assertThat(first.cells()).isEqualTo(inDuckDb.tabulate(r).cells());
        // The second count table sets off the read, and is computed by DuckDB meanwhile.
        assertThat(fresh.tabulate(requests().get(1)).cells())
                .isEqualTo(inDuckDb.tabulate(requests().get(1)).cells());
        // preload waits for (or does) the read; afterwards the same table comes from memory, unchanged.
        assertThat(fresh.preload("persons")).isTrue();
        assertThat(fresh.tabulate(r).cells()).isEqualTo(first.cells());
        // A dataset above the limit is never copied.
        Tabulator small = new Tabulator(store, geography, SETTINGS, 0, 10);
        assertThat(small.preload("persons")).isFalse();
        assertThat(small.tabulate(r).cells()).isEqualTo(first.cells());
    }

    @Test
    void theMinimumPopulationRefusesSmallCustomAreasBothWays() {
        TabulationRequest small = TabulationRequest.counts(
                "persons",
                List.of("sex"),
                Geography.custom("Two zones", List.of(zones.get(0), zones.get(1), zones.get(1))));
        assertThatThrownBy(() -> inMemory.tabulate(small))
                .isInstanceOf(TabulationRefusedException.class)
                .hasMessageContaining("fewer than 200");
        assertThatThrownBy(() -> inDuckDb.tabulate(small))
                .isInstanceOf(TabulationRefusedException.class)
                .hasMessageContaining("fewer than 200");
        // Five zones of 40 persons hold 200 (the duplicate zone is not counted twice): allowed both ways.
        TabulationRequest five = TabulationRequest.counts(
                "persons",
                List.of("sex"),
                Geography.custom(
                        "Five zones",
                        List.of(zones.get(0), zones.get(1), zones.get(2), zones.get(3), zones.get(4), zones.get(4))));
        assertThat(inMemory.tabulate(five).cells())
                .isEqualTo(inDuckDb.tabulate(five).cells());
    }

    @Test
    void aReIngestIsSeenByTheInMemoryColumns() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        MicrodataStore other = MicrodataStore.inMemory(RecordKeySecret.random(), clock);
        try (other) {
            other.ingest(
                    TestPopulation.definition(), TestPopulation.write(dir.resolve("a.csv"), zones, 20, 1), geography);
            Tabulator mem = new Tabulator(other, geography, SETTINGS, 0, Tabulator.DEFAULT_MEMORY_RECORDS);
            Tabulator sql = new Tabulator(other, geography, SETTINGS, 0, 0);
            TabulationRequest r =
                    TabulationRequest.counts("persons", List.of("sex", "age"), Geography.level("council"));
            assertThat(mem.preload("persons")).isTrue();
            TabulationResult before = mem.tabulate(r);
            clock.advance(Duration.ofSeconds(1)); // ingest times are the columns' version
            other.ingest(
                    TestPopulation.definition(), TestPopulation.write(dir.resolve("b.csv"), zones, 30, 2), geography);
            assertThat(mem.preload("persons")).isTrue();
            TabulationResult after = mem.tabulate(r);
            assertThat(after.cells())
                    .isNotEqualTo(before.cells())
                    .isEqualTo(sql.tabulate(r).cells());
            assertThat(after.cell(ABERDEEN, Cell.TOTAL, Cell.TOTAL)
                            .orElseThrow()
                            .count())
                    .isBetween(
                            30L
                                            * TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEEN)
                                                    .size()
                                    - 5,
                            30L
                                            * TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEEN)
                                                    .size()
                                    + 5);
        }
    }
}
