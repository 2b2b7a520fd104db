package scot.cairn.profiles;

import java.util.Optional;

/**
 * Where custom localities come from. The application implements it from the tabulation service's
 * locality store, so a locality defined once serves both tabulation and profiles.
 *
 * <p>Implementations must be thread-safe; {@link #find} is called on every locality request.
 */
@FunctionalInterface
public interface LocalityDirectory {

    /** The locality with this id, or empty when there is none. */
    Optional<Locality> find(String id);

    /** A directory with no localities (the default when the application provides none). */
    static LocalityDirectory none() {
        return id -> Optional.empty();
    }
}
