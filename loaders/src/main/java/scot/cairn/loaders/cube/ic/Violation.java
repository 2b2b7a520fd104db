package scot.cairn.loaders.cube.ic;

import java.util.Objects;

/**
 * One broken W3C Data Cube integrity constraint.
 *
 * @param constraint the constraint id, {@code IC-1} to {@code IC-21}
 * @param description the constraint's title and rule, as the specification states it
 * @param offender a sample offending resource (an observation, DSD, component spec, code value...),
 *     or null when the offender is a blank node without a useful label
 * @param component the component property involved, or null when the constraint has none
 */
public record Violation(String constraint, String description, String offender, String component) {
    public Violation {
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(description, "description");
        if (!constraint.matches("IC-([1-9]|1[0-9]|2[01])")) {
            throw new IllegalArgumentException("not a Data Cube integrity constraint id: " + constraint);
        }
    }

    @Override
    public String toString() {
        return constraint + " " + description + (offender == null ? "" : ": " + offender)
                + (component == null ? "" : " (" + component + ")");
    }
}
