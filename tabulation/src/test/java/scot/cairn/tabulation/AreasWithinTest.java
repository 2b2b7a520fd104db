package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.vocab.AreaLevel;

/** "The data zones of Aberdeen City": a level's areas inside one larger area, on the real 2011 geography. */
class AreasWithinTest {
    static final String ABERDEEN = "S12000033";
    static final String ABERDEENSHIRE = "S12000034";

    @TempDir
    static Path dir;
    static MicrodataStore store;
    static Tabulator tabulator;
    static AreaHierarchy geography;
    static List<String> aberdeenZones;

    @BeforeAll
    static void ingest() throws Exception {
        geography = TestGeography.scotland();
        aberdeenZones = TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEEN);
        List<String> zones = new ArrayList<>(aberdeenZones);
        zones.addAll(TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEENSHIRE));
        store = MicrodataStore.inMemory();
        store.ingest(TestPopulation.definition(), TestPopulation.write(dir.resolve("persons.csv"), zones, 60, 5), geography);
        tabulator = new Tabulator(store, geography, DisclosureSettings.defaults());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void theDataZonesOfACouncilAreThoseOfTheLevelTableInsideIt() {
        TabulationResult within = tabulator.tabulate(TabulationRequest.counts("persons", List.of("sex"), Geography.levelWithin("data-zone", ABERDEEN)));
        assertThat(within.areas()).extracting(TabulationResult.AreaInfo::code).containsExactlyElementsOf(aberdeenZones.stream().sorted().toList());
        TabulationResult all = tabulator.tabulate(TabulationRequest.counts("persons", List.of("sex"), Geography.level("data-zone")));
        for (String z : aberdeenZones.subList(0, 10)) {
            for (String s : List.of("1", "2", Cell.TOTAL)) {
                assertThat(within.cell(z, s).orElseThrow().count()).isEqualTo(all.cell(z, s).orElseThrow().count());
            }
        }
    }

    @Test
    void theIntermediateZonesOfACouncilAndTheDataZonesOfAnIntermediateZone() {
        TabulationResult izs = tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.levelWithin("S02", ABERDEEN)));
        List<String> expected = aberdeenZones.stream().map(z -> geography.parent(z, AreaLevel.INTERMEDIATE_ZONE).orElseThrow()).distinct().sorted().toList();
        assertThat(izs.areas()).extracting(TabulationResult.AreaInfo::code).containsExactlyElementsOf(expected);
        String iz = expected.get(0);
        TabulationResult dzs = tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.levelWithin("data-zone", iz)));
        assertThat(dzs.areas()).extracting(TabulationResult.AreaInfo::code)
                .containsExactlyElementsOf(TestGeography.zonesOf(geography, AreaLevel.INTERMEDIATE_ZONE, iz).stream().sorted().toList());
    }

    @Test
    void aParentThatIsNoLargerAreaOfTheDatasetIsABadRequestInWords() {
        assertThatThrownBy(() -> tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.levelWithin("council", ABERDEEN))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not an area of the dataset's geography above Council");
        assertThatThrownBy(() -> tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.levelWithin("data-zone", "S12999999"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("S12999999");
        assertThatThrownBy(() -> tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.levelWithin("data-zone", "Aberdeen"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must be an area code");
        assertThatThrownBy(() -> new Geography(null, null, null, null, null, ABERDEEN))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exactly one of");
    }

    @Test
    void withinIsReadFromJsonAndKeptApartInTheCache() throws Exception {
        TabulationRequest r = new ObjectMapper().readValue(
                "{\"dataset\":\"persons\",\"geography\":{\"level\":\"data-zone\",\"within\":\"" + ABERDEEN + "\"}}", TabulationRequest.class);
        assertThat(r.geography().within()).isEqualTo(ABERDEEN);
        assertThat(tabulator.tabulate(r).areas()).hasSize(aberdeenZones.size());
        assertThat(tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.level("data-zone"))).areas())
                .hasSize(geography.dataZones().size());
    }
}
