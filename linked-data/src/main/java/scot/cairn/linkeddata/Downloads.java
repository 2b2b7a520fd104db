package scot.cairn.linkeddata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import scot.cairn.store.TripleStore;
import scot.cairn.vocab.UriScheme;

/**
 * The whole-cube CSV download outside HTTP (for command-line export and benchmarks): the same
 * rows, columns and streaming as {@code GET /downloads/cube-table?uri=...}.
 */
public final class Downloads {
    private Downloads() {}

    /**
     * Writes the labelled CSV of a dataset to {@code out} (not closed) inside one read
     * transaction, in constant memory, and returns the number of observation rows.
     *
     * @throws IllegalArgumentException {@code Unknown dataset: <uri>} when the store has no such dataset
     * @throws UncheckedIOException when writing fails
     */
    public static long writeCubeCsv(TripleStore store, UriScheme uris, String datasetUri, OutputStream out) {
        return store.read(dsg -> {
            Cube cube = Cube.find(dsg, uris, datasetUri)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown dataset: " + datasetUri));
            try {
                return DownloadController.writeCsv(dsg, cube, Map.of(), out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Writes the labelled CSV of a dataset held in any dataset graph (for example a rebuilt
     * earlier version), rows in observation URI order so the same content always gives the same
     * bytes. Call inside a transaction when the dataset graph is transactional.
     *
     * @throws IllegalArgumentException {@code Unknown dataset: <uri>} when the graph has no such dataset
     */
    public static long writeCubeCsvSorted(org.apache.jena.sparql.core.DatasetGraph dsg, UriScheme uris, String datasetUri, OutputStream out) {
        Cube cube = Cube.find(dsg, uris, datasetUri)
                .orElseThrow(() -> new IllegalArgumentException("Unknown dataset: " + datasetUri));
        try {
            Labels labels = new Labels(dsg);
            CubeTable table = new CubeTable(cube, labels);
            java.io.BufferedWriter w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
            org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(w, org.apache.commons.csv.CSVFormat.DEFAULT);
            printer.printRecord(table.header());
            long rows = new ObservationScan(dsg, cube, Map.of()).runSorted(obs -> table.write(obs, printer));
            printer.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
