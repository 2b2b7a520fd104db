package scot.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A command's log lines: warnings only, on standard error, unless CAIRN_LOG_LEVEL asks for more. */
class CommandLoggingTest {

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @AfterEach
    void restore() throws Exception {
        System.setOut(out);
        System.setErr(err);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String[] logged(String level) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        CommandLogging.toStandardError(level);
        Logger log = LoggerFactory.getLogger("org.apache.jena.riot");
        log.debug("a debug line");
        log.info("an info line");
        log.warn("a warning");
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void byDefaultOnlyWarningsReachStandardErrorAndNothingStandardOutput() {
        String[] logged = logged(null);
        assertThat(logged[0]).isEmpty();
        assertThat(logged[1]).isEqualTo("WARN riot: a warning\n");
    }

    @Test
    void cairnLogLevelAsksForMore() {
        String[] logged = logged("info");
        assertThat(logged[0]).isEmpty();
        assertThat(logged[1]).isEqualTo("INFO riot: an info line\nWARN riot: a warning\n");
    }
}
