package scot.cairn.loaders.cube.ic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scot.cairn.store.TripleStore;

/**
 * The constraints on a generated data-zone-shaped cube (50 areas x 10 years x 2 sexes x 5
 * measures: 5,000 observations, measure-dimension pattern) in a TDB2 store on disk that also
 * holds a second data set of the same shape: all 21 hold, every query is bound to the data set
 * it checks, and a duplicated observation is found. The same checks on 100,000 observations, with
 * the time of each constraint, are {@link IntegrityConstraintsScaleBenchmark} (docs/BENCHMARKS.md):
 * the scale is a cost, which a benchmark measures, not a behaviour a functional test can assert.
 */
class IntegrityConstraintsScaleIT {
    private static final GeneratedCube CUBE = new GeneratedCube(50);

    private static TripleStore store;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        // on disk, as published
        store = TripleStore.open(dir.resolve("store"));
        assertThat(CUBE.publish(store, "big-cube")).isGreaterThan(8L * CUBE.observations());
        CUBE.publish(store, "neighbour");
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void everyConstraintHoldsOnAMeasureDimensionCubeBesideAnother() {
        List<IntegrityConstraints.Outcome> outcomes = IntegrityConstraints.run(store, GeneratedCube.target("big-cube"));
        assertThat(outcomes)
                .hasSize(21)
                .allSatisfy(o -> assertThat(o.violation()).as(o.constraint()).isNull());
    }

    @Test
    void duplicateAmongTheObservationsIsFound() {
        try (TripleStore copy = TripleStore.open(dir.resolve("with-duplicate"))) {
            CUBE.publishWithDuplicate(copy, "big-cube");
            List<Violation> violations = IntegrityConstraints.check(copy, GeneratedCube.SCHEME, "big-cube");
            // a duplicate in a measure-dimension cube is also a third observation where two measures are declared
            assertThat(violations).extracting(Violation::constraint).containsExactly("IC-12", "IC-17");
        }
    }
}
