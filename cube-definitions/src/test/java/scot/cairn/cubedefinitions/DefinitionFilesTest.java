package scot.cairn.cubedefinitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import scot.cairn.loaders.cube.CubeDefinition;

/** Every definition kept in this folder (and in the bundled examples) reads as a valid definition. */
class DefinitionFilesTest {

    static final Path HERE = Path.of(System.getProperty("user.dir"));

    static Stream<Path> definitions() throws IOException {
        List<Path> dirs =
                List.of(HERE, HERE.resolve("../examples/data/datasets").normalize());
        Stream<Path> all = Stream.empty();
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    all = Stream.concat(all, s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream());
                }
            }
        }
        return all;
    }

    @Test
    void theFolderHoldsDefinitions() throws IOException {
        assertThat(definitions().map(p -> p.getFileName().toString()))
                .contains(
                        "recycling.yaml",
                        "employment.yaml",
                        "simd-2020-indicators.yaml",
                        "population-estimates-2020.yaml");
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void readsAsAValidDefinitionWhoseSlugIsItsFileName(Path file) {
        CubeDefinition d = CubeDefinition.read(file);
        assertThat(d.slug() + ".yaml").isEqualTo(file.getFileName().toString());
        assertThat(d.title()).isNotBlank();
        assertThat(d.measures()).isNotEmpty();
    }
}
