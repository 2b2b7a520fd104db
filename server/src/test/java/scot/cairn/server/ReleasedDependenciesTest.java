package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No milestone, release-candidate, alpha or beta library on the application's classpath (this
 * module's test classpath holds every module's dependencies), except those listed in
 * {@link #NO_FINAL_RELEASE_YET} because no final release of them exists. The Maven enforcer bans
 * SNAPSHOT dependencies, but its version patterns cannot express "a milestone", hence this test.
 */
class ReleasedDependenciesTest {

    /** artifactId to the one pre-release version allowed, while no final release exists. */
    private static final Map<String, String> NO_FINAL_RELEASE_YET = Map.of(
            // Fuseki 5.6.0's own version; the newest is 2.0.0-M5 (see commons-fileupload2.version in the parent pom)
            "commons-fileupload2-jakarta-servlet6", "2.0.0-M4",
            "commons-fileupload2-core", "2.0.0-M4");

    private static final Pattern PRE_RELEASE = Pattern.compile("(?i).*[-.](m|rc|cr|alpha|beta|ea)[-.]?\\d*$");

    @Test
    void everyLibraryOnTheClasspathIsAFinalRelease() {
        List<String> libraries = new ArrayList<>();
        List<String> preReleases = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            // the local repository's layout: .../artifactId/version/artifactId-version[-classifier].jar
            if (!entry.endsWith(".jar") || jar.getNameCount() < 3) {
                continue;
            }
            String version = jar.getParent().getFileName().toString();
            String artifactId = jar.getParent().getParent().getFileName().toString();
            if (!jar.getFileName().toString().startsWith(artifactId + "-" + version)) {
                continue;
            }
            libraries.add(artifactId + ":" + version);
            if (PRE_RELEASE.matcher(version).matches() && !version.equals(NO_FINAL_RELEASE_YET.get(artifactId))) {
                preReleases.add(artifactId + ":" + version);
            }
        }
        assertThat(libraries)
                .as("libraries found on the classpath")
                .hasSizeGreaterThan(50)
                .contains("commons-fileupload2-jakarta-servlet6:2.0.0-M4");
        assertThat(preReleases)
                .as("pre-release libraries (use a final release in the parent's dependencyManagement)")
                .isEmpty();
    }

    @Test
    void thePatternTellsPreReleasesFromReleases() {
        assertThat(List.of("2.0.0-M4", "1.0-RC2", "3.0.0-beta-1", "5.0.0-alpha3", "1.0.0.CR1"))
                .allMatch(v -> PRE_RELEASE.matcher(v).matches());
        assertThat(List.of("2.13.2", "33.4.0-jre", "1.5.4.0", "11.0.22", "4.52.0", "0.10.1"))
                .noneMatch(v -> PRE_RELEASE.matcher(v).matches());
    }
}
