package scot.cairn.loaders.cube;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.Slugs;

/**
 * Writes a starting cube definition for a CSV file, so an analyst edits a definition rather than
 * starting from a blank page. A tidy file in the upload format ({@link TidyProfile}) gives the
 * levels of its area codes, the measure types with the units seen with each (and whether every
 * value is whole), the extra columns as dimensions with the codes found, and the markers; a wide
 * file ({@link WideProfile}: a column of area codes, one column of numbers per age, indicator or
 * year) gives the same and its {@code wide:} section. What the file cannot tell (title,
 * description, publisher, ...) is left as a {@code TODO} placeholder, which {@code validate}
 * refuses until it is filled in.
 *
 * <p>Reads the file once, streaming, within {@link CsvInput}'s bounds; memory grows only with the
 * number of distinct codes kept (at most {@value #MAX_CODES} per column).
 */
public final class Drafter {

    /** Dimensions with more distinct values than this get codes derived from the data instead of a list. */
    public static final int MAX_CODES = 60;

    private Drafter() {}

    /**
     * Drafts a definition for {@code csv}.
     *
     * @param slug the dataset slug, or null to derive it from the file name
     * @return the YAML text, with comments saying what was found and what to fill in
     * @throws InvalidInputException when the file cannot be read as CSV, or says too little to draft
     *                               from (no area codes, no numbers), naming the section to write by hand
     */
    public static String draft(Path csv, String slug) {
        String file = csv.getFileName().toString();
        String base = file.replaceFirst("\\.[^.]*$", "");
        DraftDocument doc = new DraftDocument(file, slug != null ? slug : Slugs.slugify(base), base);
        try (CsvInput in = CsvInput.open(csv)) {
            List<String> header = in.header().stream().map(String::strip).toList();
            Map<String, Integer> standard = standardColumns(header);
            if (standard.containsKey(CubeDefinition.FEATURE_CODE) && standard.containsKey(CubeDefinition.VALUE)) {
                TidyProfile tidy = new TidyProfile(header, standard);
                long rows = 0;
                for (CSVRecord r = in.next(); r != null; r = in.next()) {
                    if (r.size() == header.size()) {
                        tidy.row(r);
                        rows++;
                    }
                }
                return tidy.document(doc).yaml(rows);
            }
            WideProfile wide = new WideProfile(file, header);
            for (CSVRecord r = in.next(); r != null; r = in.next()) {
                wide.row(r);
            }
            return wide.document(doc).yaml(wide.rows());
        }
    }

    /** Standard field -> column, for the headers that name one (ignoring case and punctuation). */
    private static Map<String, Integer> standardColumns(List<String> header) {
        Map<String, Integer> standard = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            for (String f : CubeDefinition.STANDARD_FIELDS) {
                if (CubeDefinition.normalise(f).equals(CubeDefinition.normalise(header.get(i)))) {
                    standard.putIfAbsent(f, i);
                }
            }
        }
        return standard;
    }
}
