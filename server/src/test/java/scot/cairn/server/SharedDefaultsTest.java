package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import scot.cairn.tabulation.DisclosureSettings;
import scot.cairn.web.WebConfiguration;

/** Defaults two modules state without depending on each other, held equal here where both are seen. */
class SharedDefaultsTest {

    @Test
    void theTableBuilderStatesTheTabulationServicesLocalityMinimum() {
        // cairn.tabulation.min-custom-population's default is DisclosureSettings' (TabulationPropertiesTest).
        assertThat(WebConfiguration.DEFAULT_MIN_CUSTOM_POPULATION)
                .isEqualTo(DisclosureSettings.defaults().minCustomPopulation());
    }
}
