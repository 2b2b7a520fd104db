package scot.cairn.tabulation.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.tabulation.Tabulator;

/** {@code cairn.tabulation.*} bound by Spring as the server binds them: defaults, every property by name, bad values. */
class TabulationPropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TabulationProperties.class)
    static class Binding {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void theDefaultsAreTheReadmeTable() {
        runner.run(context -> {
            TabulationProperties p = context.getBean(TabulationProperties.class);
            assertThat(p)
                    .isEqualTo(new TabulationProperties(
                            200, 4, 100, 2_500_000, 3, 0.5, 20_000_000, "data-zone", 2, 200, false, 1000, 100, 5));
            assertThat(p.memoryRecords()).isEqualTo(Tabulator.DEFAULT_MEMORY_RECORDS);
            DisclosureSettings s = p.disclosureSettings();
            DisclosureSettings d = DisclosureSettings.defaults();
            assertThat(s.minCustomPopulation())
                    .isEqualTo(d.minCustomPopulation())
                    .isEqualTo(200);
            assertThat(s.maxVariables()).isEqualTo(d.maxVariables()).isEqualTo(4);
            assertThat(s.maxCategories()).isEqualTo(d.maxCategories()).isEqualTo(100);
            assertThat(s.maxCells()).isEqualTo(d.maxCells()).isEqualTo(2_500_000);
            assertThat(s.sparseCount()).isEqualTo(d.sparseCount()).isEqualTo(3);
            assertThat(s.maxSparseShare()).isEqualTo(d.maxSparseShare()).isEqualTo(0.5);
            assertThat(s.minFrequency()).isEqualTo(d.minFrequency()).isEqualTo(3);
            assertThat(s.differencing()).isEqualTo(d.differencing());
        });
    }

    @Test
    void everyPropertyBindsByItsName() {
        runner.withPropertyValues(
                        "cairn.tabulation.min-custom-population=500",
                        "cairn.tabulation.max-variables=2",
                        "cairn.tabulation.max-categories=12",
                        "cairn.tabulation.max-cells=10000",
                        "cairn.tabulation.sparse-count=5",
                        "cairn.tabulation.max-sparse-share=0.25",
                        "cairn.tabulation.memory-records=0",
                        "cairn.tabulation.custom-area-blocks=intermediate-zone",
                        "cairn.tabulation.min-atom-zones=3",
                        "cairn.tabulation.min-atom-records=1000",
                        "cairn.tabulation.custom-areas-require-api-key=true",
                        "cairn.tabulation.custom-areas-per-client-per-day=7",
                        "cairn.tabulation.custom-areas-per-anonymous-client-per-day=0",
                        "cairn.tabulation.custom-areas-near-identical-zones=2")
                .run(context -> {
                    TabulationProperties p = context.getBean(TabulationProperties.class);
                    assertThat(p)
                            .isEqualTo(new TabulationProperties(
                                    500, 2, 12, 10_000, 5, 0.25, 0, "intermediate-zone", 3, 1000, true, 7, 0, 2));
                    assertThat(p.disclosureSettings().differencing())
                            .isEqualTo(new scot.cairn.tabulation.differencing.DifferencingSettings(
                                    scot.cairn.tabulation.differencing.DifferencingSettings.BuildingBlocks
                                            .INTERMEDIATE_ZONE,
                                    3,
                                    1000));
                    DisclosureSettings s = p.disclosureSettings();
                    assertThat(s.minCustomPopulation()).isEqualTo(500);
                    assertThat(s.maxVariables()).isEqualTo(2);
                    assertThat(s.maxCategories()).isEqualTo(12);
                    assertThat(s.maxCells()).isEqualTo(10_000);
                    assertThat(s.sparseCount()).isEqualTo(5);
                    assertThat(s.maxSparseShare()).isEqualTo(0.25);
                });
    }

    @Test
    void outOfRangeValuesStopTheStartWithTheSettingNamed() {
        runner.withPropertyValues("cairn.tabulation.max-sparse-share=1.5")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("cairn.tabulation.*: maxSparseShare must be in (0,1], got 1.5"));
        runner.withPropertyValues("cairn.tabulation.memory-records=-1")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("cairn.tabulation.memory-records must be 0 or more"));
        runner.withPropertyValues("cairn.tabulation.max-variables=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("limits must be positive"));
        runner.withPropertyValues("cairn.tabulation.custom-area-blocks=ward")
                .run(
                        context -> assertThat(context)
                                .hasFailed()
                                .getFailure()
                                .hasStackTraceContaining(
                                        "cairn.tabulation.*: building blocks must be data-zone or intermediate-zone, got 'ward'"));
        runner.withPropertyValues("cairn.tabulation.min-atom-zones=0")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("min-atom-zones must be at least 1"));
    }
}
