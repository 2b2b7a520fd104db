package scot.cairn.loaders.cube;

import java.util.List;
import scot.cairn.formats.InputError;

/**
 * The outcome of validating a file against its definition without publishing it.
 *
 * @param slug         the dataset
 * @param observations observations the file holds (counted up to the first error)
 * @param triples      quads a load would write, when the file is valid
 * @param statuses     observation status -> number of marker observations with it (e.g. suppressed -> 48)
 * @param errors       the problems found, in file order; empty when valid
 * @param truncated    true when validation stopped at the error limit
 * @param seconds      wall time
 */
public record ValidationReport(
        String slug,
        long observations,
        long triples,
        java.util.Map<String, Long> statuses,
        List<InputError> errors,
        boolean truncated,
        double seconds) {

    public ValidationReport {
        errors = List.copyOf(errors);
        statuses = java.util.Map.copyOf(statuses);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
