package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.vocab.AreaLevel;

class CubeDefinitionTest {

    @TempDir
    Path dir;

    static final String VALID = """
            slug: waste
            title: Waste
            description: Waste.
            publisher: SG
            levels: [council, country]
            measures: [{measurement: Count, units: [Tonnes]}]
            """;

    static List<String> errors(String yaml) {
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidInputException.class, () -> CubeDefinition.read(yaml, "w.yaml"));
        assertThat(e).as("the definition must be refused").isNotNull();
        return e.errors().stream().map(InputError::toString).toList();
    }

    @Test
    void readsAFullDefinitionWithDefaults() {
        CubeDefinition d = CubeFixtures.definition();
        assertThat(d.slug()).isEqualTo("school-meals");
        assertThat(d.licence()).isEqualTo(CubeDefinition.OGL_V3);
        assertThat(d.creator()).isEqualTo(d.publisher());
        assertThat(d.publisher().label()).isEqualTo("Scottish Government");
        assertThat(d.allowedLevels()).isEqualTo(Set.of(AreaLevel.DATA_ZONE, AreaLevel.COUNCIL));
        assertThat(d.markers())
                .containsExactly(
                        Map.entry("*", "suppressed"),
                        Map.entry("NA", "not-available"),
                        Map.entry("..", "not-available"),
                        Map.entry("-", "nil"));
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
        assertThat(d.dimensions().get(0).codes())
                .extracting(CodeSpec::code)
                .containsExactly("waste-recycled", "waste-arisings-tonnes");
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
        InvalidInputException e = (InvalidInputException)
                org.assertj.core.api.Assertions.catchThrowable(() -> CubeDefinition.read("""
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
        assertThat(e.errors().get(0).line()).isEqualTo(8L);
        assertThat(e.errors().get(0).column()).isEqualTo(5);
        assertThat(e.errors().get(0).rule()).isEqualTo("definition");
        assertThat(e.getMessage())
                .contains("dimensions[0].name: dimension name 'Sex-Of-Person' must be lowerCamelCase");
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
                """, "a.yaml"))
                .hasMessageContaining("code male of dimension sex has parent 'persons', which is not in the list");
    }

    @Test
    void malformedYamlIsReportedWithLocation() {
        assertThatThrownBy(() -> CubeDefinition.read("slug: ok\ntitle: [unclosed\n", "a.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("a.yaml:");
    }

    @Test
    void aBadValueOfATopLevelKeyIsReportedAtThatValueNotPastTheEndOfTheFile() throws IOException {
        Path real = Path.of(System.getProperty("user.dir"))
                .resolve("../cube-definitions/recycling.yaml")
                .normalize();
        String yaml = Files.readString(real).replace("levels: [council, country]", "levels: [council, countryy]");
        long lines = yaml.lines().count();
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidInputException.class, () -> CubeDefinition.read(yaml, "badlevelname.yaml"));
        InputError only = e.errors().get(0);
        assertThat(e.errors()).hasSize(1);
        assertThat(only.line()).isLessThanOrEqualTo(lines);
        assertThat(yaml.lines().toList().get((int) only.line() - 1).substring(only.column() - 1))
                .startsWith("countryy]");
        assertThat(only.message()).startsWith("levels[1]: unknown geography level 'countryy'; use one of data-zone");
    }

    @Test
    void aMissingRequiredKeyIsReportedAtTheTopWithAMisspeltKeyWhereItIs() {
        assertThat(errors(VALID.replace("title: Waste", "titel: Waste")))
                .containsExactly(
                        "w.yaml:1:1: 'title' is required",
                        "w.yaml:2:1: titel: unknown key 'titel' (did you mean 'title'?); the keys here are columns, constants, contact, creator, "
                                + "description, dimensions, issued, levels, licence, markers, measures, nextUpdateDue, outcomes, publisher, "
                                + "qualityNotes, slug, source, themes, title, wide");
    }

    @Test
    void unknownKeysOfNestedRecordsAreAllReported() {
        assertThat(errors(VALID + "dimensions:\n  - column: Sex\n    lable: Sex\n  - column: Age\n    shceme: age\n"))
                .containsExactly(
                        "w.yaml:9:5: dimensions[0].lable: unknown key 'lable' (did you mean 'label'?); the keys here are codes, column, label, name, scheme",
                        "w.yaml:11:5: dimensions[1].shceme: unknown key 'shceme' (did you mean 'scheme'?); the keys here are codes, column, label, name, scheme");
    }

    @Test
    void aValueOfTheWrongKindIsSaidInPlainWords() {
        assertThat(errors(VALID.replace("title: Waste", "title: [a, b]")))
                .containsExactly("w.yaml:2:1: title: expected text, found a list");
        assertThat(errors(VALID.replace("units: [Tonnes]}", "units: [Tonnes], datatype: {a: 1}}")))
                .containsExactly("w.yaml:6:50: measures[0].datatype: expected text, found a mapping");
        assertThat(errors(VALID.replace("publisher: SG", "publisher: [SG]")))
                .containsExactly(
                        "w.yaml:4:1: publisher: expected a name, or a mapping with 'label' and 'uri', found a list");
        assertThat(errors(VALID + "wide: melt everything\n"))
                .containsExactly("w.yaml:7:1: wide: expected a mapping (key: value lines), found text");
        assertThat(errors("- a\n- b\n"))
                .containsExactly("w.yaml:1:1: expected a mapping (key: value lines), found a list");
        assertThat(errors(""))
                .containsExactly("w.yaml:1:1: the definition is empty: expected a mapping (key: value lines)");
        assertThat(String.join("\n", errors(VALID.replace("title: Waste", "title: [a, b]"))))
                .doesNotContain("java.", "Jackson", "JsonToken");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThat(errors(VALID.replace("title: Waste", "title: Waste\ntitle: Again")))
                .containsExactly("w.yaml:3:6: the key 'title' appears twice: each key may be given once");
    }

    @Test
    void aYamlSyntaxErrorSaysWhatIsWrongWithoutJacksonsSourceDump() {
        assertThat(errors(VALID.replace("title: Waste", "title: Waste\n  bad: indent")))
                .containsExactly(
                        "w.yaml:3:6: this is not valid YAML: mapping values are not allowed here; check the indentation and quotes");
    }

    @Test
    void aliasesNestingAndLengthAreBounded() throws IOException {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [")
                    .append(("*a" + (i - 1) + ", ").repeat(9))
                    .append("*a")
                    .append(i - 1)
                    .append("]\n");
        }
        List<String> aliases = errors(bomb.toString()); // Jackson never expands aliases: each is one unknown key here
        assertThat(aliases).hasSize(13).allMatch(m -> m.startsWith("w.yaml:") && !m.contains("org.yaml"));
        assertThat(errors("slug: x\nt: " + "[".repeat(100) + "\n"))
                .contains(
                        "w.yaml:1:1: the YAML nests deeper, or holds a longer value, than a cube definition may (32 levels, 4,194,304 characters)");

        Path huge = dir.resolve("huge.yaml");
        try (var out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            out.write("slug: huge\ntitle: \"");
            for (int i = 0; i < 200; i++) {
                out.write("x".repeat(100_000));
            }
            out.write("\"\n");
        }
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidInputException.class, () -> CubeDefinition.read(huge));
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly("huge.yaml:2:65537: this line is longer than 65,536 "
                        + "characters, the most one line may hold (is this the right file?)");
    }

    @Test
    void aNulByteInTheDefinitionIsRefusedWhereItIs() throws IOException {
        Path nul = dir.resolve("nul.yaml");
        Files.writeString(nul, VALID.replace("title: Waste", "title: Wa\u0000ste"));
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidInputException.class, () -> CubeDefinition.read(nul));
        assertThat(e.errors()).extracting(InputError::rule).containsExactly("control-character");
        assertThat(e.errors().get(0).toString())
                .startsWith("nul.yaml:2:10: the file holds a NUL character (byte 0x00)");
    }
}
