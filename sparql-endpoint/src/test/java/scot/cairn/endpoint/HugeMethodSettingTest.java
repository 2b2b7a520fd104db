package scot.cairn.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HugeMethodSettingTest {

    /** The start-up warning depends on reading the flag right, with and without it on the command line. */
    @Test
    void readsWhetherThisJvmCompilesHugeMethods() {
        boolean onCommandLine =
                ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:-DontCompileHugeMethods");
        assertThat(SparqlEndpointConfiguration.compilesHugeMethods()).isEqualTo(onCommandLine);
    }
}
