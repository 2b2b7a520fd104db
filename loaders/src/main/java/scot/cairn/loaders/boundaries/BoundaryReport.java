package scot.cairn.loaders.boundaries;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import scot.cairn.vocab.AreaLevel;

/**
 * What a successful boundary load published.
 *
 * @param file         the file read
 * @param level        the level its areas are at
 * @param codeProperty the feature property that held the area codes (given or detected)
 * @param areas        number of areas given a boundary
 * @param withoutBoundary number of areas of the level in the geography that the file has no feature for
 * @param warnings     repairs made (one per repaired polygon), in file order
 * @param graph        the named graph replaced
 * @param quads        number of quads written
 */
public record BoundaryReport(
        Path file,
        AreaLevel level,
        String codeProperty,
        int areas,
        int withoutBoundary,
        List<BoundaryProblem> warnings,
        String graph,
        long quads) {
    public BoundaryReport {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(level, "level must not be null");
        Objects.requireNonNull(codeProperty, "codeProperty must not be null");
        Objects.requireNonNull(graph, "graph must not be null");
        warnings = List.copyOf(warnings);
    }

    /** One line for a command-line user. */
    public String summary() {
        return areas + " " + level.collectionLabel() + " boundaries (" + quads + " quads, codes from '" + codeProperty
                + "') from "
                + file.getFileName() + " into " + graph
                + (warnings.isEmpty()
                        ? ""
                        : "; " + warnings.size() + " polygon" + (warnings.size() == 1 ? "" : "s") + " repaired")
                + (withoutBoundary == 0
                        ? ""
                        : "; " + withoutBoundary + " " + level.collectionLabel()
                                + " of the geography have no boundary");
    }
}
