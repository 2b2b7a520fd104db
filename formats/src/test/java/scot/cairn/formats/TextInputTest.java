package scot.cairn.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextInputTest {

    static final TextInput.Limits ROOMY = new TextInput.Limits(1_000, 10_000, 1_000_000);

    static TextInput open(byte[] bytes, TextInput.Limits limits) throws IOException {
        return TextInput.of(new ByteArrayInputStream(bytes), "data.csv", limits);
    }

    /** Reads everything it can; the text read before a problem, then the problem (or null). */
    record Outcome(String text, InputError error) {}

    static Outcome readAll(byte[] bytes, TextInput.Limits limits) throws IOException {
        StringWriter text = new StringWriter();
        try (Reader in = open(bytes, limits)) {
            char[] buffer = new char[7]; // small reads: problems must wait for the text before them
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                text.write(buffer, 0, n);
            }
            return new Outcome(text.toString(), null);
        } catch (TextInput.Problem p) {
            return new Outcome(text.toString(), p.error());
        }
    }

    @Test
    void skipsTheUtf8ByteOrderMarkAndReadsTheText() throws IOException {
        byte[] bytes = ("\uFEFFFeatureCode,Value\nS01006506,£12\n").getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(bytes, ROOMY)).isEqualTo(new Outcome("FeatureCode,Value\nS01006506,£12\n", null));
    }

    @Test
    void refusesUtf16AndUtf32ByTheirByteOrderMarks() {
        byte[] utf16 = "FeatureCode\n".getBytes(StandardCharsets.UTF_16); // big-endian with its mark
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> open(utf16, ROOMY));
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "data.csv:1:1: the file is UTF-16 (big-endian: it starts with the byte-order mark FE FF), not UTF-8: save it as UTF-8 and try again");
        byte[] utf16le = {(byte) 0xFF, (byte) 0xFE, 'F', 0};
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> open(utf16le, ROOMY))
                        .getMessage())
                .contains("UTF-16 (little-endian");
        byte[] utf32le = {(byte) 0xFF, (byte) 0xFE, 0, 0, 'F', 0, 0, 0};
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> open(utf32le, ROOMY))
                        .getMessage())
                .contains("UTF-32 (little-endian");
        byte[] utf32be = {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, 'F'};
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> open(utf32be, ROOMY))
                        .getMessage())
                .contains("UTF-32 (big-endian");
    }

    @Test
    void namesTheLineAndColumnOfALatin1PoundSignAfterDeliveringTheTextBeforeIt() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < 10; i++) {
            s.append("S0100650").append(i).append(",12\n");
        }
        byte[] good = s.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[good.length + 6];
        System.arraycopy(good, 0, bytes, 0, good.length);
        System.arraycopy(new byte[] {'A', 'b', ',', (byte) 0xA3, '5', '\n'}, 0, bytes, good.length, 6);
        Outcome o = readAll(bytes, ROOMY);
        assertThat(o.text()).isEqualTo(s + "Ab,");
        assertThat(o.error())
                .hasToString("data.csv:10:4: byte 0xA3 is not UTF-8: the file is in another encoding "
                        + "(in Windows-1252 or Latin-1, 0xA3 is '£'); save it as UTF-8 and try again");
        assertThat(o.error().rule()).isEqualTo("encoding");
    }

    @Test
    void refusesNulAndOtherControlCharactersButNotTabs() throws IOException {
        Outcome nul = readAll("a\tb\nWaste\0Recycled\n".getBytes(StandardCharsets.UTF_8), ROOMY);
        assertThat(nul.text()).isEqualTo("a\tb\nWaste");
        assertThat(nul.error().toString()).startsWith("data.csv:2:6: the file holds a NUL character (byte 0x00)");
        assertThat(nul.error().rule()).isEqualTo("control-character");
        Outcome bell = readAll("ab\u0007".getBytes(StandardCharsets.UTF_8), ROOMY);
        assertThat(bell.error()).hasToString("data.csv:1:3: control character U+0007: a text file has none; remove it");
    }

    @Test
    void countsLinesEndedByLfCrlfOrCrAndColumnsInCodePoints() throws IOException {
        Outcome o = readAll("a\r\nb\rc\n\uD83D\uDE00x\0".getBytes(StandardCharsets.UTF_8), ROOMY);
        assertThat(o.error().line()).isEqualTo(4);
        assertThat(o.error().column()).isEqualTo(3); // the emoji is one character
    }

    @Test
    void stopsALineAtItsLimitWithoutReadingTheRest() throws IOException {
        TextInput.Limits limits = new TextInput.Limits(10, 1_000, 1_000);
        Outcome o = readAll("short\n0123456789ABCDEF\n".getBytes(StandardCharsets.UTF_8), limits);
        assertThat(o.text()).isEqualTo("short\n0123456789");
        assertThat(o.error())
                .hasToString("data.csv:2:11: this line is longer than 10 characters, the most one line may hold "
                        + "(is this the right file?)");
    }

    @Test
    void stopsTheFileAtItsLimit() throws IOException {
        TextInput.Limits limits = new TextInput.Limits(100, 1_000, 12);
        Outcome o = readAll("title: a\nslug: b\n".getBytes(StandardCharsets.UTF_8), limits);
        assertThat(o.error().toString()).startsWith("data.csv:2:4: the file is longer than 12 characters");
        assertThat(o.error().rule()).isEqualTo("file-too-long");
    }

    @Test
    void boundsARecordThatNeverEndsAndNamesTheLineItStartsOn() throws IOException {
        String row = "x".repeat(99) + "\n";
        byte[] bytes = ("a,b\n1,\"" + row.repeat(2_000)).getBytes(StandardCharsets.UTF_8);
        TextInput.Limits limits = new TextInput.Limits(1_000, 1_000, 10_000_000);
        try (TextInput in = open(bytes, limits)) {
            in.startRecord(2);
            char[] buffer = new char[8192];
            TextInput.Problem p = catchThrowableOfType(TextInput.Problem.class, () -> {
                while (in.read(buffer, 0, buffer.length) >= 0) {
                    // a parser buffering an endless quoted field
                }
            });
            assertThat(p.error().toString())
                    .startsWith("data.csv:2:1: the row that starts on this line is longer than 1,000 characters");
            assertThat(TextInput.problemIn(new java.io.UncheckedIOException("wrapped", p)))
                    .contains(p.error());
        }
    }
}
