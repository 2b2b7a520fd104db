package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * One small file per kind of bad input: each must fail with exactly the expected message
 * (file:line:column: text) and rule, and leave the store's content exactly as it was.
 */
class BadInputTest {

    static final String HEADER = "FeatureCode,DateCode,Measurement,Units,Value,Gender\n";
    static final String GOOD_ROW = "S01006506,2019,Count,Pupils,12,Male\n";

    @TempDir
    Path dir;

    final TripleStore store = TripleStore.inMemory();
    final CubeLoader loader = new CubeLoader(UriScheme.defaultScheme(), CubeFixtures.AREAS);
    Set<String> before;

    @BeforeEach
    void publishAGoodVersion() {
        loader.load(
                CubeFixtures.definition(),
                CubeFixtures.write(dir, "good.csv", HEADER + GOOD_ROW + "S01006507,2019,Ratio,Percent,45.5,All\n"),
                store);
        before = CubeFixtures.quads(store);
        assertThat(before).isNotEmpty();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private InvalidInputException failLoading(String content) {
        Path bad = CubeFixtures.write(dir, "meals.csv", content);
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class, () -> loader.load(CubeFixtures.definition(), bad, store));
        assertThat(e).as("loading must fail").isNotNull();
        assertThat(CubeFixtures.quads(store)).as("store content unchanged").isEqualTo(before);
        ValidationReport report = loader.validate(CubeFixtures.definition(), bad);
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).isEqualTo(e.errors());
        return e;
    }

    private static void assertOnly(InvalidInputException e, String message, String rule) {
        assertThat(e.errors()).extracting(InputError::toString).containsExactly(message);
        assertThat(e.errors()).extracting(InputError::rule).containsExactly(rule);
    }

    @Test
    void unknownAreaCode() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01999999,2019,Count,Pupils,3,Male\n"),
                "meals.csv:3:1: unknown area code S01999999 (not in the loaded geography)",
                "unknown-area");
    }

    @Test
    void areaAtALevelTheDefinitionDoesNotAllow() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S02001236,2019,Count,Pupils,3,Male\n"),
                "meals.csv:3:1: area S02001236 is at level Intermediate Zone 2011, which the definition does not allow "
                        + "(levels: data-zone, council)",
                "area-level");
    }

    @Test
    void malformedPeriod() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019-Q5,Count,Pupils,3,Male\n"),
                "meals.csv:3:2: malformed period '2019-Q5': expected 2016, 2016-Q2, 2016M08, 2009/2010, 2005-2007 or 2016-08-01",
                "malformed-period");
    }

    @Test
    void valueNeitherNumberNorMarker() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Ratio,Percent,n/a,Male\n"),
                "meals.csv:3:5: value 'n/a' is neither a number nor a declared marker (*, NA, .., -)",
                "not-a-number");
    }

    @Test
    void fractionForAnIntegerMeasure() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,2.5,Male\n"),
                "meals.csv:3:5: value '2.5' is neither a whole number nor a declared marker (*, NA, .., -)",
                "not-a-number");
    }

    @Test
    void unitInconsistentWithItsMeasureType() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Percent,3,Male\n"),
                "meals.csv:3:4: unit 'Percent' does not belong to measure type Count (allowed: Pupils)",
                "unit-mismatch");
    }

    @Test
    void unknownMeasureType() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Mean,Pupils,3,Male\n"),
                "meals.csv:3:3: unknown measure type 'Mean' (the definition declares: Count, Ratio)",
                "unknown-measure");
    }

    @Test
    void missingColumn() {
        assertOnly(
                failLoading("FeatureCode,Measurement,Units,Value,Gender\nS01006506,Count,Pupils,12,Male\n"),
                "meals.csv:1:0: missing column 'DateCode' (the header has: FeatureCode, Measurement, Units, Value, Gender)",
                "missing-column");
    }

    @Test
    void columnNotInTheDefinition() {
        assertOnly(
                failLoading(
                        "FeatureCode,DateCode,Measurement,Units,Value,Gender,Age\nS01006506,2019,Count,Pupils,12,Male,5\n"),
                "meals.csv:1:7: column 'Age' is not in the definition (declare it as a dimension, or remove it)",
                "unknown-column");
    }

    @Test
    void codeNotInAnExplicitCodeList() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3,Unknown\n"),
                "meals.csv:3:6: code 'Unknown' is not in the code list of dimension Gender (All, Female, Male)",
                "code-not-in-list");
    }

    @Test
    void duplicateObservation() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3,Male\n"
                        + "s01006506 , 2019,count,pupils,14,male\n"),
                "meals.csv:4:1: duplicate observation: same area, period, dimensions and measure type as line 2",
                "IC-12");
    }

    @Test
    void rowOfTheWrongLength() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3\n"),
                "meals.csv:3:0: row has 5 fields, the header has 6",
                "row-length");
    }

    @Test
    void emptyFile() {
        assertOnly(failLoading(""), "meals.csv:1:0: the file is empty: expected a header row", "missing-header");
    }

    @Test
    void headerOnly() {
        assertOnly(failLoading(HEADER), "meals.csv:0:0: the file holds no observations", "no-observations");
    }

    @Test
    void collectsSeveralErrorsInFileOrder() {
        InvalidInputException e = failLoading(
                HEADER + GOOD_ROW + "S01999999,2019,Count,Pupils,3,Male\n" + "S01006507,20019,Count,Pupils,x,Male\n");
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "meals.csv:3:1: unknown area code S01999999 (not in the loaded geography)",
                        "meals.csv:4:2: malformed period '20019': expected 2016, 2016-Q2, 2016M08, 2009/2010, 2005-2007 or 2016-08-01",
                        "meals.csv:4:5: value 'x' is neither a whole number nor a declared marker (*, NA, .., -)");
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void stopsAtTheErrorLimitOfDistinctProblems() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 20; i++) {
            csv.append("S01999").append(900 + i).append(",2019,Count,Pupils,3,Male\n");
        }
        Path bad = CubeFixtures.write(dir, "meals.csv", csv.toString());
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class, () -> loader.withMaxErrors(5).load(CubeFixtures.definition(), bad, store));
        assertThat(e.errors()).hasSize(5);
        assertThat(e.truncated()).isTrue();
        assertThat(e.getMessage()).endsWith("(stopped after 5 errors)");
        assertThat(CubeFixtures.quads(store)).isEqualTo(before);
        assertThat(List.of(e.errors().get(4).line())).containsExactly(6L);
    }

    @Test
    void saysAProblemOnceWithTheNumberOfRowsItRecursOn() {
        StringBuilder csv = new StringBuilder(HEADER + GOOD_ROW);
        for (int i = 0; i < 31; i++) {
            csv.append("S01999999,").append(1990 + i).append(",Count,Pupils,3,Male\n");
        }
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class,
                () -> loader.withMaxErrors(5)
                        .load(CubeFixtures.definition(), CubeFixtures.write(dir, "meals.csv", csv.toString()), store));
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "meals.csv:3:1: unknown area code S01999999 (not in the loaded geography); the same on 30 more rows, the last on line 33");
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void aWideRowAtTheWrongLevelIsOneProblemNotOnePerMeltedCell() {
        CubeDefinition wide = CubeDefinition.read("""
                slug: pop
                title: Population
                description: People by age.
                publisher: NRS
                levels: [data-zone]
                constants: {DateCode: "2020"}
                dimensions: [{column: Age}]
                measures: [{measurement: Count, units: [People], datatype: integer}]
                wide: {keep: {code: FeatureCode}, meltInto: Age}
                """, "pop.yaml");
        Path csv = CubeFixtures.write(
                dir, "pop.csv", "code,0,1,2,3\nS02001236,1,2,3,4\nS01006506,1,2,3,4\nS02001236,1,2,3,4\n");
        assertThat(loader.validate(wide, csv).errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "pop.csv:2:1: area S02001236 is at level Intermediate Zone 2011, which the definition does not allow (levels: data-zone); "
                                + "the same on 1 more row, the last on line 4");
    }

    private InvalidInputException failLoadingBytes(byte[] content) {
        Path bad = dir.resolve("meals.csv");
        try {
            java.nio.file.Files.write(bad, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class, () -> loader.withMaxErrors(5).load(CubeFixtures.definition(), bad, store));
        assertThat(e).as("loading must fail").isNotNull();
        assertThat(CubeFixtures.quads(store)).as("store content unchanged").isEqualTo(before);
        assertThat(loader.withMaxErrors(5)
                        .validate(CubeFixtures.definition(), bad)
                        .errors())
                .isEqualTo(e.errors());
        return e;
    }

    @Test
    void aLatin1PoundSignIsReportedAtItsLineAndColumnAfterTheErrorsBeforeIt() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 7; i++) {
            csv.append(GOOD_ROW.replace("2019", Integer.toString(2000 + i)));
        }
        csv.append("S01999999,2019,Count,Pupils,3,Male\n");
        csv.append("S01006506,2019,Count,Pupils,\u00a312,Male\n");
        InvalidInputException e =
                failLoadingBytes(csv.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "meals.csv:9:1: unknown area code S01999999 (not in the loaded geography)",
                        "meals.csv:10:29: byte 0xA3 is not UTF-8: the file is in another encoding (in Windows-1252 or Latin-1, 0xA3 is '\u00a3'); "
                                + "save it as UTF-8 and try again");
        assertThat(e.errors()).extracting(InputError::rule).containsExactly("unknown-area", "encoding");
    }

    @Test
    void utf16AndUtf32FilesAreNamedAsSuch() {
        assertOnly(
                failLoadingBytes((HEADER + GOOD_ROW).getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
                "meals.csv:1:2: the file holds a NUL character (byte 0x00), which no text has: is it UTF-16 without a byte-order mark, "
                        + "or not a text file? Save it as UTF-8",
                "control-character");
        byte[] body = (HEADER + GOOD_ROW).getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[body.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withMark, 2, body.length);
        assertOnly(
                failLoadingBytes(withMark),
                "meals.csv:1:1: the file is UTF-16 (little-endian: it starts with the byte-order mark "
                        + "FF FE), not UTF-8: save it as UTF-8 and try again",
                "encoding");
    }

    @Test
    void aNulByteIsNeverTakenIntoALabel() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3,Ma\u0000le\n"),
                "meals.csv:3:33: the file holds a NUL character (byte 0x00), which no text has: is it UTF-16 without a byte-order mark, "
                        + "or not a text file? Save it as UTF-8",
                "control-character");
    }

    @Test
    void aQuoteThatIsNeverClosedIsReportedWhereItOpens() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,\"Pupils,3,Male\n"
                        + GOOD_ROW.replace("2019", "2018")),
                "meals.csv:3:22: a quoted field opens here and is never closed: add the missing \" (or remove this one)",
                "csv-syntax");
    }

    @Test
    void textAfterAClosingQuoteIsReportedWhereItStarts() {
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,\"Pup\"ils,3,Male\n"),
                "meals.csv:3:27: text follows the closing quote of a quoted field: quote the whole field, and write each \" inside it as \"\"",
                "csv-syntax");
    }

    @Test
    void aLineLongerThanTheLimitStopsTheReadingThere() {
        String longCell = "x".repeat(CsvInput.MAX_ROW_CHARS + 10);
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3," + longCell + "\n"),
                "meals.csv:3:1048577: this line is longer than 1,048,576 characters, the most one line may hold (is this the right file?)",
                "line-too-long");
    }

    @Test
    void aQuoteNeverClosedOverManyLinesIsBoundedAndReportedWhereItOpens() {
        String rows = "S01006507,2019,Count,Pupils,3,Male\n".repeat(40_000);
        assertOnly(
                failLoading(HEADER + GOOD_ROW + "S01006508,2019,Count,Pupils,\"3,Male\n" + rows),
                "meals.csv:3:29: a quoted field opens here and is never closed: add the missing \" (or remove this one)",
                "csv-syntax");
    }

    @Test
    void thousandsOfUnknownColumnsGiveAtMostTheErrorLimit() {
        StringBuilder header = new StringBuilder(HEADER.strip());
        for (int i = 0; i < 10_000; i++) {
            header.append(",c").append(i);
        }
        InvalidInputException e =
                failLoadingBytes((header + "\n" + GOOD_ROW).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(e.errors()).hasSize(5);
        assertThat(e.truncated()).isTrue();
        assertThat(e.errors().get(0))
                .hasToString(
                        "meals.csv:1:7: column 'c0' is not in the definition (declare it as a dimension, or remove it)");

        StringBuilder wide = new StringBuilder(HEADER.strip());
        for (int i = 0; i < CsvInput.MAX_COLUMNS; i++) {
            wide.append(",x");
        }
        assertOnly(
                failLoadingBytes((wide + "\n" + GOOD_ROW).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "meals.csv:1:0: the header has 16,390 columns; a file may have at most 16,384 (is this the right file?)",
                "too-many-columns");
    }

    static final String WIDE = """
            slug: pop
            title: Population
            description: People by age.
            publisher: NRS
            levels: [data-zone]
            constants: {DateCode: "2020"}
            dimensions: [{column: Age}]
            measures: [{measurement: Count, units: [People], datatype: integer}]
            """;

    @Test
    void aWideColumnNeitherKeptDroppedNorMeltedIsAnError() {
        CubeDefinition d = CubeDefinition.read(
                WIDE + "wide: {keep: {code: FeatureCode}, melt: ['0', '1'], meltInto: Age}\n", "pop.yaml");
        Path csv = CubeFixtures.write(dir, "pop.csv", "code,0,1,total\nS01006506,1,2,3\n");
        assertThat(loader.validate(d, csv).errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "pop.csv:1:4: column 'total' is not kept, dropped or melted by the definition's wide: section (add it to wide.melt or wide.drop)");
    }

    @Test
    void aWrongKeepColumnIsOneErrorWithoutAFollowOn() {
        CubeDefinition d =
                CubeDefinition.read(WIDE + "wide: {keep: {dz_code: FeatureCode}, meltInto: Age}\n", "pop.yaml");
        Path csv = CubeFixtures.write(dir, "pop.csv", "code,0,1\nS01006506,1,2\n");
        assertThat(loader.validate(d, csv).errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "pop.csv:1:0: wide.keep names column 'dz_code', which the file does not have (the header has: code, 0, 1)");
    }
}
