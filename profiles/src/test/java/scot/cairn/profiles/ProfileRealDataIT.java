package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.AreaProfile.Row;

/**
 * Profiles of real councils and other areas from the real SIMD 2020v2 indicators, SIMD quintiles
 * and NRS population, checked against figures computed here from the raw CSV files.
 */
class ProfileRealDataIT {

    static final String DUNDEE = "S12000042";
    static final String GLASGOW = "S12000049";

    static RealProfiles real;
    static ProfileEngine engine;
    static ProfileDefinition profile;

    @BeforeAll
    static void load() {
        real = RealProfiles.get();
        engine = new ProfileEngine(real.store, RealProfiles.URIS, new StoreGeography(real.store, RealProfiles.URIS));
        profile = RealProfiles.profile();
    }

    static Row row(AreaProfile p, String id) {
        return p.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** Sum of numerator and denominator columns over data zones where both are numbers. */
    double[] sums(List<String> dzs, String num, String den) {
        double n = 0;
        double d = 0;
        for (String dz : dzs) {
            Double a = real.cell(dz, num);
            Double b = real.cell(dz, den);
            if (a != null && b != null) {
                n += a;
                d += b;
            }
        }
        return new double[] {n, d};
    }

    @Test
    void councilIncomeDeprivedCountIsTheSumOverItsDataZones() {
        for (String council : List.of(DUNDEE, GLASGOW)) {
            List<String> dzs = real.dataZonesWhere("LA_Code", council);
            double expected = dzs.stream()
                    .mapToDouble(dz -> real.cell(dz, "Income_count"))
                    .sum();
            AreaProfile p = engine.profile(profile, council);
            Row r = row(p, "income-deprived-people");
            assertThat(p.area().dataZones()).isEqualTo(dzs.size());
            assertThat(p.area().name()).isEqualTo(real.lookup.get(dzs.get(0)).get("LA_Name"));
            assertThat(r.value().value()).isEqualTo(expected);
            assertThat(r.value().published()).isFalse();
            assertThat(r.value().dataZones()).isEqualTo(dzs.size());
            assertThat(r.value().suppressedDataZones()).isZero();
            assertThat(r.period()).isEqualTo("2020");
            assertThat(r.source()).isEqualTo("http://statistics.gov.scot/data/simd-2020-indicators");
            assertThat(r.comparison()).isEqualTo("NOT_COMPARED");
        }
    }

    @Test
    void incomeDeprivationIsSummedCountsOverSummedPopulationForTheCouncilAndScotland() {
        List<String> dzs = real.dataZonesWhere("LA_Code", GLASGOW);
        double[] g = sums(dzs, "Income_count", "Total_population");
        double[] s = sums(List.copyOf(real.indicators.keySet()), "Income_count", "Total_population");
        Row r = row(engine.profile(profile, GLASGOW), "income-deprived");
        assertThat(r.value().value()).isCloseTo(100 * g[0] / g[1], within(1e-9));
        assertThat(r.value().numerator()).isEqualTo(g[0]);
        assertThat(r.value().denominator()).isEqualTo(g[1]);
        assertThat(r.scotland().value()).isCloseTo(100 * s[0] / s[1], within(1e-9));
        assertThat(r.scotland().dataZones()).isEqualTo(6976);
        // Wilson interval computed here from its formula.
        double p = g[0] / g[1];
        double z = 1.959963984540054;
        double centre = (p + z * z / (2 * g[1])) / (1 + z * z / g[1]);
        double half = z * Math.sqrt(p * (1 - p) / g[1] + z * z / (4 * g[1] * g[1])) / (1 + z * z / g[1]);
        assertThat(r.value().lower()).isCloseTo(100 * (centre - half), within(1e-9));
        assertThat(r.value().upper()).isCloseTo(100 * (centre + half), within(1e-9));
        assertThat(r.value().interval()).isEqualTo("wilson");
        // Glasgow's whole interval lies above Scotland's rate: worse, and the words say so.
        assertThat(centre - half).isGreaterThan(s[0] / s[1]);
        assertThat(r.comparison()).isEqualTo("WORSE");
        assertThat(r.comparisonText()).isEqualTo("worse than Scotland");
        assertThat(r.ratioToScotland()).isCloseTo((g[0] / g[1]) / (s[0] / s[1]), within(1e-9));
        assertThat(r.trend().direction()).isEqualTo("ONE_PERIOD");
    }

    @Test
    void worstAndBestIntermediateZonesMatchTheRawFile() {
        for (String council : List.of(DUNDEE, GLASGOW)) {
            Map<String, double[]> byIz = new TreeMap<>();
            Map<String, String> names = new HashMap<>();
            for (String dz : real.dataZonesWhere("LA_Code", council)) {
                String iz = real.lookup.get(dz).get("IZ2011_Code");
                names.put(iz, real.lookup.get(dz).get("IZ2011_Name"));
                double[] acc = byIz.computeIfAbsent(iz, k -> new double[2]);
                acc[0] += real.cell(dz, "Income_count");
                acc[1] += real.cell(dz, "Total_population");
            }
            String worst = null;
            String best = null;
            int ranked = 0;
            for (var e : byIz.entrySet()) {
                if (e.getValue()[0] < profile.smallCount()) {
                    continue;
                }
                ranked++;
                double rate = e.getValue()[0] / e.getValue()[1];
                if (worst == null || rate > byIz.get(worst)[0] / byIz.get(worst)[1]) {
                    worst = e.getKey();
                }
                if (best == null || rate < byIz.get(best)[0] / byIz.get(best)[1]) {
                    best = e.getKey();
                }
            }
            Row r = row(engine.profile(profile, council), "income-deprived");
            assertThat(r.subAreas().level()).isEqualTo("Intermediate Zone 2011");
            assertThat(r.subAreas().ranked()).isEqualTo(ranked);
            assertThat(r.subAreas().ranked() + r.subAreas().excluded()).isEqualTo(byIz.size());
            assertThat(r.subAreas().worst().code()).isEqualTo(worst);
            assertThat(r.subAreas().worst().name()).isEqualTo(names.get(worst));
            assertThat(r.subAreas().best().code()).isEqualTo(best);
            double worstRate = 100 * byIz.get(worst)[0] / byIz.get(worst)[1];
            double bestRate = 100 * byIz.get(best)[0] / byIz.get(best)[1];
            assertThat(r.subAreas().worst().value()).isCloseTo(worstRate, within(1e-9));
            assertThat(r.subAreas().gap()).isCloseTo(worstRate - bestRate, within(1e-9));
        }
    }

    @Test
    void quintileGapUsesTheSimdQuintilesOfTheCouncilsDataZones() {
        List<String> dzs = real.dataZonesWhere("LA_Code", DUNDEE);
        double[] q1 = sums(
                dzs.stream().filter(dz -> real.quintile.get(dz) == 1).toList(),
                "Employment_count",
                "Working_age_population");
        double[] q5 = sums(
                dzs.stream().filter(dz -> real.quintile.get(dz) == 5).toList(),
                "Employment_count",
                "Working_age_population");
        Row r = row(engine.profile(profile, DUNDEE), "employment-deprived");
        assertThat(r.inequality().label()).isEqualTo("SIMD 2020v2 quintile");
        assertThat(r.inequality().mostDeprived().value()).isCloseTo(100 * q1[0] / q1[1], within(1e-9));
        assertThat(r.inequality().leastDeprived().value()).isCloseTo(100 * q5[0] / q5[1], within(1e-9));
        assertThat(r.inequality().gap()).isCloseTo(100 * q1[0] / q1[1] - 100 * q5[0] / q5[1], within(1e-9));
        assertThat(r.inequality().gap()).isPositive();
        assertThat(r.inequality().text()).startsWith("most deprived worse by");
    }

    @Test
    void suppressedCrimeDataZonesAreLeftOutAndReportedNeverReadAsZero() {
        // The council with the most suppressed crime counts in the raw file.
        Map<String, Integer> stars = new TreeMap<>();
        real.lookup.forEach((dz, row) -> {
            if (real.indicators.get(dz).get("crime_count").equals("*")) {
                stars.merge(row.get("LA_Code"), 1, Integer::sum);
            }
        });
        String council = stars.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        int suppressed = stars.get(council);
        assertThat(suppressed).isPositive();
        List<String> dzs = real.dataZonesWhere("LA_Code", council);
        double[] known = sums(dzs, "crime_count", "Total_population");
        double allPopulation = dzs.stream()
                .mapToDouble(dz -> real.cell(dz, "Total_population"))
                .sum();

        AreaProfile p = engine.profile(profile, council);
        Row rate = row(p, "crime-rate");
        assertThat(rate.value().suppressedDataZones()).isEqualTo(suppressed);
        assertThat(rate.value().numerator()).isCloseTo(known[0], within(1e-6));
        assertThat(rate.value().denominator()).isEqualTo(known[1]);
        // Reading '*' as zero would have kept the suppressed zones' population in the denominator.
        assertThat(rate.value().denominator()).isLessThan(allPopulation);
        assertThat(rate.value().value()).isCloseTo(10000 * known[0] / known[1], within(1e-9));
        assertThat(rate.value().interval()).isEqualTo("byar");
        assertThat(rate.notes())
                .contains(suppressed + " of " + dzs.size() + " data zones suppressed and left out of the figure");
        assertThat(rate.value().display()).contains("excluding " + suppressed + " data zones without a value");
    }

    @Test
    void populationComesFromTheNrsDatasetAsPublished() {
        List<String> dzs = real.dataZonesWhere("LA_Code", DUNDEE);
        long expected = dzs.stream().mapToLong(real.population::get).sum();
        Row r = row(engine.profile(profile, DUNDEE), "population");
        assertThat(r.value().value()).isEqualTo((double) expected);
        assertThat(r.source()).isEqualTo("http://statistics.gov.scot/data/population-total-2020");
        assertThat(r.scotland().value()).isEqualTo((double)
                real.population.values().stream().mapToLong(Integer::longValue).sum());
    }

    @Test
    void valuesThatCannotBeAggregatedShowOnlyWherePublished() {
        String dz = "S01006506";
        AreaProfile p = engine.profile(profile, dz);
        assertThat(p.area().level()).isEqualTo("Data Zone 2011");
        Row smr = row(p, "smr");
        assertThat(smr.value().value()).isEqualTo(real.cell(dz, "SMR"));
        assertThat(smr.value().published()).isTrue();
        assertThat(smr.subAreas()).isNull();
        Row councilSmr = row(engine.profile(profile, DUNDEE), "smr");
        assertThat(councilSmr.value().value()).isNull();
        assertThat(councilSmr.value().display()).isEqualTo("not published for this area");
        assertThat(councilSmr.comparison()).isEqualTo("NO_DATA");
    }

    @Test
    void everyLevelAndACustomLocalityGetAProfile() {
        Map<String, String> samples = Map.of(
                "HB_Code",
                "Health Board",
                "MMWard_Code",
                "Multi-Member Ward",
                "IZ2011_Code",
                "Intermediate Zone 2011",
                "LA_Code",
                "Council Area");
        Map<String, String> first = real.lookup.get("S01006506");
        samples.forEach((column, level) -> {
            String code = first.get(column);
            List<String> dzs = real.dataZonesWhere(column, code);
            AreaProfile p = engine.profile(profile, code);
            assertThat(p.area().level()).isEqualTo(level);
            double expected = dzs.stream()
                    .mapToDouble(dz -> real.cell(dz, "Income_count"))
                    .sum();
            assertThat(row(p, "income-deprived-people").value().value())
                    .as(level)
                    .isEqualTo(expected);
        });
        AreaProfile scotland = engine.profile(profile, "S92000003");
        assertThat(scotland.area().dataZones()).isEqualTo(6976);
        assertThat(row(scotland, "income-deprived").subAreas().level()).isEqualTo("Council Area");
        assertThat(row(scotland, "income-deprived").subAreas().ranked()).isEqualTo(32);

        // A locality: three Dundee data zones and two Glasgow ones, not any published area.
        List<String> dzs = List.of(
                real.dataZonesWhere("LA_Code", DUNDEE).get(0),
                real.dataZonesWhere("LA_Code", DUNDEE).get(1),
                real.dataZonesWhere("LA_Code", DUNDEE).get(2),
                real.dataZonesWhere("LA_Code", GLASGOW).get(0),
                real.dataZonesWhere("LA_Code", GLASGOW).get(1));
        AreaProfile loc = engine.profile(profile, new Locality("test-locality", "Test locality", dzs));
        assertThat(loc.area().level()).isEqualTo("Locality");
        double[] s = sums(dzs, "Income_count", "Total_population");
        Row r = row(loc, "income-deprived");
        assertThat(r.value().value()).isCloseTo(100 * s[0] / s[1], within(1e-9));
        assertThat(r.subAreas().level()).isEqualTo("Data Zone 2011");
        assertThat(r.subAreas().ranked() + r.subAreas().excluded()).isEqualTo(5);
        assertThat(row(loc, "smr").value().value()).isNull();
    }

    @Test
    void aCouncilsFamilyIsTheSevenCouncilsNearestByIncomeAndEmploymentDeprivation() {
        // Independently from the raw file: each council's two rates, scaled to mean 0 and standard deviation 1 over the
        // 32.
        List<String> councils = real.lookup.values().stream()
                .map(r -> r.get("LA_Code"))
                .distinct()
                .sorted()
                .toList();
        assertThat(councils).hasSize(32);
        double[][] z = new double[councils.size()][2];
        String[][] columns = {{"Income_count", "Total_population"}, {"Employment_count", "Working_age_population"}};
        for (int k = 0; k < 2; k++) {
            for (int c = 0; c < councils.size(); c++) {
                double[] s = sums(real.dataZonesWhere("LA_Code", councils.get(c)), columns[k][0], columns[k][1]);
                z[c][k] = 100 * s[0] / s[1];
            }
            final int col = k;
            double mean = java.util.Arrays.stream(z)
                    .mapToDouble(r -> r[col])
                    .average()
                    .orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(z)
                            .mapToDouble(r -> (r[col] - mean) * (r[col] - mean))
                            .sum()
                    / (z.length - 1));
            for (double[] r : z) {
                r[col] = (r[col] - mean) / sd;
            }
        }
        int g = councils.indexOf(GLASGOW);
        List<String> expected = java.util.stream.IntStream.range(0, councils.size())
                .filter(c -> c != g)
                .boxed()
                .sorted(java.util.Comparator.comparingDouble(
                        c -> Math.pow(z[c][0] - z[g][0], 2) + Math.pow(z[c][1] - z[g][1], 2)))
                .limit(7)
                .map(councils::get)
                .toList();
        AreaProfile p = engine.profile(profile, GLASGOW);
        Row income = row(p, "income-deprived");
        assertThat(income.family().members())
                .extracting(AreaProfile.Named::code)
                .containsExactlyElementsOf(expected);
        double average = income.family().members().stream()
                .mapToDouble(AreaProfile.Named::value)
                .average()
                .orElseThrow();
        assertThat(income.family().average()).isCloseTo(average, within(1e-9));
        // lower is better: Glasgow's place is one more than the members with a lower share
        long lower = income.family().members().stream()
                .filter(m -> m.value() < income.value().value())
                .count();
        assertThat(income.family().rank()).isEqualTo((int) lower + 1);
        assertThat(income.family().ranked()).isEqualTo(8);
        // a gap between two percentages is in percentage points
        assertThat(row(p, "employment-deprived").inequality().text()).endsWith(" percentage points");
        // the population, a count, is beside its family's average but not ranked, nor gapped
        Row population = row(p, "population");
        assertThat(population.family().rank()).isNull();
        assertThat(population.subAreas()).isNull();
        assertThat(population.inequality()).isNull();
    }

    @Test
    void aPublishedFractionIsShownOnItsIndicatorsScaleAsItsDefinitionDeclares() {
        // Income_rate is published as a fraction (0.08 for S01006506); declared scale 1, shown per 100.
        ProfileDefinition fraction = ProfileDefinition.read("""
                name: fraction
                title: F
                indicators:
                  - {id: income-rate, label: Income deprivation rate, type: proportion, better: lower, scale: 1,
                     value: {dataset: simd-2020-indicators, measure: ratio, dimensions: {simdIndicator: income-rate}}}
                """, "fraction.yaml");
        Row r = row(engine.profile(fraction, "S01006506"), "income-rate");
        assertThat(r.value().value()).isCloseTo(100 * real.cell("S01006506", "Income_rate"), within(1e-9));
        assertThat(r.value().display()).isEqualTo("8.00%");
    }

    @Test
    void unknownAreasAndDataZonesAreRefusedByName() {
        assertThatThrownBy(() -> engine.profile(profile, "S12999999"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no area with code S12999999 is loaded");
        assertThatThrownBy(() -> engine.profile(profile, new Locality("x", "X", List.of("S01999999"))))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("locality x names data zone S01999999, which is not loaded");
    }
}
