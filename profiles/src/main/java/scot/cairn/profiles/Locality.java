package scot.cairn.profiles;

import java.util.List;
import java.util.Objects;

/**
 * A custom locality: a named set of 2011 data zones (e.g. a community planning locality).
 *
 * @param id        identifier used in URLs
 * @param name      display name
 * @param dataZones data zone codes ({@code S01...}); at least one, no duplicates
 */
public record Locality(String id, String name, List<String> dataZones) {
    public Locality {
        Objects.requireNonNull(id, "locality id must not be null");
        if (name == null || name.isBlank()) {
            name = id;
        }
        if (dataZones == null || dataZones.isEmpty()) {
            throw new IllegalArgumentException("locality " + id + " needs at least one data zone");
        }
        dataZones = List.copyOf(dataZones);
        for (String dz : dataZones) {
            if (!dz.startsWith("S01")) {
                throw new IllegalArgumentException(
                        "locality " + id + ": " + dz + " is not a 2011 data zone code (S01...)");
            }
        }
        if (dataZones.stream().distinct().count() != dataZones.size()) {
            throw new IllegalArgumentException("locality " + id + " lists a data zone twice");
        }
    }
}
