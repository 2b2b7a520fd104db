package scot.cairn.loaders.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static scot.cairn.loaders.geography.GeographyStoreAssertions.count;
import static scot.cairn.loaders.geography.GeographyStoreAssertions.quads;
import static scot.cairn.loaders.geography.GeographyStoreAssertions.select;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.Geography;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

/** The geography loader on the real official lookup and the real PHS file (skipped when ../shared is absent). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealGeographyTest {

    final UriScheme uris = UriScheme.defaultScheme();
    final GeographyLoader loader = new GeographyLoader(uris);
    TripleStore store;
    GeographyReport report;

    Path storeDir;

    @BeforeAll
    void loadOfficialLookup(@TempDir Path dir) {
        storeDir = dir;
        Path lookup = RealData.require("geography/Datazone2011lookup.csv");
        // A TDB2 folder, as in production (and faster than TDB2's in-memory block simulation).
        store = TripleStore.open(storeDir.resolve("tdb2"));
        report = loader.load(lookup, store);
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void officialLookupHasTheKnownNumberOfAreasAtEachLevel() {
        assertThat(report.layout()).startsWith("official data zone lookup");
        assertThat(report.count(AreaLevel.DATA_ZONE)).isEqualTo(6976);
        assertThat(report.count(AreaLevel.INTERMEDIATE_ZONE)).isEqualTo(1279);
        assertThat(report.count(AreaLevel.COUNCIL)).isEqualTo(32);
        assertThat(report.count(AreaLevel.HEALTH_BOARD)).isEqualTo(14);
        assertThat(report.count(AreaLevel.WARD)).isEqualTo(354);
        assertThat(report.count(AreaLevel.SCOTTISH_PARLIAMENT_CONSTITUENCY)).isEqualTo(73);
        assertThat(report.count(AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP)).isEqualTo(31);
        assertThat(report.count(AreaLevel.COUNTRY)).isEqualTo(1);
    }

    @Test
    void countingMembersOfTheDataZoneCollectionAnswers6976() {
        assertThat(count(store, """
                SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf <http://statistics.gov.scot/def/foi/collection/data-zones-2011> }""")).isEqualTo(6976);
        // 32 councils in force, and the four whose codes changed in 2018 and 2019, archived.
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:council-areas ; sg:status \"Live\" }"))
                .isEqualTo(32);
        assertThat(count(
                        store,
                        "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:council-areas ; sg:status \"Archive\" }"))
                .isEqualTo(4);
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:intermediate-zones-2011 }"))
                .isEqualTo(1279);
    }

    @Test
    void everyDataZoneIsWithinExactlyOneIntermediateZoneCouncilHealthBoardAndScotland() {
        for (String collection : List.of("intermediate-zones-2011", "council-areas", "health-boards", "countries")) {
            // Data zones within exactly one area of this collection: all 6976 of them.
            assertThat(count(store, """
                    SELECT (COUNT(*) AS ?n) {
                      SELECT ?dz { ?dz foi:memberOf coll:data-zones-2011 ; foi:within ?p . ?p foi:memberOf coll:%s }
                      GROUP BY ?dz HAVING (COUNT(?p) = 1) }""".formatted(collection)))
                    .as("data zones within exactly one of %s", collection)
                    .isEqualTo(6976);
        }
        assertThat(count(store, """
                SELECT (COUNT(?dz) AS ?n) { ?dz foi:memberOf coll:data-zones-2011 ; foi:within geo:S92000003 }""")).isEqualTo(6976);
    }

    @Test
    void everyIntermediateZoneIsWithinExactlyOneCouncilAndCouncilsAreWithinScotland() {
        assertThat(count(store, """
                SELECT (COUNT(*) AS ?n) {
                  SELECT ?iz { ?iz foi:memberOf coll:intermediate-zones-2011 ; foi:within ?c . ?c foi:memberOf coll:council-areas }
                  GROUP BY ?iz HAVING (COUNT(?c) = 1) }""")).isEqualTo(1279);
        assertThat(count(
                        store,
                        "SELECT (COUNT(?c) AS ?n) { ?c foi:memberOf coll:council-areas ; foi:within geo:S92000003 }"))
                .isEqualTo(32 + 4);
        // Every council lies in one health board of its day: the live ones in the 2019 boards, the
        // archived ones in the boards archived with them.
        assertThat(select(store, """
                SELECT ?status (COUNT(?c) AS ?n) { ?c foi:memberOf coll:council-areas ; sg:status ?status ; foi:within ?hb .
                  ?hb foi:memberOf coll:health-boards ; sg:status ?status } GROUP BY ?status ORDER BY ?status""", "status", "n")).containsExactly("Archive|4", "Live|32");
    }

    @Test
    void culterDataZoneSpotCheck() {
        assertThat(select(store, "SELECT ?l ?c { geo:S01006506 rdfs:label ?l ; foi:code ?c }", "l", "c"))
                .containsExactly("Culter - 01|S01006506");
        assertThat(select(store, "SELECT ?p { geo:S01006506 foi:within ?p } ORDER BY ?p", "p"))
                .containsExactly(
                        "http://statistics.gov.scot/id/statistical-geography/S02001236",
                        "http://statistics.gov.scot/id/statistical-geography/S08000020",
                        "http://statistics.gov.scot/id/statistical-geography/S12000033",
                        "http://statistics.gov.scot/id/statistical-geography/S13002843",
                        "http://statistics.gov.scot/id/statistical-geography/S16000076",
                        "http://statistics.gov.scot/id/statistical-geography/S37000001",
                        "http://statistics.gov.scot/id/statistical-geography/S92000003");
        assertThat(select(store, "SELECT ?l { geo:S12000033 rdfs:label ?l }", "l"))
                .containsExactly("Aberdeen City");
    }

    @Test
    void theFourCouncilsFourPartnershipsAndFourBoardsOf2018And2019AreArchivedWithinTheBoardsOfTheirDay() {
        assertThat(report.codeChanges()).isEqualTo(12);
        assertThat(select(store, """
                SELECT ?old ?until ?new ?name ?boundary { ?a sg:status "Archive" ; foi:code ?old ; rdfs:label ?name ;
                  bc:terminateddate ?until ; dcterms:isReplacedBy/foi:code ?new ; cg:boundaryChanged ?boundary } ORDER BY ?old""", "old", "until", "new", "name", "boundary"))
                .containsExactly(
                        "S08000018|http://reference.data.gov.uk/id/day/2018-02-01|S08000029|Fife|true",
                        "S08000021|http://reference.data.gov.uk/id/day/2019-03-31|S08000031|Greater Glasgow and Clyde|true",
                        "S08000023|http://reference.data.gov.uk/id/day/2019-03-31|S08000032|Lanarkshire|true",
                        "S08000027|http://reference.data.gov.uk/id/day/2018-02-01|S08000030|Tayside|true",
                        "S12000015|http://reference.data.gov.uk/id/day/2018-02-01|S12000047|Fife|true",
                        "S12000024|http://reference.data.gov.uk/id/day/2018-02-01|S12000048|Perth and Kinross|true",
                        "S12000044|http://reference.data.gov.uk/id/day/2019-03-31|S12000050|North Lanarkshire|true",
                        "S12000046|http://reference.data.gov.uk/id/day/2019-03-31|S12000049|Glasgow City|true",
                        "S37000014|http://reference.data.gov.uk/id/day/2018-02-01|S37000032|Fife|true",
                        "S37000015|http://reference.data.gov.uk/id/day/2019-03-31|S37000034|Glasgow City|true",
                        "S37000021|http://reference.data.gov.uk/id/day/2019-03-31|S37000035|North Lanarkshire|true",
                        "S37000023|http://reference.data.gov.uk/id/day/2018-02-01|S37000033|Perth and Kinross|true");
        assertThat(select(store, "SELECT ?p { geo:S12000046 foi:within ?p } ORDER BY ?p", "p"))
                .containsExactly(
                        "http://statistics.gov.scot/id/statistical-geography/S08000021",
                        "http://statistics.gov.scot/id/statistical-geography/S92000003");
        assertThat(select(store, "SELECT ?p { geo:S12000024 foi:within ?p } ORDER BY ?p", "p"))
                .containsExactly(
                        "http://statistics.gov.scot/id/statistical-geography/S08000027",
                        "http://statistics.gov.scot/id/statistical-geography/S92000003");
        // The data zones stay with the live areas.
        assertThat(
                        count(
                                store,
                                "SELECT (COUNT(?dz) AS ?n) { ?dz foi:memberOf coll:data-zones-2011 ; foi:within geo:S12000046 }"))
                .isZero();
    }

    @Test
    void placeholderNamesOfTheOfficialFileAreKept() {
        assertThat(select(store, "SELECT ?l { geo:S01008163 rdfs:label ?l }", "l"))
                .containsExactly("IZ01 - 01");
    }

    @Test
    void geographyReadBackFromTheStoreMatchesTheLoad() {
        Geography back = Geography.fromStore(store, uris);

        assertThat(back.counts()).isEqualTo(report.geography().counts());
        for (AreaLevel level : AreaLevel.values()) {
            assertThat(back.areas(level)).isEqualTo(report.geography().areas(level));
            assertThat(back.archived(level)).isEqualTo(report.geography().archived(level));
        }
        assertThat(back.archived()).hasSize(12);
        assertThat(back.dataZones("S92000003")).hasSize(6976);
        assertThat(back.dataZones("S02001236"))
                .containsExactly(
                        "S01006506", "S01006507", "S01006508", "S01006509", "S01006510", "S01006511", "S01006512");
    }

    @Test
    void phsLayoutGivesTheSameDataZoneToIntermediateZoneAndCouncilMapping() {
        Path phs = RealData.require("geography/dz2011_codes_and_labels_21042020.csv");
        try (TripleStore other = TripleStore.open(storeDir.resolve("phs"))) {
            GeographyReport phsReport = loader.load(phs, other);

            assertThat(phsReport.layout()).startsWith("Public Health Scotland codes and labels");
            assertThat(phsReport.count(AreaLevel.DATA_ZONE)).isEqualTo(6976);
            assertThat(phsReport.count(AreaLevel.INTERMEDIATE_ZONE)).isEqualTo(1279);
            assertThat(phsReport.count(AreaLevel.COUNCIL)).isEqualTo(32);
            assertThat(phsReport.count(AreaLevel.HEALTH_BOARD)).isEqualTo(14);
            assertThat(mapping(other)).isEqualTo(mapping(store)).hasSize(6976);
            assertThat(select(other, "SELECT ?l { geo:S92000003 rdfs:label ?l }", "l"))
                    .containsExactly("Scotland");
        }
    }

    /** Each data zone's intermediate zone and council, as read from the store by SPARQL. */
    private static Map<String, String> mapping(TripleStore s) {
        Map<String, String> m = new TreeMap<>();
        for (String collection : List.of("intermediate-zones-2011", "council-areas")) {
            for (String row : select(s, """
                    SELECT ?dz ?p { ?dz foi:memberOf coll:data-zones-2011 ; foi:within ?p . ?p foi:memberOf coll:%s }""".formatted(collection), "dz", "p")) {
                String[] cells = row.split("\\|");
                m.merge(cells[0], cells[1], (a, b) -> a + " " + b);
            }
        }
        return m;
    }

    @Test
    void rejectedFileLeavesTheRealGeographyUntouched(@TempDir Path dir) throws IOException {
        List<String> lines =
                Files.readAllLines(RealData.require("geography/Datazone2011lookup.csv"), StandardCharsets.UTF_8);
        // Move the last data zone into another intermediate zone on a repeated row.
        String last = lines.get(lines.size() - 1);
        String[] cells = last.split(",", -1);
        String moved = last.replace("," + cells[2] + "," + cells[3] + ",", ",S02001236,Culter,");
        Path bad = dir.resolve("Datazone2011lookup-edited.csv");
        Files.write(bad, (String.join("\n", lines) + "\n" + moved + "\n").getBytes(StandardCharsets.UTF_8));
        Set<Quad> before = quads(store);

        assertThatThrownBy(() -> loader.load(bad, store))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new InputError(
                                        "Datazone2011lookup-edited.csv",
                                        6978,
                                        3,
                                        "conflicting-parents",
                                        "data zone " + cells[0] + " is in Intermediate Zone 2011 S02001236 on this "
                                                + "line but in " + cells[2] + " on line 6977")));
        assertThat(quads(store)).isEqualTo(before);
    }
}
