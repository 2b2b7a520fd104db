package scot.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import scot.cairn.web.WebModel.Point;

class SvgChartTest {

    @Test
    void aChartHasItsTitleAndDescriptionEscapedForScreenReaders() {
        String svg = SvgChart.line("Count in <Culter>", "2021 8 & 2022 7", "Pupils", List.of(new Point("2021", 8.0, ""), new Point("2022", 7.0, "")));
        assertThat(svg).startsWith("<svg").contains("role=\"img\"").contains("aria-labelledby=\"chart-title chart-desc\"")
                .contains("<title id=\"chart-title\">Count in &lt;Culter&gt;</title>").contains("<desc id=\"chart-desc\">2021 8 &amp; 2022 7</desc>");
        assertThat(svg.split("<circle", -1)).hasSize(3);
        assertThat(svg).contains("<path class=\"series\" d=\"M");
    }

    @Test
    void aMissingValueIsAGapLabelledInWords() {
        String svg = SvgChart.line("t", "d", "u", List.of(new Point("2021", 1.0, ""), new Point("2022", null, "suppressed"), new Point("2023", 3.0, "")));
        assertThat(svg).contains(">n/a</text>");
        String path = svg.substring(svg.indexOf(" d=\"") + 4, svg.indexOf('"', svg.indexOf(" d=\"") + 4));
        assertThat(path.split("M", -1)).as("two separate line pieces: " + path).hasSize(3);
        assertThat(path).doesNotContain("L");
    }

    @Test
    void theScaleEndsAtARoundNumber() {
        assertThat(SvgChart.niceCeiling(7)).isEqualTo(10);
        assertThat(SvgChart.niceCeiling(130)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(2.2)).isEqualTo(2.5);
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.number(1234.0)).isEqualTo("1,234");
        assertThat(SvgChart.number(5.45)).isEqualTo("5.5");
    }
}
