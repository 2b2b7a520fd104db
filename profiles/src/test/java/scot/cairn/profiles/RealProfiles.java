package scot.cairn.profiles;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import scot.cairn.geography.Geography;
import scot.cairn.loaders.cube.AreaDirectory;
import scot.cairn.loaders.cube.CubeDefinition;
import scot.cairn.loaders.cube.CubeLoader;
import scot.cairn.loaders.geography.GeographyLoader;
import scot.cairn.store.TripleStore;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.UriScheme;

/**
 * A store with the real 2011 geography, the SIMD 2020v2 indicators, SIMD 2020v2 quintiles and
 * the NRS 2020 population (all ages) loaded through the cube loader, shared by the real-data tests
 * (loading takes a while), plus the raw files read independently with commons-csv.
 */
final class RealProfiles {

    static final UriScheme URIS = UriScheme.defaultScheme();
    static final Path MODULE = Path.of(System.getProperty("user.dir"));
    static final Path DEFINITIONS = MODULE.resolveSibling("cube-definitions");

    private static RealProfiles instance;

    final TripleStore store;
    final Geography geography;
    /** Raw SIMD indicator rows by data zone, header -> cell. */
    final Map<String, Map<String, String>> indicators = new HashMap<>();
    /** Lookup rows by data zone. */
    final Map<String, Map<String, String>> lookup = new HashMap<>();
    /** SIMD 2020v2 national quintile by data zone. */
    final Map<String, Integer> quintile = new HashMap<>();
    /** NRS population 2020, all ages, both sexes, by data zone. */
    final Map<String, Integer> population = new HashMap<>();

    private RealProfiles() {
        Path lookupCsv = RealData.require("geography/Datazone2011lookup.csv");
        Path simd = RealData.require("simd/imd2020_dz11_scotland_indicators.csv");
        Path ranks = RealData.require("simd/simd2020v2_22062020.csv");
        Path pop = RealData.require("population/population20_dz11.csv");
        store = TripleStore.inMemory();
        new GeographyLoader(URIS).load(lookupCsv, store);
        geography = Geography.fromStore(store, URIS);
        CubeLoader loader = new CubeLoader(URIS, AreaDirectory.of(geography));
        loader.load(CubeDefinition.read(DEFINITIONS.resolve("simd-2020-indicators.yaml")), simd, store);
        loader.load(CubeDefinition.read(DEFINITIONS.resolve("simd-2020v2-ranks.yaml")), ranks, store);
        loader.load(CubeDefinition.read(DEFINITIONS.resolve("population-total-2020.yaml")), pop, store);

        read(simd, r -> indicators.put(r.get("dz11_code"), r.toMap()));
        read(lookupCsv, r -> lookup.put(r.get("DZ2011_Code"), r.toMap()));
        read(ranks, r -> quintile.put(r.get("DataZone"), Integer.parseInt(r.get("SIMD2020V2CountryQuintile"))));
        read(pop, r -> {
            if (r.get("sex").equals("All")) {
                population.put(r.get("dz11_code"), Integer.parseInt(r.get("total_population")));
            }
        });
    }

    static synchronized RealProfiles get() {
        if (instance == null) {
            instance = new RealProfiles();
        }
        return instance;
    }

    static ProfileDefinition profile() {
        return ProfileDefinition.read(DEFINITIONS.resolve("profiles/simd-2020-council.yaml"));
    }

    /** Data zones whose lookup column {@code column} equals {@code code}. */
    List<String> dataZonesWhere(String column, String code) {
        return lookup.entrySet().stream()
                .filter(e -> e.getValue().get(column).equals(code))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** A SIMD indicator cell as a number, or null for '*' and 'NA'. */
    Double cell(String dz, String column) {
        String v = indicators.get(dz).get(column);
        return v.equals("*") || v.equals("NA") ? null : Double.valueOf(v);
    }

    private static void read(Path csv, java.util.function.Consumer<CSVRecord> action) {
        try (Reader in = Files.newBufferedReader(csv)) {
            CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
