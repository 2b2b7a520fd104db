package scot.cairn.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.profiles.ProfileDefinition.Kind;

/** Reading profile files: defaults, and one clear error (file, line, column, rule) per kind of mistake. */
class ProfileDefinitionTest {

    static final String HEAD = """
            name: p
            title: P
            indicators:
            """;

    static String error(String yaml) {
        try {
            ProfileDefinition.read(yaml, "p.yaml");
        } catch (InvalidInputException e) {
            assertThat(e.errors()).hasSize(1);
            assertThat(e.errors().get(0).rule()).isEqualTo("profile");
            return e.errors().get(0).toString();
        }
        throw new AssertionError("no error for\n" + yaml);
    }

    @Test
    void theProfilesInTheRepositoryAreValid() {
        ProfileCatalogue c =
                ProfileCatalogue.readFolder(ExampleStore.MODULE.resolveSibling("cube-definitions/profiles"));
        assertThat(c.all()).extracting(ProfileDefinition::name).contains("simd-2020-council");
        for (ProfileDefinition p : c.all()) {
            assertThat(p.indicators()).isNotEmpty();
        }
    }

    @Test
    void defaultsFillPerUnitThresholdAndDeprivationGroups() {
        ProfileDefinition p = ExampleStore.profile();
        assertThat(p.smallCount()).isEqualTo(10);
        assertThat(p.deprivation().groups()).isEqualTo(5);
        assertThat(p.deprivation().mostDeprived()).isEqualTo(1);
        assertThat(p.deprivation().leastDeprived()).isEqualTo(5);
        assertThat(p.indicators().get(0).type()).isEqualTo(Kind.RATE);
        assertThat(p.indicators().get(0).unit()).isEqualTo("per 100,000");
        ProfileDefinition q = ProfileDefinition.read(HEAD + """
                  - {id: a, label: A, type: proportion, better: Higher, numerator: {dataset: d, measure: count}, denominator: {dataset: d, measure: count}}
                """, "p.yaml");
        assertThat(q.indicators().get(0).per()).isEqualTo(100.0);
        assertThat(q.indicators().get(0).unit()).isEqualTo("%");
        assertThat(q.deprivation()).isNull();
    }

    @Test
    void mistakesAreReportedWithFileLineAndWhatToFix() {
        assertThat(error(
                        HEAD + "  - {id: a, label: A, type: count, better: up, value: {dataset: d, measure: count}}\n"))
                .startsWith("p.yaml:4:")
                .contains("better must be 'higher' or 'lower', got 'up'");
        assertThat(error(HEAD
                        + "  - {id: a, label: A, type: share, better: lower, value: {dataset: d, measure: count}}\n"))
                .contains("type must be one of count, proportion, rate, value; got 'share'");
        assertThat(error(HEAD + "  - {id: a, label: A, type: count, better: lower}\n"))
                .contains("indicator a of type count needs a 'value' series");
        assertThat(
                        error(
                                HEAD
                                        + "  - {id: a, label: A, type: rate, better: lower, numerator: {dataset: d, measure: count}}\n"))
                .contains("indicator a needs both 'numerator' and 'denominator', or neither");
        assertThat(error(HEAD
                        + "  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count}}\n"
                        + "  - {id: a, label: B, type: count, better: lower, value: {dataset: d, measure: count}}\n"))
                .contains("indicator id 'a' is given twice");
        assertThat(
                        error(
                                HEAD
                                        + "  - {id: a, label: A, type: count, better: lower, colour: red, value: {dataset: d, measure: count}}\n"))
                .startsWith("p.yaml:4:")
                .contains("colour");
        assertThat(error("name: Not A Slug\ntitle: T\nindicators: []\n"))
                .contains("a profile needs a 'name' that is a slug");
        assertThat(
                        error(
                                HEAD
                                        + "  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count, dimensions: {age: x}, sumOver: [age]}}\n"))
                .contains("dimension 'age' of series d is both fixed and summed over");
        assertThat(
                        error(
                                "name: p\ntitle: P\nsmallCount: -1\nindicators:\n  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count}}\n"))
                .contains("smallCount must not be negative");
        assertThat(
                        error(
                                HEAD
                                        + "  - {id: a, label: A, type: proportion, better: lower, value: {dataset: d, measure: ratio}}\n"))
                .contains("a published proportion needs 'scale'");
        assertThat(
                        error(
                                HEAD
                                        + "  - {id: a, label: A, type: count, better: lower, scale: 100, value: {dataset: d, measure: count}}\n"))
                .contains("'scale' belongs to proportions and rates");
        assertThat(error(HEAD
                        + "  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count}}\n"
                        + "family: {similarBy: [b]}\n"))
                .contains("family.similarBy names 'b', which is no indicator of this profile");
        assertThat(error(HEAD
                        + "  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count}}\n"
                        + "family: {similarBy: [a], groups: [{name: g, areas: [S12000033, S12000036]}]}\n"))
                .contains("either 'groups'");
    }

    @Test
    void countsAreNotRankedUnlessAskedAndPercentagesDifferInPercentagePoints() {
        ProfileDefinition p = ProfileDefinition.read(
                HEAD
                        + "  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count}}\n"
                        + "  - {id: b, label: B, type: count, better: lower, rank: true, value: {dataset: d, measure: count}}\n"
                        + "  - {id: c, label: C, type: proportion, better: lower, scale: 1, value: {dataset: d, measure: ratio}}\n"
                        + "  - {id: e, label: E, type: proportion, per: 1000, better: lower, scale: 1, value: {dataset: d, measure: ratio}}\n",
                "p.yaml");
        assertThat(p.indicators())
                .extracting(ProfileDefinition.Indicator::rank)
                .containsExactly(false, true, true, true);
        assertThat(p.indicators())
                .extracting(ProfileDefinition.Indicator::inPercentagePoints)
                .containsExactly(false, false, true, false);
        assertThat(p.indicators().get(2).scale()).isEqualTo(1.0);
    }

    @Test
    void aFolderWithABadFileListsItsError(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("good.yaml"),
                HEAD + "  - {id: a, label: A, type: count, better: lower, value: {dataset: d, measure: count}}\n");
        Files.writeString(dir.resolve("bad.yaml"), HEAD + "  - {id: a, label: A, type: count, better: lower}\n");
        assertThatThrownBy(() -> ProfileCatalogue.readFolder(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.yaml:4:");
        assertThat(ProfileCatalogue.readFolder(dir.resolve("absent")).all()).isEmpty();
    }
}
