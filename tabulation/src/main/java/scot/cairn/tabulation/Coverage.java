package scot.cairn.tabulation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.vocab.AreaLevel;

/**
 * Which areas a dataset covers: those overlapping a council in which it holds at least one
 * record. A table shows an area outside the coverage as "no data" instead of a published zero,
 * so that "this survey was not run in Glasgow" does not read as "no one in Glasgow". Coverage is
 * decided per council, never per small area: within a covered council an empty data zone is
 * published like any other cell (a zero, perturbed or not), so the flag says nothing about small
 * counts. Read once per ingest of a dataset. Thread-safe.
 */
final class Coverage {
    private final MicrodataStore store;
    private final AreaHierarchy hierarchy;
    private final Map<String, Covered> byDataset = new ConcurrentHashMap<>();

    private record Covered(Instant ingested, Set<String> councils, Map<AreaLevel, Set<String>> areas) {}

    Coverage(MicrodataStore store, AreaHierarchy hierarchy) {
        this.store = store;
        this.hierarchy = hierarchy;
    }

    /** Whether the dataset covers the area {@code code} of {@code level}; always true for a dataset without councils. */
    boolean covers(MicrodataStore.Dataset ds, AreaLevel level, String code) {
        return !ds.areaCodes().containsKey(AreaLevel.COUNCIL)
                || !ds.areaCodes().containsKey(AreaLevel.DATA_ZONE)
                || coveredAreas(ds, level).contains(code);
    }

    private Set<String> coveredAreas(MicrodataStore.Dataset ds, AreaLevel level) {
        Covered c = covered(ds);
        return c.areas().computeIfAbsent(level, l -> {
            Set<String> out = new HashSet<>();
            for (String z : ds.areaCodes().get(AreaLevel.DATA_ZONE)) {
                if (hierarchy
                        .parent(z, AreaLevel.COUNCIL)
                        .filter(c.councils()::contains)
                        .isPresent()) {
                    hierarchy.parent(z, l).ifPresent(out::add);
                }
            }
            return Set.copyOf(out);
        });
    }

    private Covered covered(MicrodataStore.Dataset ds) {
        String name = ds.definition().name();
        Covered have = byDataset.get(name);
        if (have != null && have.ingested().equals(ds.ingested())) {
            return have;
        }
        List<String> councils = ds.areaCodes().get(AreaLevel.COUNCIL);
        Set<String> held = new HashSet<>();
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT DISTINCT g_" + AreaLevel.COUNCIL.prefix() + " FROM " + ds.table())) {
            while (rs.next()) {
                held.add(councils.get(rs.getInt(1)));
            }
        } catch (SQLException e) {
            throw new TabulationStoreException(
                    "reading the councils dataset " + name + " covers failed: " + e.getMessage(), e);
        }
        Covered fresh = new Covered(ds.ingested(), Set.copyOf(held), new ConcurrentHashMap<>());
        byDataset.put(name, fresh);
        return fresh;
    }
}
