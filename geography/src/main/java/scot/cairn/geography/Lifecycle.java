package scot.cairn.geography;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * When an area's code is in force and how it relates to the codes before and after it, as
 * statistics.gov.scot records it: a live area may replace older codes and have the date from
 * which it is in force; an archived area has the last day its code was in force, the codes that
 * replaced it and whether that replacement changed the boundary.
 *
 * @param live            true while the code is in force
 * @param from            the first day the code is in force, or null when the history does not say
 * @param until           the last day an archived code was in force; null for a live area
 * @param replaces        the codes this area replaced
 * @param replacedBy      the codes that replaced this archived area (empty for a live area)
 * @param boundaryChanged for an archived area: true when its replacement has another boundary
 *                        (figures are kept apart), false when only the code changed (the same area)
 */
public record Lifecycle(
        boolean live,
        LocalDate from,
        LocalDate until,
        List<String> replaces,
        List<String> replacedBy,
        boolean boundaryChanged) {

    /** A live area with no recorded history. */
    public static final Lifecycle CURRENT = new Lifecycle(true, null, null, List.of(), List.of(), false);

    public Lifecycle {
        replaces = List.copyOf(replaces);
        replacedBy = List.copyOf(replacedBy);
        if (live && (until != null || !replacedBy.isEmpty() || boundaryChanged)) {
            throw new IllegalArgumentException("a live area has no end date, successor or boundary change");
        }
        if (!live) {
            Objects.requireNonNull(until, "an archived area needs the last day its code was in force");
            if (replacedBy.isEmpty()) {
                throw new IllegalArgumentException("an archived area needs the codes that replaced it");
            }
            if (from != null && from.isAfter(until)) {
                throw new IllegalArgumentException(
                        "an area cannot be in force from " + from + " until an earlier day " + until);
            }
        }
    }

    /** A live area in force from {@code from}, replacing {@code replaces}. */
    public static Lifecycle live(LocalDate from, List<String> replaces) {
        return new Lifecycle(true, from, null, replaces, List.of(), false);
    }

    /** True when the code was in force on {@code day}. Unknown start dates count as "always". */
    public boolean inForceOn(LocalDate day) {
        return (from == null || !from.isAfter(day)) && (until == null || !until.isBefore(day));
    }

    /** True for an archived area whose code alone changed: it is the same area as its successor. */
    public boolean codeOnly() {
        return !live && !boundaryChanged;
    }
}
