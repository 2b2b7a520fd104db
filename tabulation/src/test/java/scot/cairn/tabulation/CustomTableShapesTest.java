package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.vocab.AreaLevel;

/**
 * The shapes of table an analyst asks for beyond a level's areas, on the real 2011 geography:
 * "the data zones of Aberdeen City" (a level's areas inside one larger area), and categories
 * grouped before disclosure control (age bands).
 */
class CustomTableShapesTest {
    static final String ABERDEEN = AberdeenPersons.ABERDEEN;
    static final String ABERDEENSHIRE = AberdeenPersons.ABERDEENSHIRE;

    @TempDir
    static Path dir;

    static AberdeenPersons persons;
    static MicrodataStore store;
    static Tabulator tabulator;
    static AreaHierarchy geography;
    static List<String> aberdeenZones;

    @BeforeAll
    static void ingest() throws Exception {
        persons = AberdeenPersons.ingest(dir);
        geography = persons.geography();
        aberdeenZones = persons.aberdeenZones();
        store = persons.store();
        tabulator = persons.tabulator();
    }

    @AfterAll
    static void close() {
        persons.close();
    }

    @Test
    void theDataZonesOfACouncilAreThoseOfTheLevelTableInsideIt() {
        TabulationResult within = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of("sex"), Geography.levelWithin("data-zone", ABERDEEN)));
        assertThat(within.areas())
                .extracting(TabulationResult.AreaInfo::code)
                .containsExactlyElementsOf(aberdeenZones.stream().sorted().toList());
        TabulationResult all =
                tabulator.tabulate(TabulationRequest.counts("persons", List.of("sex"), Geography.level("data-zone")));
        for (String z : aberdeenZones.subList(0, 10)) {
            for (String s : List.of("1", "2", Cell.TOTAL)) {
                assertThat(within.cell(z, s).orElseThrow().count())
                        .isEqualTo(all.cell(z, s).orElseThrow().count());
            }
        }
    }

    @Test
    void theIntermediateZonesOfACouncilAndTheDataZonesOfAnIntermediateZone() {
        TabulationResult izs = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of(), Geography.levelWithin("S02", ABERDEEN)));
        List<String> expected = aberdeenZones.stream()
                .map(z -> geography.parent(z, AreaLevel.INTERMEDIATE_ZONE).orElseThrow())
                .distinct()
                .sorted()
                .toList();
        assertThat(izs.areas()).extracting(TabulationResult.AreaInfo::code).containsExactlyElementsOf(expected);
        String iz = expected.get(0);
        TabulationResult dzs = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of(), Geography.levelWithin("data-zone", iz)));
        assertThat(dzs.areas())
                .extracting(TabulationResult.AreaInfo::code)
                .containsExactlyElementsOf(TestGeography.zonesOf(geography, AreaLevel.INTERMEDIATE_ZONE, iz).stream()
                        .sorted()
                        .toList());
    }

    @Test
    void aParentThatIsNoLargerAreaOfTheDatasetIsABadRequestInWords() {
        assertThatThrownBy(() -> tabulator.tabulate(
                        TabulationRequest.counts("persons", List.of(), Geography.levelWithin("council", ABERDEEN))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not an area of the dataset's geography above Council");
        assertThatThrownBy(() -> tabulator.tabulate(TabulationRequest.counts(
                        "persons", List.of(), Geography.levelWithin("data-zone", "S12999999"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("S12999999");
        assertThatThrownBy(() -> tabulator.tabulate(
                        TabulationRequest.counts("persons", List.of(), Geography.levelWithin("data-zone", "Aberdeen"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must be an area code");
        assertThatThrownBy(() -> new Geography(null, null, null, null, null, ABERDEEN))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("exactly one of");
    }

    @Test
    void withinIsReadFromJsonAndKeptApartInTheCache() throws Exception {
        TabulationRequest r = new ObjectMapper()
                .readValue(
                        "{\"dataset\":\"persons\",\"geography\":{\"level\":\"data-zone\",\"within\":\"" + ABERDEEN
                                + "\"}}",
                        TabulationRequest.class);
        assertThat(r.geography().within()).isEqualTo(ABERDEEN);
        assertThat(tabulator.tabulate(r).areas()).hasSize(aberdeenZones.size());
        assertThat(tabulator
                        .tabulate(TabulationRequest.counts("persons", List.of(), Geography.level("data-zone")))
                        .areas())
                .hasSize(geography.dataZones().size());
    }

    static TabulationRequest.CategoryGroup group(String label, String... categories) {
        return new TabulationRequest.CategoryGroup(null, label, List.of(categories));
    }

    static final Map<String, List<TabulationRequest.CategoryGroup>> BANDS = Map.of(
            "age",
            List.of(group("0 to 15", "1"), group("16 to 64", "2", "3", "4", "5", "6"), group("65 and over", "7", "8")));

    @Test
    void aGroupIsCountedFromItsRecordsSoOneCategoryAloneIsPublishedAsThatCategoryAndAllOfThemAsTheTotal() {
        TabulationResult bands = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of("sex", "age"), Geography.level("council"))
                        .withGroups(BANDS));
        TabulationResult plain = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of("sex", "age"), Geography.level("council")));
        TabulationResult all = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of("sex", "age"), Geography.level("council"))
                        .withGroups(Map.of("age", List.of(group("Everyone", "1", "2", "3", "4", "5", "6", "7", "8")))));
        assertThat(bands.variables().get(1).categories())
                .extracting(TabulationResult.CategoryInfo::code, TabulationResult.CategoryInfo::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("g1", "0 to 15"),
                        org.assertj.core.groups.Tuple.tuple("g2", "16 to 64"),
                        org.assertj.core.groups.Tuple.tuple("g3", "65 and over"),
                        org.assertj.core.groups.Tuple.tuple(Cell.TOTAL, "Total"));
        for (String area : List.of(ABERDEEN, ABERDEENSHIRE)) {
            for (String sex : List.of("1", "2", Cell.TOTAL)) {
                assertThat(bands.cell(area, sex, "g1").orElseThrow().count())
                        .isEqualTo(plain.cell(area, sex, "1").orElseThrow().count());
                assertThat(bands.cell(area, sex, Cell.TOTAL).orElseThrow().count())
                        .isEqualTo(
                                plain.cell(area, sex, Cell.TOTAL).orElseThrow().count());
                assertThat(all.cell(area, sex, "g1").orElseThrow().count())
                        .isEqualTo(
                                plain.cell(area, sex, Cell.TOTAL).orElseThrow().count());
            }
        }
    }

    @Test
    void aGroupsCountIsItsRecordsPerturbedAndTheSameInMemoryAndInDuckDb() throws Exception {
        Map<String, Long> truth = new HashMap<>();
        List<String> councils =
                store.dataset("persons").orElseThrow().areaCodes().get(AreaLevel.COUNCIL);
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT g_S12, CASE WHEN v_age = 0 THEN 'g1' WHEN v_age <= 5 THEN 'g2' ELSE 'g3' END, count(*) "
                                + "FROM md_persons GROUP BY ALL")) {
            while (rs.next()) {
                truth.put(councils.get(rs.getInt(1)) + "|" + rs.getString(2), rs.getLong(3));
            }
        }
        TabulationRequest request = TabulationRequest.counts(
                        "persons", List.of("age"), Geography.levelWithin("S02", ABERDEEN))
                .withGroups(BANDS);
        Tabulator inDuckDb = new Tabulator(store, geography, DisclosureSettings.defaults(), 0, 0);
        Tabulator inMemory =
                new Tabulator(store, geography, DisclosureSettings.defaults(), 0, Tabulator.DEFAULT_MEMORY_RECORDS);
        assertThat(inMemory.preload("persons")).isTrue();
        assertThat(inMemory.tabulate(request).cells())
                .isEqualTo(inDuckDb.tabulate(request).cells());
        TabulationResult byCouncil =
                inMemory.tabulate(TabulationRequest.counts("persons", List.of("age"), Geography.level("council"))
                        .withGroups(BANDS));
        for (String band : List.of("g1", "g2", "g3")) {
            long t = truth.get(ABERDEEN + "|" + band);
            assertThat(byCouncil.cell(ABERDEEN, band).orElseThrow().count()).isBetween(t - 5, t + 5);
        }
    }

    @Test
    void categoriesInNoGroupAreLeftOutAsAFilterLeavesThemOut() {
        TabulationResult young = tabulator.tabulate(
                TabulationRequest.counts("persons", List.of("sex", "age"), Geography.level("council"))
                        .withGroups(Map.of("age", List.of(group("Under 25", "1", "2")))));
        TabulationResult filtered =
                tabulator.tabulate(TabulationRequest.counts("persons", List.of("sex"), Geography.level("council"))
                        .withFilters(Map.of("age", List.of("1", "2"))));
        for (String sex : List.of("1", "2", Cell.TOTAL)) {
            assertThat(young.cell(ABERDEEN, sex, "g1").orElseThrow().count())
                    .isEqualTo(filtered.cell(ABERDEEN, sex).orElseThrow().count());
            assertThat(young.cell(ABERDEEN, sex, Cell.TOTAL).orElseThrow().count())
                    .isEqualTo(filtered.cell(ABERDEEN, sex).orElseThrow().count());
        }
    }

    @Test
    void groupsThatCannotBeFormedAreBadRequestsInWords() {
        TabulationRequest ages = TabulationRequest.counts("persons", List.of("age"), Geography.level("council"));
        assertThatThrownBy(() -> tabulator.tabulate(
                        ages.withGroups(Map.of("age", List.of(group("A", "1", "2"), group("B", "2", "3"))))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("category '2' is in two groups");
        assertThatThrownBy(() -> tabulator.tabulate(ages.withGroups(Map.of("age", List.of(group("A", "1", "99"))))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("names no category of it: '99'");
        assertThatThrownBy(() -> tabulator.tabulate(ages.withGroups(Map.of("sex", List.of(group("A", "1"))))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("only a crossed variable's categories can be grouped");
        assertThatThrownBy(() -> tabulator.tabulate(ages.withGroups(
                        Map.of("age", List.of(new TabulationRequest.CategoryGroup("3", "A", List.of("1", "2")))))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("one of the variable's own categories");
        assertThatThrownBy(() -> tabulator.tabulate(ages.withFilters(Map.of("age", List.of("1")))
                        .withGroups(Map.of("age", List.of(group("A", "2"))))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no category of age is both kept by its filter and in one of its groups");
        assertThatThrownBy(() -> group(" ", "1"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("needs a label");
        assertThatThrownBy(() -> group("A"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("lists no category");
    }

    @Test
    void groupsAreReadFromJson() throws Exception {
        TabulationRequest r = new ObjectMapper()
                .readValue(
                        "{\"dataset\":\"persons\",\"variables\":[\"age\"],\"groups\":{\"age\":"
                                + "[{\"label\":\"Children\",\"categories\":[\"1\"]},{\"code\":\"old\",\"label\":\"Older\",\"categories\":[\"7\",\"8\"]}]}}",
                        TabulationRequest.class);
        assertThat(r.groups().get("age"))
                .extracting(TabulationRequest.CategoryGroup::code)
                .containsExactly("g1", "old");
        assertThat(tabulator.tabulate(r).variables().get(0).categories())
                .extracting(TabulationResult.CategoryInfo::label)
                .containsExactly("Children", "Older", "Total");
    }

    @Test
    void areasInCouncilsWithoutRecordsAreNoDataNotZeroAndEmptyZonesOfCoveredCouncilsArePublished() throws Exception {
        String glasgow = "S12000049";
        TabulationResult councils =
                tabulator.tabulate(TabulationRequest.counts("persons", List.of("sex"), Geography.level("council")));
        assertThat(area(councils, glasgow).noData()).isTrue();
        assertThat(area(councils, ABERDEEN).noData()).isFalse();
        assertThat(councils.cell(glasgow, Cell.TOTAL).orElseThrow()).satisfies(c -> {
            assertThat(c.count()).isNull();
            assertThat(c.flags()).contains(Cell.FLAG_NO_DATA);
        });
        assertThat(councils.cell(ABERDEEN, Cell.TOTAL).orElseThrow().count()).isPositive();
        assertThat(councils.notes()).anyMatch(n -> n.contains("show no data"));
        java.io.StringWriter csv = new java.io.StringWriter();
        TableFormats.writeCsv(councils, csv);
        assertThat(csv.toString()).contains(glasgow + ",Glasgow City,1,Male,,false,no-data");

        TabulationResult boards =
                tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.level("health-board")));
        assertThat(boards.areas())
                .filteredOn(TabulationResult.AreaInfo::noData)
                .hasSize(boards.areas().size() - 1);
        assertThat(tabulator
                        .tabulate(TabulationRequest.counts("persons", List.of(), Geography.level("country")))
                        .areas()
                        .get(0)
                        .noData())
                .isFalse();

        // Coverage is decided per council: every data zone of a covered council is covered, the others are not.
        TabulationResult zones =
                tabulator.tabulate(TabulationRequest.counts("persons", List.of(), Geography.level("data-zone")));
        List<String> covered = TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEEN);
        assertThat(zones.areas())
                .filteredOn(a -> !a.noData())
                .hasSize(covered.size()
                        + TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEENSHIRE)
                                .size());
        MicrodataStore.Dataset ds = store.dataset("persons").orElseThrow();
        assertThat(ds.records())
                .isEqualTo(60L
                        * (covered.size()
                                + TestGeography.zonesOf(geography, AreaLevel.COUNCIL, ABERDEENSHIRE)
                                        .size()));
    }

    static TabulationResult.AreaInfo area(TabulationResult r, String code) {
        return r.areas().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }
}
