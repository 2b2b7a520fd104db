package scot.cairn.loaders.boundaries;

import java.util.Objects;

/**
 * One problem (or repair) in a boundary file, located by feature: {@link #toString()} gives
 * {@code boundaries_dz11.geojson:feature 1044 (code S01007549): message}. Features are numbered from 1
 * in file order; 0 means the whole file.
 *
 * @param file    the file name
 * @param feature 1-based feature number, 0 for the whole file
 * @param code    the feature's area code, or null when it has none (or the problem is not about one feature)
 * @param rule    a short stable identifier, e.g. {@code unknown-area}, {@code repaired-polygon}
 * @param message what is wrong, in words a publisher can act on
 */
public record BoundaryProblem(String file, int feature, String code, String rule, String message) {

    public BoundaryProblem {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(rule, "rule must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (feature < 0) {
            throw new IllegalArgumentException("feature must not be negative");
        }
    }

    @Override
    public String toString() {
        if (feature == 0) {
            return file + ": " + message;
        }
        return file + ":feature " + feature + (code == null ? "" : " (code " + code + ")") + ": " + message;
    }
}
