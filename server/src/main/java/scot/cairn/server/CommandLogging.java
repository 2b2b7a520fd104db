package scot.cairn.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Logging for every command but {@code serve} (which Spring Boot configures): warnings only, on
 * standard error, so that a command's standard output is its result alone. Without this, logback's
 * default prints every DEBUG and INFO line of Jena and Cairn on standard output.
 * {@code CAIRN_LOG_LEVEL} (e.g. {@code INFO}, {@code DEBUG}) asks for more.
 */
final class CommandLogging {

    private CommandLogging() {}

    /** Sends log lines at {@code level} and above to standard error, and nothing else anywhere. */
    static void toStandardError(String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(Level.toLevel(level == null ? "" : level.strip().toUpperCase(Locale.ROOT), Level.WARN));
    }
}
