package scot.cairn.formats.cube;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.jena.sparql.core.DatasetGraph;
import scot.cairn.formats.CsvWriter;
import scot.cairn.formats.Formulas;
import scot.cairn.vocab.UriScheme;

/**
 * The whole-cube CSV of a dataset held in any dataset graph, in a stable order: the download's
 * rows and columns ({@link CubeTable}) for exports of rebuilt earlier versions, where the same
 * content must always give the same bytes.
 */
public final class CubeCsv {
    private CubeCsv() {}

    /**
     * Writes the labelled CSV of a dataset, rows in observation URI order, to {@code out} (not
     * closed), its cells as {@code formulas} says, and returns the number of rows. Call inside a transaction when the dataset graph is
     * transactional.
     *
     * @throws IllegalArgumentException {@code Unknown dataset: <uri>} when the graph has no such dataset
     * @throws UncheckedIOException when writing fails
     */
    public static long writeSorted(
            DatasetGraph dsg, UriScheme uris, String datasetUri, OutputStream out, Formulas formulas) {
        Cube cube = Cube.find(dsg, uris, datasetUri)
                .orElseThrow(() -> new IllegalArgumentException("Unknown dataset: " + datasetUri));
        try {
            CubeTable table = new CubeTable(cube, new Labels(dsg));
            CsvWriter csv = CsvWriter.utf8(out, formulas);
            csv.row(table.header());
            long rows = new ObservationScan(dsg, cube, Map.of()).runSorted(obs -> table.write(obs, csv));
            csv.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
