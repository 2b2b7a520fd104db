package scot.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.testsupport.RealData;

/** The tabulation commands end to end: generate, load geography, ingest, tabulate, refuse. */
class TabulationCliIT {
    @TempDir
    Path dir;

    @Test
    void generateIngestAndTabulateFromTheCommandLine() throws Exception {
        Path lookup = Path.of("../examples/data/geography/example-lookup.csv").toAbsolutePath();
        Path population = RealData.require("population/population20_dz11.csv");
        Path teaching = RealData.require("microdata/Scotland_teaching_file_1PCT.csv");
        Path data = dir.resolve("data");
        Path gen = dir.resolve("gen");

        CliRun g = CliRun.of(
                "tabulate-generate",
                "--population",
                population.toString(),
                "--teaching-file",
                teaching.toString(),
                "--out",
                gen.toString(),
                "--zones",
                lookup.toString(),
                "--fraction",
                "0.1");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("persons and").contains("businesses written");
        assertThat(gen.resolve("persons.yaml")).exists();

        assertThat(CliRun.of("load-geography", lookup.toString(), "--data-dir", data.toString())
                        .code())
                .isZero();

        CliRun i = CliRun.of(
                "ingest-microdata",
                gen.resolve("persons.yaml").toString(),
                gen.resolve("persons.csv").toString(),
                "--data-dir",
                data.toString());
        assertThat(i.code()).as(i.err()).isZero();
        assertThat(i.out())
                .contains("dataset persons:")
                .contains("targeted swapping:")
                .contains("changed data zone");
        assertThat(data.resolve("tabulation/microdata.duckdb")).exists();

        CliRun t = CliRun.of(
                "tabulate",
                "--dataset",
                "persons",
                "--variables",
                "sex,age",
                "--level",
                "council",
                "--data-dir",
                data.toString());
        assertThat(t.code()).as(t.err()).isZero();
        // Without a logging configuration, log lines share stdout with the table; the table starts at its header.
        String table = t.out().substring(t.out().indexOf("area,area_name,"));
        assertThat(table).startsWith("area,area_name,sex,sex_label,age,age_label,count,total,withheld\n");
        assertThat(table.strip().split("\n")).hasSize(1 + 2 * 3 * 9);
        assertThat(t.err()).contains("may not add up");

        Path request = dir.resolve("req.json");
        Files.writeString(
                request,
                "{\"dataset\":\"persons\",\"variables\":[\"health\"],\"geography\":{\"dataZones\":[\"S01006506\"]}}");
        CliRun refused = CliRun.of("tabulate", "--request", request.toString(), "--data-dir", data.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err())
                .contains("refused (min-custom-population)")
                .contains("to get a table: add data zones");

        CliRun bad = CliRun.of(
                "ingest-microdata",
                gen.resolve("persons.yaml").toString(),
                lookup.toString(),
                "--data-dir",
                data.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("required-column");
    }
}
