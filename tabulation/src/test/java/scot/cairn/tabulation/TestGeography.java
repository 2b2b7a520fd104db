package scot.cairn.tabulation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.geography.AreaHierarchy;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;

/**
 * The real 2011 data zone lookup as an {@link AreaHierarchy} (skips the test when absent). Shared
 * with the benchmarks through this module's test jar.
 */
public final class TestGeography {
    private static AreaHierarchy cached;

    private TestGeography() {}

    public static synchronized AreaHierarchy scotland() {
        if (cached == null) {
            cached = fromLookup(RealData.require("geography/Datazone2011lookup.csv"));
        }
        return cached;
    }

    public static AreaHierarchy fromLookup(Path lookup) {
        Map<AreaLevel, String> columns = new LinkedHashMap<>();
        columns.put(AreaLevel.INTERMEDIATE_ZONE, "IZ2011");
        columns.put(AreaLevel.WARD, "MMWard");
        columns.put(AreaLevel.SCOTTISH_PARLIAMENT_CONSTITUENCY, "SPC");
        columns.put(AreaLevel.HEALTH_AND_SOCIAL_CARE_PARTNERSHIP, "HIA");
        columns.put(AreaLevel.COUNCIL, "LA");
        columns.put(AreaLevel.HEALTH_BOARD, "HB");
        columns.put(AreaLevel.COUNTRY, "Country");
        Map<String, Map<AreaLevel, String>> parents = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        try (Reader in = Files.newBufferedReader(lookup, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                String dz = r.get("DZ2011_Code");
                names.put(dz, r.get("DZ2011_Name"));
                Map<AreaLevel, String> p = new EnumMap<>(AreaLevel.class);
                columns.forEach((level, col) -> {
                    p.put(level, r.get(col + "_Code"));
                    names.put(r.get(col + "_Code"), r.get(col + "_Name"));
                });
                parents.put(dz, p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return AreaHierarchy.of(parents, names);
    }

    /** The data zones of an area. */
    public static List<String> zonesOf(AreaHierarchy h, AreaLevel level, String code) {
        return h.dataZones().stream()
                .filter(dz -> h.parent(dz, level).orElse("").equals(code))
                .toList();
    }
}
