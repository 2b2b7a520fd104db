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
        loader.load(CubeFixtures.definition(), CubeFixtures.write(dir, "good.csv", HEADER + GOOD_ROW
                + "S01006507,2019,Ratio,Percent,45.5,All\n"), store);
        before = CubeFixtures.quads(store);
        assertThat(before).isNotEmpty();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private InvalidInputException failLoading(String content) {
        Path bad = CubeFixtures.write(dir, "meals.csv", content);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> loader.load(CubeFixtures.definition(), bad, store));
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
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01999999,2019,Count,Pupils,3,Male\n"),
                "meals.csv:3:1: unknown area code S01999999 (not in the loaded geography)", "unknown-area");
    }

    @Test
    void areaAtALevelTheDefinitionDoesNotAllow() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S02001236,2019,Count,Pupils,3,Male\n"),
                "meals.csv:3:1: area S02001236 is at level Intermediate Zone 2011, which the definition does not allow "
                        + "(levels: data-zone, council)", "area-level");
    }

    @Test
    void malformedPeriod() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019-Q5,Count,Pupils,3,Male\n"),
                "meals.csv:3:2: malformed period '2019-Q5': expected 2016, 2016-Q2, 2016M08, 2009/2010, 2005-2007 or 2016-08-01",
                "malformed-period");
    }

    @Test
    void valueNeitherNumberNorMarker() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Ratio,Percent,n/a,Male\n"),
                "meals.csv:3:5: value 'n/a' is neither a number nor a declared marker (*, NA, .., -)", "not-a-number");
    }

    @Test
    void fractionForAnIntegerMeasure() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,2.5,Male\n"),
                "meals.csv:3:5: value '2.5' is neither a whole number nor a declared marker (*, NA, .., -)", "not-a-number");
    }

    @Test
    void unitInconsistentWithItsMeasureType() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Percent,3,Male\n"),
                "meals.csv:3:4: unit 'Percent' does not belong to measure type Count (allowed: Pupils)", "unit-mismatch");
    }

    @Test
    void unknownMeasureType() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Mean,Pupils,3,Male\n"),
                "meals.csv:3:3: unknown measure type 'Mean' (the definition declares: Count, Ratio)", "unknown-measure");
    }

    @Test
    void missingColumn() {
        assertOnly(failLoading("FeatureCode,Measurement,Units,Value,Gender\nS01006506,Count,Pupils,12,Male\n"),
                "meals.csv:1:0: missing column 'DateCode' (the header has: FeatureCode, Measurement, Units, Value, Gender)",
                "missing-column");
    }

    @Test
    void columnNotInTheDefinition() {
        assertOnly(failLoading("FeatureCode,DateCode,Measurement,Units,Value,Gender,Age\nS01006506,2019,Count,Pupils,12,Male,5\n"),
                "meals.csv:1:7: column 'Age' is not in the definition (declare it as a dimension, or remove it)", "unknown-column");
    }

    @Test
    void codeNotInAnExplicitCodeList() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3,Unknown\n"),
                "meals.csv:3:6: code 'Unknown' is not in the code list of dimension Gender (All, Female, Male)", "code-not-in-list");
    }

    @Test
    void duplicateObservation() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3,Male\n" + "s01006506 , 2019,count,pupils,14,male\n"),
                "meals.csv:4:1: duplicate observation: same area, period, dimensions and measure type as line 2", "IC-12");
    }

    @Test
    void rowOfTheWrongLength() {
        assertOnly(failLoading(HEADER + GOOD_ROW + "S01006507,2019,Count,Pupils,3\n"),
                "meals.csv:3:0: row has 5 fields, the header has 6", "row-length");
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
        InvalidInputException e = failLoading(HEADER + GOOD_ROW
                + "S01999999,2019,Count,Pupils,3,Male\n"
                + "S01006507,20019,Count,Pupils,x,Male\n");
        assertThat(e.errors()).extracting(InputError::toString).containsExactly(
                "meals.csv:3:1: unknown area code S01999999 (not in the loaded geography)",
                "meals.csv:4:2: malformed period '20019': expected 2016, 2016-Q2, 2016M08, 2009/2010, 2005-2007 or 2016-08-01",
                "meals.csv:4:5: value 'x' is neither a whole number nor a declared marker (*, NA, .., -)");
        assertThat(e.truncated()).isFalse();
    }

    @Test
    void stopsAtTheErrorLimit() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 20; i++) {
            csv.append("S01999999,").append(2000 + i).append(",Count,Pupils,3,Male\n");
        }
        Path bad = CubeFixtures.write(dir, "meals.csv", csv.toString());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> loader.withMaxErrors(5).load(CubeFixtures.definition(), bad, store));
        assertThat(e.errors()).hasSize(5);
        assertThat(e.truncated()).isTrue();
        assertThat(e.getMessage()).endsWith("(stopped after 5 errors)");
        assertThat(CubeFixtures.quads(store)).isEqualTo(before);
        assertThat(List.of(e.errors().get(4).line())).containsExactly(6L);
    }
}
