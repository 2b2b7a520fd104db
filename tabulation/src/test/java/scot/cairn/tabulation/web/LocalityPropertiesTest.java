package scot.cairn.tabulation.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import scot.cairn.tabulation.ApiKeys;
import scot.cairn.tabulation.LocalityLimits;

/** {@code cairn.tabulation.localities.*}, {@code api-keys.*} and {@code max-request-bytes} as the server binds them. */
class LocalityPropertiesTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({LocalityProperties.class, TabulationClientProperties.class})
    static class Binding {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        runner.run(context -> {
            assertThat(context.getBean(LocalityProperties.class).limits())
                    .isEqualTo(LocalityLimits.defaults())
                    .isEqualTo(new LocalityLimits(100, 1_000, 10_000, 500, 20, false));
            TabulationClientProperties clients = context.getBean(TabulationClientProperties.class);
            assertThat(clients.maxRequestBytes()).isEqualTo(262_144);
            assertThat(clients.keys().isEmpty()).isTrue();
        });
    }

    @Test
    void everySettingBindsByItsName() {
        runner.withPropertyValues(
                        "cairn.tabulation.localities.max-name-length=60",
                        "cairn.tabulation.localities.max-data-zones=50",
                        "cairn.tabulation.localities.max-localities=300",
                        "cairn.tabulation.localities.max-per-client=30",
                        "cairn.tabulation.localities.max-per-anonymous-client=0",
                        "cairn.tabulation.localities.require-api-key=true",
                        "cairn.tabulation.max-request-bytes=65536",
                        "cairn.tabulation.api-keys.aberdeen-council=" + ApiKeys.sha256Hex("k1"),
                        "cairn.tabulation.api-keys.library=" + ApiKeys.sha256Hex("k2"))
                .run(context -> {
                    assertThat(context.getBean(LocalityProperties.class).limits())
                            .isEqualTo(new LocalityLimits(60, 50, 300, 30, 0, true));
                    TabulationClientProperties clients = context.getBean(TabulationClientProperties.class);
                    assertThat(clients.maxRequestBytes()).isEqualTo(65_536);
                    assertThat(clients.keys().client("k1")).contains("aberdeen-council");
                    assertThat(clients.keys().client("k2")).contains("library");
                });
    }

    @Test
    void badValuesStopTheStartWithTheSettingNamed() {
        for (String[] bad : new String[][] {
            {"cairn.tabulation.localities.max-name-length=0", "cairn.tabulation.localities.max-name-length"},
            {"cairn.tabulation.localities.max-data-zones=-1", "cairn.tabulation.localities.max-data-zones"},
            {"cairn.tabulation.localities.max-localities=0", "cairn.tabulation.localities.max-localities"},
            {"cairn.tabulation.localities.max-per-client=0", "cairn.tabulation.localities.max-per-client"},
            {
                "cairn.tabulation.localities.max-per-anonymous-client=-2",
                "cairn.tabulation.localities.max-per-anonymous-client"
            },
            {"cairn.tabulation.max-request-bytes=100", "cairn.tabulation.max-request-bytes"},
            {"cairn.tabulation.api-keys.council=the-key-in-clear", "client 'council'"}
        }) {
            runner.withPropertyValues(bad[0]).run(context -> {
                assertThat(context).hasFailed().getFailure().as(bad[0]).hasStackTraceContaining(bad[1]);
                assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("the-key-in-clear");
            });
        }
    }
}
