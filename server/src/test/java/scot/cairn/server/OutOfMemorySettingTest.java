package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfMemorySettingTest {

    /** The start-up warning depends on reading the flag right, with and without it on the command line. */
    @Test
    void readsWhetherThisJvmStopsOnOutOfMemory() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean onCommandLine =
                args.contains("-XX:+ExitOnOutOfMemoryError") || args.contains("-XX:+CrashOnOutOfMemoryError");
        assertThat(ServeCommand.stopsOnOutOfMemory()).isEqualTo(onCommandLine);
    }
}
