package scot.cairn.loaders.cube;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import scot.cairn.geography.Geography;
import scot.cairn.vocab.AreaLevel;

/**
 * The areas a cube may refer to: the loaded geography, as far as the cube loader needs it.
 * Implementations must be safe to call from one thread many millions of times (a hash lookup).
 */
@FunctionalInterface
public interface AreaDirectory {

    /** The level of the area with this code, or empty when no such area is loaded. */
    Optional<AreaLevel> levelOf(String code);

    /** This directory, then {@code other} for codes this one does not know. */
    default AreaDirectory or(AreaDirectory other) {
        return code -> {
            Optional<AreaLevel> l = levelOf(code);
            return l.isPresent() ? l : other.levelOf(code);
        };
    }

    /** The areas of a geography read model. */
    static AreaDirectory of(Geography geography) {
        return code -> geography.area(code).map(Geography.Area::level);
    }

    /** Exactly the given codes, each at the level its prefix names. */
    static AreaDirectory ofCodes(Iterable<String> codes) {
        Map<String, AreaLevel> m = new HashMap<>();
        for (String c : codes) {
            m.put(
                    c,
                    AreaLevel.ofCode(c)
                            .orElseThrow(() -> new IllegalArgumentException("not a GSS code of a known level: " + c)));
        }
        return code -> Optional.ofNullable(m.get(code));
    }

    /**
     * Any well-formed GSS code (three-character prefix of a known level followed by six digits),
     * without checking that the area exists: for validating a file before the geography is loaded.
     */
    static AreaDirectory anyWellFormedCode() {
        return code -> code.length() == 9 && code.substring(3).chars().allMatch(Character::isDigit)
                ? AreaLevel.ofCode(code)
                : Optional.empty();
    }
}
