package scot.cairn.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code cairn} root command and its subcommands: loading, publishing, versions and
 * tabulation. The executable adds the commands that need the whole application in front
 * ({@code serve}) through {@link #commandLine(Object...)}, so this module does not depend on the
 * server. {@code --help} lists every command; {@code <command> --help} lists its options.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "Cairn 0.1.0",
        description = "Publish official statistics as linked open data, serve them, and tabulate microdata safely.")
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
        cli.addSubcommand(new CommandLine.HelpCommand());
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
