package scot.cairn.tabulation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Small seeded person-level microdata for tests: persons spread over given data zones. */
final class TestPopulation {
    private TestPopulation() {}

    static final String DEFINITION = """
            name: persons
            title: Test persons
            unit: persons
            geography: dz
            variables:
              - name: sex
                label: Sex
                categories: {"1": Male, "2": Female}
              - name: age
                label: Age
                categories: {"1": 0 to 15, "2": 16 to 24, "3": 25 to 34, "4": 35 to 44, "5": 45 to 54, "6": 55 to 64, "7": 65 to 74, "8": 75 and over}
              - name: health
                label: General health
                categories: {"1": Very good, "2": Good, "3": Fair, "4": Bad, "5": Very bad}
              - name: ethnic
                label: Ethnic group
                categories: {"1": White, "2": Mixed, "3": Asian, "4": African, "5": Caribbean or Black, "6": Other}
            """;

    static MicrodataDefinition definition() {
        return MicrodataDefinition.parse(DEFINITION, "test-definition.yaml");
    }

    /**
     * Writes {@code perZone} persons to each data zone. Ethnic groups other than White are rare
     * (about 1 in 25), so many zones hold a unique combination.
     */
    static Path write(Path file, List<String> zones, int perZone, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(
                        w,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader("dz", "sex", "age", "health", "ethnic")
                                .get())) {
            for (String dz : zones) {
                for (int i = 0; i < perZone; i++) {
                    int health = Math.min(5, 1 + (int) Math.floor(-Math.log(1 - rnd.nextDouble()) * 0.9));
                    int ethnic = rnd.nextInt(25) == 0 ? 2 + rnd.nextInt(5) : 1;
                    p.printRecord(dz, 1 + rnd.nextInt(2), 1 + rnd.nextInt(8), health, ethnic);
                }
            }
        }
        return file;
    }
}
