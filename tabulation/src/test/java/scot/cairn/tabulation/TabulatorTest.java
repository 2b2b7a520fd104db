package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
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
import org.slf4j.LoggerFactory;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.TabulationRequest.Geography;
import scot.cairn.tabulation.protection.TableProtector;
import scot.cairn.vocab.AreaLevel;

class TabulatorTest {
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

    static TabulationRequest counts(List<String> variables, Geography g) {
        return TabulationRequest.counts("persons", variables, g);
    }

    static long published(TabulationResult r, String area, String... cats) {
        return r.cell(area, cats)
                .orElseThrow(() -> new AssertionError("no cell " + area + " " + List.of(cats)))
                .count();
    }

    @Test
    void theSameRecordsGetTheSamePublishedValueInEveryTable() {
        TabulationResult sexAge = tabulator.tabulate(counts(List.of("sex", "age"), Geography.level("council")));
        TabulationResult ageSex = tabulator.tabulate(counts(List.of("age", "sex"), Geography.level("S12")));
        TabulationResult sex = tabulator.tabulate(counts(List.of("sex"), Geography.level("council-areas")));
        TabulationResult sexHealth =
                tabulator.tabulate(counts(List.of("sex", "health"), Geography.areas(List.of(ABERDEEN))));
        TabulationResult custom =
                tabulator.tabulate(counts(List.of("sex"), Geography.custom("All of Aberdeen", aberdeenZones)));
        TabulationResult filteredAll = tabulator.tabulate(counts(List.of("sex"), Geography.level("council"))
                .withFilters(Map.of("health", List.of("1", "2", "3", "4", "5"))));
        for (String s : List.of("1", "2", Cell.TOTAL)) {
            long v = published(sex, ABERDEEN, s);
            assertThat(published(sexAge, ABERDEEN, s, Cell.TOTAL)).isEqualTo(v);
            assertThat(published(ageSex, ABERDEEN, Cell.TOTAL, s)).isEqualTo(v);
            assertThat(published(sexHealth, ABERDEEN, s, Cell.TOTAL)).isEqualTo(v);
            assertThat(published(custom, "custom", s)).isEqualTo(v);
            assertThat(published(filteredAll, ABERDEEN, s)).isEqualTo(v);
        }
        for (String a : List.of("1", "5", "8")) {
            assertThat(published(sexAge, ABERDEENSHIRE, "2", a)).isEqualTo(published(ageSex, ABERDEENSHIRE, a, "2"));
        }
        // An intermediate zone asked for by level, by code and as a custom area of its data zones.
        String iz = geography
                .parent(aberdeenZones.get(0), AreaLevel.INTERMEDIATE_ZONE)
                .orElseThrow();
        List<String> izZones = TestGeography.zonesOf(geography, AreaLevel.INTERMEDIATE_ZONE, iz);
        TabulationResult byLevel = tabulator.tabulate(counts(List.of("age"), Geography.level("intermediate-zone")));
        TabulationResult byCode = tabulator.tabulate(counts(List.of("age"), Geography.areas(List.of(iz, ABERDEEN))));
        TabulationResult asCustom = tabulator.tabulate(counts(List.of("age"), Geography.custom(null, izZones)));
        for (String a : List.of("1", "2", "3", "4", "5", "6", "7", "8", Cell.TOTAL)) {
            assertThat(published(byCode, iz, a)).isEqualTo(published(byLevel, iz, a));
            assertThat(published(asCustom, "custom", a)).isEqualTo(published(byLevel, iz, a));
        }
        // Every time: a fresh tabulator (no cache) gives the same numbers.
        Tabulator fresh = new Tabulator(store, geography, DisclosureSettings.defaults());
        assertThat(fresh.tabulate(counts(List.of("sex", "age"), Geography.level("council")))
                        .cells())
                .isEqualTo(sexAge.cells());
    }

    @Test
    void publishedCountsAreWithinFiveOfTheTruthNeverOneOrTwoAndZerosStayZero() throws Exception {
        TabulationResult r =
                tabulator.tabulate(counts(List.of("sex", "ethnic", "health"), Geography.level("intermediate-zone")));
        Map<String, Long> truth = new HashMap<>();
        MicrodataStore.Dataset ds = store.dataset("persons").orElseThrow();
        List<String> izCodes = ds.areaCodes().get(AreaLevel.INTERMEDIATE_ZONE);
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT g_S02, v_sex, v_ethnic, v_health, count(*) FROM md_persons GROUP BY ALL")) {
            while (rs.next()) {
                truth.put(
                        izCodes.get(rs.getInt(1)) + "|" + (rs.getInt(2) + 1) + "|" + (rs.getInt(3) + 1) + "|"
                                + (rs.getInt(4) + 1),
                        rs.getLong(5));
            }
        }
        int zeros = 0;
        int checked = 0;
        for (Cell cell : r.cells()) {
            if (cell.count() == null) {
                continue;
            }
            assertThat(cell.count()).isNotIn(1L, 2L).isGreaterThanOrEqualTo(0L);
            if (!cell.isTotal()) {
                long t = truth.getOrDefault(cell.area() + "|" + String.join("|", cell.categories()), 0L);
                assertThat(Math.abs(cell.count() - t)).isLessThanOrEqualTo(5);
                if (t == 0) {
                    assertThat(cell.count()).isZero();
                    zeros++;
                }
                checked++;
            }
        }
        assertThat(zeros).isGreaterThan(100);
        assertThat(checked).isGreaterThan(1000);
        assertThat(r.notes()).contains(TableProtector.NOTE_TOTALS);
    }

    @Test
    void tooManyVariablesIsRefusedWithAdvice() {
        Tabulator strict =
                new Tabulator(store, geography, DisclosureSettings.defaults().withLimits(3, 100, 1_000_000));
        assertThatThrownBy(() ->
                        strict.tabulate(counts(List.of("sex", "age", "health", "ethnic"), Geography.level("council"))))
                .isInstanceOfSatisfying(TabulationRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("max-variables");
                    assertThat(e.getMessage()).contains("4 variables").contains("at most 3");
                    assertThat(e.advice()).contains("fewer variables");
                });
    }

    @Test
    void tooManyCategoriesIsRefusedWithAdvice() {
        Tabulator strict =
                new Tabulator(store, geography, DisclosureSettings.defaults().withLimits(4, 6, 1_000_000));
        assertThatThrownBy(() -> strict.tabulate(counts(List.of("age"), Geography.level("council"))))
                .isInstanceOfSatisfying(TabulationRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("max-categories");
                    assertThat(e.advice()).contains("filter age");
                });
        // Filtering the variable down brings it under the limit.
        TabulationResult ok = strict.tabulate(
                counts(List.of("age"), Geography.level("council")).withFilters(Map.of("age", List.of("1", "2", "3"))));
        assertThat(ok.variables().get(0).categories()).hasSize(4);
    }

    @Test
    void tooManyCellsIsRefusedBeforeAnyQueryRuns() {
        Tabulator strict =
                new Tabulator(store, geography, DisclosureSettings.defaults().withLimits(4, 100, 5_000));
        assertThatThrownBy(() -> strict.tabulate(counts(List.of("sex", "age"), Geography.level("data-zone"))))
                .isInstanceOfSatisfying(TabulationRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("max-cells");
                    assertThat(e.getMessage()).contains("27 cells each").contains("at most 5000");
                    assertThat(e.advice()).contains("larger geography level");
                });
    }

    @Test
    void customAreaBelowTheMinimumPopulationIsRefused() {
        assertThatThrownBy(() -> tabulator.tabulate(
                        counts(List.of("sex"), Geography.custom("tiny", aberdeenZones.subList(0, 3)))))
                .isInstanceOfSatisfying(TabulationRefusedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("min-custom-population");
                    assertThat(e.getMessage()).contains("fewer than 200 persons");
                    assertThat(e.advice()).contains("add data zones");
                });
        // The whole intermediate zone (Culter, 7 data zones): enough, and it cuts no released area.
        TabulationResult ok =
                tabulator.tabulate(counts(List.of("sex"), Geography.custom("enough", aberdeenZones.subList(0, 7))));
        assertThat(ok.rules()).extracting(TabulationResult.RuleReport::rule).contains("min-custom-population");
    }

    @Test
    void localitiesAreSavedAndTabulatedLikeTheirDataZones() {
        Localities localities = new Localities(store, geography, LocalityLimits.defaults());
        MicrodataStore.Locality loc = localities
                .create("Culter and around", aberdeenZones.subList(0, 7), Client.anonymous("10.0.0.1"))
                .locality();
        assertThat(loc.slug()).isEqualTo("culter-and-around");
        assertThat(store.locality("culter-and-around")).isPresent();
        TabulationResult byLocality =
                tabulator.tabulate(counts(List.of("age"), Geography.locality("culter-and-around")));
        TabulationResult byZones =
                tabulator.tabulate(counts(List.of("age"), Geography.custom("x", aberdeenZones.subList(0, 7))));
        assertThat(byLocality.areas().get(0).name()).isEqualTo("Culter and around");
        for (String a : List.of("1", "4", Cell.TOTAL)) {
            assertThat(published(byLocality, "locality:culter-and-around", a))
                    .isEqualTo(published(byZones, "custom", a));
        }
        assertThatThrownBy(() -> localities.create("bad", List.of("S01999999"), Client.anonymous("10.0.0.1")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("S01999999");
    }

    @Test
    void levelsAreNamedAsTheReadmeNamesThem() {
        for (String name : List.of(
                "scottish-parliamentary-constituency",
                "scottish-parliament-constituency",
                "S16",
                "scottish-parliamentary-constituencies",
                "Scottish Parliamentary Constituency")) {
            assertThat(tabulator
                            .tabulate(counts(List.of("sex"), Geography.level(name)))
                            .geography())
                    .as(name)
                    .isEqualTo("scottish-parliamentary-constituencies");
        }
    }

    @Test
    void unknownNamesAreClearErrors() {
        assertThatThrownBy(() -> tabulator.tabulate(counts(List.of("colour"), Geography.level("council"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no variable 'colour'");
        assertThatThrownBy(() -> tabulator.tabulate(counts(List.of("sex"), Geography.level("parish"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("unknown geography level 'parish'");
        assertThatThrownBy(() -> tabulator.tabulate(counts(List.of("sex"), Geography.areas(List.of("S12000099")))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("unknown area 'S12000099'");
        assertThatThrownBy(() -> tabulator.tabulate(TabulationRequest.counts("people", List.of(), null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no dataset named 'people'");
    }

    @Test
    void everyRequestWritesOneAuditLineWithoutRecordLevelData() {
        Logger audit = (Logger) LoggerFactory.getLogger("cairn.audit");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        audit.addAppender(appender);
        try {
            tabulator.tabulate(counts(List.of("sex", "health"), Geography.level("council"))
                    .withFilters(Map.of("ethnic", List.of("4"))));
            assertThatThrownBy(() ->
                    tabulator.tabulate(counts(List.of("sex"), Geography.custom("tiny", aberdeenZones.subList(0, 1)))));
        } finally {
            audit.detachAppender(appender);
        }
        assertThat(appender.list).hasSize(2);
        String ok = appender.list.get(0).getFormattedMessage();
        assertThat(ok)
                .startsWith(
                        "tabulate client=key:local dataset=persons variables=[sex, health] geography=level:council filters={ethnic=[4]} measure=count")
                .contains("cells=")
                .contains("withheld=")
                .contains("ms=");
        assertThat(ok).doesNotContain("rkey").doesNotContain("rid");
        String refused = appender.list.get(1).getFormattedMessage();
        assertThat(refused)
                .contains("geography=custom:1dz")
                .contains("refused rule=min-custom-population")
                .doesNotContain(aberdeenZones.get(0));
    }

    @Test
    void sparsityBlocksOnlyTheOffendingArea() throws Exception {
        String big = aberdeenZones.get(0);
        String sparse = aberdeenZones.get(1);
        StringBuilder csv = new StringBuilder("dz,sex,age,health,ethnic\n");
        for (int i = 0; i < 300; i++) {
            csv.append(big)
                    .append(",")
                    .append(1 + i % 2)
                    .append(",")
                    .append(1 + i % 8)
                    .append(",1,1\n");
        }
        for (int age = 1; age <= 8; age++) {
            csv.append(sparse).append(",1,").append(age).append(",1,1\n");
        }
        Path file = dir.resolve("sparse.csv");
        Files.writeString(file, csv);
        try (MicrodataStore s = MicrodataStore.inMemory()) {
            s.ingest(TestPopulation.definition(), file, geography);
            Tabulator t = new Tabulator(s, geography, DisclosureSettings.defaults());
            TabulationResult r = t.tabulate(counts(List.of("age"), Geography.areas(List.of(big, sparse))));
            assertThat(r.blocked()).singleElement().satisfies(b -> {
                assertThat(b.area()).isEqualTo(sparse);
                assertThat(b.rule()).isEqualTo("sparsity");
                assertThat(b.advice()).contains("less detail").contains("larger area");
            });
            assertThat(r.cells().stream().filter(c -> c.area().equals(sparse)))
                    .hasSize(9)
                    .allSatisfy(c -> {
                        assertThat(c.count()).isNull();
                        assertThat(c.flags()).contains(Cell.FLAG_WITHHELD);
                    });
            assertThat(r.cells().stream().filter(c -> c.area().equals(big)))
                    .hasSize(9)
                    .allSatisfy(c -> assertThat(c.count()).isNotNull());
            assertThat(r.rules())
                    .filteredOn(x -> x.rule().equals("sparsity"))
                    .singleElement()
                    .satisfies(x -> assertThat(x.fired()).isEqualTo(1));
            // Less detail (no variable) releases the sparse area's total.
            TabulationResult total = t.tabulate(counts(List.of(), Geography.areas(List.of(big, sparse))));
            assertThat(total.blocked()).isEmpty();
            assertThat(total.cell(sparse).orElseThrow().count()).isNotNull();
        }
    }
}
