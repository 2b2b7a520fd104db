package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.formats.InputError;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

class DrafterTest {

    @TempDir
    Path dir;

    final CubeLoader loader = new CubeLoader(UriScheme.defaultScheme(), AreaDirectory.anyWellFormedCode());

    /** What a publisher writes over the draft's placeholders. */
    static String filledIn(String draft) {
        return draft.replace("\"TODO: what the dataset counts or measures, where and when.\"", "People counted.")
                .replace("TODO publisher", "Scottish Government")
                .replace("todo-theme", "population")
                .replace("TODO unit", "People")
                .replace("TODO period, e.g. 2020", "2020")
                .replace("column: TODO", "column: Age")
                .replace("meltInto: TODO", "meltInto: Age");
    }

    @Test
    void draftsDimensionsCodesMeasuresUnitsLevelsAndMarkers() {
        Path csv = CubeFixtures.write(dir, "school_meals.csv", """
                FeatureCode,DateCode,Measurement,Units,Value,Gender
                S01006506,2019,Count,Pupils,12,Male
                S01006506,2019,Count,Pupils,*,Female
                S12000033,2019,Ratio,Percent,45.5,All
                S01006507,2018,Count,Pupils,x,Male
                """);
        String yaml = Drafter.draft(csv, null);
        CubeDefinition d = CubeDefinition.read(filledIn(yaml), "draft.yaml");
        assertThat(d.slug()).isEqualTo("school-meals");
        assertThat(d.title()).isEqualTo("School meals");
        assertThat(d.allowedLevels()).containsExactlyInAnyOrder(AreaLevel.DATA_ZONE, AreaLevel.COUNCIL);
        assertThat(d.dimensions()).hasSize(1);
        assertThat(d.dimensions().get(0).codes()).extracting(CodeSpec::code).containsExactly("male", "female", "all");
        assertThat(d.measures()).extracting(MeasureSpec::measurement).containsExactly("Count", "Ratio");
        assertThat(d.measures().get(0).units()).containsExactly("Pupils");
        assertThat(d.measures().get(0).datatype()).isEqualTo("integer");
        assertThat(d.measures().get(1).datatype()).isEqualTo("decimal");
        assertThat(d.markers()).containsEntry("*", "suppressed").containsEntry("x", "not-available");
        assertThat(yaml).contains("# Period forms: {year=2}").contains("TODO");

        ValidationReport v = loader.validate(d, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(4);
    }

    @Test
    void anUntouchedDraftIsRefusedAtEachPlaceholder() {
        Path csv = CubeFixtures.write(dir, "counts.csv", "FeatureCode,DateCode,Value\nS12000033,2019,5\n");
        String yaml = Drafter.draft(csv, null);
        InvalidInputException e =
                catchThrowableOfType(InvalidInputException.class, () -> CubeDefinition.read(yaml, "counts.yaml"));
        assertThat(e.errors()).extracting(InputError::rule).containsOnly("placeholder");
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "counts.yaml:9:14: description: 'TODO: what the dataset counts or measures, where and when.' is a placeholder left by "
                                + "'cairn draft': replace it with the real value",
                        "counts.yaml:10:12: publisher: 'TODO publisher' is a placeholder left by 'cairn draft': replace it with the real value",
                        "counts.yaml:12:3: themes[0]: 'todo-theme' is a placeholder left by 'cairn draft': replace it with the real value",
                        "counts.yaml:18:5: measures[0].units[0]: 'TODO unit' is a placeholder left by 'cairn draft': replace it with the real value");
        assertThat(yaml.lines().toList().get(8))
                .isEqualTo("description: \"TODO: what the dataset counts or measures, where and when.\"");
    }

    @Test
    void draftsTheWideSectionOfAWideFile() {
        Path csv = CubeFixtures.write(dir, "pop.csv", """
                dz11_code,total_population,sex,0,1,90+
                S01006506,6,All,1,2,3
                S01006506,3,Female,*,1,1
                S01006507,5,Male,1,2,2
                """);
        String yaml = Drafter.draft(csv, null);
        assertThat(yaml)
                .contains("wide:\n  keep:\n    dz11_code: FeatureCode\n    sex: sex\n  meltInto: TODO\n")
                .contains("constants:\n  DateCode: \"TODO period, e.g. 2020\"")
                .contains("- column: sex\n  label: Sex\n  name: sex\n  codes:\n  - All\n  - Female\n  - Male")
                .contains(
                        "# Wide file: 4 columns of numbers are melted, one observation per cell (total_population, 0, 1, 90+).");
        CubeDefinition d = CubeDefinition.read(filledIn(yaml), "pop.yaml");
        assertThat(d.wide().meltInto()).isEqualTo("Age");
        assertThat(d.measures().get(0).datatype()).isEqualTo("integer");
        ValidationReport v = loader.validate(d, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(12);
    }

    @Test
    void meltsYearColumnsIntoThePeriod() {
        Path csv = CubeFixtures.write(dir, "rates.csv", "Area,2019,2020\nS12000033,1.5,2\nS12000034,NA,3\n");
        String yaml = Drafter.draft(csv, "rates");
        assertThat(yaml)
                .contains("meltInto: DateCode")
                .doesNotContain("constants")
                .contains("# Period forms: {year=2}");
        ValidationReport v = loader.validate(CubeDefinition.read(filledIn(yaml), "rates.yaml"), csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(4);
    }

    @Test
    void saysWhichSectionToWriteWhenTheFileHasNoAreaCodes() {
        Path csv = CubeFixtures.write(dir, "sheet.csv", "Region,Total\nNorth,843\n");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Drafter.draft(csv, null));
        assertThat(e.errors()).extracting(InputError::rule).containsExactly("not-drafted");
        assertThat(e.getMessage())
                .startsWith("sheet.csv:1:0: no column holds area codes: the file has no FeatureCode column and no "
                        + "column of GSS codes such as S01006506.")
                .contains("with a 'wide:' section (keep, drop, meltInto, melt, perColumn)")
                .contains("cube-definitions/README.md");
    }

    @Test
    void refusesALatin1FileAtTheByte() {
        byte[] bytes = "FeatureCode,DateCode,Value,Note\nS12000033,2019,5,\u00a3 sterling\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path csv = dir.resolve("latin.csv");
        try {
            java.nio.file.Files.write(csv, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Drafter.draft(csv, null));
        assertThat(e.errors())
                .extracting(InputError::toString)
                .containsExactly(
                        "latin.csv:2:18: byte 0xA3 is not UTF-8: the file is "
                                + "in another encoding (in Windows-1252 or Latin-1, 0xA3 is '£'); save it as UTF-8 and try again");
    }

    @Test
    void draftOfTheRealRecyclingFileValidatesIt() {
        Path csv = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        String yaml = Drafter.draft(csv, "recycling");
        CubeDefinition d = CubeDefinition.read(filledIn(yaml), "recycling.yaml");
        assertThat(d.allowedLevels()).containsExactlyInAnyOrder(AreaLevel.COUNCIL, AreaLevel.COUNTRY);
        assertThat(d.measures()).extracting(MeasureSpec::measurement).containsExactlyInAnyOrder("Count", "Ratio");
        assertThat(d.dimensions().get(0).column()).isEqualTo("Indicator..municipal.waste.");
        assertThat(d.dimensions().get(0).label()).isEqualTo("Indicator municipal waste");
        assertThat(d.dimensions().get(0).name()).isEqualTo("indicatorMunicipalWaste");
        assertThat(d.dimensions().get(0).codes()).hasSize(4);
        assertThat(yaml).contains("government-year=8");
        ValidationReport v = loader.validate(d, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(1023);
    }

    @Test
    void draftOfTheRealPopulationFileIsAWideDefinitionThatValidates() {
        Path csv = RealData.require("population/population20_dz11.csv");
        String yaml = Drafter.draft(csv, "population");
        assertThat(yaml)
                .contains("    dz11_code: FeatureCode")
                .contains("    sex: sex")
                .contains("meltInto: TODO");
        CubeDefinition d = CubeDefinition.read(
                filledIn(yaml).replace("  meltInto: Age", "  drop:\n  - total_population\n  meltInto: Age"),
                "population.yaml");
        assertThat(d.wide().keep()).containsEntry("dz11_code", "FeatureCode").containsEntry("sex", "sex");
        assertThat(d.dimensions()).extracting(DimensionSpec::column).containsExactly("sex", "Age");
        assertThat(d.measures().get(0).datatype()).isEqualTo("integer");
        // validating its 1.9 M observations is RealDataCubesTest's work, with the shipped definition
    }
}
