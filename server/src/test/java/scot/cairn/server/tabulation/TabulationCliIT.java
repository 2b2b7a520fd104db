package scot.cairn.server.tabulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import scot.cairn.server.cli.IngestMicrodataCommand;
import scot.cairn.server.cli.LoadGeographyCommand;
import scot.cairn.server.cli.TabulateCommand;
import scot.cairn.server.cli.TabulateGenerateCommand;
import scot.cairn.testsupport.RealData;

/** The tabulation commands end to end: generate, load geography, ingest, tabulate, refuse. */
class TabulationCliIT {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private static Run run(Object command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(command).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void generateIngestAndTabulateFromTheCommandLine() throws Exception {
        Path lookup = Path.of("../examples/data/geography/example-lookup.csv").toAbsolutePath();
        Path population = RealData.require("population/population20_dz11.csv");
        Path teaching = RealData.require("microdata/Scotland_teaching_file_1PCT.csv");
        Path data = dir.resolve("data");
        Path gen = dir.resolve("gen");

        Run g = run(new TabulateGenerateCommand(), "--population", population.toString(), "--teaching-file", teaching.toString(),
                "--out", gen.toString(), "--zones", lookup.toString(), "--fraction", "0.1");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("persons and").contains("businesses written");
        assertThat(gen.resolve("persons.yaml")).exists();

        assertThat(run(new LoadGeographyCommand(), lookup.toString(), "--data-dir", data.toString()).code()).isZero();

        Run i = run(new IngestMicrodataCommand(), gen.resolve("persons.yaml").toString(), gen.resolve("persons.csv").toString(),
                "--data-dir", data.toString());
        assertThat(i.code()).as(i.err()).isZero();
        assertThat(i.out()).contains("dataset persons:").contains("targeted swapping:").contains("changed data zone");
        assertThat(data.resolve("tabulation/microdata.duckdb")).exists();

        Run t = run(new TabulateCommand(), "--dataset", "persons", "--variables", "sex,age", "--level", "council",
                "--data-dir", data.toString());
        assertThat(t.code()).as(t.err()).isZero();
        // Without a logging configuration, log lines share stdout with the table; the table starts at its header.
        String table = t.out().substring(t.out().indexOf("area,area_name,"));
        assertThat(table).startsWith("area,area_name,sex,sex_label,age,age_label,count,total,withheld\n");
        assertThat(table.strip().split("\n")).hasSize(1 + 2 * 3 * 9);
        assertThat(t.err()).contains("may not add up");

        Path request = dir.resolve("req.json");
        Files.writeString(request, "{\"dataset\":\"persons\",\"variables\":[\"health\"],\"geography\":{\"dataZones\":[\"S01006506\"]}}");
        Run refused = run(new TabulateCommand(), "--request", request.toString(), "--data-dir", data.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("refused (min-custom-population)").contains("to get a table: add data zones");

        Run bad = run(new IngestMicrodataCommand(), gen.resolve("persons.yaml").toString(), lookup.toString(), "--data-dir", data.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("required-column");
    }
}
