package scot.cairn.loaders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Figures published under council codes that later changed: a code history in which S12000099
 * became S12000033 (code only) and S12000098 became S12000036 (boundary changed) on 2021-04-01,
 * and a copy of an example dataset whose rows for chosen periods carry the old codes. Shared with
 * the maps and profiles tests through this module's test jar.
 */
public final class CouncilCodeChanges {

    private CouncilCodeChanges() {}

    /** Writes the code history to {@code dir}/history.csv. */
    public static Path writeHistory(Path dir) throws IOException {
        return Files.writeString(dir.resolve("history.csv"), """
                old_code,new_code,date,level,boundary_changed
                S12000099,S12000033,2021-04-01,council,no
                S12000098,S12000036,2021-04-01,council,yes
                """);
    }

    /**
     * Copies {@code csv} into {@code dir} under the same name, the rows of S12000033 and S12000036
     * whose period matches {@code periods} (a regular expression) under their old codes.
     */
    public static Path writeUnderOldCodes(Path csv, String periods, Path dir) throws IOException {
        String oldRow = "S1200003[36]," + periods + ",.*";
        return Files.writeString(
                dir.resolve(csv.getFileName().toString()),
                Files.readAllLines(csv).stream()
                        .map(l -> l.matches(oldRow)
                                ? l.replace("S12000033", "S12000099").replace("S12000036", "S12000098")
                                : l)
                        .collect(Collectors.joining("\n", "", "\n")));
    }
}
