package scot.cairn.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;

/**
 * The profiles a server offers, by name. Immutable.
 */
public final class ProfileCatalogue {

    private final Map<String, ProfileDefinition> byName;

    /** A catalogue of these profiles; names must be unique. */
    public ProfileCatalogue(Collection<ProfileDefinition> profiles) {
        Map<String, ProfileDefinition> m = new TreeMap<>();
        for (ProfileDefinition p : profiles) {
            if (m.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two profiles are named '" + p.name() + "'");
            }
        }
        this.byName = m;
    }

    /**
     * Reads every {@code *.yaml} file of a folder (not its sub-folders); an absent folder gives an
     * empty catalogue.
     *
     * @throws InvalidInputException listing every file that is not a valid profile
     */
    public static ProfileCatalogue readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new ProfileCatalogue(List.of());
        }
        List<ProfileDefinition> profiles = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList()) {
                try {
                    profiles.add(ProfileDefinition.read(f));
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors, false);
        }
        return new ProfileCatalogue(profiles);
    }

    /** The profile with this name. */
    public Optional<ProfileDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every profile, by name. */
    public List<ProfileDefinition> all() {
        return List.copyOf(byName.values());
    }
}
