package scot.cairn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import scot.cairn.web.WebModel.Point;

class SvgChartTest {

    @Test
    void aChartHasItsTitleAndDescriptionEscapedForScreenReaders() {
        String svg = SvgChart.line(
                "Count in <Culter>",
                "2021 8 & 2022 7",
                "Pupils",
                List.of(new Point("2021", 8.0, "", ""), new Point("2022", 7.0, "", "")));
        assertThat(svg)
                .startsWith("<svg")
                .contains("role=\"img\"")
                .contains("aria-labelledby=\"chart-title chart-desc\"")
                .contains("<title id=\"chart-title\">Count in &lt;Culter&gt;</title>")
                .contains("<desc id=\"chart-desc\">2021 8 &amp; 2022 7</desc>");
        assertThat(svg.split("<circle", -1)).hasSize(3);
        assertThat(svg).contains("<path class=\"series\" d=\"M");
    }

    @Test
    void aMissingValueIsAGapLabelledInWords() {
        String svg = SvgChart.line(
                "t",
                "d",
                "u",
                List.of(
                        new Point("2021", 1.0, "", ""),
                        new Point("2022", null, "suppressed", ""),
                        new Point("2023", 3.0, "", "")));
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

    @Test
    void longPeriodLabelsAreSlantedAndNoneRunsPastTheEdge() {
        java.util.List<Point> years = new java.util.ArrayList<>();
        for (int y = 2006; y <= 2022; y++) {
            years.add(new Point(y + "/" + (y + 1), 10.0 + y % 3, "", "Tonnes"));
        }
        String svg = SvgChart.line("t", "d", SvgChart.unitOf(years, "Count"), years);
        assertThat(svg).contains("rotate(-45").contains(">2022/2023</text>").contains(">Tonnes</text>");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "<text class=\"axis\" x=\"([\\d.]+)\" y=\"\\d+\" text-anchor=\"end\" transform")
                .matcher(svg);
        while (m.find()) {
            assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(640);
        }
        // Few short labels stay level, with room on the right for the last one.
        String level = SvgChart.line(
                "t", "d", "u", List.of(new Point("2011/2012", 1.0, "", ""), new Point("2012/2013", 2.0, "", "")));
        assertThat(level).doesNotContain("rotate(-45");
        java.util.regex.Matcher last = java.util.regex.Pattern.compile(
                        "x=\"([\\d.]+)\" y=\"\\d+\" text-anchor=\"middle\">2012/2013<")
                .matcher(level);
        assertThat(last.find()).isTrue();
        assertThat(Double.parseDouble(last.group(1)) + "2012/2013".length() * 7.2 / 2)
                .isLessThanOrEqualTo(640);
    }

    @Test
    void theAxisIsNamedByTheSeriesOneUnit() {
        assertThat(SvgChart.unitOf(
                        List.of(
                                new Point("2021", 1.0, "", "Kg Per Capita"),
                                new Point("2022", 2.0, "", "Kg Per Capita")),
                        "Count"))
                .isEqualTo("Kg Per Capita");
        assertThat(SvgChart.unitOf(List.of(new Point("2021", 1.0, "", "")), "Count"))
                .isEqualTo("Count");
        assertThat(SvgChart.unitOf(
                        List.of(new Point("2021", 1.0, "", "Tonnes"), new Point("2022", 1.0, "", "ktonnes")), "Count"))
                .isEqualTo("mixed units: Tonnes, ktonnes");
    }
}
