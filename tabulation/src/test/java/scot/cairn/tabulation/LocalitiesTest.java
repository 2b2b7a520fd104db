package scot.cairn.tabulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.tabulation.LocalityException.Reason;
import scot.cairn.vocab.AreaLevel;

/** Localities: checks before anything is written, owners, quotas and the bounded list, on an in-memory store. */
class LocalitiesTest {
    static final List<String> ZONES = List.of("S01006506", "S01006507", "S01006508", "S01006509", "S01006510");
    static final AreaHierarchy GEOGRAPHY = geography();
    static final Client ANONYMOUS = Client.anonymous("192.0.2.7");
    static final Client OTHER_ADDRESS = Client.anonymous("192.0.2.8");
    static final Client COUNCIL = Client.withApiKey("aberdeen-council");

    MicrodataStore store;
    Localities localities;

    static AreaHierarchy geography() {
        Map<String, Map<AreaLevel, String>> parents = new LinkedHashMap<>();
        ZONES.forEach(z -> parents.put(z, Map.of(AreaLevel.COUNCIL, "S12000033")));
        return AreaHierarchy.of(parents, Map.of());
    }

    @BeforeEach
    void open() {
        store = MicrodataStore.inMemory();
        localities = new Localities(store, GEOGRAPHY, LocalityLimits.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    Localities with(LocalityLimits limits) {
        return new Localities(store, GEOGRAPHY, limits);
    }

    long stored() throws Exception {
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM localities")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aLocalityIsCreatedWithItsNameStrippedAndItsZonesOnceEachAndFoundBySlug() throws Exception {
        Localities.Created created =
                localities.create("  Culter partnership ", List.of("S01006507", "S01006506", "S01006507"), ANONYMOUS);
        assertThat(created.locality().slug()).isEqualTo("culter-partnership");
        assertThat(created.locality().name()).isEqualTo("Culter partnership");
        assertThat(created.locality().dataZones()).containsExactly("S01006506", "S01006507");
        assertThat(localities.find("culter-partnership")).hasValueSatisfying(l -> {
            assertThat(l.name()).isEqualTo("Culter partnership");
            assertThat(l.dataZones()).containsExactly("S01006506", "S01006507");
        });
        assertThat(store.locality("no-such-locality")).isEmpty();
        assertThat(store.locality("Not a slug!")).isEmpty();
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aNameThatSlugsTheSameIsRefusedNamingTheExistingLocalityWhichStaysAsItWas() {
        localities.create("Culter partnership", ZONES.subList(0, 2), ANONYMOUS);
        assertThatThrownBy(() -> localities.create("CULTER partnership!!", ZONES.subList(2, 5), OTHER_ADDRESS))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAKEN))
                .hasMessageContaining("'culter-partnership'")
                .hasMessageContaining("\"Culter partnership\"");
        assertThatThrownBy(() -> localities.create("Culter partnership", ZONES.subList(2, 5), COUNCIL))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TAKEN));
        assertThat(localities.find("culter-partnership").orElseThrow().dataZones())
                .isEqualTo(ZONES.subList(0, 2));
    }

    static Stream<Arguments> badLocalities() {
        List<String> nullInside = new ArrayList<>(ZONES);
        nullInside.add(1, null);
        return Stream.of(
                Arguments.of(null, ZONES, "name is required"),
                Arguments.of("   ", ZONES, "name is blank"),
                Arguments.of("x".repeat(101), ZONES, "name has 101 characters; at most 100"),
                Arguments.of("y".repeat(100_000), ZONES, "name has 100000 characters; at most 100"),
                Arguments.of("Culter\nWest", ZONES, "control character (U+000A) at character 7"),
                Arguments.of("Culter\u0000", ZONES, "control character (U+0000)"),
                Arguments.of("Culter \u202Eevil", ZONES, "control character (U+202E)"),
                Arguments.of("Culter \uD800 x", ZONES, "control character (U+D800)"),
                Arguments.of("!!! ???", ZONES, "at least one letter or digit"),
                Arguments.of("Culter", null, "dataZones is required"),
                Arguments.of("Culter", List.of(), "lists no data zone"),
                Arguments.of("Culter", nullInside, "dataZones[1] is null"),
                Arguments.of(
                        "Culter",
                        List.of("S01006506", "S01999999"),
                        "not data zones of the loaded geography: [S01999999]"),
                Arguments.of("Culter", List.of("S02001236"), "not data zones of the loaded geography: [S02001236]"),
                Arguments.of("Culter", List.of("S01" + "9".repeat(5_000)), "...]"),
                Arguments.of(
                        "Culter", Collections.nCopies(3, "S01006506").stream().toList(), null));
    }

    @ParameterizedTest
    @MethodSource("badLocalities")
    void badNamesAndDataZonesAreRefusedBeforeAnythingIsWritten(String name, List<String> zones, String message)
            throws Exception {
        if (message == null) { // duplicates alone are fine: the one zone once
            assertThat(localities.create(name, zones, ANONYMOUS).locality().dataZones())
                    .containsExactly("S01006506");
            return;
        }
        assertThatThrownBy(() -> localities.create(name, zones, ANONYMOUS))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message);
        assertThat(stored()).isZero();
    }

    @Test
    void aLocalityMayHaveAtMostTheConfiguredNumberOfDistinctDataZones() throws Exception {
        Localities small = with(new LocalityLimits(100, 3, 10, 5, 5, false));
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            repeated.addAll(ZONES.subList(0, 3));
        }
        assertThat(small.create("Three", repeated, ANONYMOUS).locality().dataZones())
                .hasSize(3);
        assertThatThrownBy(() -> small.create("Four", ZONES.subList(0, 4), ANONYMOUS))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("more than 3 different data zones");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void anAnonymousCreatorGetsAnOwnerTokenStoredOnlyAsItsHashAndItsAddressIsNotStored() throws Exception {
        Localities.Created created = localities.create("Culter", ZONES, ANONYMOUS);
        assertThat(created.ownerToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(localities.create("Peterculter", ZONES, ANONYMOUS).ownerToken())
                .isNotEqualTo(created.ownerToken());
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT owner_client, owner_token, creator FROM localities WHERE slug = 'culter'")) {
            rs.next();
            assertThat(rs.getString(1)).isNull();
            assertThat(rs.getString(2))
                    .isEqualTo(ApiKeys.sha256Hex(created.ownerToken()))
                    .doesNotContain(created.ownerToken());
            assertThat(rs.getString(3)).startsWith("address:").doesNotContain("192.0.2.7");
        }
        assertThat(localities.create("Council's own", ZONES, COUNCIL).ownerToken())
                .isNull();
    }

    @Test
    void onlyTheOwnerDeletes() {
        String token = localities.create("Culter", ZONES, ANONYMOUS).ownerToken();
        localities.create("Council area", ZONES, COUNCIL);
        assertThatThrownBy(() -> localities.delete("culter", ANONYMOUS, null))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER))
                .hasMessageContaining("owner token");
        assertThatThrownBy(() -> localities.delete("culter", ANONYMOUS, token + "x"))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER));
        assertThatThrownBy(() -> localities.delete("culter", COUNCIL, null))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER));
        assertThatThrownBy(() -> localities.delete("council-area", Client.withApiKey("someone-else"), token))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER));
        assertThatThrownBy(() -> localities.delete("council-area", ANONYMOUS, null))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER));
        assertThat(localities.find("culter")).isPresent();
        assertThat(localities.find("council-area")).isPresent();

        localities.delete("culter", OTHER_ADDRESS, token); // the token is what counts, from wherever
        localities.delete("council-area", COUNCIL, null);
        assertThat(localities.find("culter")).isEmpty();
        assertThat(localities.find("council-area")).isEmpty();
        for (String slug : new String[] {"culter", "Not a slug", "x".repeat(10_000)}) {
            assertThatThrownBy(() -> localities.delete(slug, COUNCIL, null))
                    .isInstanceOfSatisfying(
                            LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                    .hasMessageStartingWith("no locality '");
        }
    }

    @Test
    void aLocalityMadeBeforeOwnersExistedCannotBeDeletedThroughTheService() throws Exception {
        try (Connection c = store.connection();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO localities (slug, name, data_zones, created) VALUES ('old', 'Old', ['S01006506'], now())");
        }
        assertThat(localities.find("old")).isPresent();
        assertThatThrownBy(() -> localities.delete("old", COUNCIL, "anything"))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_OWNER))
                .hasMessageContaining("only the operator");
    }

    @Test
    void anAnonymousAddressAndAnApiKeyHaveTheirOwnQuotasAndTheStoreAHardCap() throws Exception {
        Localities limited = with(new LocalityLimits(100, 10, 7, 3, 2, false));
        limited.create("A1", ZONES, ANONYMOUS);
        String token = limited.create("A2", ZONES, ANONYMOUS).ownerToken();
        assertThatThrownBy(() -> limited.create("A3", ZONES, ANONYMOUS))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLIENT_QUOTA))
                .hasMessageContaining("you have made 2 localities")
                .hasMessageContaining("API key");
        limited.create("B1", ZONES, OTHER_ADDRESS);
        for (int i = 1; i <= 3; i++) {
            limited.create("K" + i, ZONES, COUNCIL);
        }
        assertThatThrownBy(() -> limited.create("K4", ZONES, COUNCIL))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLIENT_QUOTA));
        limited.create("B2", ZONES, OTHER_ADDRESS);
        assertThat(stored()).isEqualTo(7);
        assertThatThrownBy(() -> limited.create("L1", ZONES, Client.withApiKey("library")))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STORE_FULL))
                .hasMessageContaining("maximum of 7 localities");
        // Deleting one frees a place for its owner.
        limited.delete("a2", ANONYMOUS, token);
        limited.create("A3", ZONES, ANONYMOUS);
        assertThat(stored()).isEqualTo(7);
    }

    @Test
    void anApiKeyCanBeRequiredToCreate() {
        Localities keyed = with(new LocalityLimits(100, 10, 10, 3, 2, true));
        assertThatThrownBy(() -> keyed.create("Culter", ZONES, ANONYMOUS))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.API_KEY_NEEDED));
        assertThat(keyed.create("Culter", ZONES, COUNCIL).locality().slug()).isEqualTo("culter");
        Localities noAnonymous = with(new LocalityLimits(100, 10, 10, 3, 0, false));
        assertThatThrownBy(() -> noAnonymous.create("Other", ZONES, ANONYMOUS))
                .isInstanceOfSatisfying(
                        LocalityException.class, e -> assertThat(e.reason()).isEqualTo(Reason.API_KEY_NEEDED));
    }

    @Test
    void theListIsPagedInSlugOrderWithTheNumberOfDataZones() throws Exception {
        Localities many = with(new LocalityLimits(100, 10, 100, 100, 100, false));
        for (String n : List.of("Echo", "Alpha", "Delta", "Charlie", "Bravo")) {
            many.create(n, ZONES.subList(0, n.length() - 3), ANONYMOUS);
        }
        Localities.Page first = many.page(1, 2);
        assertThat(first.localities()).extracting(Localities.Summary::slug).containsExactly("alpha", "bravo");
        assertThat(first.localities()).extracting(Localities.Summary::dataZones).containsExactly(2, 2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(many.page(3, 2).localities())
                .extracting(Localities.Summary::name)
                .containsExactly("Echo");
        assertThat(many.page(4, 2).localities()).isEmpty();
        assertThat(many.page(Integer.MAX_VALUE, 100).localities()).isEmpty();
        assertThat(many.page(1, 100).localities()).hasSize(5);
        for (int[] bad : new int[][] {{0, 10}, {-1, 10}, {1, 0}, {1, 101}, {1, -5}}) {
            assertThatThrownBy(() -> many.page(bad[0], bad[1]))
                    .as(Arrays.toString(bad))
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    @Test
    void localitiesWithHugeNamesFromBeforeTheLimitAreLeftOutOfTheList() throws Exception {
        try (Connection c = store.connection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO localities (slug, name, data_zones, created) VALUES ('" + "a".repeat(5_000) + "', '"
                    + "A".repeat(5_000) + "', ['S01006506'], now())");
        }
        localities.create("Culter", ZONES, ANONYMOUS);
        Localities.Page page = new Localities(store, GEOGRAPHY, LocalityLimits.defaults()).page(1, 100);
        assertThat(page.localities()).extracting(Localities.Summary::slug).containsExactly("culter");
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void aStoreMadeBeforeLocalitiesHadOwnersGainsTheColumnsAndKeepsItsLocalities(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE localities (slug VARCHAR PRIMARY KEY, name VARCHAR, data_zones VARCHAR[], created TIMESTAMP)");
            s.execute("INSERT INTO localities VALUES ('culter', 'Culter', ['S01006506', 'S01006507'], now())");
        }
        try (MicrodataStore old = MicrodataStore.open(file)) {
            Localities upgraded = new Localities(old, GEOGRAPHY, LocalityLimits.defaults());
            assertThat(upgraded.find("culter").orElseThrow().dataZones()).containsExactly("S01006506", "S01006507");
            String token = upgraded.create("Bieldside", ZONES, ANONYMOUS).ownerToken();
            assertThat(upgraded.page(1, 10).localities())
                    .extracting(Localities.Summary::slug)
                    .containsExactly("bieldside", "culter");
            assertThat(upgraded.page(1, 10).localities())
                    .extracting(Localities.Summary::dataZones)
                    .containsExactly(5, 2);
            upgraded.delete("bieldside", ANONYMOUS, token);
        }
    }

    @Test
    void limitsAreCheckedWithTheSettingsNames() {
        assertThatThrownBy(() -> new LocalityLimits(0, 10, 10, 1, 1, false)).hasMessageContaining("max-name-length");
        assertThatThrownBy(() -> new LocalityLimits(1001, 10, 10, 1, 1, false)).hasMessageContaining("max-name-length");
        assertThatThrownBy(() -> new LocalityLimits(100, 0, 10, 1, 1, false)).hasMessageContaining("max-data-zones");
        assertThatThrownBy(() -> new LocalityLimits(100, 10, 0, 1, 1, false)).hasMessageContaining("max-localities");
        assertThatThrownBy(() -> new LocalityLimits(100, 10, 10, 0, 1, false)).hasMessageContaining("max-per-client");
        assertThatThrownBy(() -> new LocalityLimits(100, 10, 10, 1, -1, false))
                .hasMessageContaining("max-per-anonymous-client");
    }
}
