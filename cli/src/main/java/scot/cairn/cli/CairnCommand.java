package scot.cairn.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cairn} root command and its subcommands: loading, publishing, versions and
 * tabulation. The executable adds the commands that need the whole application in front
 * ({@code serve}) through {@link #commandLine(Object...)}, so this module does not depend on the
 * server. {@code --help} lists every command; {@code <command> --help} lists its options. An
 * error any command does not handle itself is one line on standard error, never a stack trace
 * (unless {@code CAIRN_LOG_LEVEL=DEBUG}).
 */
@Command(
        name = "cairn",
        mixinStandardHelpOptions = true,
        version = "Cairn 0.1.0",
        header = "Publish official statistics as linked open data, serve them, and tabulate microdata safely.",
        description = {
            "Each command says what it does with --help. Logs go to standard error, warnings only",
            "unless CAIRN_LOG_LEVEL=INFO (or DEBUG) is set."
        })
public final class CairnCommand implements Runnable {

    /** The commands of this module, in the order {@code --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            LoadGeographyCommand.class,
            LoadBoundariesCommand.class,
            DraftCommand.class,
            ValidateCommand.class,
            LoadCommand.class,
            DeleteCommand.class,
            VersionsCommand.class,
            IngestMicrodataCommand.class,
            TabulateCommand.class,
            TabulateGenerateCommand.class);

    /** Width of the help text: wide enough that URLs and defaults are not broken across lines. */
    private static final int HELP_WIDTH = 110;

    @Spec
    CommandSpec spec;

    /**
     * The command line: {@code first} (annotated picocli commands, e.g. the server's {@code serve}),
     * then this module's commands, then {@code help}.
     */
    public static CommandLine commandLine(Object... first) {
        CommandLine cli = new CommandLine(new CairnCommand());
        for (Object command : first) {
            cli.addSubcommand(command);
        }
        for (Class<?> command : COMMANDS) {
            cli.addSubcommand(command);
        }
        return finish(cli);
    }

    /**
     * A command line with {@code only} these commands (and {@code help}), for running one that
     * needs no other: picocli reads every command's annotations and loads its classes as it is
     * added, which a server start need not wait for. {@code --help} then lists only these.
     */
    public static CommandLine commandLineWithOnly(Object... only) {
        CommandLine cli = new CommandLine(new CairnCommand());
        for (Object command : only) {
            cli.addSubcommand(command);
        }
        return finish(cli);
    }

    private static CommandLine finish(CommandLine cli) {
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setExecutionExceptionHandler(CairnCommand::oneLine);
        return cli;
    }

    /** An exception no command handled: one line saying what went wrong, exit code 1. */
    private static int oneLine(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("error: " + describe(e));
        String level = System.getenv().getOrDefault("CAIRN_LOG_LEVEL", "");
        if (level.equalsIgnoreCase("DEBUG") || level.equalsIgnoreCase("TRACE")) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** An exception's message in words, with its cause when the message alone says nothing. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            String kind = e.getClass()
                    .getSimpleName()
                    .replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                    .toLowerCase(Locale.ROOT);
            return e.getCause() != null && e.getCause() != e ? kind + ": " + describe(e.getCause()) : kind;
        }
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
