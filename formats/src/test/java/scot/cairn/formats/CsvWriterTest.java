package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void crlfQuotesWhatNeedsQuotingAndWritesNullAsEmpty() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.crlf(out).row("code", "name").row(Arrays.asList("S01006506", "Culter, \"01\"")).row("S01006507", null).flush();
        assertThat(out.toString()).isEqualTo("code,name\r\nS01006506,\"Culter, \"\"01\"\"\"\r\nS01006507,\r\n");
    }

    @Test
    void lfEndsRecordsWithLineFeed() throws IOException {
        StringWriter out = new StringWriter();
        CsvWriter.lf(out).row(List.of("i", "j")).row(1, 2.5).flush();
        assertThat(out.toString()).isEqualTo("i,j\n1,2.5\n");
    }

    @Test
    void utf8WritesThroughItsBufferOnFlush() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = CsvWriter.utf8(bytes).row("Na h-Eileanan Siar", "Comhairle nan Eilean Siar: \u00e0");
        assertThat(bytes.size()).isZero();
        csv.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Na h-Eileanan Siar,Comhairle nan Eilean Siar: \u00e0\r\n");
    }

    @Test
    void fieldsArePartOfARecordQuotedAsARowWouldQuoteThem() throws IOException {
        assertThat(CsvWriter.fields("S01006506", "Culter, \"01\"", null)).isEqualTo("S01006506,\"Culter, \"\"01\"\"\",");
        StringWriter row = new StringWriter();
        CsvWriter.lf(row).row("S01006506", "Culter, \"01\"", "1").flush();
        assertThat(CsvWriter.fields("S01006506", "Culter, \"01\"") + ",1\n").isEqualTo(row.toString());
        assertThat(CsvWriter.fields()).isEmpty();
    }
}
