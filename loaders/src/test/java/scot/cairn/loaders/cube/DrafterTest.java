package scot.cairn.loaders.cube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scot.cairn.formats.InvalidInputException;
import scot.cairn.testsupport.RealData;
import scot.cairn.vocab.AreaLevel;
import scot.cairn.vocab.UriScheme;

class DrafterTest {

    @TempDir
    Path dir;

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
        CubeDefinition d = CubeDefinition.read(yaml, "draft.yaml");
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

        ValidationReport v = new CubeLoader(UriScheme.defaultScheme(), AreaDirectory.anyWellFormedCode()).validate(d, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(4);
    }

    @Test
    void refusesAFileThatIsNotInTheUploadFormat() {
        Path csv = CubeFixtures.write(dir, "wide.csv", "dz11_code,total_population\nS01006506,843\n");
        assertThatThrownBy(() -> Drafter.draft(csv, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wide.csv:1:0: missing column 'FeatureCode'");
    }

    @Test
    void draftOfTheRealRecyclingFileValidatesIt() {
        Path csv = RealData.require("statistics_gov_scot/sg_training/recycling_data.csv");
        String yaml = Drafter.draft(csv, "recycling");
        CubeDefinition d = CubeDefinition.read(yaml, "recycling.yaml");
        assertThat(d.allowedLevels()).containsExactlyInAnyOrder(AreaLevel.COUNCIL, AreaLevel.COUNTRY);
        assertThat(d.measures()).extracting(MeasureSpec::measurement).containsExactlyInAnyOrder("Count", "Ratio");
        assertThat(d.dimensions().get(0).column()).isEqualTo("Indicator..municipal.waste.");
        assertThat(d.dimensions().get(0).codes()).hasSize(4);
        assertThat(yaml).contains("government-year=8");
        ValidationReport v = new CubeLoader(UriScheme.defaultScheme(), AreaDirectory.anyWellFormedCode()).validate(d, csv);
        assertThat(v.errors()).isEmpty();
        assertThat(v.observations()).isEqualTo(1023);
    }
}
