package scot.cairn.geography;

import java.time.LocalDate;
import java.util.Objects;
import scot.cairn.vocab.AreaLevel;

/**
 * One row of a code history: on {@code date} the area code {@code oldCode} went out of force and
 * {@code newCode} came into force in its place.
 *
 * @param oldCode         the archived code
 * @param newCode         the code that replaced it (one of several when an area was split)
 * @param date            the first day the new code was in force; the old one was in force until the day before
 * @param level           the level of both codes
 * @param boundaryChanged true when the area was redrawn (its figures are kept apart from the new
 *                        area's); false when only the code changed (the same area under a new code)
 * @param oldName         the official name of the old area, or null for the new area's name
 */
public record CodeChange(
        String oldCode, String newCode, LocalDate date, AreaLevel level, boolean boundaryChanged, String oldName) {
    public CodeChange {
        Objects.requireNonNull(oldCode, "oldCode must not be null");
        Objects.requireNonNull(newCode, "newCode must not be null");
        Objects.requireNonNull(date, "date must not be null");
        Objects.requireNonNull(level, "level must not be null");
        for (String code : new String[] {oldCode, newCode}) {
            if (AreaLevel.ofCode(code).orElse(null) != level) {
                throw new IllegalArgumentException(
                        "code " + code + " is not " + level.labelWithArticle() + " code (" + level.prefix() + ")");
            }
        }
        if (oldCode.equals(newCode)) {
            throw new IllegalArgumentException("a code cannot replace itself: " + oldCode);
        }
        if (oldName != null && oldName.isBlank()) {
            oldName = null;
        }
    }
}
