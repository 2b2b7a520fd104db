package scot.cairn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scot.cairn.formats.InvalidInputException;
import scot.cairn.loaders.cube.Drafter;

/** Writes a starting cube definition for a tidy CSV file. */
@Command(
        name = "draft",
        mixinStandardHelpOptions = true,
        header = "Write a starting cube definition for a CSV file, to fill in and validate.",
        description = {
            "Read a tidy CSV file (upload format) and write a starting cube definition: levels, periods,",
            "measure types and units, dimensions and their codes, markers. Fill in its TODOs, then validate."
        })
public final class DraftCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The data file.")
    Path csv;

    @Option(names = "--slug", description = "Dataset slug (default: from the file name).")
    String slug;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "Where to write the definition (default: SLUG.yaml beside the data file; '-' for standard output).")
    String output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() {
        try {
            String yaml = Drafter.draft(csv, slug);
            if ("-".equals(output)) {
                System.out.print(yaml);
                return 0;
            }
            String s = yaml.lines()
                    .filter(l -> l.startsWith("slug: "))
                    .findFirst()
                    .orElseThrow()
                    .substring(6)
                    .strip();
            Path out = output != null ? Path.of(output) : csv.toAbsolutePath().resolveSibling(s + ".yaml");
            if (Files.exists(out) && !force) {
                System.err.println("error: " + out + " exists; use --force to overwrite it");
                return 1;
            }
            Files.writeString(out, yaml, StandardCharsets.UTF_8);
            System.out.println("wrote " + out + ": fill in its TODOs, then run 'cairn validate " + shortest(out) + " "
                    + csv + "'");
            return 0;
        } catch (InvalidInputException e) {
            CubeCommandSupport.printErrors(e, System.err);
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** The path as the user would type it from here: relative to the working directory when it is below it. */
    private static Path shortest(Path file) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }
}
