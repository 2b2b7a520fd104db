package scot.cairn.versions;

import java.util.Locale;
import java.util.Objects;

/**
 * What the publisher says about a new release: a change note and whether it is a routine update
 * or the correction of an error.
 *
 * @param note shown in the version history and citation; not blank
 * @param kind update or correction
 */
public record Release(String note, Kind kind) {

    /** Why a version was published. */
    public enum Kind {
        /** Routine new or revised figures. */
        UPDATE,
        /** The previous version held an error. */
        CORRECTION;

        /** The lower-case name used on the command line and in RDF. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "the kind of a release must be 'update' or 'correction', not '" + s + "'");
        }
    }

    public Release {
        Objects.requireNonNull(kind, "kind must not be null");
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("a release needs a change note");
        }
        note = note.strip();
    }
}
