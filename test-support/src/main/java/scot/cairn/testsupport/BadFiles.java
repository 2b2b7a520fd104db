package scot.cairn.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The bad-file corpus: input files a publisher might really send (another encoding, an
 * unterminated quote, a NUL byte, an over-long line, a million columns, a duplicate key, the
 * draft's placeholders), each with the FILE:LINE:COLUMN message {@code cairn validate} and
 * {@code cairn load} must print. Shared by {@code BadFilesCliTest} (in {@code mvn verify}) and the
 * fault suite ({@code FaultSuite} in benchmarks), so both try the same files.
 */
public final class BadFiles {
    private BadFiles() {}

    /** The CSV header of the example dataset {@code council-tax-collection}. */
    public static final String HEADER = "FeatureCode,DateCode,Measurement,Units,Value\n";
    /** One valid row of it. */
    public static final String GOOD = "S12000033,2019/2020,Count,Pounds (thousands),118000\n";

    /**
     * One bad file: written as {@code file}, it is the definition ({@code definition}) or the CSV;
     * the other file is the valid example. {@code expected} is part of the error text, {@code
     * options} go on the command line, and at most {@code maxErrorLines} error lines may name the
     * file (0: no bound checked).
     */
    public record Case(
            String file, byte[] bytes, boolean definition, String expected, List<String> options, int maxErrorLines) {
        public Case {
            Objects.requireNonNull(file);
            Objects.requireNonNull(bytes);
            Objects.requireNonNull(expected);
            options = List.copyOf(options);
        }

        Case(String file, String text, boolean definition, String expected) {
            this(file, text.getBytes(StandardCharsets.UTF_8), definition, expected, List.of(), 0);
        }
    }

    /** The corpus, made from the example definition {@code council-tax-collection.yaml} (its text). */
    public static List<Case> corpus(String exampleYaml) {
        byte[] body = (HEADER + GOOD).getBytes(StandardCharsets.UTF_16BE);
        byte[] utf16 = new byte[body.length + 2];
        utf16[0] = (byte) 0xFE;
        utf16[1] = (byte) 0xFF;
        System.arraycopy(body, 0, utf16, 2, body.length);
        StringBuilder columns = new StringBuilder(HEADER.strip());
        for (int i = 0; i < 1_000_000; i++) {
            columns.append(",c").append(i);
        }
        String duplicate = exampleYaml.replace("issued: 2024-06-01\n", "issued: 2024-06-01\ntitle: Again\n");
        long duplicateLine =
                duplicate.lines().takeWhile(l -> !l.equals("title: Again")).count() + 1;
        String todo = exampleYaml.replaceFirst("publisher: \\{[^}]*}", "publisher: TODO publisher");
        long todoLine = todo.lines().takeWhile(l -> !l.startsWith("publisher:")).count() + 1;
        return List.of(
                new Case(
                        "latin1.csv",
                        (HEADER + GOOD + "S12000033,2020/2021,Count,\u00a3 (thousands),119000\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        false,
                        "latin1.csv:3:27: byte 0xA3 is not UTF-8: the file is in another encoding (in Windows-1252 or "
                                + "Latin-1, 0xA3 is '\u00a3'); save it as UTF-8 and try again",
                        List.of(),
                        0),
                new Case(
                        "utf16.csv",
                        utf16,
                        false,
                        "utf16.csv:1:1: the file is UTF-16 (big-endian: it starts with the byte-order mark FE FF), "
                                + "not UTF-8: save it as UTF-8 and try again",
                        List.of(),
                        0),
                new Case(
                        "quote.csv",
                        HEADER + GOOD + "S12000033,\"2020/2021,Count,Pounds (thousands),1\n" + GOOD,
                        false,
                        "quote.csv:3:11: a quoted field opens here and is never closed: add the missing \" (or remove "
                                + "this one)"),
                new Case(
                        "nul.csv",
                        HEADER + GOOD + "S12000033,2020/2021,Count,Pounds\u0000 (thousands),1\n",
                        false,
                        "nul.csv:3:33: the file holds a NUL character (byte 0x00)"),
                new Case(
                        "long.csv",
                        HEADER + GOOD + "S12000033,2020/2021,Count," + "x".repeat(2 << 20) + ",1\n",
                        false,
                        "long.csv:3:1048577: this line is longer than 1,048,576 characters, the most one line may hold "
                                + "(is this the right file?)"),
                new Case(
                        "columns.csv",
                        (columns + "\n" + GOOD).getBytes(StandardCharsets.UTF_8),
                        false,
                        "columns.csv:1:",
                        List.of("--max-errors", "5"),
                        5),
                new Case(
                        "duplicate.yaml",
                        duplicate,
                        true,
                        "duplicate.yaml:" + duplicateLine + ":6: the key 'title' appears twice: each key may be given "
                                + "once"),
                new Case("todo.yaml", todo, true, "todo.yaml:" + todoLine + ":12:"));
    }
}
