package scot.cairn.cli;

import picocli.CommandLine.Option;

/**
 * How a reading command reports: how many errors it collects before it stops, and whether it
 * shows progress. One mixin, so that {@code validate}, {@code load}, {@code load-geography} and
 * {@code load-boundaries} say the same thing the same way.
 */
final class ReportingOptions {

    @Option(
            names = "--max-errors",
            defaultValue = "100",
            paramLabel = "N",
            description = "Stop after N errors (default: ${DEFAULT-VALUE}).")
    int maxErrors;

    @Option(names = "--quiet", description = "No progress on standard error.")
    boolean quiet;

    /** Progress on standard error, silent with {@code --quiet}. */
    Progress progress() {
        return Progress.onStandardError(quiet);
    }
}
