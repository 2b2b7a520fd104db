package scot.cairn.linkeddata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import scot.cairn.formats.Formulas;
import scot.cairn.formats.cube.Cube;
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
     * transaction, in constant memory, and returns the number of observation rows; cells that a
     * spreadsheet would run as formulas are neutralised.
     *
     * @throws IllegalArgumentException {@code Unknown dataset: <uri>} when the store has no such dataset
     * @throws UncheckedIOException when writing fails
     */
    public static long writeCubeCsv(TripleStore store, UriScheme uris, String datasetUri, OutputStream out) {
        return writeCubeCsv(store, uris, datasetUri, out, Formulas.NEUTRALISE);
    }

    /** As {@link #writeCubeCsv(TripleStore, UriScheme, String, OutputStream)}, cells as {@code formulas} says. */
    public static long writeCubeCsv(
            TripleStore store, UriScheme uris, String datasetUri, OutputStream out, Formulas formulas) {
        return store.read(dsg -> {
            Cube cube = Cube.find(dsg, uris, datasetUri)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown dataset: " + datasetUri));
            try {
                return DownloadController.writeCsv(dsg, cube, Map.of(), out, formulas);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
