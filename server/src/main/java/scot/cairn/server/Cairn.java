package scot.cairn.server;

import picocli.CommandLine.Command;
import picocli.CommandLine;

import scot.cairn.server.cli.DeleteCommand;
import scot.cairn.server.cli.DraftCommand;
import scot.cairn.server.cli.IngestMicrodataCommand;
import scot.cairn.server.cli.LoadBoundariesCommand;
import scot.cairn.server.cli.LoadCommand;
import scot.cairn.server.cli.LoadGeographyCommand;
import scot.cairn.server.cli.ServeCommand;
import scot.cairn.server.cli.TabulateCommand;
import scot.cairn.server.cli.TabulateGenerateCommand;
import scot.cairn.server.cli.ValidateCommand;
import scot.cairn.server.cli.VersionsCommand;

/**
 * The command-line entry of the publisher: {@code java -jar cairn.jar <command>}.
 * {@code --help} lists every command; {@code <command> --help} lists its options.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "Cairn 0.1.0",
        description = "Publish official statistics as linked open data, serve them, and tabulate microdata safely.",
        subcommands = {
                ServeCommand.class,
                LoadGeographyCommand.class,
                LoadBoundariesCommand.class,
                DraftCommand.class,
                ValidateCommand.class,
                LoadCommand.class,
                DeleteCommand.class,
                VersionsCommand.class,
                IngestMicrodataCommand.class,
                TabulateCommand.class,
                TabulateGenerateCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Cairn implements Runnable {

    public static void main(String[] args) {
        // Jena must initialise before any command touches its vocabulary classes.
        org.apache.jena.sys.JenaSystem.init();
        CommandLine cli = new CommandLine(new Cairn());
        int code = cli.execute(args);
        // serve keeps running on its non-daemon threads; every other command ends here.
        if (args.length == 0 || !"serve".equals(args[0]) || code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
