package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scot.cairn.geography.StoreGeography;
import scot.cairn.profiles.AreaProfile.Row;
import scot.cairn.store.GraphReplacement;
import scot.cairn.store.TripleStore;

/**
 * The engine's rules on the synthetic example cubes: published Scotland figures, rates from summed
 * counts, trends, small counts, suppression, sub-areas and the inequality gap.
 */
class ProfileEngineTest {

    static final String ABERDEEN = "S12000033";
    static final String EDINBURGH = "S12000036";

    static TripleStore store;
    static ProfileEngine engine;
    static ProfileDefinition profile;
    /** The CSV: "code|year|indicator" -> cell. */
    static final Map<String, String> cells = new HashMap<>();

    @BeforeAll
    static void open() throws IOException {
        store = ExampleStore.open();
        engine = new ProfileEngine(store, ExampleStore.URIS, new StoreGeography(store, ExampleStore.URIS));
        profile = ExampleStore.profile();
        try (Reader in = Files.newBufferedReader(ExampleStore.EXAMPLE.resolve("example-emergency-stays.csv"))) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                cells.put(r.get("FeatureCode") + "|" + r.get("DateCode") + "|" + r.get("Indicator"), r.get("Value"));
            }
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Row row(AreaProfile p, String id) {
        return p.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    static List<String> dataZones(String prefix) {
        List<String> out = new ArrayList<>();
        cells.keySet().forEach(k -> {
            String code = k.substring(0, k.indexOf('|'));
            if (code.startsWith("S01") && code.compareTo(prefix) >= 0 && !out.contains(code)) {
                out.add(code);
            }
        });
        return out;
    }

    /** {stays, population} summed over data zones whose cells are both numbers. */
    static double[] sum(List<String> dzs, int year) {
        double n = 0;
        double d = 0;
        for (String dz : dzs) {
            String s = cells.get(dz + "|" + year + "|emergency-stays");
            if (!s.equals("*")) {
                n += Double.parseDouble(s);
                d += Double.parseDouble(cells.get(dz + "|" + year + "|population"));
            }
        }
        return new double[] {n, d};
    }

    static final List<String> ABERDEEN_DZ = List.of(
            "S01006506",
            "S01006507",
            "S01006508",
            "S01006509",
            "S01006510",
            "S01006511",
            "S01006512",
            "S01006513",
            "S01006514",
            "S01006515",
            "S01006516",
            "S01006517");

    @Test
    void scotlandUsesItsOwnPublishedFiguresNotTheSumOfTheLoadedDataZones() {
        Row r = row(engine.profile(profile, ABERDEEN), "emergency-stays-rate");
        assertThat(r.scotland().published()).isTrue();
        assertThat(r.scotland().numerator()).isEqualTo(497_000.0);
        assertThat(r.scotland().denominator()).isEqualTo(5_400_000.0);
        assertThat(r.scotland().value()).isCloseTo(100_000 * 497_000.0 / 5_400_000, within(1e-9));
    }

    @Test
    void aCouncilRateIsSummedStaysOverSummedPopulationAndItsTrendIsTested() {
        double[] s2019 = sum(ABERDEEN_DZ, 2019);
        double[] s2016 = sum(ABERDEEN_DZ, 2016);
        Row r = row(engine.profile(profile, ABERDEEN), "emergency-stays-rate");
        assertThat(r.period()).isEqualTo("2019");
        assertThat(r.value().value()).isCloseTo(100_000 * s2019[0] / s2019[1], within(1e-9));
        assertThat(r.value().published()).isFalse();
        assertThat(r.value().interval()).isEqualTo("byar");
        assertThat(r.value().lower()).isLessThan(r.value().value());
        assertThat(r.value().upper()).isGreaterThan(r.value().value());
        assertThat(r.trend().series())
                .extracting(AreaProfile.Point::period)
                .containsExactly("2016", "2017", "2018", "2019");
        assertThat(r.trend().firstValue()).isCloseTo(100_000 * s2016[0] / s2016[1], within(1e-9));
        // Stays fell from about 500 to about 190 on the same population: far beyond Poisson noise.
        assertThat(r.trend().direction()).isEqualTo("IMPROVING");
        assertThat(r.trend().text()).isEqualTo("improving since 2016");
        assertThat(r.trend().pValue()).isLessThan(0.001);
        assertThat(r.trend().test()).isEqualTo("Poisson rate ratio test, 2016 vs 2019");
    }

    @Test
    void aFlatSeriesIsNoClearChange() {
        Row r = row(engine.profile(profile, EDINBURGH), "emergency-stays-rate");
        assertThat(r.trend().direction()).isEqualTo("NO_CLEAR_CHANGE");
        assertThat(r.trend().pValue()).isGreaterThan(0.05);
    }

    @Test
    void aSuppressedDataZoneIsLeftOutOfTheCouncilAndShownAsSuppressedOnItsOwn() {
        Row council = row(engine.profile(profile, EDINBURGH), "emergency-stays");
        assertThat(council.value().suppressedDataZones()).isEqualTo(1);
        assertThat(council.value().dataZones()).isEqualTo(9);
        double[] s = sum(dataZones("S01008429"), 2019);
        assertThat(council.value().value()).isEqualTo(s[0]);
        assertThat(council.notes()).contains("1 of 9 data zones suppressed and left out of the figure");
        Row dz = row(engine.profile(profile, "S01008429"), "emergency-stays-rate");
        assertThat(dz.value().value()).isNull();
        assertThat(dz.value().display()).isEqualTo("suppressed");
        assertThat(dz.comparison()).isEqualTo("NO_DATA");
        // Earlier years of the same data zone are values, so its trend still has three points.
        assertThat(dz.trend().series())
                .hasSize(4)
                .filteredOn(p -> p.value() != null)
                .hasSize(3);
    }

    @Test
    void smallCountsShowTheCountInsteadOfARateAndAreNotRanked() {
        Row iz = row(engine.profile(profile, "S02001237"), "emergency-stays-rate");
        assertThat(iz.value().smallCount()).isTrue();
        assertThat(iz.value().value()).isNull();
        assertThat(iz.value().numerator()).isEqualTo(5.0);
        assertThat(iz.value().display()).isEqualTo("5 (numbers too low for a rate)");
        assertThat(iz.notes()).contains("numbers are low (below 10): the count is shown instead of a rate");
        Row council = row(engine.profile(profile, ABERDEEN), "emergency-stays-rate");
        assertThat(council.subAreas().level()).isEqualTo("Intermediate Zone 2011");
        assertThat(council.subAreas().ranked()).isEqualTo(1);
        assertThat(council.subAreas().excluded()).isEqualTo(1);
        assertThat(council.subAreas().worst().code()).isEqualTo("S02001236");
        assertThat(council.subAreas().worst().name()).isEqualTo("Culter");
    }

    @Test
    void theInequalityGapComparesTheMostAndLeastDeprivedQuintiles() {
        // Quintiles cycle 1..5 over the data zones in file order: Aberdeen's quintile 1 zones are
        // the 1st, 6th and 11th, quintile 5 the 5th and 10th.
        double[] q1 = sum(List.of(ABERDEEN_DZ.get(0), ABERDEEN_DZ.get(5), ABERDEEN_DZ.get(10)), 2019);
        double[] q5 = sum(List.of(ABERDEEN_DZ.get(4), ABERDEEN_DZ.get(9)), 2019);
        // A count is neither ranked nor gapped unless its definition asks (rank: true).
        Row unranked = row(engine.profile(profile, ABERDEEN), "emergency-stays");
        assertThat(unranked.inequality()).isNull();
        assertThat(unranked.subAreas()).isNull();
        Row r = row(engine.profile(ranked(profile, "emergency-stays"), ABERDEEN), "emergency-stays");
        assertThat(r.subAreas()).isNotNull();
        assertThat(r.inequality().mostDeprived().value()).isEqualTo(q1[0]);
        assertThat(r.inequality().leastDeprived().value()).isEqualTo(q5[0]);
        assertThat(r.inequality().gap()).isEqualTo(q1[0] - q5[0]);
        assertThat(r.inequality().label()).isEqualTo("example deprivation quintile");
    }

    @Test
    void aPublicationChangesTheFigures() {
        AreaProfile before = engine.profile(profile, ABERDEEN);
        var g = NodeFactory.createURI(ExampleStore.URIS.graph("example-emergency-stays"));
        var obs = NodeFactory.createURI(
                ExampleStore.URIS.observation("example-emergency-stays", "S92000003", "2019", "population", "count"));
        var count = NodeFactory.createURI(ExampleStore.URIS.measureProperty("count"));
        // Replace Scotland's 2019 population with 5,500,000 by rewriting the dataset graph.
        List<org.apache.jena.sparql.core.Quad> quads = store.read(dsg -> {
            List<org.apache.jena.sparql.core.Quad> out = new ArrayList<>();
            dsg.find(g, null, null, null).forEachRemaining(out::add);
            return out;
        });
        store.replaceGraphs(new GraphReplacement(List.of(g.getURI()), sink -> {
            for (var q : quads) {
                if (q.getSubject().equals(obs) && q.getPredicate().equals(count)) {
                    sink.add(
                            g,
                            obs,
                            count,
                            NodeFactory.createLiteralDT(
                                    "5500000", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
                } else {
                    sink.add(g, q.getSubject(), q.getPredicate(), q.getObject());
                }
            }
        }));
        AreaProfile after = engine.profile(profile, ABERDEEN);
        assertThat(after.storeVersion()).isGreaterThan(before.storeVersion());
        assertThat(row(before, "emergency-stays-rate").scotland().denominator()).isEqualTo(5_400_000.0);
        assertThat(row(after, "emergency-stays-rate").scotland().denominator()).isEqualTo(5_500_000.0);
    }

    @Test
    void aProfileOverDatasetsThatAreNotLoadedSaysSoOnEveryRow() {
        ProfileDefinition real = ProfileDefinition.read(
                ExampleStore.MODULE.resolveSibling("cube-definitions/profiles/simd-2020-council.yaml"));
        AreaProfile p = engine.profile(real, ABERDEEN);
        assertThat(p.rows()).hasSize(real.indicators().size());
        for (Row r : p.rows()) {
            assertThat(r.value().value()).isNull();
            assertThat(r.comparison()).isEqualTo("NO_DATA");
            assertThat(r.trend().direction()).isEqualTo("NO_DATA");
            assertThat(r.notes())
                    .anyMatch(n -> n.startsWith("dataset ") && n.contains(" has no observations with measure type "));
            if (!r.type().equals("count")) {
                assertThat(r.notes())
                        .contains(
                                "deprivation groups not available: dataset simd-2020v2-ranks has no observations with measure type quintile");
            }
        }
    }

    @Test
    void eachAreaIsSetBesideItsFamilyGroupNamedOrFoundBySimilarity() {
        double edinburgh = row(engine.profile(profile, EDINBURGH), "emergency-stays-rate")
                .value()
                .value();
        double aberdeen = row(engine.profile(profile, ABERDEEN), "emergency-stays-rate")
                .value()
                .value();
        ProfileDefinition.Family named = new ProfileDefinition.Family(
                "cities",
                List.of(new ProfileDefinition.FamilyGroup("east coast", List.of(ABERDEEN, EDINBURGH))),
                null,
                null);
        ProfileDefinition.Family similar = new ProfileDefinition.Family(null, null, List.of("emergency-stays-rate"), 3);
        for (ProfileDefinition.Family f : List.of(named, similar)) {
            AreaProfile p = engine.profile(withFamily(profile, f), ABERDEEN);
            AreaProfile.FamilyComparison rate = row(p, "emergency-stays-rate").family();
            assertThat(rate.members()).extracting(AreaProfile.Named::code).containsExactly(EDINBURGH);
            assertThat(rate.average()).isCloseTo(edinburgh, within(1e-9));
            // lower is better: Aberdeen is first of two when its rate is the lower
            assertThat(rate.rank()).isEqualTo(aberdeen < edinburgh ? 1 : 2);
            assertThat(rate.ranked()).isEqualTo(2);
            assertThat(rate.text())
                    .isEqualTo((aberdeen < edinburgh ? "1st" : "2nd") + " best of 2; family average "
                            + rate.averageDisplay());
            assertThat(rate.series()).hasSize(4);
            // a count is compared with the family's average but not ranked in it
            AreaProfile.FamilyComparison count = row(p, "population").family();
            assertThat(count.rank()).isNull();
            assertThat(count.text()).startsWith("family average ");
        }
        assertThat(row(engine.profile(withFamily(profile, named), ABERDEEN), "population")
                        .family()
                        .label())
                .isEqualTo("cities (east coast)");
        assertThat(row(engine.profile(withFamily(profile, similar), ABERDEEN), "population")
                        .family()
                        .label())
                .isEqualTo("similar areas");
        // a data zone is in no named group: no family
        assertThat(row(engine.profile(withFamily(profile, named), "S01006506"), "population")
                        .family())
                .isNull();
    }

    static ProfileDefinition withFamily(ProfileDefinition d, ProfileDefinition.Family f) {
        return new ProfileDefinition(
                d.name(), d.title(), d.description(), d.smallCount(), d.deprivation(), f, d.indicators());
    }

    /** The definition with indicator {@code id} ranked (worst and best sub-areas, deprivation gap). */
    static ProfileDefinition ranked(ProfileDefinition d, String id) {
        List<ProfileDefinition.Indicator> out = new ArrayList<>();
        for (ProfileDefinition.Indicator i : d.indicators()) {
            out.add(
                    !i.id().equals(id)
                            ? i
                            : new ProfileDefinition.Indicator(
                                    i.id(),
                                    i.label(),
                                    i.type(),
                                    i.better(),
                                    i.per(),
                                    i.unit(),
                                    i.scale(),
                                    true,
                                    i.value(),
                                    i.numerator(),
                                    i.denominator()));
        }
        return new ProfileDefinition(
                d.name(), d.title(), d.description(), d.smallCount(), d.deprivation(), d.family(), out);
    }
}
