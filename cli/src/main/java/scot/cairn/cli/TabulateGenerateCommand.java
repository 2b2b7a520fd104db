package scot.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scot.cairn.tabulation.synthetic.SyntheticPopulation;

/** Builds a synthetic population and business register for testing tabulation (nothing is copied from the inputs). */
@Command(
        name = "tabulate-generate",
        mixinStandardHelpOptions = true,
        header = "Generate synthetic microdata keyed to real data zones.",
        description = {
            "Generate synthetic microdata keyed to real data zones: persons matching the small-area population",
            "estimates by sex and age, other attributes drawn from the census teaching file; and a business register.",
            "Writes persons.csv, businesses.csv and their definitions (persons.yaml, businesses.yaml) into --out."
        })
public final class TabulateGenerateCommand implements Callable<Integer> {

    @Option(
            names = "--population",
            required = true,
            description = "population20_dz11.csv (dz11_code,total_population,sex,0..90+).")
    Path population;

    @Option(
            names = "--teaching-file",
            required = true,
            description = "Scotland_teaching_file_1PCT.csv (census microdata teaching file).")
    Path teachingFile;

    @Option(names = "--out", required = true, description = "Folder to write into.")
    Path out;

    @Option(
            names = "--fraction",
            defaultValue = "1",
            description = "Share of each data zone's population to generate (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(
            names = "--zones",
            description = "A file listing the data zones to cover (first column, one a line; a lookup CSV works).")
    Path zones;

    @Option(names = "--seed", defaultValue = "2026", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        Set<String> only = null;
        if (zones != null) {
            only = new HashSet<>();
            for (String line : Files.readAllLines(zones)) {
                if (line.startsWith("S01")) {
                    only.add(line.substring(0, 9));
                }
            }
        }
        Files.createDirectories(out);
        long start = System.nanoTime();
        long persons = SyntheticPopulation.writePersons(
                population, teachingFile, out.resolve("persons.csv"), only, fraction, seed);
        long businesses = SyntheticPopulation.writeBusinesses(population, out.resolve("businesses.csv"), only, seed);
        SyntheticPopulation.writeDefinitions(out);
        System.out.printf(
                Locale.ROOT,
                "%d persons and %d businesses written to %s in %.1f s%n",
                persons,
                businesses,
                out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
