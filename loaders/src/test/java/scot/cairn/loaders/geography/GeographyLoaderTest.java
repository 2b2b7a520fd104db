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
import java.util.Set;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.geography.CodeHistory;
import scot.cairn.geography.Geography;
import scot.cairn.geography.LookupColumns;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

class GeographyLoaderTest {

    static final String HEADER = "DZ2011_Code,DZ2011_Name,IZ2011_Code,IZ2011_Name,MMWard_Code,MMWard_Name,"
            + "LA_Code,LA_Name,HB_Code,HB_Name,Country_Code,Country_Name\n";

    /** Two councils; IZ S02001581 straddles two wards, as in the real lookup. */
    static final String SMALL = HEADER + """
            S01006506,Culter - 01,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland
            S01006507,Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland
            S01006513,"Cults, Bieldside and Milltimber West - 01",S02001237,"Cults, Bieldside and Milltimber West",S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland
            S01008444,Colinton and Kingsknowe - 01,S02001581,Colinton and Kingsknowe,S13002926,Colinton/Fairmilehead,S12000036,City of Edinburgh,S08000024,Lothian,S92000003,Scotland
            S01008448,Colinton and Kingsknowe - 05,S02001581,Colinton and Kingsknowe,S13002927,Fountainbridge/Craiglockhart,S12000036,City of Edinburgh,S08000024,Lothian,S92000003,Scotland
            """;

    static final String GEO = "http://statistics.gov.scot/id/statistical-geography/";

    @TempDir
    Path dir;

    final UriScheme uris = UriScheme.defaultScheme();
    final GeographyLoader loader = new GeographyLoader(uris);
    TripleStore store;

    @BeforeEach
    void openStore() {
        store = TripleStore.inMemory();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    List<String> withinOf(String code) {
        return select(store, "SELECT ?p { geo:" + code + " foi:within ?p } ORDER BY ?p", "p").stream()
                .map(u -> u.substring(GEO.length()))
                .toList();
    }

    @Test
    void writesEveryAreaOfEveryLevelWithCodeNameLevelAndCollection() throws IOException {
        GeographyReport report = loader.load(file("small.csv", SMALL), store);

        assertThat(report.layout()).startsWith("official data zone lookup");
        assertThat(report.geography().counts())
                .containsExactly(
                        java.util.Map.entry(AreaLevel.DATA_ZONE, 5),
                                java.util.Map.entry(AreaLevel.INTERMEDIATE_ZONE, 3),
                        java.util.Map.entry(AreaLevel.WARD, 3), java.util.Map.entry(AreaLevel.COUNCIL, 2),
                        java.util.Map.entry(AreaLevel.HEALTH_BOARD, 2), java.util.Map.entry(AreaLevel.COUNTRY, 1));
        assertThat(store.graphNames()).containsExactly(uris.geographyGraph());
        assertThat(store.size(uris.geographyGraph())).isEqualTo(report.quads());

        assertThat(select(store, """
                SELECT ?label ?display ?code ?notation ?entity ?coll ?type {
                  geo:S02001237 rdfs:label ?label ; foi:displayName ?display ; foi:code ?code ; skos:notation ?notation ;
                      se:code ?entity ; foi:memberOf ?coll ; a ?type }""", "label", "display", "code", "notation", "entity", "coll", "type"))
                .containsExactly(
                        "Cults, Bieldside and Milltimber West|Cults, Bieldside and Milltimber West|S02001237|S02001237|"
                                + "http://statistics.gov.scot/id/statistical-entity/S02|"
                                + "http://statistics.gov.scot/def/foi/collection/intermediate-zones-2011|"
                                + "http://statistics.data.gov.uk/def/statistical-geography#Statistical-Geography");
        // foi:code is a plain string literal, which is what clients compare with.
        assertThat(count(store, "SELECT (COUNT(*) AS ?n) { ?a foi:code \"S12000036\" }"))
                .isEqualTo(1);
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:data-zones-2011 }"))
                .isEqualTo(5);
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:countries }"))
                .isEqualTo(1);
    }

    @Test
    void dataZoneIsWithinEveryAreaOnItsRow() throws IOException {
        loader.load(file("small.csv", SMALL), store);

        assertThat(withinOf("S01006506"))
                .containsExactly("S02001236", "S08000020", "S12000033", "S13002843", "S92000003");
    }

    @Test
    void largerAreaIsWithinAnAreaOnlyWhenAllItsDataZonesShareIt() throws IOException {
        loader.load(file("small.csv", SMALL), store);

        // Culter: all its data zones are in Lower Deeside ward.
        assertThat(withinOf("S02001236")).containsExactly("S08000020", "S12000033", "S13002843", "S92000003");
        // Colinton and Kingsknowe straddles two wards, so it is within neither.
        assertThat(withinOf("S02001581")).containsExactly("S08000024", "S12000036", "S92000003");
        assertThat(withinOf("S13002843")).containsExactly("S08000020", "S12000033", "S92000003");
        assertThat(withinOf("S12000033")).containsExactly("S08000020", "S92000003");
        assertThat(withinOf("S08000020")).containsExactly("S92000003");
        assertThat(withinOf("S92000003")).isEmpty();
    }

    @Test
    void placeholderNamesAreKeptAsGiven() throws IOException {
        String csv = HEADER + "S01008163,IZ01 - 01,S02001534,IZ01,S13002910,\"Tranent, Wallyford and Macmerry\","
                + "S12000010,East Lothian,S08000024,Lothian,S92000003,Scotland\n";
        loader.load(file("placeholder.csv", csv), store);

        assertThat(select(store, "SELECT ?l { geo:S01008163 rdfs:label ?l }", "l"))
                .containsExactly("IZ01 - 01");
        assertThat(select(store, "SELECT ?l { geo:S02001534 foi:displayName ?l }", "l"))
                .containsExactly("IZ01");
        assertThat(select(store, "SELECT ?l { geo:S13002910 rdfs:label ?l }", "l"))
                .containsExactly("Tranent, Wallyford and Macmerry");
    }

    @Test
    void phsLayoutIsDetectedAndCountryWithoutNameIsScotland() throws IOException {
        String csv = """
                DataZone,DataZoneName,IntZone,IntZoneName,CA,CAName,HSCP,HSCPName,HB,HBName,Country
                S01006506,Culter - 01,S02001236,Culter,S12000033,Aberdeen City,S37000001,Aberdeen City,S08000020,NHS Grampian,S92000003
                S01006507,Culter - 02,S02001236,Culter,S12000033,Aberdeen City,S37000001,Aberdeen City,S08000020,NHS Grampian,S92000003
                """;
        GeographyReport report = loader.load(file("phs.csv", csv), store);

        assertThat(report.layout()).startsWith("Public Health Scotland codes and labels");
        assertThat(select(store, "SELECT ?l { geo:S92000003 rdfs:label ?l }", "l"))
                .containsExactly("Scotland");
        assertThat(select(store, "SELECT ?l { geo:S08000020 rdfs:label ?l }", "l"))
                .containsExactly("NHS Grampian");
        assertThat(withinOf("S01006506"))
                .containsExactly("S02001236", "S08000020", "S12000033", "S37000001", "S92000003");
        // Partnership S37 ranks below council, so it may be within the council; never the other way round.
        assertThat(withinOf("S37000001")).containsExactly("S08000020", "S12000033", "S92000003");
        assertThat(withinOf("S12000033")).containsExactly("S08000020", "S92000003");
    }

    @Test
    void byteOrderMarkCrlfAndHeaderCaseAndSpacesAreAccepted() throws IOException {
        String csv = "\uFEFF dz2011_code ,DZ2011_NAME,iz2011_code,IZ2011_Name,LA_Code,LA_Name,HB_Code,HB_Name\r\n"
                + "S01006506,Culter - 01,S02001236,Culter,S12000033,Aberdeen City,S08000020,Grampian\r\n"
                + "S01006507,Culter - 02,S02001236,Culter,S12000033,Aberdeen City,S08000020,Grampian\r\n";
        GeographyReport report = loader.load(file("bom.csv", csv), store);

        assertThat(report.count(AreaLevel.DATA_ZONE)).isEqualTo(2);
        assertThat(report.count(AreaLevel.WARD)).isZero();
        assertThat(select(store, "SELECT ?l { geo:S01006507 rdfs:label ?l }", "l"))
                .containsExactly("Culter - 02");
    }

    @Test
    void explicitColumnMappingReadsAnyLayout() throws IOException {
        String csv = """
                zone,zone label,iz,iz label,council,council label
                S01006506,Culter - 01,S02001236,Culter,S12000033,Aberdeen City
                """;
        LookupColumns columns = LookupColumns.parse(
                "dz=Zone, dzName=Zone Label, iz=IZ, izName=IZ label, council=Council, councilName=council label");
        GeographyReport report = loader.load(file("custom.csv", csv), columns, store);

        assertThat(report.layout())
                .isEqualTo(
                        "column mapping dz=Zone, dzName=Zone Label, iz=IZ, izName=IZ label, council=Council, councilName=council label");
        assertThat(withinOf("S01006506")).containsExactly("S02001236", "S12000033");
        assertThat(withinOf("S02001236")).containsExactly("S12000033");
    }

    @Test
    void columnMappingRoundTripsAndRejectsNonsense() {
        assertThat(LookupColumns.parse(LookupColumns.PHS.toMappingString()).levels())
                .isEqualTo(LookupColumns.parse(
                                "dz=DataZone,dzName=DataZoneName,iz=IntZone,izName=IntZoneName,hscp=HSCP,"
                                        + "hscpName=HSCPName,council=CA,councilName=CAName,hb=HB,hbName=HBName,country=Country")
                        .levels());
        assertThatThrownBy(() -> LookupColumns.parse("dz=A,dzName=B,lsoa=C"))
                .hasMessage(
                        "unknown key 'lsoa' in column mapping: expected one of dz, iz, ward, spc, hscp, council, hb, "
                                + "country, each optionally followed by Name");
        assertThatThrownBy(() -> LookupColumns.parse("dz=A,iz=C,izName=D"))
                .hasMessage("a lookup needs required data zone code and name columns (dz and dzName)");
        assertThatThrownBy(() -> LookupColumns.parse("dz=A,dzName=B,iz=C"))
                .hasMessage("level iz needs a name column (izName); only country may go without");
        assertThatThrownBy(() -> LookupColumns.parse("dz=A,dzName=B,hbName=C"))
                .hasMessage("column mapping gives hbName but not hb");
        assertThatThrownBy(() -> LookupColumns.parse("dz=A,dzName"))
                .hasMessage("column mapping part 'dzName' is not key=column");
    }

    @Test
    void reloadReplacesThePreviousGeography() throws IOException {
        loader.load(file("small.csv", SMALL), store);
        String other = HEADER + "S01008429,Currie East - 01,S02001578,Currie East,S13002920,Pentland Hills,"
                + "S12000036,City of Edinburgh,S08000024,Lothian,S92000003,Scotland\n";
        loader.load(file("other.csv", other), store);

        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:data-zones-2011 }"))
                .isEqualTo(1);
        assertThat(select(store, "SELECT ?l { geo:S01006506 ?p ?l }", "l")).isEmpty();
    }

    @Test
    void geographyReadBackFromTheStoreEqualsWhatWasLoaded() throws IOException {
        GeographyReport report = loader.load(file("small.csv", SMALL), store);
        Geography back = Geography.fromStore(store, uris);

        assertThat(back.size()).isEqualTo(report.geography().size());
        for (AreaLevel level : AreaLevel.values()) {
            assertThat(back.areas(level)).isEqualTo(report.geography().areas(level));
        }
        assertThat(back.area("S01008448").orElseThrow())
                .isEqualTo(new Geography.Area(
                        "S01008448",
                        "Colinton and Kingsknowe - 05",
                        AreaLevel.DATA_ZONE,
                        List.of("S02001581", "S13002927", "S12000036", "S08000024", "S92000003")));
        assertThat(back.parent("S01006513", AreaLevel.COUNCIL)).contains("S12000033");
        assertThat(back.parent("S01006513", AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP))
                .isEmpty();
        assertThat(back.dataZones("S12000033")).containsExactly("S01006506", "S01006507", "S01006513");
        assertThat(back.dataZones("S13002926")).containsExactly("S01008444");
        assertThat(back.dataZones("S01006506")).containsExactly("S01006506");
        assertThat(back.dataZones("S12999999")).isEmpty();
        assertThat(back.contains("S02001581")).isTrue();
        assertThat(back.contains("S02009999")).isFalse();
    }

    /** Glasgow in its 2019 codes, for the code history tests. */
    static final String GLASGOW = HEADER + """
            S01009758,Carmunnock - 01,S02001830,Carmunnock,S13003018,Linn,S12000049,Glasgow City,S08000031,Greater Glasgow and Clyde,S92000003,Scotland
            S01006506,Culter - 01,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland
            """;

    @Test
    void theBuiltInHistoryWritesArchivedCodesWithStatusDatesAndReplacements() throws IOException {
        GeographyReport report = loader.load(file("glasgow.csv", GLASGOW), store);

        assertThat(report.codeChanges()).isEqualTo(2);
        assertThat(report.summary())
                .endsWith("\n2 archived codes, with what replaced them, from built-in history of Scotland's "
                        + "2018-2019 code changes (2 changes)");
        assertThat(select(store, """
                SELECT ?label ?code ?coll ?status ?until ?by ?boundary {
                  geo:S12000046 rdfs:label ?label ; foi:code ?code ; foi:memberOf ?coll ; sg:status ?status ;
                      bc:terminateddate ?until ; dcterms:isReplacedBy ?by ; cg:boundaryChanged ?boundary }""", "label", "code", "coll", "status", "until", "by", "boundary"))
                .containsExactly(
                        "Glasgow City|S12000046|http://statistics.gov.scot/def/foi/collection/council-areas|Archive|"
                                + "http://reference.data.gov.uk/id/day/2019-03-31|" + GEO + "S12000049|true");
        assertThat(select(
                        store,
                        "SELECT ?status ?from ?replaces { geo:S12000049 sg:status ?status ; bc:operativedate ?from ; "
                                + "dcterms:replaces ?replaces }",
                        "status",
                        "from",
                        "replaces"))
                .containsExactly("Live|http://reference.data.gov.uk/id/day/2019-04-01|" + GEO + "S12000046");
        // Within the health board of its day; every live area says it is live.
        assertThat(withinOf("S12000046")).containsExactly("S08000021", "S92000003");
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:memberOf coll:council-areas ; sg:status \"Live\" }"))
                .isEqualTo(2);
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a sg:status \"Archive\" }"))
                .isEqualTo(2);
        assertThat(count(store, "SELECT (COUNT(?a) AS ?n) { ?a foi:code ?c FILTER NOT EXISTS { ?a sg:status ?s } }"))
                .isZero();
    }

    @Test
    void archivedAreasReadBackFromTheStoreEqualWhatWasLoaded() throws IOException {
        GeographyReport report = loader.load(file("glasgow.csv", GLASGOW), store);
        Geography back = Geography.fromStore(store, uris);

        assertThat(back.size())
                .isEqualTo(report.geography().size())
                .isEqualTo(report.geography().counts().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum()
                        + 2);
        for (AreaLevel level : AreaLevel.values()) {
            assertThat(back.areas(level)).isEqualTo(report.geography().areas(level));
            assertThat(back.archived(level)).isEqualTo(report.geography().archived(level));
        }
        assertThat(back.area("S08000021").orElseThrow().shownName())
                .isEqualTo("Greater Glasgow and Clyde (to 2019; boundary changed)");
    }

    @Test
    void aPublishersHistoryFileReplacesTheBuiltInOneAndNoneLoadsTheLookupAlone() throws IOException {
        Path history = file("history.csv", """
                old_code,new_code,date,level,boundary_changed
                S12000099,S12000033,2016-04-01,council,no
                """);
        GeographyReport report = loader.load(file("glasgow.csv", GLASGOW), null, CodeHistory.read(history, 10), store);
        assertThat(report.geography().archived())
                .extracting(Geography.Area::code)
                .containsExactly("S12000099");
        assertThat(select(store, "SELECT ?l ?b { geo:S12000099 rdfs:label ?l ; cg:boundaryChanged ?b }", "l", "b"))
                .containsExactly("Aberdeen City|false");
        assertThat(Geography.fromStore(store, uris).dataZones("S12000099")).containsExactly("S01006506");

        loader.load(file("glasgow.csv", GLASGOW), null, CodeHistory.NONE, store);
        assertThat(Geography.fromStore(store, uris).archived()).isEmpty();
    }

    @Test
    void aHistoryThatDoesNotFitTheLookupIsRefusedAndNothingChanges() throws IOException {
        loader.load(file("small.csv", SMALL), store);
        Set<Quad> before = quads(store);
        Path history = file("history.csv", """
                old_code,new_code,date,level,boundary_changed
                S12000046,S12000049,2019-04-01,council,yes
                """);

        assertThatThrownBy(() -> loader.load(file("glasgow.csv", SMALL), null, CodeHistory.read(history, 10), store))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new InputError(
                                                "history.csv",
                                                2,
                                                2,
                                                "unknown-code",
                                                "S12000049 is not in the lookup, and no row says what replaced it: "
                                                        + "a new code must be in force in the lookup or archived by a later row")));
        assertThat(quads(store)).isEqualTo(before);
    }

    @Test
    void fromStoreOfAnEmptyStoreIsEmpty() {
        assertThat(Geography.fromStore(store, uris).isEmpty()).isTrue();
    }

    @Test
    void bundledExampleLookupLoadsAndAgreesWithItsReadme() {
        Path example = Path.of("../examples/data/geography/example-lookup.csv");
        assertThat(example).exists();
        GeographyReport report = loader.load(example, store);

        assertThat(report.count(AreaLevel.DATA_ZONE)).isEqualTo(21);
        assertThat(report.count(AreaLevel.INTERMEDIATE_ZONE)).isEqualTo(4);
        assertThat(report.count(AreaLevel.COUNCIL)).isEqualTo(2);
        assertThat(report.count(AreaLevel.HEALTH_BOARD)).isEqualTo(2);
        assertThat(report.count(AreaLevel.WARD)).isEqualTo(3);
        assertThat(report.geography().dataZones("S02001236")).hasSize(7);
        assertThat(withinOf("S01006506"))
                .containsExactly(
                        "S02001236", "S08000020", "S12000033", "S13002843", "S16000076", "S37000001", "S92000003");
    }

    // ---- rejected input: exact message, and the store keeps what it had

    /** Loads {@code SMALL}, then asserts that loading {@code bad} fails with exactly {@code expected} and changes nothing. */
    void assertRejected(Path bad, LookupColumns columns, InputError... expected) throws IOException {
        loader.load(file("previous.csv", SMALL), store);
        Set<Quad> before = quads(store);
        long version = store.version();

        assertThatThrownBy(() -> {
                    if (columns == null) {
                        loader.load(bad, store);
                    } else {
                        loader.load(bad, columns, store);
                    }
                })
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.errors()).containsExactly(expected));

        assertThat(quads(store)).isEqualTo(before);
        assertThat(store.version()).isEqualTo(version);
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        assertRejected(
                file("empty.csv", ""),
                null,
                new InputError(
                        "empty.csv",
                        1,
                        0,
                        "empty-file",
                        "the file is empty: expected a header row, then one row per data zone"));
    }

    @Test
    void headerWithoutRowsIsRejected() throws IOException {
        assertRejected(
                file("header.csv", HEADER),
                null,
                new InputError("header.csv", 1, 0, "no-rows", "the file has a header but no data rows"));
    }

    @Test
    void fileThatIsNotUtf8IsRejectedNamingTheLine() throws IOException {
        // "Caol Ila" with a Latin-1 e-acute: byte 0xE9, not valid UTF-8.
        byte[] latin1 = (HEADER + SMALL.lines().skip(1).findFirst().orElseThrow() + "\n"
                        + "S01006507,Caf\u00e9 - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        InvalidInputException e = captureRejection(file("latin1.csv", latin1));

        assertThat(e.errors())
                .containsExactly(new InputError(
                        "latin1.csv",
                        3,
                        14,
                        "not-utf8",
                        "the file is not UTF-8: byte 0xE9 cannot be decoded (save the file as UTF-8)"));
        assertThat(e.getMessage())
                .isEqualTo(
                        "latin1.csv:3:14: the file is not UTF-8: byte 0xE9 cannot be decoded (save the file as UTF-8)");
    }

    InvalidInputException captureRejection(Path bad) throws IOException {
        loader.load(file("previous.csv", SMALL), store);
        Set<Quad> before = quads(store);
        try {
            loader.load(bad, store);
        } catch (InvalidInputException e) {
            assertThat(quads(store)).isEqualTo(before);
            return e;
        }
        throw new AssertionError("expected " + bad + " to be rejected");
    }

    @Test
    void missingRequiredColumnIsRejectedNamingColumnAndLayout() throws IOException {
        String csv = "DZ2011_Code,DZ2011_Name,IZ2011_Code,LA_Code,LA_Name,HB_Code,HB_Name\n"
                + "S01006506,Culter - 01,S02001236,S12000033,Aberdeen City,S08000020,Grampian\n";
        assertRejected(
                file("noizname.csv", csv),
                null,
                new InputError(
                        "noizname.csv",
                        1,
                        0,
                        "missing-column",
                        "missing required column IZ2011_Name (expected layout: " + LookupColumns.OFFICIAL.layout()
                                + ")"));
    }

    @Test
    void missingColumnOfAnExplicitMappingIsRejected() throws IOException {
        String csv = "zone,zone label\nS01006506,Culter - 01\n";
        LookupColumns columns = LookupColumns.parse("dz=zone,dzName=zone label,iz=IntZone,izName=IntZoneName");
        assertRejected(
                file("mapped.csv", csv),
                columns,
                new InputError(
                        "mapped.csv",
                        1,
                        0,
                        "missing-column",
                        "missing required column IntZone (expected layout: "
                                + "column mapping dz=zone,dzName=zone label,iz=IntZone,izName=IntZoneName)"),
                new InputError(
                        "mapped.csv",
                        1,
                        0,
                        "missing-column",
                        "missing required column IntZoneName (expected layout: "
                                + "column mapping dz=zone,dzName=zone label,iz=IntZone,izName=IntZoneName)"));
    }

    @Test
    void unknownLayoutIsRejected() throws IOException {
        assertRejected(
                file("odd.csv", "code,name\nS01006506,Culter - 01\n"),
                null,
                new InputError(
                        "odd.csv",
                        1,
                        0,
                        "unknown-layout",
                        "the header matches no known lookup layout: expected a "
                                + "DZ2011_Code column (official data zone lookup) or a DataZone column (Public Health Scotland "
                                + "codes and labels), or give a column mapping"));
    }

    @Test
    void dataZoneWhoseParentsDisagreeBetweenRowsIsRejectedNamingBothLines() throws IOException {
        String csv = HEADER
                + "S01006506,Culter - 01,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006507,Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006506,Culter - 01,S02001237,Cults,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n";
        assertRejected(
                file("clash.csv", csv),
                null,
                new InputError(
                        "clash.csv",
                        4,
                        3,
                        "conflicting-parents",
                        "data zone S01006506 is in Intermediate Zone 2011 S02001237 on this line but in S02001236 on line 2"));
    }

    @Test
    void repeatedIdenticalRowIsAccepted() throws IOException {
        String row = SMALL.lines().skip(1).findFirst().orElseThrow();
        GeographyReport report = loader.load(file("twice.csv", HEADER + row + "\n" + row + "\n"), store);

        assertThat(report.count(AreaLevel.DATA_ZONE)).isEqualTo(1);
    }

    @Test
    void areaNamedDifferentlyOnTwoRowsIsRejected() throws IOException {
        String csv = HEADER
                + "S01006506,Culter - 01,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006507,Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen,S08000020,Grampian,S92000003,Scotland\n";
        assertRejected(
                file("names.csv", csv),
                null,
                new InputError(
                        "names.csv",
                        3,
                        8,
                        "conflicting-name",
                        "S12000033 is named 'Aberdeen' here but 'Aberdeen City' on line 2"));
    }

    @Test
    void codeAtTheWrongLevelIsRejected() throws IOException {
        String csv = HEADER
                + "S12000033,Culter - 01,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006507,Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,E92000001,England\n";
        assertRejected(
                file("level.csv", csv),
                null,
                new InputError(
                        "level.csv",
                        2,
                        1,
                        "wrong-level",
                        "S12000033 in column DZ2011_Code is a Council Area code (S12); "
                                + "expected a Data Zone 2011 code (S01)"),
                new InputError(
                        "level.csv",
                        3,
                        11,
                        "wrong-level",
                        "E92000001 in column Country_Code is not a code of the 2011 "
                                + "statistical geography; expected a Country code (S92)"));
    }

    @Test
    void blankCodeAndMalformedCodeAreRejected() throws IOException {
        String csv = HEADER
                + "S01006506,Culter - 01, ,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006507,Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08-20,Grampian,S92000003,Scotland\n"
                + "S01006508,,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006509,Culter - 04,S02001236,Culter\n";
        assertRejected(
                file("blank.csv", csv),
                null,
                new InputError(
                        "blank.csv", 2, 3, "blank-code", "blank Intermediate Zone 2011 code in column IZ2011_Code"),
                new InputError(
                        "blank.csv",
                        3,
                        9,
                        "bad-code",
                        "'S08-20' in column HB_Code is not a GSS code (expected S08 followed by 6 digits)"),
                new InputError("blank.csv", 4, 2, "blank-name", "blank Data Zone 2011 name in column DZ2011_Name"),
                new InputError("blank.csv", 5, 5, "blank-code", "blank Multi-Member Ward code in column MMWard_Code"),
                new InputError("blank.csv", 5, 7, "blank-code", "blank Council Area code in column LA_Code"),
                new InputError("blank.csv", 5, 9, "blank-code", "blank Health Board code in column HB_Code"),
                new InputError("blank.csv", 5, 11, "blank-code", "blank Country code in column Country_Code"));
    }

    @Test
    void errorsAreCollectedUpToTheLimit() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 5; i++) {
            csv.append(
                    "S01006506,Culter - 01,,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n");
        }
        Path bad = file("many.csv", csv.toString());
        InvalidInputException e = (InvalidInputException)
                org.assertj.core.api.Assertions.catchThrowable(() -> new GeographyLoader(uris, 3).load(bad, store));

        assertThat(e.truncated()).isTrue();
        assertThat(e.errors()).extracting(InputError::line).containsExactly(2L, 3L, 4L);
        assertThat(e.getMessage()).endsWith("\n(stopped after 3 errors)");
        assertThat(store.graphNames()).isEmpty();
    }

    @Test
    void quotedFieldWithEmbeddedNewlineKeepsLaterLineNumbersRight() throws IOException {
        String csv = HEADER
                + "S01006506,\"Culter\n - 01\",S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006507,Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,\n";
        assertRejected(
                file("multiline.csv", csv),
                null,
                new InputError("multiline.csv", 4, 12, "blank-name", "blank Country name in column Country_Name"));
    }

    @Test
    void unterminatedQuoteIsRejectedAtTheLineWhereTheRecordStarts() throws IOException {
        String csv = HEADER
                + "S01006506,Culter - 01,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n"
                + "S01006507,\"Culter - 02,S02001236,Culter,S13002843,Lower Deeside,S12000033,Aberdeen City,S08000020,Grampian,S92000003,Scotland\n";
        InvalidInputException e = captureRejection(file("quote.csv", csv));

        assertThat(e.errors())
                .containsExactly(
                        new InputError(
                                "quote.csv",
                                3,
                                0,
                                "csv-syntax",
                                "the file is not valid CSV: a quoted field that starts on this line is never closed (missing \")"));
    }
}
