package scot.cairn.server.compat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A SPARQL CSV result as text and as parsed rows (RFC 4180, via Commons CSV). */
record CsvAnswer(String body, List<String> header, List<List<String>> rows) {

    static CsvAnswer parse(String body) {
        try (CSVParser parser = CSVParser.parse(new StringReader(body), CSVFormat.RFC4180)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new AssertionError("not a CSV result (no header line): " + abbreviate(body));
            }
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : records.subList(1, records.size())) {
                rows.add(r.toList());
            }
            return new CsvAnswer(body, records.get(0).toList(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of one column, in row order. */
    List<String> column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new AssertionError("no column " + name + " in " + header);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /**
     * True when every line, the last included, ends with CR LF and no other line break occurs
     * (no cell of these answers holds a line break): the line form of statistics.gov.scot's CSV.
     */
    static boolean crlfLines(String text) {
        return text.endsWith("\r\n")
                && text.replace("\r\n", "").indexOf('\n') < 0
                && text.replace("\r\n", "").indexOf('\r') < 0;
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
