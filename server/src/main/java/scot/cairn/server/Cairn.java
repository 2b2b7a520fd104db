package scot.cairn.server;

import picocli.CommandLine;
import scot.cairn.cli.CairnCommand;

/**
 * The executable's entry point ({@code java -jar cairn-exec.jar <command>}): the {@code cairn}
 * commands of the CLI module with {@code serve} first, which starts this application.
 */
public final class Cairn {
    private Cairn() {}

    /** The whole command line: {@code serve} and every CLI command. */
    public static CommandLine commandLine() {
        return CairnCommand.commandLine(new ServeCommand(), new SnapshotCommand());
    }

    /**
     * The command line for these arguments: for {@code serve}, that command alone, so that a
     * server start does not build (and load the classes of) every other command first.
     */
    static CommandLine commandLine(String... args) {
        return isServe(args) ? CairnCommand.commandLineWithOnly(new ServeCommand()) : commandLine();
    }

    private static boolean isServe(String... args) {
        return args.length > 0 && "serve".equals(args[0]);
    }

    public static void main(String[] args) {
        boolean serve = isServe(args);
        if (!serve) {
            CommandLogging.toStandardError(System.getenv("CAIRN_LOG_LEVEL"));
        }
        // Jena must initialise before any command touches its vocabulary classes.
        org.apache.jena.sys.JenaSystem.init();
        int code = commandLine(args).execute(args);
        // serve keeps running on its non-daemon threads; every other command ends here.
        if (!serve || code != 0) {
            System.exit(code);
        }
    }
}
