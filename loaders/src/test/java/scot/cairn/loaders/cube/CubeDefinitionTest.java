package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;

class CubeDefinitionTest {

    @Test
    void readsAFullDefinitionWithDefaults() {
        CubeDefinition d = CubeFixtures.definition();
        assertThat(d.slug()).isEqualTo("school-meals");
        assertThat(d.licence()).isEqualTo(CubeDefinition.OGL_V3);
        assertThat(d.creator()).isEqualTo(d.publisher());
        assertThat(d.publisher().label()).isEqualTo("Scottish Government");
        assertThat(d.allowedLevels()).isEqualTo(Set.of(AreaLevel.DATA_ZONE, AreaLevel.COUNCIL));
        assertThat(d.markers()).containsExactly(Map.entry("*", "suppressed"), Map.entry("NA", "not-available"),
                Map.entry("..", "not-available"), Map.entry("-", "nil"));
        DimensionSpec gender = d.dimensions().get(0);
        assertThat(gender.name()).isEqualTo("gender");
        assertThat(gender.scheme()).isEqualTo("gender");
        assertThat(gender.codes()).extracting(CodeSpec::parent).containsExactly(null, "all", "all");
        assertThat(d.measures().get(0).property()).isEqualTo("count");
        assertThat(d.measures().get(0).datatype()).isEqualTo("integer");
        assertThat(d.measures().get(1).datatype()).isEqualTo("decimal");
    }

    @Test
    void derivesNamesAndCodesFromLabels() {
        CubeDefinition d = CubeDefinition.read("""
                slug: waste
                title: Waste
                description: Waste.
                publisher: {label: Scottish Government, uri: "https://www.gov.scot/"}
                theme: environment
                levels: [S12, council-areas, COUNTRY]
                dimensions:
                  - column: Indicator (municipal waste)
                    codes: [Waste Recycled, "Waste Arisings (Tonnes)"]
                measures:
                  - {measurement: "Rate per 1,000 people", units: [Rate]}
                markers: {"*": suppressed, "x": not-available}
                """, "waste.yaml");
        assertThat(d.themes()).containsExactly("environment");
        assertThat(d.publisher().uri()).isEqualTo("https://www.gov.scot/");
        assertThat(d.allowedLevels()).containsExactlyInAnyOrder(AreaLevel.COUNCIL, AreaLevel.COUNTRY);
        assertThat(d.dimensions().get(0).name()).isEqualTo("indicatorMunicipalWaste");
        assertThat(d.dimensions().get(0).scheme()).isEqualTo("indicator-municipal-waste");
        assertThat(d.dimensions().get(0).codes()).extracting(CodeSpec::code).containsExactly("waste-recycled", "waste-arisings-tonnes");
        assertThat(d.measures().get(0).property()).isEqualTo("rate-per-1000-people");
        assertThat(d.markers()).containsOnlyKeys("*", "x");
    }

    @Test
    void unknownKeyIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> CubeDefinition.read("""
                slug: waste
                title: Waste
                description: Waste.
                publisher: SG
                levels: [council]
                measures: [{measurement: Count, units: [People]}]
                qualityNote: typo
                """, "waste.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("waste.yaml:7:1: ")
                .hasMessageContaining("qualityNote");
    }

    @Test
    void ruleBreakIsReportedWithFileLocationAndPath() {
        InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions.catchThrowable(() -> CubeDefinition.read("""
                slug: waste
                title: Waste
                description: Waste.
                publisher: SG
                levels: [council]
                dimensions:
                  - column: Sex
                    name: Sex-Of-Person
                measures: [{measurement: Count, units: [People]}]
                """, "waste.yaml"));
        assertThat(e.errors()).hasSize(1);
        assertThat(e.errors().get(0).file()).isEqualTo("waste.yaml");
        assertThat(e.errors().get(0).line()).isEqualTo(7L);
        assertThat(e.errors().get(0).rule()).isEqualTo("definition");
        assertThat(e.getMessage()).contains("dimensions[0]: dimension name 'Sex-Of-Person' must be lowerCamelCase");
    }

    @Test
    void rejectsABadSlugAndAnUnknownLevel() {
        String base = """
                title: T
                description: D
                publisher: SG
                measures: [{measurement: Count, units: [People]}]
                """;
        assertThatThrownBy(() -> CubeDefinition.read("slug: Bad Slug\nlevels: [council]\n" + base, "a.yaml"))
                .hasMessageContaining("slug 'Bad Slug' must be lower-case letters, digits and single hyphens");
        assertThatThrownBy(() -> CubeDefinition.read("slug: ok\nlevels: [parish]\n" + base, "a.yaml"))
                .hasMessageContaining("unknown geography level 'parish'");
        assertThatThrownBy(() -> CubeDefinition.read("slug: ok\n" + base, "a.yaml"))
                .hasMessageContaining("'levels' must list the geography levels allowed");
    }

    @Test
    void rejectsAParentOutsideTheList() {
        assertThatThrownBy(() -> CubeDefinition.read("""
                slug: ok
                title: T
                description: D
                publisher: SG
                levels: [council]
                dimensions: [{column: Sex, codes: [{code: male, label: Male, parent: persons}]}]
                measures: [{measurement: Count, units: [People]}]
                """, "a.yaml")).hasMessageContaining("code male of dimension sex has parent 'persons', which is not in the list");
    }

    @Test
    void malformedYamlIsReportedWithLocation() {
        assertThatThrownBy(() -> CubeDefinition.read("slug: ok\ntitle: [unclosed\n", "a.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("a.yaml:");
    }
}
